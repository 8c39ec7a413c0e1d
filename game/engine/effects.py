"""The effect vocabulary: changes to the state, each rendered as a sentence.

Scenario files name these operators (one per node); the scenario compiler
calls the factory of the same name. Docstrings here are the modder reference.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.engine import cadres, rules
from game.engine.defs import NOTHING, Condition, Effect, Scenario
from game.engine.paths import resolve_path
from game.engine.state import Motion, State


def sequence(items: Sequence[Effect]) -> Effect:
    """A list of effects applied in order."""
    items = tuple(items)
    if not items:
        return NOTHING
    if len(items) == 1:
        return items[0]

    def run(st: State) -> None:
        for e in items:
            e(st)

    return Effect(run, "; ".join(e.text for e in items))


def add(sc: Scenario, path: str, amount: float) -> Effect:
    """``add: {path, amount}`` — add to a stat (negative to subtract); kept in range."""
    sp = resolve_path(sc, path)
    setter = sp.set
    assert setter is not None, path

    def run(st: State) -> None:
        setter(st, sp.get(st) + amount)

    sign = "+" if amount >= 0 else "−"
    return Effect(run, f"{sp.text} {sign}{abs(amount):g}")


def set_stat(sc: Scenario, path: str, value: float) -> Effect:
    """``set: {path, value}`` — set a stat to a value."""
    sp = resolve_path(sc, path)
    setter = sp.set
    assert setter is not None, path
    return Effect(lambda st: setter(st, value), f"{sp.text} becomes {value:g}")


def set_flag(name: str) -> Effect:
    """``set_flag: name`` — record that something has happened."""
    return Effect(lambda st: st.flags.add(name), f"'{name.replace('_', ' ')}'")


def clear_flag(name: str) -> Effect:
    """``clear_flag: name`` — forget a flag."""
    return Effect(lambda st: st.flags.discard(name), f"no longer '{name.replace('_', ' ')}'")


def assign_post(sc: Scenario, post: str, leader: str) -> Effect:
    """``assign_post: {post, leader}`` — the leader takes the post."""
    p, i = sc.post_index[post], sc.leader_index[leader]
    return Effect(lambda st: rules.assign_post(st, p, i), f"{sc.leaders[i].name} becomes {sc.posts[p].name}")


def vacate_post(sc: Scenario, post: str) -> Effect:
    """``vacate_post: post`` — the holder loses the post; the first listed successor takes it."""
    p = sc.post_index[post]

    def run(st: State) -> None:
        rules.vacate_post(st, p)

    return Effect(run, f"{sc.posts[p].name} changes hands")


def set_status(sc: Scenario, leader: str, status: str) -> Effect:
    """``set_status: {leader, status}`` — e.g. ill, incapacitated, dead, exiled.

    Leaving the party (expelled, exiled, deported, dead) costs every post and seat.
    """
    i = sc.leader_index[leader]
    return Effect(lambda st: rules.set_status(st, i, status), f"{sc.leaders[i].name} is {status}")


def join_body(sc: Scenario, leader: str, body: str) -> Effect:
    """``join_body: {leader, body}`` — body is politburo or candidates.

    A full member who joins the candidates is demoted.
    """
    i = sc.leader_index[leader]
    cand = body == "candidates"
    what = "a Politburo candidate" if cand else "a full member of the Politburo"
    return Effect(
        lambda st: rules.join_politburo(st, i, candidate=cand), f"{sc.leaders[i].name} becomes {what}"
    )


def leave_body(sc: Scenario, leader: str, body: str) -> Effect:
    """``leave_body: {leader, body}`` — politburo (full or candidate) or central_committee."""
    i = sc.leader_index[leader]
    if body == "central_committee":

        def run(st: State) -> None:
            rules.leave_politburo(st, i)
            st.cc_out.add(i)
            st.history.append((st.season, "cc", sc.leaders[i].id, "out"))

        return Effect(run, f"{sc.leaders[i].name} leaves the Central Committee")
    return Effect(lambda st: rules.leave_politburo(st, i), f"{sc.leaders[i].name} leaves the Politburo")


def change_faction(sc: Scenario, leader: str, faction: str | None) -> Effect:
    """``change_faction: {leader, faction}`` — the leader changes camp (null: none)."""
    i = sc.leader_index[leader]
    f = sc.faction_index[faction] if faction else -1
    who = sc.factions[f].name if f >= 0 else "no faction"
    return Effect(lambda st: st.lfaction.__setitem__(i, f), f"{sc.leaders[i].name} goes over to {who}")


def _regions(sc: Scenario, region: str | None) -> tuple[int, ...]:
    return tuple(range(len(sc.regions))) if region in (None, "all") else (sc.region_index[str(region)],)


def _where(sc: Scenario, region: str | None) -> str:
    return "everywhere" if region in (None, "all") else f"in {sc.regions[sc.region_index[str(region)]].name}"


def shift_control(
    sc: Scenario, region: str | None, to: str | None, share: float, source: str | None = None
) -> Effect:
    """``shift_control: {region, to, share, from}`` — a share (0–1) of cadres change patron.

    ``to: null`` detaches them; ``from`` limits the change to one faction's clients;
    ``region: all`` (or no region) applies it in every region.
    """
    regs = _regions(sc, region)
    t = sc.faction_index[to] if to else -1
    s = sc.faction_index[source] if source else None

    def run(st: State) -> None:
        cadres.shift_control(st, regs, t, share, s)

    who = sc.factions[t].name if t >= 0 else "no patron"
    src = f" from {sc.factions[s].name}" if s is not None else ""
    return Effect(run, f"{share:.0%} of cadres{src} go over to {who} {_where(sc, region)}")


def shift_seats(sc: Scenario, body: str, to: str | None, share: float, source: str | None = None) -> Effect:
    """``shift_seats: {body, to, share, from}`` — members of the CC or Control Commission change camp.

    The least loyal of ``from``'s members (anyone else's, if ``from`` is not
    given) go over to ``to`` (``null``: they become unattached).
    """
    t = sc.faction_index[to] if to else -1
    s = sc.faction_index[source] if source else None
    prefix = "cc" if body == "central_committee" else "ccc"

    def run(st: State) -> None:
        patron = getattr(st, f"{prefix}_patron")
        loyalty = getattr(st, f"{prefix}_loyalty")
        eligible = (patron == s) if s is not None else (patron != t)
        n = min(int(eligible.sum()), round(len(patron) * share))
        if n <= 0:
            return
        key = np.where(eligible, loyalty, np.inf)
        idx = np.argsort(key, kind="stable")[:n]
        patron[idx] = t
        loyalty[idx] = 0.6 if t >= 0 else 0.0

    who = sc.factions[t].name if t >= 0 else "no camp"
    src = f" of {sc.factions[s].name}'s members" if s is not None else ""
    where = body.replace("_", " ")
    return Effect(run, f"{share:.0%} of the {where}{src} go over to {who}")


def shift_loyalty(sc: Scenario, faction: str, amount: float, region: str | None = None) -> Effect:
    """``shift_loyalty: {faction, amount, region}`` — clients' loyalty rises or falls (0–1)."""
    f = sc.faction_index[faction]
    regs = _regions(sc, region)

    def run(st: State) -> None:
        for r in regs:
            sl = st.region_slice(r)
            m = st.pool_patron[sl] == f
            st.pool_loyalty[sl] = np.where(
                m, np.clip(st.pool_loyalty[sl] + amount, 0.05, 1.0), st.pool_loyalty[sl]
            )
        if region in (None, "all"):
            m = st.cc_patron == f
            st.cc_loyalty[m] = np.clip(st.cc_loyalty[m] + amount, 0.05, 1.0)

    return Effect(run, f"loyalty to {sc.factions[f].name} {amount:+.2f} {_where(sc, region)}")


