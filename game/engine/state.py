"""The mutable game state: everything that changes while a game is played.

The state is data only (lists, dicts and NumPy arrays) plus a reference to
the immutable :class:`~game.engine.defs.Scenario`, so cloning is cheap and
every state serialises to JSON and back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from game.engine.defs import POOL, Scenario

F32 = npt.NDArray[np.float32]
I8 = npt.NDArray[np.int8]

STATE_FORMAT = 1


@dataclass(slots=True)
class Motion:
    """A motion tabled for a coming meeting.

    ``target`` is a faction index (condemn), a post index (remove), a leader
    index (drop, expel_cc, expel, readmit) or an axis index (line); for a
    line ``value`` is the position the motion asks the party to adopt.
    """

    kind: str
    proposer: int
    target: int
    value: float = 0.0
    authority: float = 0.0
    meeting: str = ""
    origin: str = ""


@dataclass(slots=True)
class Decision:
    """A choice the game waits for: an event option, an offer or chance."""

    kind: str  # "event" | "offer" | "chance"
    faction: int  # -1 for chance
    subject: int  # event index, or offering faction
    options: tuple[str, ...]
    probs: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the chronicle: a newspaper headline with its detail."""

    season: int
    kind: str
    headline: str
    detail: str = ""
    faction: int = -1


@dataclass(slots=True)
class Tally:
    """The outcome of one vote, with the reasons behind it."""

    season: int
    meeting: str
    body: str
    motion: str
    passed: bool
    yes: int
    no: int
    abstain: int
    terms: dict[str, float]
    groups: list[tuple[str, int, int, int, dict[str, float]]]
    kind: str = ""
    target: str = ""


