"""Stat paths: the numbers conditions read and effects change.

A path is a dotted name such as ``leader.stalin.prestige``. Resolving it once
at load time turns it into a getter and (for writable stats) a setter, so a
typo is a load error, never a silent zero at play time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.engine.defs import CURRENCIES, Scenario
from game.engine.rules import CAP, clamp
from game.engine.state import State

LEADER_STATS = ("prestige", "credentials", "health")
FACTION_STATS = (*CURRENCIES, "factionalism")


class InvalidPathError(ValueError):
    """A stat path that names nothing in the scenario."""

    def __init__(self, message: str, bad: str = "", choices: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.bad = bad
        self.choices = choices


@dataclass(frozen=True, slots=True)
class StatPath:
    """A resolved path: read it, maybe write it, and say it in words."""

    get: Callable[[State], float]
    set: Callable[[State, float], None] | None
    text: str


def resolve_path(sc: Scenario, path: str) -> StatPath:
    """Resolve a dotted stat path against a scenario.

    Paths: ``unity``; ``members``; ``leader.<id>.prestige|credentials|health``;
    ``faction.<id>.patronage|propaganda|votes|factionalism``;
    ``counter.<name>`` (declared under ``counters:``); ``opinion.<axis>``
    (read only: the membership-weighted party mean, -1 to +1).
    """
    parts = path.split(".")
    head = parts[0]
    if path == "unity":
        return StatPath(lambda st: st.unity, _set_unity, "party unity")
    if path == "members":
        return StatPath(lambda st: float(sum(st.members)), None, "party membership")
    if head == "leader" and len(parts) == 3:
        i = _index(sc.leader_index, parts[1], "leader")
        stat = _choice(parts[2], LEADER_STATS, "leader stat")
        name = sc.leaders[i].name
        arr_name = stat

        def get_l(st: State) -> float:
            return float(getattr(st, arr_name)[i])

        def set_l(st: State, v: float) -> None:
            getattr(st, arr_name)[i] = clamp(v)

        return StatPath(get_l, set_l, f"{name}'s {stat}")
    if head == "faction" and len(parts) == 3:
        f = _index(sc.faction_index, parts[1], "faction")
        stat = _choice(parts[2], FACTION_STATS, "faction stat")
        name = sc.factions[f].name
        if stat == "factionalism":

            def set_fx(st: State, v: float) -> None:
                st.factionalism[f] = max(0.0, v)

            return StatPath(lambda st: st.factionalism[f], set_fx, f"{name}'s factionalism")
        k = CURRENCIES.index(stat)

        def set_r(st: State, v: float) -> None:
            st.res[f][k] = max(0, min(CAP[k], round(v)))

        return StatPath(lambda st: float(st.res[f][k]), set_r, f"{name}'s {stat}")
    if head == "counter" and len(parts) == 2:
        names = tuple(n for n, _ in sc.counters)
        key = _choice(parts[1], names, "counter")

        def set_c(st: State, v: float) -> None:
            st.counters[key] = v

        return StatPath(lambda st: st.counters.get(key, 0.0), set_c, key.replace("_", " "))
    if head == "opinion" and len(parts) == 2:
        a = _index(sc.axis_index, parts[1], "axis")
        axis = sc.axes[a]
        return StatPath(lambda st: st.mean_opinion(a), None, f"party opinion ({axis.low} – {axis.high})")
    raise InvalidPathError(
        f"unknown stat path {path!r}",
        bad=path,
        choices=(
            "unity",
            "members",
            "leader.<id>.<stat>",
            "faction.<id>.<stat>",
            "counter.<name>",
            "opinion.<axis>",
        ),
    )


def _set_unity(st: State, v: float) -> None:
    st.unity = clamp(v)


def _index(index: dict[str, int], key: str, what: str) -> int:
    if key not in index:
        raise InvalidPathError(f"unknown {what} id {key!r}", key, tuple(index))
    return index[key]


def _choice(key: str, choices: tuple[str, ...], what: str) -> str:
    if key not in choices:
        raise InvalidPathError(f"unknown {what} {key!r}", key, choices)
    return key
