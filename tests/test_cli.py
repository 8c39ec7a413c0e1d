"""The command line is a contract: subcommands, exit codes and JSON fields."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.sim.session import Session


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_simulate_json_has_the_contract_fields(capsys):
    code, out, _ = run(capsys, "simulate", "triumvirate", "--runs", "6", "--seed", "1", "--json")
    assert code == 0
    d = json.loads(out)
    for key in ("scenario", "variant", "runs", "seed", "endings", "winners", "runs_per_second"):
        assert key in d
    assert d["scenario"] == "triumvirate" and d["runs"] == 6
    assert sum(d["endings"].values()) == 6
    assert set(d["winners"]) == {"stalin", "trotsky", "zinoviev", "bukharin"}
    assert sum(d["winners"].values()) + d["no_winner"] == 6


def test_simulate_counts_do_not_depend_on_workers(capsys):
    outs = []
    for workers in ("1", "2"):
        code, out, _ = run(
            capsys, "simulate", "triumvirate", "--runs", "10", "--seed", "7", "--workers", workers, "--json"
        )
        assert code == 0
        d = json.loads(out)
        outs.append((d["endings"], d["winners"]))
    assert outs[0] == outs[1]


def test_simulate_table_and_progress(capsys):
    code, out, err = run(
        capsys,
        "simulate",
        "triumvirate",
        "--variant",
        "testament_acted_on",
        "--runs",
        "4",
        "--seed",
        "2",
        "--profile",
        "ambitious",
    )
    assert code == 0
    assert "The Testament acted on — 4 runs" in out and "95% interval" in out
    assert "4/4" in err


def test_simulate_bad_arguments(capsys):
    assert run(capsys, "simulate", "triumvirate", "--runs", "0", "--seed", "1")[0] == 2
    code, _, err = run(capsys, "simulate", "triumvirat", "--runs", "1", "--seed", "1")
    assert code == 2 and "did you mean 'triumvirate'" in err
    code, _, err = run(capsys, "simulate", "triumvirate", "--runs", "1", "--seed", "1", "--profile", "nope")
    assert code == 2 and "no AI profile" in err


def test_scenarios_json(capsys):
    _code, out, _ = run(capsys, "scenarios", "--json")
    items = {d["id"]: d for d in json.loads(out)}
    assert items["triumvirate"]["kind"] == "scenario"
    assert items["testament_acted_on"]["extends"] == "triumvirate"
    assert items["triumvirate"]["start"] == "1922-06" and items["triumvirate"]["title"]


def test_schema_validates_the_shipped_scenario(capsys, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from game.scenario.load import ROOT
    from game.scenario.yamlsafe import flatten, read

    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["$schema"].startswith("http://json-schema.org/draft-07")
    data = flatten(read(ROOT / "triumvirate.yaml")).data
    jsonschema.Draft7Validator(schema).validate(data)
    bad = dict(data, efects=1)
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))
    out_file = tmp_path / "s.json"
    assert main(["schema", "--variant", "--out", str(out_file)]) == 0
    variant = json.loads(out_file.read_text())
    assert "extends" in variant["required"]


def test_bench_json_fields(capsys):
    code, out, _ = run(capsys, "bench", "--json", "--games", "2")
    d = json.loads(out)
    assert code == 0 and {"vote_ms", "game_ms", "games_per_second"} <= set(d)
    assert d["vote_ms"] > 0 and d["game_ms"] > 0


def test_replay_command(capsys, sc, tmp_path):
    s = Session(
        sc,
        4,
        {
            "stalin": "ai:historical",
            "trotsky": "random",
            "zinoviev": "ai:historical",
            "bukharin": "ai:ambitious",
        },
    )
    s.advance()
    path = tmp_path / "game.json"
    s.save(path)
    code, out, _ = run(capsys, "replay", str(path))
    assert code == 0 and "same state as recorded: OK" in out
    data = json.loads(path.read_text())
    data["final_hash"] = "f" * 64
    path.write_text(json.dumps(data))
    code, _, err = run(capsys, "replay", str(path))
    assert code == 1 and "DIFFERENT" in err
    path.write_text("garbage")
    code, _, err = run(capsys, "replay", str(path))
    assert code == 1 and "damaged" in err and "Traceback" not in err