@dataclass(slots=True)
class State:
    """The state of one game."""

    sc: Scenario
    seed: int
    season: int
    step: str = "events"
    cursor: int = 0
    draws: int = 0
    res: list[list[int]] = field(default_factory=list)
    factionalism: list[float] = field(default_factory=list)
    condemned: list[int] = field(default_factory=list)
    slate: list[int] = field(default_factory=list)
    ideology: list[list[float]] = field(default_factory=list)
    prestige: list[float] = field(default_factory=list)
    credentials: list[float] = field(default_factory=list)
    health: list[float] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    lfaction: list[int] = field(default_factory=list)
    politburo: list[int] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)
    cc_out: set[int] = field(default_factory=set)
    holders: list[int] = field(default_factory=list)
    members: list[int] = field(default_factory=list)
    pool_patron: I8 = field(default_factory=lambda: np.zeros(0, np.int8))
    pool_loyalty: F32 = field(default_factory=lambda: np.zeros(0, np.float32))
    pool_opinion: F32 = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    cc_patron: I8 = field(default_factory=lambda: np.zeros(0, np.int8))
    cc_loyalty: F32 = field(default_factory=lambda: np.zeros(0, np.float32))
    cc_opinion: F32 = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    ccc_patron: I8 = field(default_factory=lambda: np.zeros(0, np.int8))
    ccc_loyalty: F32 = field(default_factory=lambda: np.zeros(0, np.float32))
    ccc_opinion: F32 = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    unity: float = 70.0
    flags: set[str] = field(default_factory=set)
    counters: dict[str, float] = field(default_factory=dict)
    fired: dict[str, int] = field(default_factory=dict)
    chosen: dict[str, str] = field(default_factory=dict)
    alliances: set[tuple[int, int]] = field(default_factory=set)
    pledges: dict[int, int] = field(default_factory=dict)
    motions: list[Motion] = field(default_factory=list)
    pending: list[Decision] = field(default_factory=list)
    queue: list[int] = field(default_factory=list)
    ap: list[int] = field(default_factory=list)
    chronicle: list[Entry] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    history: list[tuple[int, str, str, str]] = field(default_factory=list)
    ending: int = -1
    view: Any = field(default=None, repr=False, compare=False)
    #: False in batch games: votes keep their counts but not the per-group explanation
    detail: bool = field(default=True, repr=False, compare=False)

    # ------------------------------------------------------------------ copies
    def clone(self) -> State:
        """A deep copy that shares only the immutable scenario."""
        return State(
            sc=self.sc,
            seed=self.seed,
            season=self.season,
            step=self.step,
            cursor=self.cursor,
            draws=self.draws,
            res=[list(r) for r in self.res],
            factionalism=list(self.factionalism),
            condemned=list(self.condemned),
            slate=list(self.slate),
            ideology=[list(v) for v in self.ideology],
            prestige=list(self.prestige),
            credentials=list(self.credentials),
            health=list(self.health),
            status=list(self.status),
            lfaction=list(self.lfaction),
            politburo=list(self.politburo),
            candidates=list(self.candidates),
            cc_out=set(self.cc_out),
            holders=list(self.holders),
            members=list(self.members),
            pool_patron=self.pool_patron.copy(),
            pool_loyalty=self.pool_loyalty.copy(),
            pool_opinion=self.pool_opinion.copy(),
            cc_patron=self.cc_patron.copy(),
            cc_loyalty=self.cc_loyalty.copy(),
            cc_opinion=self.cc_opinion.copy(),
            ccc_patron=self.ccc_patron.copy(),
            ccc_loyalty=self.ccc_loyalty.copy(),
            ccc_opinion=self.ccc_opinion.copy(),
            unity=self.unity,
            flags=set(self.flags),
            counters=dict(self.counters),
            fired=dict(self.fired),
            chosen=dict(self.chosen),
            alliances=set(self.alliances),
            pledges=dict(self.pledges),
            motions=[Motion(**asdict(m)) for m in self.motions],
            pending=list(self.pending),
            queue=list(self.queue),
            ap=list(self.ap),
            chronicle=list(self.chronicle),
            tallies=list(self.tallies),
            history=list(self.history),
            ending=self.ending,
            detail=self.detail,
        )

    # ------------------------------------------------------------- derived
    @property
    def turn(self) -> int:
        """Turn number from 0."""
        return self.season - self.sc.start

    def region_slice(self, r: int) -> slice:
        """Cadres of region ``r`` inside the pool arrays."""
        return slice(r * POOL, (r + 1) * POOL)

    def holder_faction(self, post: int) -> int:
        """Faction of a post's holder, -1 when vacant or held by a non-aligned leader."""
        h = self.holders[post]
        return self.lfaction[h] if h >= 0 else -1

    def allied(self, a: int, b: int) -> bool:
        """Whether two factions are in alliance."""
        return (min(a, b), max(a, b)) in self.alliances

    def active(self, faction: int) -> bool:
        """Whether a faction is still in the game (its leader neither dead nor deported)."""
        lead = self.sc.leader_of(faction)
        return self.status[lead] not in ("dead", "deported")

    def cc_share(self, faction: int) -> float:
        """Share of Central Committee seats held by a faction's clients."""
        n = len(self.cc_patron)
        return float(np.count_nonzero(self.cc_patron == faction)) / n if n else 0.0

    def region_share(self, region: int, faction: int) -> float:
        """Share of a region's cadres that are a faction's clients."""
        sl = self.region_slice(region)
        return float(np.count_nonzero(self.pool_patron[sl] == faction)) / POOL

    def delegate_share(self, faction: int) -> float:
        """Membership-weighted share of a faction's clients across all regions."""
        total = sum(self.members)
        if not total:
            return 0.0
        acc = 0.0
        for r, m in enumerate(self.members):
            acc += m * self.region_share(r, faction)
        return acc / total

    def mean_opinion(self, axis: int) -> float:
        """Membership-weighted party opinion on an axis."""
        w = np.asarray(self.members, dtype=np.float64)
        total = w.sum()
        if not total:
            return 0.0
        per_region = self.pool_opinion[:, axis].reshape(len(w), POOL).mean(axis=1)
        return float(per_region @ w / total)

    # -------------------------------------------------------- serialisation
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole state (the scenario by id and hash)."""
        return {
            "format": STATE_FORMAT,
            "scenario": self.sc.id,
            "variant": self.sc.variant,
            "content_hash": self.sc.content_hash,
            "seed": self.seed,
            "season": self.season,
            "step": self.step,
            "cursor": self.cursor,
            "draws": self.draws,
            "res": self.res,
            "factionalism": [round(x, 6) for x in self.factionalism],
            "condemned": self.condemned,
            "slate": self.slate,
            "ideology": self.ideology,
            "prestige": [float(x) for x in self.prestige],
            "credentials": [float(x) for x in self.credentials],
            "health": [float(x) for x in self.health],
            "status": self.status,
            "lfaction": self.lfaction,
            "politburo": self.politburo,
            "candidates": self.candidates,
            "cc_out": sorted(self.cc_out),
            "holders": self.holders,
            "members": self.members,
            "pool_patron": self.pool_patron.tolist(),
            "pool_loyalty": self.pool_loyalty.tolist(),
            "pool_opinion": self.pool_opinion.tolist(),
            "cc_patron": self.cc_patron.tolist(),
            "cc_loyalty": self.cc_loyalty.tolist(),
            "cc_opinion": self.cc_opinion.tolist(),
            "ccc_patron": self.ccc_patron.tolist(),
            "ccc_loyalty": self.ccc_loyalty.tolist(),
            "ccc_opinion": self.ccc_opinion.tolist(),
            "unity": float(self.unity),
            "flags": sorted(self.flags),
            "counters": dict(sorted(self.counters.items())),
            "fired": self.fired,
            "chosen": self.chosen,
            "alliances": sorted([list(a) for a in self.alliances]),
            "pledges": {str(k): v for k, v in sorted(self.pledges.items())},
            "motions": [asdict(m) for m in self.motions],
            "pending": [asdict(d) for d in self.pending],
            "queue": self.queue,
            "ap": self.ap,
            "chronicle": [asdict(e) for e in self.chronicle],
            "tallies": [asdict(t) for t in self.tallies],
            "history": [list(h) for h in self.history],
            "ending": self.ending,
        }

    @classmethod
    def from_dict(cls, sc: Scenario, d: dict[str, Any]) -> State:
        """Rebuild a state saved by :meth:`to_dict` for the same scenario."""
        if d.get("format") != STATE_FORMAT:
            raise ValueError(f"unsupported state format {d.get('format')!r}")
        if d.get("content_hash") != sc.content_hash:
            raise ValueError("the state was saved for a different version of the scenario")
        n_axes = len(sc.axes)

        def arr(key: str, dtype: Any, width: int = 0) -> Any:
            a = np.asarray(d[key], dtype=dtype)
            return a.reshape(-1, width) if width else a

        return cls(
            sc=sc,
            seed=int(d["seed"]),
            season=int(d["season"]),
            step=str(d["step"]),
            cursor=int(d["cursor"]),
            draws=int(d["draws"]),
            res=[[int(x) for x in r] for r in d["res"]],
            factionalism=[float(x) for x in d["factionalism"]],
            condemned=[int(x) for x in d["condemned"]],
            slate=[int(x) for x in d["slate"]],
            ideology=[[float(x) for x in v] for v in d["ideology"]],
            prestige=[float(x) for x in d["prestige"]],
            credentials=[float(x) for x in d["credentials"]],
            health=[float(x) for x in d["health"]],
            status=[str(x) for x in d["status"]],
            lfaction=[int(x) for x in d["lfaction"]],
            politburo=[int(x) for x in d["politburo"]],
            candidates=[int(x) for x in d["candidates"]],
            cc_out={int(x) for x in d["cc_out"]},
            holders=[int(x) for x in d["holders"]],
            members=[int(x) for x in d["members"]],
            pool_patron=arr("pool_patron", np.int8),
            pool_loyalty=arr("pool_loyalty", np.float32),
            pool_opinion=arr("pool_opinion", np.float32, n_axes),
            cc_patron=arr("cc_patron", np.int8),
            cc_loyalty=arr("cc_loyalty", np.float32),
            cc_opinion=arr("cc_opinion", np.float32, n_axes),
            ccc_patron=arr("ccc_patron", np.int8),
            ccc_loyalty=arr("ccc_loyalty", np.float32),
            ccc_opinion=arr("ccc_opinion", np.float32, n_axes),
            unity=float(d["unity"]),
            flags=set(d["flags"]),
            counters={str(k): float(v) for k, v in d["counters"].items()},
            fired={str(k): int(v) for k, v in d["fired"].items()},
            chosen={str(k): str(v) for k, v in d["chosen"].items()},
            alliances={(int(a), int(b)) for a, b in d["alliances"]},
            pledges={int(k): int(v) for k, v in d["pledges"].items()},
            motions=[Motion(**m) for m in d["motions"]],
            pending=[
                Decision(
                    kind=p["kind"],
                    faction=p["faction"],
                    subject=p["subject"],
                    options=tuple(p["options"]),
                    probs=tuple(p["probs"]),
                )
                for p in d["pending"]
            ],
            queue=[int(x) for x in d["queue"]],
            ap=[int(x) for x in d["ap"]],
            chronicle=[Entry(**e) for e in d["chronicle"]],
            tallies=[
                Tally(
                    **{
                        **t,
                        "groups": [(g[0], g[1], g[2], g[3], g[4]) for g in t["groups"]],
                    }
                )
                for t in d["tallies"]
            ],
            history=[(int(h[0]), str(h[1]), str(h[2]), str(h[3])) for h in d["history"]],
            ending=int(d["ending"]),
        )

    def digest(self) -> str:
        """A hash of the whole state: equal games give equal digests."""
        blob = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()
