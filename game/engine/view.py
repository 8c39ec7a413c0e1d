"""Summary numbers of a state, computed once per decision.

Listing and weighing actions asks the same questions many times (who holds
how much of each region, what the party thinks, who has which power). A
:class:`View` answers them from one pass over the arrays; the state drops it
whenever it changes (see :func:`invalidate`).
"""

from __future__ import annotations

import functools

import numpy as np
import numpy.typing as npt

from game.engine.defs import OUTSIDE_PARTY, POOL, Scenario
from game.engine.state import State


@functools.lru_cache(maxsize=16)
def _region_index(n_regions: int) -> npt.NDArray[np.int64]:
    return np.repeat(np.arange(n_regions, dtype=np.int64), POOL)


class View:
    """Region shares and loyalty by faction, member weights, mean opinion, powers.

    Each part is computed on first use only.
    """

    def __init__(self, st: State) -> None:
        self.st = st

    @functools.cached_property
    def _counts(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        st = self.st
        n_r, n_f = len(st.sc.regions), len(st.sc.factions)
        key = _region_index(n_r) * (n_f + 1) + (st.pool_patron.astype(np.int64) + 1)
        size = n_r * (n_f + 1)
        counts = np.bincount(key, minlength=size).reshape(n_r, n_f + 1)
        loy = np.bincount(key, weights=st.pool_loyalty, minlength=size).reshape(n_r, n_f + 1)
        return counts / POOL, loy / np.maximum(counts, 1)

    @property
    def share(self) -> npt.NDArray[np.float64]:
        """share[r, f + 1]: share of region r's cadres who are faction f's clients (col 0: none)."""
        return self._counts[0]

    @property
    def loyal(self) -> npt.NDArray[np.float64]:
        """loyal[r, f + 1]: their mean loyalty."""
        return self._counts[1]

    @functools.cached_property
    def weight(self) -> npt.NDArray[np.float64]:
        """weight[r]: region r's share of party membership (and of congress delegates)."""
        w = np.asarray(self.st.members, dtype=np.float64)
        total = float(w.sum())
        return w / total if total else w

    @functools.cached_property
    def mean(self) -> npt.NDArray[np.float32]:
        """mean[a]: membership-weighted party opinion on axis a."""
        per_cadre = np.repeat((self.weight / POOL).astype(np.float32), POOL)
        return per_cadre @ self.st.pool_opinion

    @functools.cached_property
    def cc(self) -> npt.NDArray[np.float64]:
        """cc[f + 1]: Central Committee seats held by faction f's clients (col 0: none)."""
        st = self.st
        n_cc = max(1, len(st.cc_patron))
        return np.bincount(st.cc_patron.astype(np.int64) + 1, minlength=len(st.sc.factions) + 1) / n_cc

    @functools.cached_property
    def rivals(self) -> list[list[int]]:
        """rivals[f]: the other factions still in the game."""
        st = self.st
        n_f = len(st.sc.factions)
        active = [f for f in range(n_f) if st.active(f)]
        return [[g for g in active if g != f] for f in range(n_f)]

    @functools.cached_property
    def powers(self) -> list[dict[str, frozenset[int] | None]]:
        """powers[f][power]: regions the power reaches (None: everywhere)."""
        st = self.st
        return _powers(st.sc, tuple(st.holders), tuple(st.lfaction), tuple(st.status))

    def has(self, faction: int, power: str, region: int = -1) -> bool:
        """Whether the faction holds a post with this power (reaching this region)."""
        powers = self.powers[faction]
        if power not in powers:
            return False
        scope = powers[power]
        return scope is None or region < 0 or region in scope


@functools.lru_cache(maxsize=256)
def _powers(
    sc: Scenario, holders: tuple[int, ...], lfaction: tuple[int, ...], status: tuple[str, ...]
) -> list[dict[str, frozenset[int] | None]]:
    out: list[dict[str, frozenset[int] | None]] = [{} for _ in sc.factions]
    for p, post in enumerate(sc.posts):
        h = holders[p]
        if h < 0 or status[h] in OUTSIDE_PARTY or lfaction[h] < 0:
            continue
        mine = out[lfaction[h]]
        for power in post.powers:
            if not post.scope:
                mine[power] = None
            elif power not in mine or mine[power] is not None:
                mine[power] = (mine.get(power) or frozenset()) | frozenset(post.scope)
    return out


def view(st: State) -> View:
    """The state's view, computed if it is missing."""
    if st.view is None:
        st.view = View(st)
    return st.view  # type: ignore[no-any-return]


def invalidate(st: State) -> None:
    """Forget the view after the state changed."""
    st.view = None
