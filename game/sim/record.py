"""The game record: one JSON file for saves, replays, undo and the debrief.

A record is a header (format and game versions, scenario id and content
hash, seed, seats) plus the ordered moves, chance outcomes included, so a
replay never needs the random streams. A save adds the state of the AI and
chance streams so a resumed game continues exactly as it would have.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.actions import Action, IllegalActionError, InvalidActionError
from game.engine.defs import Scenario
from game.engine.game import Game
from game.sim.run import streams

RECORD_FORMAT = 1
GAME_VERSION = "0.1.0"
MAX_RECORD_BYTES = 5 * 1024 * 1024


class RecordError(Exception):
    """A record or save that cannot be used, with a message for the player."""


@dataclass
class Record:
    """Header and moves of one game."""

    scenario: str
    variant: str
    content_hash: str
    seed: int
    seats: dict[str, str]
    moves: list[str] = field(default_factory=list)
    final_hash: str = ""
    streams: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The record as a JSON object."""
        out: dict[str, Any] = {
            "format": RECORD_FORMAT,
            "game": "successor",
            "version": GAME_VERSION,
            "scenario": self.scenario,
            "variant": self.variant,
            "content_hash": self.content_hash,
            "seed": self.seed,
            "seats": self.seats,
            "moves": self.moves,
        }
        if self.final_hash:
            out["final_hash"] = self.final_hash
        if self.streams:
            out["streams"] = self.streams
        return out

    @classmethod
    def from_json(cls, d: Any) -> Record:
        """Check and read a record object; raises :class:`RecordError` with a reason."""
        if not isinstance(d, dict) or d.get("game") != "successor":
            raise RecordError("this is not a Successor game record")
        if d.get("format") != RECORD_FORMAT:
            raise RecordError(
                f"the record uses format {d.get('format')!r}; this version reads format {RECORD_FORMAT}"
            )
        try:
            rec = cls(
                scenario=_str(d, "scenario"),
                variant=_str(d, "variant"),
                content_hash=_str(d, "content_hash"),
                seed=_int(d, "seed"),
                seats={str(k): str(v) for k, v in _dict(d, "seats").items()},
                moves=[str(m) for m in _list(d, "moves")],
                final_hash=str(d.get("final_hash", "")),
                streams=dict(d.get("streams") or {}),
            )
        except (TypeError, ValueError) as e:
            raise RecordError(f"the record is damaged: {e}") from e
        return rec

    def save(self, path: Path) -> None:
        """Write the record atomically (a crash never leaves half a file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.to_json(), fh, indent=1)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> Record:
        """Read a record file; raises :class:`RecordError` with a clear message."""
        try:
            size = path.stat().st_size
            if size > MAX_RECORD_BYTES:
                raise RecordError(f"{path.name} is too large to be a game record ({size:,} bytes)")
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as e:
            raise RecordError(f"no such file: {path}") from e
        except (OSError, UnicodeDecodeError) as e:
            raise RecordError(f"cannot read {path.name}: {e}") from e
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise RecordError(f"{path.name} is damaged (not valid JSON at line {e.lineno})") from e
        return cls.from_json(data)


def _str(d: dict[str, Any], k: str) -> str:
    v = d.get(k)
    if not isinstance(v, str):
        raise ValueError(f"'{k}' should be text")
    return v


def _int(d: dict[str, Any], k: str) -> int:
    v = d.get(k)
    if not isinstance(v, int) or isinstance(v, bool):
        raise ValueError(f"'{k}' should be a whole number")
    return v


def _dict(d: dict[str, Any], k: str) -> dict[str, Any]:
    v = d.get(k)
    if not isinstance(v, dict):
        raise ValueError(f"'{k}' should be a mapping")
    return v


def _list(d: dict[str, Any], k: str) -> list[Any]:
    v = d.get(k)
    if not isinstance(v, list):
        raise ValueError(f"'{k}' should be a list")
    return v


def replay(sc: Scenario, rec: Record) -> Game:
    """Rebuild a game from its record; raises :class:`RecordError` if a move does not fit."""
    if rec.content_hash != sc.content_hash:
        raise RecordError(
            f"the record was made with a different version of '{rec.variant or rec.scenario}' "
            f"(content {rec.content_hash}, now {sc.content_hash})"
        )
    game_seed, _, _ = streams(rec.seed, len(sc.factions))
    game = Game(sc, game_seed)
    for i, move in enumerate(rec.moves):
        try:
            game.apply(Action.parse(move))
        except (IllegalActionError, InvalidActionError) as e:
            raise RecordError(f"move {i + 1} ({move!r}) cannot be played: {e}") from e
    return game
