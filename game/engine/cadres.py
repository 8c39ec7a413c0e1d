"""Regional cadres, congress delegates and elections.

Each region keeps :data:`~game.engine.defs.POOL` representative cadres: who
their patron is, how loyal they are and what they think. Appointments,
enrolments and purges change the pool; when a congress meets, the region's
delegates are drawn from it in proportion to its membership, and the
congress elects the Central Committee from its delegates. This is the
circular flow of power (DESIGN §2.1) as arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from game.engine.defs import POOL, Scenario
from game.engine.state import State

F32 = npt.NDArray[np.float32]
I8 = npt.NDArray[np.int8]
I64 = npt.NDArray[np.int64]

APPOINTEE_LOYALTY = 0.6
RECRUIT_LOYALTY = 0.7


def apportion(total: int, weights: Sequence[float] | npt.NDArray[Any]) -> list[int]:
    """Split ``total`` seats by weight with the largest-remainder method.

    >>> apportion(10, [1, 1, 1])
    [4, 3, 3]
    """
    w = [float(x) for x in weights]
    s = sum(w)
    if total <= 0 or s <= 0:
        return [0] * len(w)
    quota = [x / s * total for x in w]
    base = [int(q) for q in quota]
    rest = total - sum(base)
    order = sorted(range(len(w)), key=lambda i: -(quota[i] - base[i]))
    for i in order[:rest]:
        base[i] += 1
    return base


def _seat_patrons(shares: tuple[float, ...], size: int) -> I8:
    """Patron of each seat for given faction shares; the remainder is unattached."""
    n_f = len(shares)
    weights = [*shares, max(0.0, 1.0 - sum(shares))]
    counts = apportion(size, weights)
    out = np.full(size, -1, dtype=np.int8)
    pos = 0
    for f in range(n_f):
        out[pos : pos + counts[f]] = f
        pos += counts[f]
    return out


def init_pools(sc: Scenario, st: State, rng: np.random.Generator) -> None:
    """Fill the regional pools and party bodies from the scenario's start."""
    n_r = len(sc.regions)
    patron = np.concatenate([_seat_patrons(reg.control, POOL) for reg in sc.regions])
    base_loy = np.repeat(np.asarray([reg.loyalty for reg in sc.regions]), POOL)
    loy = np.clip(base_loy + rng.normal(0, 0.1, n_r * POOL), 0.1, 1.0)
    loyalty = np.where(patron >= 0, loy, 0.0).astype(np.float32)
    base_op = np.repeat(np.asarray([reg.opinion for reg in sc.regions], np.float32), POOL, axis=0)
    op = base_op + rng.normal(0, 0.15, base_op.shape)
    # clients lean a little towards their patron's line
    ideo = np.vstack([np.asarray([f.ideology for f in sc.factions]), np.zeros(len(sc.axes))])
    attached = (patron >= 0)[:, None]
    op = np.where(attached, 0.7 * op + 0.3 * ideo[patron], op)
    st.pool_patron = patron
    st.pool_loyalty = loyalty
    st.pool_opinion = np.clip(op, -1, 1).astype(np.float32)
    st.members = [reg.members for reg in sc.regions]
    st.cc_patron, st.cc_loyalty, st.cc_opinion = _body(sc, sc.central_committee, sc.cc_size, rng)
    st.ccc_patron, st.ccc_loyalty, st.ccc_opinion = _body(sc, sc.control_commission, sc.ccc_size, rng)


def _body(
    sc: Scenario, shares: tuple[float, ...], size: int, rng: np.random.Generator
) -> tuple[I8, F32, F32]:
    patron = _seat_patrons(shares, size)
    n_a = len(sc.axes)
    loyalty = np.where(patron >= 0, np.clip(rng.normal(0.75, 0.1, size), 0.3, 1.0), 0.0)
    ideo = np.zeros((size, n_a), dtype=np.float32)
    for f, fac in enumerate(sc.factions):
        ideo[patron == f] = np.asarray(fac.ideology, np.float32)
    opinion = np.clip(ideo * 0.8 + rng.normal(0, 0.2, (size, n_a)), -1, 1)
    return patron, loyalty.astype(np.float32), opinion.astype(np.float32)


