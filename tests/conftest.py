"""Shared fixtures: the first scenario and fresh games of it."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.engine.game import Game
from game.scenario.load import load_scenario


@pytest.fixture(scope="session")
def sc():
    """The compiled triumvirate scenario."""
    return load_scenario("triumvirate")


@pytest.fixture
def game(sc):
    """A fresh game of the triumvirate, waiting for its first decision."""
    return Game(sc, seed=11)


def to_actions(game: Game, faction: str) -> Game:
    """Answer event choices historically until ``faction`` must take an action."""
    for _ in range(200):
        who = game.current_player()
        st = game.state
        if who == faction and not st.pending and st.step == "actions":
            return game
        legal = game.legal_actions()
        if st.pending and st.pending[0].kind == "event":
            ev = game.sc.events[st.pending[0].subject]
            hist = [a for a in legal if next(o for o in ev.options if o.id == a.target).historical]
            game.apply(hist[0] if hist else legal[0])
        elif st.pending:
            game.apply(legal[0])
        else:
            game.apply(next(a for a in legal if a.kind == "pass"))
    raise AssertionError(f"{faction} never came to act")
