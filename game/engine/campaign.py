"""The campaign: the end state of one phase carried into the next.

A later phase starts from its own historical start, then everything the
earlier phase decided overwrites it wherever the same id exists in both:
leaders (standing, status, camp, seats), posts and their holders, regional
cadres and membership, the Central Committee and Control Commission, unity,
resources, condemnations, alliances, flags, counters and the chronicle. So
the 1926 phase of a game in which Trotsky kept the War Commissariat starts
with him holding it. New people and offices of the later phase come from
its own definitions; each phase keeps its own statement of the factions'
lines (ideology). Motions still pending at the boundary lapse.
"""

from __future__ import annotations

import numpy as np

from game.engine.defs import Scenario
from game.engine.start import new_state
from game.engine.state import Entry, State


def _map(old: list[str], new: dict[str, int]) -> list[int]:
    """Old index → new index (-1 where the id is gone)."""
    return [new.get(x, -1) for x in old]


def carry(old: State, sc: Scenario) -> State:
    """The first state of phase ``sc`` given the last state of the previous phase."""
    o = old.sc
    st = new_state(sc, old.seed)
    st.draws = old.draws
    st.detail = old.detail
    fmap = _map([f.id for f in o.factions], sc.faction_index)
    lmap = _map([x.id for x in o.leaders], sc.leader_index)
    pmap = _map([x.id for x in o.posts], sc.post_index)
    rmap = _map([x.id for x in o.regions], sc.region_index)
    amap = _map([x.id for x in o.axes], sc.axis_index)
    pat_lut = np.asarray([*fmap, -1], dtype=np.int8)  # index -1 stays -1

    def faction(f: int) -> int:
        return fmap[f] if f >= 0 else -1

    for f_old, f in enumerate(fmap):
        if f < 0:
            continue
        st.res[f] = list(old.res[f_old])
        st.factionalism[f] = old.factionalism[f_old]
        st.condemned[f] = old.condemned[f_old]
    carried = set()
    for i_old, i in enumerate(lmap):
        if i < 0:
            continue
        carried.add(i)
        st.prestige[i] = old.prestige[i_old]
        st.credentials[i] = old.credentials[i_old]
        st.health[i] = old.health[i_old]
        st.status[i] = old.status[i_old]
        st.lfaction[i] = faction(old.lfaction[i_old])
        st.cc_out.discard(i)
        if i_old in old.cc_out:
            st.cc_out.add(i)
    kept = [i for i in st.politburo if i not in carried]
    st.politburo = [lmap[i] for i in old.politburo if lmap[i] >= 0] + kept
    kept_c = [i for i in st.candidates if i not in carried and i not in st.politburo]
    st.candidates = [lmap[i] for i in old.candidates if lmap[i] >= 0] + kept_c
    for p_old, p in enumerate(pmap):
        if p < 0:
            continue
        h = old.holders[p_old]
        if h < 0:
            st.holders[p] = -1
        elif lmap[h] >= 0:
            st.holders[p] = lmap[h]
    for r_old, r in enumerate(rmap):
        if r < 0:
            continue
        src, dst = old.region_slice(r_old), st.region_slice(r)
        st.pool_patron[dst] = pat_lut[old.pool_patron[src]]
        st.pool_loyalty[dst] = old.pool_loyalty[src]
        for a_old, a in enumerate(amap):
            if a >= 0:
                st.pool_opinion[dst, a] = old.pool_opinion[src, a_old]
        st.members[r] = old.members[r_old]
    for body in ("cc", "ccc"):
        pat = getattr(old, f"{body}_patron")
        setattr(st, f"{body}_patron", pat_lut[pat])
        setattr(st, f"{body}_loyalty", getattr(old, f"{body}_loyalty").copy())
        op_old = getattr(old, f"{body}_opinion")
        op = np.zeros((len(pat), len(sc.axes)), dtype=np.float32)
        for a_old, a in enumerate(amap):
            if a >= 0:
                op[:, a] = op_old[:, a_old]
        setattr(st, f"{body}_opinion", op)
    st.unity = old.unity
    st.flags = set(old.flags) | set(sc.flags)
    st.counters = {**st.counters, **{k: v for k, v in old.counters.items()}}
    st.alliances = {
        (min(fmap[a], fmap[b]), max(fmap[a], fmap[b]))
        for a, b in old.alliances
        if fmap[a] >= 0 and fmap[b] >= 0
    }
    st.fired = dict(old.fired)
    st.chosen = dict(old.chosen)
    st.chronicle = [
        *list(old.chronicle),
        Entry(sc.start, "phase", (sc.phase_title or sc.title).upper(), sc.summary),
    ]
    st.tallies = list(old.tallies)
    st.history = list(old.history)
    return st