# ---------------------------------------------------------------- pool moves
def _pick(
    st: State, regions: Sequence[int], counts: Sequence[int], exclude: int, only: int | None = None
) -> I64:
    """Indices (into the pool) of the cadres easiest to win over, ``counts[i]`` in ``regions[i]``.

    Unattached cadres come first, then the least loyal; ``exclude`` keeps a
    faction's own clients out; ``only`` restricts to one patron. All the
    regions are done at once.
    """
    regs = np.asarray(regions, dtype=np.int64)
    pat = st.pool_patron.reshape(-1, POOL)[regs]
    key = st.pool_loyalty.reshape(-1, POOL)[regs] + (pat >= 0) * 2.0
    if only is not None:
        key = np.where(pat == only, key, np.inf)
    key = np.where(pat == exclude, np.inf, key)
    order = np.argsort(key, axis=1, kind="stable")
    wanted = np.arange(POOL)[None, :] < np.asarray(counts, dtype=np.int64)[:, None]
    take = wanted & np.isfinite(np.take_along_axis(key, order, axis=1))
    picked: I64 = (order + regs[:, None] * POOL)[take]
    return picked.astype(np.int64)


def appoint(st: State, region: int, faction: int, n: int) -> int:
    """Put ``n`` new secretaries of ``faction`` over cadres in a region; returns how many."""
    idx = _pick(st, [region], [n], exclude=faction)
    st.pool_patron[idx] = faction
    st.pool_loyalty[idx] = APPOINTEE_LOYALTY
    ideo = np.asarray(st.ideology[faction], np.float32)
    st.pool_opinion[idx] = 0.75 * st.pool_opinion[idx] + 0.25 * ideo
    return len(idx)


def shift_control(st: State, regions: Sequence[int], to: int, share: float, source: int | None = None) -> int:
    """Move a share of each region's cadres to ``to`` (from ``source`` if given).

    ``to`` may be -1 to detach cadres from their patron.
    """
    n = round(POOL * share)
    idx = _pick(st, regions, [n] * len(regions), exclude=to, only=source)
    st.pool_patron[idx] = to
    st.pool_loyalty[idx] = APPOINTEE_LOYALTY if to >= 0 else 0.0
    if to >= 0:
        ideo = np.asarray(st.ideology[to], np.float32)
        st.pool_opinion[idx] = 0.75 * st.pool_opinion[idx] + 0.25 * ideo
    return len(idx)


def enrol(st: State, regions: Sequence[int], faction: int, added: Sequence[int]) -> int:
    """Admit new members (``added[i]`` in ``regions[i]``) whose cadres owe ``faction``.

    New members dilute the old guard: the replaced cadres are the least
    attached, and recruits think as the apparatus does (discipline first).
    Returns how many cadres were replaced.
    """
    counts = []
    for r, n in zip(regions, added, strict=True):
        before = st.members[r]
        st.members[r] = before + n
        counts.append(round(POOL * n / max(1, before + n)))
    if not any(counts):
        return 0
    idx = _pick(st, regions, counts, exclude=faction)
    st.pool_patron[idx] = faction
    st.pool_loyalty[idx] = RECRUIT_LOYALTY
    ideo = np.asarray(st.ideology[faction], np.float32)
    st.pool_opinion[idx] = 0.5 * st.pool_opinion[idx] + 0.5 * ideo
    return len(idx)


def purge(st: State, region: int, target: int, n: int) -> int:
    """Expel up to ``n`` of ``target``'s cadres from a region's organisation."""
    idx = _pick(st, [region], [n], exclude=-2, only=target)
    if len(idx) == 0:
        return 0
    st.pool_patron[idx] = -1
    st.pool_loyalty[idx] = 0.0
    lost = round(st.members[region] * len(idx) / POOL * 0.3)
    st.members[region] = max(1, st.members[region] - lost)
    return len(idx)


# ------------------------------------------------------------ congresses
@dataclass(slots=True)
class Assembly:
    """The voters of one sitting: patrons, loyalty, opinion and groups."""

    patron: I8
    loyalty: F32
    opinion: F32
    group: I64
    group_names: list[str]
    pool_index: I64 | None  # where each delegate came from, for loyalty feedback


