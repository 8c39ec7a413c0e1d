"""Saves, replays and undo: one JSON record serves all; bad saves get a message."""

from __future__ import annotations

import json

import pytest
from conftest import to_actions

from game.engine.actions import Action
from game.sim.record import Record, RecordError, replay
from game.sim.session import Session

SEATS = {"stalin": "human", "trotsky": "ai:historical", "zinoviev": "ai:historical", "bukharin": "random"}


def session(sc, seed=21):
    s = Session(sc, seed, SEATS)
    s.advance()
    return s


def play_some(s: Session, n: int) -> None:
    for _ in range(n):
        if s.game.is_terminal():
            return
        s.play(s.game.legal_actions()[0])
        s.advance()


def test_save_and_resume_round_trip(sc, tmp_path):
    s = session(sc)
    play_some(s, 6)
    path = tmp_path / "save.json"
    s.save(path)
    back = Session.resume(sc, Record.load(path))
    assert back.game.state.digest() == s.game.state.digest()
    assert back.game.moves == s.game.moves
    # the computer players continue exactly as they would have
    play_some(s, 5)
    play_some(back, 5)
    assert back.game.moves == s.game.moves


def test_save_is_atomic_json(sc, tmp_path):
    s = session(sc)
    path = tmp_path / "save.json"
    s.save(path)
    data = json.loads(path.read_text())
    assert data["game"] == "successor" and data["format"] == 1
    assert {"scenario", "variant", "content_hash", "seed", "seats", "moves", "final_hash"} <= set(data)
    assert not list(tmp_path.glob(".tmp-*"))


def test_replay_reaches_the_recorded_state(sc):
    s = session(sc)
    play_some(s, 10)
    rec = s.record()
    assert replay(sc, rec).state.digest() == rec.final_hash


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "damaged"),
        ('{"game": "chess"}', "not a Successor game record"),
        ('{"game": "successor", "format": 99}', "format 99"),
        ('{"game": "successor", "format": 1, "scenario": 5}', "damaged"),
    ],
)
def test_corrupted_saves_get_a_clear_message(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(RecordError, match=message):
        Record.load(path)


def test_a_tampered_save_is_refused(sc, tmp_path):
    s = session(sc)
    play_some(s, 4)
    rec = s.record()
    rec.moves[-1] = "stalin levitate"
    with pytest.raises(RecordError, match="cannot be played"):
        Session.resume(sc, rec)
    rec = s.record()
    rec.final_hash = "0" * 64
    with pytest.raises(RecordError, match="altered"):
        Session.resume(sc, rec)


def test_a_save_of_another_scenario_version_is_refused(sc):
    rec = session(sc).record()
    rec.content_hash = "deadbeef"
    with pytest.raises(RecordError, match="different version"):
        replay(sc, rec)


def test_undo_within_your_own_turn_only(sc):
    s = session(sc)
    assert s.game.current_player() == "stalin"
    before = s.game.state.digest()
    s.play(Action("stalin", "appoint", "ukraine"))
    assert s.can_undo()
    assert s.undo()
    assert s.game.state.digest() == before
    s.play(Action("stalin", "appoint", "ukraine"))
    s.play(Action("stalin", "pass"))
    s.advance()  # others move: the turn is over
    assert not s.can_undo()


def test_taking_a_move_back_cannot_reroll_a_vote(game):
    """Vote noise comes from the seed and a counter in the state: redoing gives the same result."""
    to_actions(game, "stalin")
    game.apply(Action("stalin", "motion", "line/discipline"))
    again = game.clone()
    for g in (game, again):
        while not g.state.tallies:
            legal = g.legal_actions()
            g.apply(next((a for a in legal if a.kind == "pass"), legal[0]))
    a, b = game.state.tallies[0], again.state.tallies[0]
    assert (a.yes, a.no, a.abstain) == (b.yes, b.no, b.abstain)
