"""Summary numbers of a state, computed once per decision.

Listing and weighing actions asks the same questions many times (who holds
how much of each region, what the party thinks, who has which power). A
:class:`View` answers them from one pass over the arrays; the state drops it
whenever it changes (see :func:`invalidate`).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import numpy.typing as npt

from game.engine.defs import OUTSIDE_PARTY, POOL, Scenario
from game.engine.state import State


@functools.lru_cache(maxsize=16)
def _keys(n_regions: int, n_factions: int) -> npt.NDArray[np.int64]:
    """Per cadre, the first cell of its region's row (plus one: patron -1 lands in column 0)."""
    return np.repeat(np.arange(n_regions, dtype=np.int64) * (n_factions + 1) + 1, POOL)


@functools.lru_cache(maxsize=64)
def _cadre_weights(members: tuple[int, ...]) -> npt.NDArray[np.float32]:
    """Each cadre's weight in the party: its region's share of members, spread over the pool."""
    w = np.asarray(members, dtype=np.float64)
    total = float(w.sum())
    return np.repeat((w / (total * POOL) if total else w).astype(np.float32), POOL)


_UNSET: Any = object()


class View:
    """Region shares and loyalty by faction, member weights, mean opinion, powers.

    Each part is computed on first use only.
    """

    __slots__ = (
        "_cc",
        "_counts",
        "_key",
        "_loyal",
        "_mean",
        "_powers",
        "_rivals",
        "_share",
        "_weight",
        "memo",
        "st",
    )

    def __init__(self, st: State) -> None:
        self.st = st
        #: answers callers work out once per state (e.g. whips), dropped with the view
        self.memo: dict[Any, Any] = {}
        self._counts = self._key = self._share = self._loyal = self._weight = self._mean = _UNSET
        self._cc = self._rivals = self._powers = _UNSET

    @property
    def share(self) -> npt.NDArray[np.float64]:
        """share[r, f + 1]: share of region r's cadres who are faction f's clients (col 0: none)."""
        if self._share is _UNSET:
            st = self.st
            n_r, n_f = len(st.sc.regions), len(st.sc.factions)
            self._key = key = _keys(n_r, n_f) + st.pool_patron
            self._counts = np.bincount(key, minlength=n_r * (n_f + 1)).reshape(n_r, n_f + 1)
            self._share = self._counts / POOL
        return self._share  # type: ignore[no-any-return]

    @property
    def loyal(self) -> npt.NDArray[np.float64]:
        """loyal[r, f + 1]: their mean loyalty."""
        if self._loyal is _UNSET:
            self.share  # noqa: B018 - computes the counts and keys
            counts = self._counts
            loy = np.bincount(self._key, weights=self.st.pool_loyalty, minlength=counts.size)
            self._loyal = loy.reshape(counts.shape) / np.maximum(counts, 1)
        return self._loyal  # type: ignore[no-any-return]

    @property
    def weight(self) -> list[float]:
        """weight[r]: region r's share of party membership (and of congress delegates)."""
        if self._weight is _UNSET:
            members = self.st.members
            total = sum(members) or 1
            self._weight = [m / total for m in members]
        return self._weight  # type: ignore[no-any-return]

    def column(self, faction: int) -> list[float]:
        """The faction's share of each region's cadres, as a list."""
        key = ("column", faction)
        col = self.memo.get(key)
        if col is None:
            col = self.memo[key] = self.share[:, faction + 1].tolist()
        return col  # type: ignore[no-any-return]

    def loyal_column(self, faction: int) -> list[float]:
        """Mean loyalty of the faction's cadres in each region, as a list."""
        key = ("loyal", faction)
        col = self.memo.get(key)
        if col is None:
            col = self.memo[key] = self.loyal[:, faction + 1].tolist()
        return col  # type: ignore[no-any-return]

    @property
    def mean(self) -> npt.NDArray[np.float32]:
        """mean[a]: membership-weighted party opinion on axis a."""
        if self._mean is _UNSET:
            self._mean = _cadre_weights(tuple(self.st.members)) @ self.st.pool_opinion
        return self._mean  # type: ignore[no-any-return]

    @property
    def cc(self) -> npt.NDArray[np.float64]:
        """cc[f + 1]: Central Committee seats held by faction f's clients (col 0: none)."""
        if self._cc is _UNSET:
            st = self.st
            n_cc = max(1, len(st.cc_patron))
            counts = np.bincount(st.cc_patron.astype(np.int64) + 1, minlength=len(st.sc.factions) + 1)
            self._cc = counts / n_cc
        return self._cc  # type: ignore[no-any-return]

    @property
    def rivals(self) -> list[list[int]]:
        """rivals[f]: the other factions still in the game."""
        if self._rivals is _UNSET:
            st = self.st
            status = st.status
            active = [
                f for f, lead in enumerate(st.sc.faction_leader) if status[lead] not in ("dead", "deported")
            ]
            self._rivals = [[g for g in active if g != f] for f in range(len(st.sc.factions))]
        return self._rivals  # type: ignore[no-any-return]

    @property
    def powers(self) -> list[dict[str, frozenset[int] | None]]:
        """powers[f][power]: regions the power reaches (None: everywhere)."""
        if self._powers is _UNSET:
            st = self.st
            self._powers = _powers(st.sc, tuple(st.holders), tuple(st.lfaction), tuple(st.status))
        return self._powers  # type: ignore[no-any-return]

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
