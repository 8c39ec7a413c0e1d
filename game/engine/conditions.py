"""The condition vocabulary: read-only tests, each rendered as a sentence.

Scenario files name these operators (one per node); the scenario compiler
calls the factory of the same name. Docstrings here are the modder reference.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence

from game.engine.calendar import season_label, season_of
from game.engine.defs import ALWAYS, Condition, Scenario
from game.engine.paths import resolve_path
from game.engine.state import State

COMPARATORS: dict[str, tuple[Callable[[float, float], bool], str]] = {
    "gt": (operator.gt, "above"),
    "gte": (operator.ge, "at least"),
    "lt": (operator.lt, "below"),
    "lte": (operator.le, "at most"),
    "eq": (operator.eq, "exactly"),
}
BODIES = ("politburo", "candidates", "central_committee", "control_commission", "delegates")


def all_of(items: Sequence[Condition]) -> Condition:
    """``all: [...]`` — every condition holds (a plain list means the same)."""
    items = tuple(items)
    if not items:
        return ALWAYS
    if len(items) == 1:
        return items[0]
    return Condition(lambda st: all(c(st) for c in items), " and ".join(c.text for c in items))


def any_of(items: Sequence[Condition]) -> Condition:
    """``any: [...]`` — at least one condition holds."""
    items = tuple(items)
    return Condition(lambda st: any(c(st) for c in items), "either " + " or ".join(c.text for c in items))


def not_(item: Condition) -> Condition:
    """``not: {...}`` — the condition does not hold."""
    return Condition(lambda st: not item(st), f"not ({item.text})")


def flag(name: str) -> Condition:
    """``flag: name`` — a flag has been set by an effect."""
    return Condition(lambda st: name in st.flags, f"'{name.replace('_', ' ')}' has happened")


def event_fired(sc: Scenario, event: str) -> Condition:
    """``event_fired: id`` — the event has fired in this game."""
    title = sc.events[sc.event_index[event]].title
    return Condition(lambda st: event in st.fired, f"“{title}” has happened")


def chose(sc: Scenario, event: str, option: str) -> Condition:
    """``chose: {event, option}`` — the event's option was chosen."""
    title = sc.events[sc.event_index[event]].title
    return Condition(lambda st: st.chosen.get(event) == option, f"at “{title}” the choice was '{option}'")


def holds_post(sc: Scenario, post: str, leader: str | None = None, faction: str | None = None) -> Condition:
    """``holds_post: {post, leader | faction}`` — who holds a post.

    With ``leader`` the named person holds it; with ``faction`` one of that
    faction's people does; with neither the post is filled at all.
    """
    p = sc.post_index[post]
    pname = sc.posts[p].name
    if leader is not None:
        i = sc.leader_index[leader]
        return Condition(lambda st: st.holders[p] == i, f"{sc.leaders[i].name} is {pname}")
    if faction is not None:
        f = sc.faction_index[faction]
        return Condition(lambda st: st.holder_faction(p) == f, f"{sc.factions[f].name}'s camp holds {pname}")
    return Condition(lambda st: st.holders[p] >= 0, f"{pname} is filled")


def member_of(sc: Scenario, leader: str, body: str) -> Condition:
    """``member_of: {leader, body}`` — body is politburo, candidates or central_committee."""
    i = sc.leader_index[leader]
    name = sc.leaders[i].name
    if body == "politburo":
        return Condition(lambda st: i in st.politburo, f"{name} sits in the Politburo")
    if body == "candidates":
        return Condition(lambda st: i in st.candidates, f"{name} is a Politburo candidate")
    return Condition(
        lambda st: i not in st.cc_out and st.status[i] not in ("expelled", "exiled", "deported", "dead"),
        f"{name} sits in the Central Committee",
    )


