"""Broken scenario files get diagnostics at file:line:col with a code — never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.scenario.load import ROOT, check

BASE = (ROOT / "triumvirate.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def codes(path: Path) -> list[tuple[str, int]]:
    c = check(path)
    return [(d.code, d.line) for d in c.diagnostics]


def test_yaml_syntax_error(tmp_path):
    p = write(tmp_path, "id: x\n  bad: [\n")
    [(code, line)] = codes(p)
    assert code == "yaml-syntax" and line == 2


def test_unknown_key_with_did_you_mean(tmp_path):
    text = BASE.replace(
        "    chooser: zinoviev\n    options:\n      - id: bind_to_stalin",
        "    chooser: zinoviev\n    optoins:\n      - id: bind_to_stalin",
        1,
    )
    p = write(tmp_path, text)
    c = check(p)
    d = next(d for d in c.diagnostics if d.code == "unknown-key")
    assert d.line == line_of(text, "optoins:")
    assert "did you mean 'options'" in d.hint


def test_wrong_type(tmp_path):
    text = BASE.replace("    prestige: 45\n", '    prestige: "very high"\n', 1)
    p = write(tmp_path, text)
    found = [(code, line) for code, line in codes(p) if code == "wrong-type"]
    assert found == [("wrong-type", line_of(text, 'prestige: "very high"'))]


def test_unknown_id_with_did_you_mean(tmp_path):
    text = BASE.replace(
        "holds_post: {post: general_secretary, faction: stalin}",
        "holds_post: {post: general_secretray, faction: stalin}",
        1,
    )
    p = write(tmp_path, text)
    c = check(p)
    d = next(d for d in c.diagnostics if d.code == "unknown-post")
    assert d.line == line_of(text, "general_secretray")
    assert d.col == text.splitlines()[d.line - 1].index("general_secretray") + 1
    assert "did you mean 'general_secretary'" in d.hint


def test_unknown_condition_operator(tmp_path):
    text = BASE.replace(
        "      - flag: stalin_guards_sickroom\n", "      - flagg: stalin_guards_sickroom\n", 1
    )
    p = write(tmp_path, text)
    c = check(p)
    d = next(d for d in c.diagnostics if d.code == "unknown-condition")
    assert d.line == line_of(text, "flagg:")
    assert "did you mean 'flag'" in d.hint


def test_duplicate_key(tmp_path):
    p = write(tmp_path, "id: a\ntitle: x\nid: b\n")
    [(code, line)] = codes(p)
    assert (code, line) == ("duplicate-key", 3)


def test_duplicate_id(tmp_path):
    text = BASE.replace("  - id: lenin_convalesces\n", "  - id: troika_forms\n", 1)
    p = write(tmp_path, text)
    c = check(p)
    [dup] = [d for d in c.diagnostics if d.code == "duplicate-id"]
    lines = [i for i, line in enumerate(text.splitlines(), 1) if line == "  - id: troika_forms"]
    assert dup.line == lines[1]
    assert f"first used at line {lines[0]}" in dup.hint


def test_yaml_tags_are_refused(tmp_path):
    p = write(tmp_path, "id: !!python/object/apply:os.system ['echo pwned']\n")
    [(code, line)] = codes(p)
    assert (code, line) == ("yaml-tag", 1)


def test_alias_bomb_is_refused(tmp_path):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for _i, (x, y) in enumerate(zip("bcdefghi", "abcdefgh", strict=True)):
        bomb += f"{x}: &{x} [*{y},*{y},*{y},*{y},*{y},*{y},*{y},*{y},*{y}]\n"
    p = write(tmp_path, bomb)
    found = codes(p)
    assert ("yaml-anchor", 1) in found and ("yaml-alias", 2) in found


def test_huge_file_is_refused(tmp_path):
    p = write(tmp_path, "id: x\nsummary: " + "x" * 600_000 + "\n")
    assert codes(p) == [("file-too-large", 1)]


def test_deep_nesting_is_refused(tmp_path):
    p = write(tmp_path, "id: x\ndeep: " + "[" * 40 + "]" * 40 + "\n")
    found = codes(p)
    assert found and all(code == "too-deep" for code, _ in found)
    assert found[0][1] == 2


def test_extends_outside_the_scenario_folder_is_refused(tmp_path):
    """``extends`` takes an id, never a path, so no file outside the folders is read."""
    p = write(tmp_path, "format: 1\nextends: ../../etc/passwd\nid: v\ntitle: t\ndescription: d\n")
    assert codes(p) == [("bad-value", 2)]


def test_unknown_base_scenario(tmp_path):
    p = write(tmp_path, "format: 1\nextends: triumvirat\nid: v\ntitle: t\ndescription: d\n")
    c = check(p)
    [d] = c.diagnostics
    assert (d.code, d.line) == ("unknown-base", 2)
    assert "did you mean 'triumvirate'" in d.hint


def test_yaml_11_booleans_stay_text(tmp_path):
    text = BASE.replace("title: The Triumvirate\n", "title: no\n", 1)
    c = check(write(tmp_path, text))
    assert c.ok and c.model is not None and c.model.title == "no"


def test_every_error_is_reported_at_once(tmp_path):
    text = (
        BASE.replace("    prestige: 45\n", "    prestige: high\n", 1)
        .replace("chooser: stalin\n", "chooser: stallin\n", 1)
        .replace('    date: "1922-09"\n', '    date: "1922-13"\n', 1)
    )
    found = {code for code, _ in codes(write(tmp_path, text))}
    assert {"wrong-type", "unknown-faction", "bad-value"} <= found


def test_rendered_diagnostic_has_source_line_and_caret(tmp_path):
    text = BASE.replace("chooser: stalin\n", "chooser: stallin\n", 1)
    c = check(write(tmp_path, text))
    d = next(d for d in c.diagnostics if d.code == "unknown-faction")
    out = d.render()
    first, src, caret, hint = out.splitlines()
    assert re.match(r".*bad\.yaml:\d+:\d+: error\[unknown-faction\]: unknown faction id 'stallin'", first)
    assert "chooser: stallin" in src
    assert caret.strip() == "^" * len("stallin")
    assert "did you mean 'stalin'" in hint


def test_validate_command_exit_codes(tmp_path, capsys):
    assert main(["validate", str(ROOT)]) == 0
    bad = write(tmp_path, "id: x\n  bad: [\n")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "bad.yaml:2:" in out and "Traceback" not in out
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 2


@pytest.mark.parametrize("junk", [b"\xff\xfe\x00garbage", b"", b"- just\n- a list\n", b"42\n"])
def test_junk_files_get_a_diagnostic(tmp_path, junk):
    p = tmp_path / "junk.yaml"
    p.write_bytes(junk)
    c = check(p)
    assert c.diagnostics and not c.ok
    for d in c.diagnostics:
        assert d.line >= 1 and d.code
