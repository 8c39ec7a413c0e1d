"""Computer players: a random one and a heuristic one driven by personality data.

The heuristic player scores every legal action with a cheap formula — what
it would gain, weighted by the faction's profile in the scenario (which
levers it likes, whom it is hostile to, how much it leans to the choices
really made) — then picks the best after a little seeded noise. It never
simulates ahead, so a move costs microseconds.
"""

from __future__ import annotations

import functools
import math
from operator import itemgetter
from typing import Protocol

import numpy as np

from game.engine import actions as acts
from game.engine import rules
from game.engine.actions import Action
from game.engine.defs import FactionProfile
from game.engine.game import Game
from game.engine.state import Motion, State
from game.engine.view import View, view

NEUTRAL = FactionProfile({}, (), 1.0, 0.3)
_SCORE = itemgetter(0)


class Player(Protocol):
    """Anything that picks an action for the side to move."""

    def choose(self, game: Game, legal: list[Action] | None = None) -> Action:
        """Pick a legal action (``legal`` may be given to save listing them)."""
        ...


class RandomPlayer:
    """Picks uniformly among legal actions, from its own seeded stream."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng

    def choose(self, game: Game, legal: list[Action] | None = None) -> Action:
        """Any legal action, uniformly."""
        legal = legal if legal is not None else game.legal_actions()
        return legal[int(self.rng.integers(len(legal)))]


class HeuristicPlayer:
    """Scores actions with the faction's personality; see the module docstring."""

    def __init__(self, rng: np.random.Generator, profile_id: str = "historical") -> None:
        self.rng = rng
        self.profile_id = profile_id
        self._plan: tuple[tuple[int, int, int], list[tuple[float, str, str]]] | None = None

    def _profile(self, game: Game, faction: int) -> FactionProfile:
        try:
            return game.sc.profile(self.profile_id).factions[faction]
        except KeyError:
            return NEUTRAL

    def choose(self, game: Game, legal: list[Action] | None = None) -> Action:
        """The best-scoring legal action after seeded noise.

        The faction plans its season once: for its next action in the same
        season it re-scores only the kind of action it has just taken, and
        keeps the rest of the plan.
        """
        st = game.state
        who = game.current_player()
        f = game.sc.faction_index[who]
        prof = self._profile(game, f)
        if st.pending:
            return self._decide(game, f, prof, legal if legal is not None else game.legal_actions())
        key = (f, st.season, len(game.moves))
        plan = None
        if self._plan and self._plan[0][:2] == key[:2] and game.moves:
            last = Action.parse(game.moves[-1])
            if last.actor == who:
                kept = [c for c in self._plan[1] if c[1] != last.kind]
                fresh = self._candidates(st, f, prof, acts.options(st, f, only=last.kind))
                plan = sorted(kept + fresh, key=_SCORE, reverse=True)
        if plan is None:
            plan = sorted(
                self._candidates(st, f, prof, acts.options(st, f, _skipped(prof))), key=_SCORE, reverse=True
            )
        self._plan = (key, plan)
        for _, kind, target in plan:
            a = Action(who, kind, target)
            if game.allows(a):
                return a
        return Action(who, "pass", "")

    def _candidates(
        self, st: State, f: int, prof: FactionProfile, opts: list[tuple[str, list[str]]]
    ) -> list[tuple[float, str, str]]:
        """Scored candidates (value plus seeded Gumbel noise), one draw for all.

        Of the regions a regional action could target, only the best few are
        kept: the noise could not lift the others to the top.
        """
        kinds: list[str] = []
        targets: list[str] = []
        values: list[float] = []
        for kind, ts in opts:
            vs = self.values(st, f, prof, kind, ts)
            if kind in _REGIONAL and len(ts) > KEEP_REGIONS:
                best = sorted(range(len(ts)), key=vs.__getitem__, reverse=True)[:KEEP_REGIONS]
                ts, vs = [ts[i] for i in best], [vs[i] for i in best]
            kinds += [kind] * len(ts)
            targets += ts
            values += vs
        if not values:
            return []
        noise = (self.rng.gumbel(size=len(values)) * prof.temperature).tolist()
        return list(zip([v + n for v, n in zip(values, noise, strict=True)], kinds, targets, strict=True))

    # ------------------------------------------------------------- decisions
    def _decide(self, game: Game, f: int, prof: FactionProfile, legal: list[Action]) -> Action:
        st = game.state
        d = st.pending[0]
        if d.kind == "offer":
            hostile = _hostility(prof, d.subject)
            common = _common_enemy(st, prof, f, d.subject)
            p_accept = 1 / (1 + math.exp(-4 * (0.2 + common - hostile)))
            take = self.rng.random() < p_accept
            return next(a for a in legal if a.target == ("accept" if take else "decline"))
        ev = game.sc.events[d.subject]
        by_id = {o.id: o for o in ev.options}
        weights = []
        for a in legal:
            opt = by_id[a.target]
            weights.append(max(opt.ai_weight, 1e-6) * (math.exp(prof.history) if opt.historical else 1.0))
        pick = self.rng.random() * sum(weights)
        for a, w in zip(legal, weights, strict=True):
            pick -= w
            if pick < 0:
                return a
        return legal[-1]

    # ---------------------------------------------------------------- scoring
    def values(self, st: State, f: int, prof: FactionProfile, kind: str, targets: list[str]) -> list[float]:
        """How much the faction wants each target of one kind of action (higher is better)."""
        w = prof.weights.get(kind, 1.0)
        if w <= 0:
            return [-5.0] * len(targets)
        p = acts.SPECS[kind].price
        fn = _REGIONAL.get(kind)
        if fn is not None:
            arr = fn(view(st), f, _congress_soon(st))
            ridx = st.sc.region_index
            assert isinstance(p, int)
            return [w * arr[ridx[t]] - 0.04 * p for t in targets]
        value = _VALUE[kind]
        if isinstance(p, int):
            return [w * value(st, f, prof, t) - 0.04 * p for t in targets]
        return [w * value(st, f, prof, t) - 0.04 * p(st, f, t) for t in targets]

    def scores(self, st: State, f: int, prof: FactionProfile, legal: list[Action]) -> np.ndarray:
        """Scores of a list of actions of faction ``f`` (no noise)."""
        return np.asarray([self.values(st, f, prof, a.kind, [a.target])[0] for a in legal])


