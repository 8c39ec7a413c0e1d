"""The benchmark behind ``python main.py bench``: medians, on one core.

Machines are noisy, so every figure is the median of many repetitions.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

import numpy as np

from game.engine import cadres, rules
from game.engine.game import Game
from game.engine.state import Motion
from game.engine.votes import explain, resolve
from game.scenario.load import load_scenario
from game.sim.run import play_game


def _median_ms(fn: Any, reps: int) -> float:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def vote_ms(reps: int = 300) -> float:
    """Median time of one explained vote of a 1,300-delegate congress."""
    sc = load_scenario("triumvirate")
    st = Game(sc, 1).state
    rng = np.random.Generator(np.random.PCG64(7))
    assembly = cadres.convene(st, 1300, rng)
    motion = Motion("condemn", sc.faction_index["stalin"], sc.faction_index["trotsky"])
    st.factionalism[sc.faction_index["trotsky"]] = 1.0

    def one() -> None:
        r = resolve(assembly, rules.stance(st, motion), rng)
        explain(assembly, r)

    one()
    return _median_ms(one, reps)


def game_ms(scenario: str = "triumvirate", games: int = 40, repeat: int = 3) -> tuple[float, float]:
    """Median time of one full AI-vs-AI game with the historical profiles.

    Each game is timed ``repeat`` times, in separate passes over all the games
    so that a slow spell of a busy machine spoils one pass only, and its
    fastest run is kept; the plain median of the first pass is returned too.
    """
    sc = load_scenario(scenario)
    play_game(sc, 0)
    runs: list[list[float]] = [[] for _ in range(games)]
    for _ in range(repeat):
        for i in range(games):
            t = time.perf_counter()
            play_game(sc, i + 1)
            runs[i].append(time.perf_counter() - t)
    best = [min(r) for r in runs]
    first = [r[0] for r in runs]
    return statistics.median(best) * 1000, statistics.median(first) * 1000


def run_bench(games: int = 40) -> dict[str, Any]:
    """Every figure of the benchmark."""
    v = vote_ms()
    g, raw = game_ms(games=games)
    c, c_raw = game_ms("campaign", games=max(2, games // 4))
    return {
        "vote_ms": round(v, 4),
        "game_ms": round(g, 3),
        "game_ms_single_run": round(raw, 3),
        "games_per_second": round(1000 / g, 1),
        "campaign_ms": round(c, 3),
        "campaign_ms_single_run": round(c_raw, 3),
        "games": games,
    }