def convene(st: State, size: int, rng: np.random.Generator) -> Assembly:
    """Draw a congress or conference of ``size`` delegates from the regions.

    Each region sends seats in proportion to its membership (largest
    remainder); its delegates are spread evenly over its cadres.
    """
    seats = np.asarray(apportion(size, st.members), dtype=np.int64)
    n_r = len(seats)
    group = np.repeat(np.arange(n_r, dtype=np.int64), seats)
    starts = np.cumsum(seats) - seats
    k = np.arange(len(group), dtype=np.int64) - starts[group]
    idx = (group * POOL + (k * POOL) // seats[group]).astype(np.int64)
    opinion = st.pool_opinion[idx] + rng.normal(0, 0.05, (len(idx), st.pool_opinion.shape[1]))
    return Assembly(
        patron=st.pool_patron[idx],
        loyalty=st.pool_loyalty[idx],
        opinion=np.clip(opinion, -1, 1).astype(np.float32),
        group=group,
        group_names=[reg.name for reg in st.sc.regions],
        pool_index=idx,
    )


def sitting(st: State, kind: str) -> Assembly:
    """The voters of a plenum (CC), a joint plenum (CC and CCC) or the Politburo."""
    n_f = len(st.sc.factions)
    names = [f.name for f in st.sc.factions] + ["Unattached"]
    if kind == "politburo":
        members = [m for m in st.politburo if st.status[m] not in ("dead", "incapacitated")]
        patron = np.asarray([st.lfaction[m] for m in members], dtype=np.int8)
        loyalty = np.where(patron >= 0, 0.9, 0.0).astype(np.float32)
        opinion = np.asarray(
            [
                st.ideology[st.lfaction[m]] if st.lfaction[m] >= 0 else [0.0] * len(st.sc.axes)
                for m in members
            ],
            dtype=np.float32,
        ).reshape(len(members), len(st.sc.axes))
    elif kind == "joint_plenum":
        patron = np.concatenate([st.cc_patron, st.ccc_patron])
        loyalty = np.concatenate([st.cc_loyalty, st.ccc_loyalty])
        opinion = np.concatenate([st.cc_opinion, st.ccc_opinion])
    else:
        patron, loyalty, opinion = st.cc_patron, st.cc_loyalty, st.cc_opinion
    group = np.where(patron >= 0, patron, n_f).astype(np.int64)
    return Assembly(patron, loyalty, opinion, group, names, None)


def elect_body(
    st: State, assembly: Assembly, size: int, slate: list[int], rng: np.random.Generator
) -> tuple[I8, F32, F32]:
    """Elect a body of ``size`` seats from an assembly.

    A faction's seats follow the share of delegates it commands, each counted
    by the strength of their attachment (loyalty + 0.3, at most 1); the rest
    of the assembly elects unattached members. Clients the faction placed on
    the slate take seats from the unattached.
    """
    n_f = len(st.sc.factions)
    n_a = st.pool_opinion.shape[1]
    group = assembly.patron.astype(np.int64) + 1  # 0: unattached
    n = len(group)
    count = np.bincount(group, minlength=n_f + 1)
    strength = np.bincount(group, weights=np.minimum(assembly.loyalty + 0.3, 1.0), minlength=n_f + 1)
    strength[0] = n - strength[1:].sum()
    counts = apportion(size, strength)
    for f in range(n_f):
        extra = min(slate[f], counts[0])
        counts[f + 1] += extra
        counts[0] -= extra
    safe = np.maximum(count, 1)
    loy_mean = np.where(
        count > 0, np.bincount(group, weights=assembly.loyalty, minlength=n_f + 1) / safe, 0.6
    )
    overall = assembly.opinion.mean(axis=0)
    op_mean = np.empty((n_f + 1, n_a))
    for a in range(n_a):
        col = np.bincount(group, weights=assembly.opinion[:, a], minlength=n_f + 1) / safe
        op_mean[:, a] = np.where(count > 0, col, overall[a])
    seat_group = np.repeat(np.arange(n_f + 1), counts)
    patron = (seat_group - 1).astype(np.int8)
    drawn = np.clip(loy_mean[seat_group] + 0.15 + rng.normal(0, 0.08, size), 0.2, 1.0)
    loyalty = np.where(seat_group > 0, drawn, 0.0).astype(np.float32)
    opinion = np.clip(op_mean[seat_group] + rng.normal(0, 0.12, (size, n_a)), -1, 1).astype(np.float32)
    return patron, loyalty, opinion
