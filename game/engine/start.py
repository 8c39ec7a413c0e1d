"""The starting state of a scenario: its historical position.

The start is the same for every seed; the seed drives only what happens
from there. It is built once per scenario and copied for each game.
"""

from __future__ import annotations

import functools

import numpy as np

from game.engine import cadres
from game.engine.defs import OUTSIDE_PARTY, Scenario
from game.engine.state import State


def new_state(sc: Scenario, seed: int) -> State:
    """The scenario's starting state for a seed.

    The start is the same for every seed (the historical position); the seed
    drives only what happens from there.
    """
    st = _start(sc).clone()
    st.seed = seed
    return st


@functools.lru_cache(maxsize=32)
def _start(sc: Scenario) -> State:
    n_f = len(sc.factions)
    st = State(sc=sc, seed=0, season=sc.start, unity=sc.unity)
    st.res = [list(f.resources) for f in sc.factions]
    st.factionalism = [0.0] * n_f
    st.condemned = [f.condemned for f in sc.factions]
    st.slate = [0] * n_f
    st.ideology = [list(f.ideology) for f in sc.factions]
    st.prestige = [x.prestige for x in sc.leaders]
    st.credentials = [x.credentials for x in sc.leaders]
    st.health = [x.health for x in sc.leaders]
    st.status = [x.status for x in sc.leaders]
    st.lfaction = [x.faction for x in sc.leaders]
    st.politburo = [i for i, x in enumerate(sc.leaders) if x.politburo == "member"]
    st.candidates = [i for i, x in enumerate(sc.leaders) if x.politburo == "candidate"]
    st.holders = [p.holder for p in sc.posts]
    st.cc_out = {i for i, x in enumerate(sc.leaders) if not x.in_cc or x.status in OUTSIDE_PARTY}
    st.flags = set(sc.flags)
    st.counters = dict(sc.counters)
    st.alliances = set(sc.alliances)
    st.ap = [0] * n_f
    cadres.init_pools(sc, st, np.random.Generator(np.random.PCG64(20220603)))
    return st