def status_is(sc: Scenario, leader: str, statuses: Sequence[str]) -> Condition:
    """``status: {leader, is: [..]}`` — the leader's status is one of these."""
    i = sc.leader_index[leader]
    wanted = frozenset(statuses)
    return Condition(
        lambda st: st.status[i] in wanted,
        f"{sc.leaders[i].name} is {' or '.join(sorted(wanted))}",
    )


def condemned(sc: Scenario, faction: str) -> Condition:
    """``condemned: faction`` — the party has condemned the faction's platform."""
    f = sc.faction_index[faction]
    return Condition(lambda st: st.condemned[f] > 0, f"{sc.factions[f].name} has been condemned")


def allied(sc: Scenario, a: str, b: str) -> Condition:
    """``allied: [a, b]`` — two factions are in alliance."""
    i, j = sc.faction_index[a], sc.faction_index[b]
    return Condition(
        lambda st: st.allied(i, j), f"{sc.factions[i].name} and {sc.factions[j].name} are allied"
    )


def compare(get: Callable[[State], float], subject: str, tests: dict[str, float]) -> Condition:
    """Shared body of ``stat`` and ``share``: every comparator must hold."""
    checks = tuple((COMPARATORS[k][0], v) for k, v in tests.items())
    words = " and ".join(f"{COMPARATORS[k][1]} {v:g}" for k, v in tests.items())
    return Condition(lambda st: all(fn(get(st), v) for fn, v in checks), f"{subject} is {words}")


def stat(sc: Scenario, path: str, tests: dict[str, float]) -> Condition:
    """``stat: {path, gt|gte|lt|lte|eq: n}`` — compare a stat path (see paths)."""
    sp = resolve_path(sc, path)
    return compare(sp.get, sp.text, tests)


def share(sc: Scenario, body: str, faction: str, tests: dict[str, float]) -> Condition:
    """``share: {body, faction, gte: 0.5}`` — a faction's share of a body (0–1).

    ``delegates`` is the membership-weighted share of cadres across regions:
    what a congress convened now would look like.
    """
    f = sc.faction_index[faction]
    name = sc.factions[f].name
    get: Callable[[State], float]
    if body == "central_committee":
        get = lambda st: st.cc_share(f)  # noqa: E731
    elif body == "control_commission":

        def get(st: State) -> float:
            n = len(st.ccc_patron)
            return float((st.ccc_patron == f).sum()) / n if n else 0.0

    elif body == "politburo":

        def get(st: State) -> float:
            n = len(st.politburo)
            return sum(1 for m in st.politburo if st.lfaction[m] == f) / n if n else 0.0

    else:
        get = lambda st: st.delegate_share(f)  # noqa: E731
    return compare(get, f"{name}'s share of the {body.replace('_', ' ')}", tests)


def date(start: str | None, until: str | None) -> Condition:
    """``date: {from, until}`` — the current season lies in this window (months)."""
    lo = season_of(start) if start else -(10**9)
    hi = season_of(until) if until else 10**9
    parts = []
    if start:
        parts.append(f"from {season_label(lo)}")
    if until:
        parts.append(f"until {season_label(hi)}")
    return Condition(lambda st: lo <= st.season <= hi, "the date is " + " ".join(parts))


def motion_pending(sc: Scenario, kind: str, target: str | None = None) -> Condition:
    """``motion_pending: {kind, target}`` — such a motion waits for a coming meeting.

    The target is a faction (condemn), a post (remove), an axis (line) or a
    leader (the other kinds); without it any motion of the kind counts.
    """
    if target is None:
        return Condition(lambda st: any(m.kind == kind for m in st.motions), f"a '{kind}' motion is tabled")
    index = {"condemn": sc.faction_index, "remove": sc.post_index, "line": sc.axis_index}.get(
        kind, sc.leader_index
    )
    t = index[target]
    return Condition(
        lambda st: any(m.kind == kind and m.target == t for m in st.motions),
        f"a motion to {kind} {target.replace('_', ' ')} is tabled",
    )
