"""Successor: run the game or its tools. See README.md."""

from game.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
