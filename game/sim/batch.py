"""Many seeded AI-vs-AI games across processes, and their statistics.

Run ``i`` of a batch with seed ``S`` always uses the same derived seed, so
the counts are the same whatever the number of worker processes.
"""

from __future__ import annotations

import math
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.engine.defs import Scenario
from game.scenario.load import load_scenario
from game.sim.run import play_game

Z95 = 1.959963984540054


def run_seed(seed: int, index: int) -> int:
    """The seed of run ``index`` in a batch started with ``seed``."""
    return int(np.random.SeedSequence([seed, index]).generate_state(1, dtype=np.uint32)[0])


@dataclass(frozen=True, slots=True)
class RunResult:
    """What one game came to."""

    index: int
    seed: int
    ending: str
    winner: str | None
    season: int
    history: tuple[tuple[int, str, str, str], ...]
    votes: tuple[
        tuple[str, str, str, int, int, int, bool], ...
    ]  # meeting, kind, target, for, against, abst., passed


def one_run(sc: Scenario, seed: int, index: int, profile: str) -> RunResult:
    """Play run ``index`` of a batch."""
    s = run_seed(seed, index)
    game = play_game(sc, s, profile, detail=False)
    out = game.outcome()
    assert out is not None
    votes = tuple((t.meeting, t.kind, t.target, t.yes, t.no, t.abstain, t.passed) for t in game.state.tallies)
    return RunResult(index, s, out.ending, out.winner, out.season, tuple(game.state.history), votes)


def _chunk(args: tuple[str, str | None, int, list[int], str]) -> list[RunResult]:
    scenario, variant, seed, indices, profile = args
    sc = load_scenario(scenario, variant)
    return [one_run(sc, seed, i, profile) for i in indices]


def run_batch(
    scenario: str,
    variant: str | None,
    runs: int,
    seed: int,
    workers: int = 1,
    profile: str = "historical",
    progress: Callable[[int, int], None] | None = None,
) -> list[RunResult]:
    """Play ``runs`` games; results in run order."""
    chunk = max(1, min(50, math.ceil(runs / max(1, workers * 4))))
    jobs = [list(range(i, min(runs, i + chunk))) for i in range(0, runs, chunk)]
    results: list[RunResult] = []
    if workers <= 1:
        sc = load_scenario(scenario, variant)
        for idx in jobs:
            results += [one_run(sc, seed, i, profile) for i in idx]
            if progress:
                progress(len(results), runs)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futs = [pool.submit(_chunk, (scenario, variant, seed, idx, profile)) for idx in jobs]
            for fut in as_completed(futs):
                results += fut.result()
                if progress:
                    progress(len(results), runs)
    return sorted(results, key=lambda r: r.index)


def wilson(k: int, n: int) -> tuple[float, float]:
    """95% Wilson score interval of a proportion.

    >>> [round(x, 3) for x in wilson(7, 10)]
    [0.397, 0.892]
    """
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    den = 1 + Z95**2 / n
    mid = (p + Z95**2 / (2 * n)) / den
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / den
    return (max(0.0, mid - half), min(1.0, mid + half))


@dataclass
class Summary:
    """Counts of endings and winners, with intervals."""

    scenario: str
    variant: str
    runs: int
    seed: int
    profile: str
    endings: dict[str, int]
    winners: dict[str, int]
    no_winner: int
    seconds: float
    workers: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def runs_per_second(self) -> float:
        """Throughput of the batch."""
        return self.runs / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        """The summary as the ``simulate --json`` object."""
        return {
            "scenario": self.scenario,
            "variant": self.variant,
            "runs": self.runs,
            "seed": self.seed,
            "profile": self.profile,
            "workers": self.workers,
            "endings": self.endings,
            "winners": self.winners,
            "no_winner": self.no_winner,
            "endings_ci95": {k: [round(x, 4) for x in wilson(v, self.runs)] for k, v in self.endings.items()},
            "winners_ci95": {k: [round(x, 4) for x in wilson(v, self.runs)] for k, v in self.winners.items()},
            "seconds": round(self.seconds, 3),
            "runs_per_second": round(self.runs_per_second, 2),
            **self.extra,
        }


def summarise(
    sc: Scenario, results: list[RunResult], seed: int, profile: str, seconds: float, workers: int
) -> Summary:
    """Count endings (every ending of the scenario listed) and winners."""
    endings = Counter(r.ending for r in results)
    winners = Counter(r.winner for r in results if r.winner)
    return Summary(
        scenario=sc.id,
        variant=sc.variant,
        runs=len(results),
        seed=seed,
        profile=profile,
        endings={e.id: endings.get(e.id, 0) for e in sc.outcomes()},
        winners={f.id: winners.get(f.id, 0) for f in sc.factions},
        no_winner=sum(1 for r in results if not r.winner),
        seconds=seconds,
        workers=workers,
    )


class ProgressBar:
    """A one-line progress bar on standard error."""

    def __init__(self, label: str, stream: Any = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.start = time.perf_counter()
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        step = max(1, total // 20)
        if not self.tty and done != total and done // step == self.last:
            return
        self.last = done // step
        width = 30
        fill = int(width * done / max(1, total))
        rate = done / max(1e-9, time.perf_counter() - self.start)
        line = f"{self.label} [{'#' * fill}{'.' * (width - fill)}] {done}/{total} {rate:6.0f} runs/s"
        self.stream.write(("\r" if self.tty else "") + line + ("" if self.tty else "\n"))
        if done == total and self.tty:
            self.stream.write("\n")
        self.stream.flush()


def iter_table(summary: Summary, sc: Scenario) -> Iterator[str]:
    """Lines of the human-readable table printed by ``simulate``."""
    n = summary.runs
    title = sc.variant_title or sc.title
    yield f"{title} — {n} runs, seed {summary.seed}, profile {summary.profile}"
    yield ""
    yield f"  {'ending':<34} {'runs':>6} {'share':>7}   95% interval"
    for e in sc.outcomes():
        k = summary.endings[e.id]
        lo, hi = wilson(k, n)
        mark = " (history)" if e.historical else ""
        yield f"  {(e.title + mark)[:34]:<34} {k:>6} {k / n:>7.1%}   {lo:.1%} – {hi:.1%}"
    yield ""
    yield f"  {'winner':<34} {'runs':>6} {'share':>7}   95% interval"
    for f in sc.factions:
        k = summary.winners[f.id]
        lo, hi = wilson(k, n)
        yield f"  {f.name:<34} {k:>6} {k / n:>7.1%}   {lo:.1%} – {hi:.1%}"
    k = summary.no_winner
    lo, hi = wilson(k, n)
    yield f"  {'nobody':<34} {k:>6} {k / n:>7.1%}   {lo:.1%} – {hi:.1%}"
    yield ""
    yield f"  {summary.seconds:.2f} s with {summary.workers} worker(s): {summary.runs_per_second:.0f} runs/s"