# ------------------------------------------------------------------- values
@functools.lru_cache(maxsize=256)
def _skipped(prof: FactionProfile) -> frozenset[str]:
    """Kinds of action this personality never takes (weight 0)."""
    return frozenset(k for k, w in prof.weights.items() if w <= 0 and k in acts.SPECS)


def _hostility(prof: FactionProfile, g: int) -> float:
    return prof.hostility[g] if g < len(prof.hostility) else 0.0


def _common_enemy(st: State, prof: FactionProfile, f: int, g: int) -> float:
    """How much an alliance with ``g`` helps against whoever ``f`` fears most."""
    h = prof.hostility
    if not h:
        return 0.0
    enemy = max(range(len(h)), key=h.__getitem__)
    if enemy == g or h[enemy] <= 0:
        return 0.0
    return 0.5 * h[enemy]


def _weight(st: State, r: int) -> float:
    return view(st).weight[r]


def _share(st: State, r: int, f: int) -> float:
    return view(st).column(f)[r]


def _congress_soon(st: State) -> float:
    for m in st.sc.meetings:
        if m.season >= st.season and m.kind == "congress":
            return 1.3 if m.season - st.season <= 2 else 1.0
    return 0.6


def _v_slate(st: State, f: int, prof: FactionProfile, t: str) -> float:
    return 0.9 * _congress_soon(st)


def _v_purge(st: State, f: int, prof: FactionProfile, t: str) -> float:
    reg, fac = t.split("/")
    r, g = st.sc.region_index[reg], st.sc.faction_index[fac]
    return 8 * _hostility(prof, g) * _share(st, r, g) * _weight(st, r)


def _v_press(st: State, f: int, prof: FactionProfile, t: str) -> float:
    g = st.sc.faction_index[t]
    return 1.2 * _hostility(prof, g) * st.prestige[st.sc.leader_of(g)] / 100


def _v_publish(st: State, f: int, prof: FactionProfile, t: str) -> float:
    return 0.9 * (100 - st.credentials[st.sc.leader_of(f)]) / 100


def _v_doctrine(st: State, f: int, prof: FactionProfile, t: str) -> float:
    a = st.sc.axis_index[t]
    return 0.8 * min(1.0, abs(float(view(st).mean[a]) - st.ideology[f][a]))


