"""The explained vote: one transparent formula over every voter at once.

Each voter's score is the sum of five terms (DESIGN §3, "votes are
explained"):

``loyalty``   the voter's loyalty to their patron times the patron's whip (+1, 0, -1);
``views``     how close the motion sits to the voter's opinions;
``unity``     pressure of the ban on factions: closing ranks against a faction
              that has acted factionally, reluctance to split the leadership;
``standing``  the prestige and Leninist credentials of proposer against target,
              plus any special authority (Lenin's word);
``chance``    a random term from the game's seeded generator.

A voter votes for when the score is above ``+BAND``, against when below
``-BAND``, and abstains in between. Everything is vectorised with NumPy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.engine.cadres import Assembly

TERMS = ("loyalty", "views", "unity", "standing", "chance")
W_LOYALTY = 1.0
W_VIEWS = 0.9
NOISE = 0.3
BAND = 0.12


@dataclass(frozen=True, slots=True)
class Stance:
    """What a motion asks of the voters, reduced to numbers.

    Either ``axis >= 0`` (a policy line: support falls with the distance of
    the voter's opinion on that axis from ``position``) or ``against`` is a
    target's ideology (support rises with the voter's distance from it;
    ``sign`` -1 reverses that for a motion in the target's favour).
    """

    whip: npt.NDArray[np.float32]  # per faction, plus a trailing 0 for the unattached
    axis: int
    position: float
    against: npt.NDArray[np.float32] | None
    sign: float
    unity: float
    standing: float
    threshold: float = 0.5  # share of votes cast needed


@dataclass(slots=True)
class Result:
    """Raw result of a vote: masks and per-voter terms."""

    yes: npt.NDArray[np.bool_]
    no: npt.NDArray[np.bool_]
    terms: npt.NDArray[np.float32]  # (len(TERMS), n)
    passed: bool


def resolve(a: Assembly, s: Stance, rng: np.random.Generator) -> Result:
    """Vote a motion in an assembly."""
    n = len(a.patron)
    terms = np.empty((len(TERMS), n), dtype=np.float32)
    terms[0] = W_LOYALTY * a.loyalty * s.whip[a.patron]  # -1 indexes the trailing 0
    if s.axis >= 0:
        terms[1] = W_VIEWS * (0.7 - np.abs(a.opinion[:, s.axis] - s.position))
    elif s.against is not None:
        dist = np.abs(a.opinion - s.against).mean(axis=1)
        terms[1] = s.sign * W_VIEWS * (dist - 0.6)
    else:
        terms[1] = 0.0
    terms[2] = s.unity
    terms[3] = s.standing
    terms[4] = rng.normal(0.0, NOISE, n)
    score = terms.sum(axis=0)
    yes = score > BAND
    no = score < -BAND
    ny, nn = int(yes.sum()), int(no.sum())
    passed = ny + nn > 0 and ny > s.threshold * (ny + nn)
    return Result(yes, no, terms, passed)


def explain(
    a: Assembly, r: Result
) -> tuple[dict[str, float], list[tuple[str, int, int, int, dict[str, float]]]]:
    """Mean of each term overall and per group (region or faction), with counts."""
    n_groups = len(a.group_names)
    cnt = np.bincount(a.group, minlength=n_groups)
    ys = np.bincount(a.group, weights=r.yes, minlength=n_groups)
    ns = np.bincount(a.group, weights=r.no, minlength=n_groups)
    safe = np.maximum(cnt, 1)
    means = np.round(
        np.stack([np.bincount(a.group, weights=t, minlength=n_groups) / safe for t in r.terms]), 4
    ).T.tolist()
    overall = dict(zip(TERMS, np.round(r.terms.mean(axis=1), 4).tolist(), strict=True))
    groups = []
    for g, (c, y, no) in enumerate(zip(cnt.tolist(), ys.tolist(), ns.tolist(), strict=True)):
        if c:
            y, no = int(y), int(no)
            groups.append((a.group_names[g], y, no, c - y - no, dict(zip(TERMS, means[g], strict=True))))
    return overall, groups


def shares(terms: dict[str, float]) -> dict[str, float]:
    """Share of each term in the absolute total: what weighed most.

    >>> shares({"loyalty": 0.3, "views": -0.1})
    {'loyalty': 0.75, 'views': 0.25}
    """
    total = sum(abs(v) for v in terms.values()) or 1.0
    return {k: round(abs(v) / total, 3) for k, v in terms.items()}
