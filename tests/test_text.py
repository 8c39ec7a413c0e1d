"""The terminal game, driven by typed answers as a player would drive it."""

from __future__ import annotations

from collections.abc import Iterator

from game.cli import main
from game.sim.session import Session
from game.text.play import TextGame

SEATS = {
    "stalin": "ai:historical",
    "trotsky": "human",
    "zinoviev": "ai:historical",
    "bukharin": "ai:historical",
}


def scripted(answers: list[str], then: str = "A") -> tuple[Iterator[str], list[str]]:
    out: list[str] = []
    it = iter(answers)

    def ask(prompt: str) -> str:
        out.append(prompt)
        try:
            return next(it)
        except StopIteration:
            if "which?" in prompt:
                return "1"
            if "choose" in prompt:
                return "1"
            if "accept?" in prompt:
                return "n"
            if "do it?" in prompt:
                return "y"
            return then

    return ask, out  # type: ignore[return-value]


def test_a_whole_game_as_trotsky(sc, tmp_path):
    ask, _prompts = scripted(["b", "r", "w", "n", "h", "zzz", "1", "", "2", "1", "u", "A"])
    lines: list[str] = []
    tg = TextGame(Session(sc, 8, SEATS), "trotsky", ask=ask, say=lines.append)
    assert tg.loop() == 0
    text = "\n".join(lines)
    assert "THE TRIUMVIRATE" in text and "Politburo:" in text  # the board
    assert "Red Army and Fleet" in text  # the regions table
    assert "Suggested:" in text and "A. " in text
    assert "What really happened:" in text  # event cards teach history
    assert "what weighed most:" in text  # votes are explained
    assert "YOUR DECISIONS AGAINST HISTORY" in text  # the debrief
    assert "type A–C, a number" in text  # a wrong entry gets help, not a crash
    assert any(x in text for x in ("taken back", "nothing of this turn to take back"))


def test_save_and_load_from_the_prompt(sc, tmp_path):
    save = tmp_path / "t.json"
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    ask, _ = scripted(["s " + str(save), "l " + str(bad), "l " + str(save), "q", "n"])
    lines: list[str] = []
    tg = TextGame(Session(sc, 8, SEATS), "trotsky", ask=ask, say=lines.append)
    tg.loop()
    text = "\n".join(lines)
    assert f"saved to {save}" in text
    assert "could not load the save" in text and "The current game goes on" in text
    assert f"loaded {save}" in text


def test_text_command_rejects_an_unknown_faction(capsys):
    assert main(["text", "triumvirate", "--faction", "stalni", "--seed", "1"]) == 2
    assert "did you mean 'stalin'" in capsys.readouterr().err


def test_text_command_plays_from_stdin(monkeypatch, capsys):
    answers = iter(["A"] * 3 + ["q", "n"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["text", "triumvirate", "--faction", "stalin", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "you play stalin; seed 3" in out and "done: " in out
