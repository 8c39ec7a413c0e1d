"""One game from start to end: seats, seeded streams and the loop.

Seeds go through :class:`numpy.random.SeedSequence`: one child stream for the
game's own draws (votes), one for chance, one per AI seat. The same seed and
seats therefore give the same game, bit for bit, wherever it runs.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.ai.players import HeuristicPlayer, Player, RandomPlayer
from game.engine.actions import CHANCE, Action
from game.engine.defs import Scenario
from game.engine.game import Game

MAX_STEPS = 5000


def streams(seed: int, n_factions: int) -> tuple[int, np.random.Generator, list[np.random.Generator]]:
    """(game seed, chance stream, one stream per faction) from one integer seed."""
    ss = np.random.SeedSequence(seed)
    kids = ss.spawn(2 + n_factions)
    game_seed = int(kids[0].generate_state(1)[0])
    chance = np.random.Generator(np.random.PCG64(kids[1]))
    seats = [np.random.Generator(np.random.PCG64(k)) for k in kids[2:]]
    return game_seed, chance, seats


def make_players(sc: Scenario, seats: list[np.random.Generator], profile: str) -> dict[str, Player]:
    """AI players for every faction: ``random`` or a heuristic with the named profile."""
    out: dict[str, Player] = {}
    for f, rng in zip(sc.factions, seats, strict=True):
        out[f.id] = RandomPlayer(rng) if profile == "random" else HeuristicPlayer(rng, profile)
    return out


def sample_chance(game: Game, rng: np.random.Generator) -> Action:
    """Draw chance's move from its stream."""
    outcomes = game.chance_outcomes()
    p = np.array([w for _, w in outcomes])
    return outcomes[int(rng.choice(len(outcomes), p=p / p.sum()))][0]


def new_game(sc: Scenario, seed: int) -> tuple[Game, np.random.Generator, list[np.random.Generator]]:
    """A fresh game with its chance stream and seat streams."""
    game_seed, chance, seats = streams(seed, len(sc.factions))
    return Game(sc, game_seed), chance, seats


def play(
    game: Game,
    players: dict[str, Player],
    chance: np.random.Generator,
    until: Callable[[Game], bool] | None = None,
) -> Game:
    """Let the players move until the game ends (or ``until`` says stop)."""
    for _ in range(MAX_STEPS):
        if game.is_terminal() or (until and until(game)):
            return game
        who = game.current_player()
        if who == CHANCE:
            game.apply(sample_chance(game, chance))
            continue
        game.apply(players[who].choose(game))
    raise RuntimeError("the game did not end within the step limit")


def play_game(sc: Scenario, seed: int, profile: str = "historical", detail: bool = True) -> Game:
    """A complete AI-vs-AI game (``detail=False``: skip the per-group explanation of votes)."""
    game, chance, seats = new_game(sc, seed)
    game.state.detail = detail
    return play(game, make_players(sc, seats, profile), chance)