def shift_opinion(sc: Scenario, axis: str, amount: float, region: str | None = None) -> Effect:
    """``shift_opinion: {axis, amount, region}`` — party opinion moves along an axis (−1…+1)."""
    a = sc.axis_index[axis]
    regs = _regions(sc, region)

    def run(st: State) -> None:
        for r in regs:
            sl = st.region_slice(r)
            st.pool_opinion[sl, a] = np.clip(st.pool_opinion[sl, a] + amount, -1, 1)
        if region in (None, "all"):
            st.cc_opinion[:, a] = np.clip(st.cc_opinion[:, a] + amount, -1, 1)

    ax = sc.axes[a]
    side = ax.high if amount > 0 else ax.low
    return Effect(run, f"opinion moves towards “{side}” {_where(sc, region)}")


def shift_ideology(sc: Scenario, faction: str, axis: str, to: float) -> Effect:
    """``shift_ideology: {faction, axis, to}`` — a faction changes its line on an axis."""
    f, a = sc.faction_index[faction], sc.axis_index[axis]
    return Effect(
        lambda st: st.ideology[f].__setitem__(a, float(to)),
        f"{sc.factions[f].name} changes line on {sc.axes[a].name}",
    )


def enrol(
    sc: Scenario,
    members: int,
    faction: str | None = None,
    post: str | None = None,
    regions: Sequence[str] = (),
) -> Effect:
    """``enrol: {members, faction | post, regions}`` — a recruitment drive.

    New members are spread over the regions by size; their cadres owe the
    faction named, or — with ``post`` — whoever runs the drive in each region:
    the holder of ``post``, except where a regional boss appoints the
    secretaries (a post whose appoint power is scoped to that region).
    """
    f_fixed = sc.faction_index[faction] if faction else -1
    p = sc.post_index[post] if post else -1
    regs = tuple(sc.region_index[r] for r in regions) or tuple(range(len(sc.regions)))
    bosses = {
        r: tuple(q for q, x in enumerate(sc.posts) if "appoint" in x.powers and r in x.scope) for r in regs
    }

    def run(st: State) -> None:
        weights = [st.members[r] for r in regs]
        by_faction: dict[int, tuple[list[int], list[int]]] = {}
        for r, n in zip(regs, cadres.apportion(members, weights), strict=True):
            f = f_fixed
            if f < 0:
                local = [st.holder_faction(q) for q in bosses[r] if st.holder_faction(q) >= 0]
                f = local[0] if local else st.holder_faction(p)
            if f >= 0:
                rs, ns = by_faction.setdefault(f, ([], []))
                rs.append(r)
                ns.append(n)
            else:
                st.members[r] += n
        for f, (rs, ns) in by_faction.items():
            cadres.enrol(st, rs, f, ns)

    who = sc.factions[f_fixed].name if f_fixed >= 0 else f"the holder of {sc.posts[p].name}"
    return Effect(run, f"{members:,} new members enrolled, owing {who}")