def _r_appoint(v: View, f: int, soon: float) -> list[float]:
    return [9 * w * (1 - s) * soon for w, s in zip(v.weight, v.column(f), strict=True)]


def _r_enrol(v: View, f: int, soon: float) -> list[float]:
    return [8 * w * (1 - s) * soon for w, s in zip(v.weight, v.column(f), strict=True)]


def _r_rally(v: View, f: int, soon: float) -> list[float]:
    return [
        6 * w * s * (1 - lo) + 0.1 for w, s, lo in zip(v.weight, v.column(f), v.loyal_column(f), strict=True)
    ]


KEEP_REGIONS = 3
_REGIONAL = {"appoint": _r_appoint, "enrol": _r_enrol, "rally": _r_rally}
IMPORTANCE = {"condemn": 1.2, "drop": 1.0, "expel_cc": 1.0, "expel": 1.2, "readmit": 0.2, "line": 0.35}


def _v_motion(st: State, f: int, prof: FactionProfile, t: str) -> float:
    m = acts.parse_motion(st, f, t)
    if prof.weights.get(m.kind, 1.0) <= 0:
        return -5.0
    if m.kind == "line":
        return IMPORTANCE["line"] * prof.weights.get("line", 1.0) * _pass_estimate(st, m)
    g = rules.target_faction(st, m)
    if g < 0 or g == f:
        return -1.0
    hostile = _hostility(prof, g)
    if hostile <= 0:
        return -1.0
    imp = st.sc.posts[m.target].value / 6 if m.kind == "remove" else IMPORTANCE[m.kind]
    imp *= prof.weights.get(m.kind, 1.0)
    p = _pass_estimate(st, m)
    return hostile * imp * (1.6 * p - 0.5)


def _pass_estimate(st: State, m: Motion) -> float:
    """Rough chance a motion carries in the Central Committee, from whips alone."""
    v = view(st)
    key = (m.kind, m.proposer, m.target, m.value)
    whip = v.memo.get(key)
    if whip is None:
        whip = v.memo[key] = rules.whip_list(st, m)
    cc = v.cc
    yes = no = 0.0
    for g, w in enumerate(whip):
        if w > 0:
            yes += cc[g + 1]
        elif w < 0:
            no += cc[g + 1]
    t = rules.target_faction(st, m)
    if t >= 0 and st.factionalism[t] > 0.5:
        yes += 0.2 * cc[0]
    return min(1.0, max(0.0, 0.5 + 1.5 * (yes - no)))


def _v_pledge(st: State, f: int, prof: FactionProfile, t: str) -> float:
    g = st.sc.faction_index[t]
    best = -0.5
    for m in st.motions:
        if m.proposer == g:
            target = rules.target_faction(st, m)
            if target >= 0 and target != f:
                best = max(best, 0.8 * _hostility(prof, target) - 0.2)
    return best


def _v_ally(st: State, f: int, prof: FactionProfile, t: str) -> float:
    g = st.sc.faction_index[t]
    return 0.6 * (_common_enemy(st, prof, f, g) - _hostility(prof, g))


def _v_break(st: State, f: int, prof: FactionProfile, t: str) -> float:
    g = st.sc.faction_index[t]
    return _hostility(prof, g) - 0.7


def _v_platform(st: State, f: int, prof: FactionProfile, t: str) -> float:
    return 0.5 * st.unity / 100 - 0.1


def _v_recant(st: State, f: int, prof: FactionProfile, t: str) -> float:
    lead = st.sc.leader_of(f)
    return 1.0 if st.status[lead] in ("expelled", "exiled") else 0.2


def _v_police(st: State, f: int, prof: FactionProfile, t: str) -> float:
    g = st.lfaction[st.sc.leader_index[t]]
    return _hostility(prof, g) if g >= 0 else 0.0


def _v_pass(st: State, f: int, prof: FactionProfile, t: str) -> float:
    return 0.1


_VALUE = {
    "slate": _v_slate,
    "purge": _v_purge,
    "press": _v_press,
    "publish": _v_publish,
    "doctrine": _v_doctrine,
    "motion": _v_motion,
    "pledge": _v_pledge,
    "ally": _v_ally,
    "break": _v_break,
    "platform": _v_platform,
    "recant": _v_recant,
    "exile": _v_police,
    "deport": _v_police,
    "pass": _v_pass,
}
