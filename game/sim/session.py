"""A game being played by people and computer players: what front ends drive.

The session owns the game, the seats (human or AI), the random streams, and
the undo stack. Undo works within a human's own turn and never across a
chance outcome or another player's move, so it can never re-roll luck.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from game.ai.players import HeuristicPlayer, Player, RandomPlayer
from game.engine.actions import CHANCE, Action
from game.engine.defs import Scenario
from game.engine.game import TERMINAL, Game
from game.sim.record import Record, RecordError, replay
from game.sim.run import sample_chance, streams

HUMAN = "human"


def parse_seat(seat: str) -> tuple[str, str]:
    """('human', '') | ('ai', profile) | ('random', '')."""
    if seat in (HUMAN, "random"):
        return seat, ""
    if seat.startswith("ai:"):
        return "ai", seat[3:]
    raise ValueError(f"unknown seat {seat!r} (use human, random or ai:<profile>)")


class Session:
    """One game with its seats; see the module docstring."""

    def __init__(self, sc: Scenario, seed: int, seats: dict[str, str]) -> None:
        self.sc = sc
        self.seed = seed
        self.seats = {f.id: seats.get(f.id, "ai:historical") for f in sc.factions}
        game_seed, self.chance, self.seat_rngs = streams(seed, len(sc.factions))
        self.game = Game(sc, game_seed)
        self.players: dict[str, Player] = {}
        for f, rng in zip(sc.factions, self.seat_rngs, strict=True):
            kind, profile = parse_seat(self.seats[f.id])
            if kind == "ai":
                self.players[f.id] = HeuristicPlayer(rng, profile)
            elif kind == "random":
                self.players[f.id] = RandomPlayer(rng)
        self._undo: list[Game] = []
        self._undo_owner = ""

    # ------------------------------------------------------------ playing
    def to_move(self) -> str:
        """Who decides now: a faction id, ``chance`` or ``terminal``."""
        return self.game.current_player()

    def human_to_move(self) -> bool:
        """Whether a human seat must decide now."""
        who = self.to_move()
        return who not in (CHANCE, TERMINAL) and self.seats.get(who) == HUMAN

    def advance(self, limit: int = 10_000) -> list[str]:
        """Let chance and the computer players move until a human must decide."""
        done: list[str] = []
        for _ in range(limit):
            who = self.to_move()
            if who == TERMINAL or self.human_to_move():
                break
            if who == CHANCE:
                a = sample_chance(self.game, self.chance)
            else:
                a = self.players[who].choose(self.game)
            self.game.apply(a)
            done.append(str(a))
            self._undo.clear()
        return done

    def play(self, action: Action | str) -> None:
        """A human's move (raises IllegalActionError with the reason if not allowed)."""
        who = self.to_move()
        snapshot = self.game.clone()
        self.game.apply(action)
        if self._undo_owner != who:
            self._undo.clear()
            self._undo_owner = who
        self._undo.append(snapshot)

    def can_undo(self) -> bool:
        """Whether there is a move of this human's turn to take back."""
        return bool(self._undo)

    def undo(self) -> bool:
        """Take back the last move of the current human's turn."""
        if not self._undo:
            return False
        self.game = self._undo.pop()
        return True

    # ------------------------------------------------------------ records
    def record(self) -> Record:
        """The game so far as a record, with the streams needed to resume it."""
        return Record(
            scenario=self.sc.id,
            variant=self.sc.variant,
            content_hash=self.sc.content_hash,
            seed=self.seed,
            seats=dict(self.seats),
            moves=list(self.game.moves),
            final_hash=self.game.state.digest(),
            streams=self._stream_states(),
        )

    def save(self, path: Path) -> None:
        """Save the game (atomically)."""
        self.record().save(path)

    def _stream_states(self) -> dict[str, Any]:
        out: dict[str, Any] = {"chance": _state(self.chance)}
        for f, rng in zip(self.sc.factions, self.seat_rngs, strict=True):
            out[f.id] = _state(rng)
        return out

    @classmethod
    def resume(cls, sc: Scenario, rec: Record) -> Session:
        """Rebuild a saved session; raises :class:`RecordError` with the reason."""
        s = cls(sc, rec.seed, rec.seats)
        s.game = replay(sc, rec)
        if rec.final_hash and s.game.state.digest() != rec.final_hash:
            raise RecordError("the save does not replay to the state it recorded (it was altered)")
        try:
            if "chance" in rec.streams:
                _restore(s.chance, rec.streams["chance"])
            for f, rng in zip(sc.factions, s.seat_rngs, strict=True):
                if f.id in rec.streams:
                    _restore(rng, rec.streams[f.id])
        except (KeyError, TypeError, ValueError) as e:
            raise RecordError(f"the save's random streams are damaged: {e}") from e
        return s


def _state(rng: np.random.Generator) -> dict[str, Any]:
    st = rng.bit_generator.state
    return {
        "bit_generator": st["bit_generator"],
        "state": {k: int(v) for k, v in st["state"].items()},
        "has_uint32": int(st["has_uint32"]),
        "uinteger": int(st["uinteger"]),
    }


def _restore(rng: np.random.Generator, data: Any) -> None:
    if not isinstance(data, dict) or data.get("bit_generator") != "PCG64":
        raise ValueError("unknown stream")
    rng.bit_generator.state = data