def table_motion(
    sc: Scenario,
    kind: str,
    target: str,
    proposer: str | None = None,
    authority: float = 0.0,
    position: float = 0.0,
    meeting: str = "",
) -> Effect:
    """``table_motion: {kind, target, proposer, authority, position, meeting}``.

    Kinds: condemn (target a faction), remove (a post), drop (a leader, from
    the Politburo), expel_cc, expel, readmit (a leader), line (an axis, with
    ``position`` −1…+1). ``authority`` adds weight for every voter (Lenin's
    word). No ``proposer`` means the Politburo majority.
    """
    p = sc.faction_index[proposer] if proposer else -1
    if kind == "condemn":
        t = sc.faction_index[target]
    elif kind == "remove":
        t = sc.post_index[target]
    elif kind == "line":
        t = sc.axis_index[target]
    else:
        t = sc.leader_index[target]

    def run(st: State) -> None:
        rules.table(st, Motion(kind, p, t, position, authority, meeting, "event"))

    return Effect(run, f"a motion is tabled: {kind} {target}")


def condemn(sc: Scenario, faction: str) -> Effect:
    """``condemn: faction`` — the faction is condemned without a vote."""
    f = sc.faction_index[faction]
    return Effect(lambda st: rules.condemn(st, f), f"{sc.factions[f].name} is condemned")


def ally(sc: Scenario, a: str, b: str) -> Effect:
    """``ally: [a, b]`` — two factions form an alliance."""
    i, j = sorted((sc.faction_index[a], sc.faction_index[b]))
    return Effect(
        lambda st: st.alliances.add((i, j)),
        f"{sc.factions[i].name} and {sc.factions[j].name} ally",
    )


def break_alliance(sc: Scenario, a: str, b: str) -> Effect:
    """``break_alliance: [a, b]`` — an alliance ends."""
    i, j = sorted((sc.faction_index[a], sc.faction_index[b]))
    return Effect(
        lambda st: st.alliances.discard((i, j)),
        f"{sc.factions[i].name} and {sc.factions[j].name} part ways",
    )


def factional_act(sc: Scenario, faction: str, weight: float = 1.0) -> Effect:
    """``factional_act: {faction, weight}`` — an open factional act: unity falls."""
    f = sc.faction_index[faction]
    return Effect(
        lambda st: rules.factional_act(st, f, weight),
        f"{sc.factions[f].name} acts as a faction (unity −{5 * weight:g})",
    )


def trigger_event(sc: Scenario, event: str) -> Effect:
    """``trigger_event: id`` — the event fires next, if its conditions hold."""
    e = sc.event_index[event]
    return Effect(lambda st: st.queue.append(e), f"leads to “{sc.events[e].title}”")


def if_(cond: Condition, then: Effect, otherwise: Effect) -> Effect:
    """``if: {cond, then, else}`` — effects that depend on a condition."""

    def run(st: State) -> None:
        (then if cond(st) else otherwise)(st)

    text = f"if {cond.text}: {then.text}"
    if otherwise is not NOTHING:
        text += f"; otherwise {otherwise.text}"
    return Effect(run, text)


def chronicle(headline: str, detail: str = "") -> Effect:
    """``chronicle: {headline, detail}`` — a line in the newspaper of the game."""
    return Effect(lambda st: rules.log(st, "news", headline, detail), f"news: {headline}")


def end_game(sc: Scenario, ending: str) -> Effect:
    """``end_game: ending`` — the game ends at once with this ending."""
    title = sc.endings[sc.ending_index[ending]].title

    def run(st: State) -> None:
        # by id: in a campaign the phase's own endings give way to the campaign's
        st.ending = st.sc.ending_index.get(ending, len(st.sc.endings) - 1)

    return Effect(run, f"the game ends: {title}")
