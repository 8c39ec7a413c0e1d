"""The command line: ``python main.py <command>``. Its shape is a contract.

Commands: play, text, simulate, validate, scenarios, schema, bench, replay.
Bad input is reported in words with a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from game.scenario.load import ScenarioError, catalogue, check, load_scenario


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="successor", description="Successor: the struggle for Lenin's succession, 1922–1929."
    )
    sub = p.add_subparsers(dest="command")

    sp = sub.add_parser("play", help="play the game (in the terminal)")
    sp.add_argument("scenario", nargs="?", default=None)
    sp.add_argument("--faction", default=None)
    sp.add_argument("--variant", default=None)
    sp.add_argument("--seed", type=int, default=None)

    t = sub.add_parser("text", help="play a scenario in the terminal")
    t.add_argument("scenario")
    t.add_argument(
        "--faction", required=True, help="the faction you play: stalin, trotsky, zinoviev or bukharin"
    )
    t.add_argument("--variant", default=None)
    t.add_argument("--seed", type=int, default=None)
    t.add_argument("--profile", default="historical", help="AI personality of the other factions")
    t.add_argument("--load", type=Path, default=None, help="resume a saved game")

    s = sub.add_parser("simulate", help="run seeded AI-vs-AI games and count the endings")
    s.add_argument("scenario")
    s.add_argument("--variant", default=None)
    s.add_argument("--runs", type=int, required=True)
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("--workers", type=int, default=1)
    s.add_argument("--profile", default="historical", help="historical, ambitious, balanced or random")
    s.add_argument("--json", action="store_true")

    v = sub.add_parser("validate", help="check scenario files (exit 0 clean, 1 problems, 2 could not run)")
    v.add_argument("paths", nargs="+", type=Path)

    c = sub.add_parser("scenarios", help="list scenarios and variants")
    c.add_argument("--json", action="store_true")

    sch = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    sch.add_argument("--out", type=Path, default=None)
    sch.add_argument("--variant", action="store_true", help="the schema of variant (patch) files")
    sch.add_argument("--campaign", action="store_true", help="the schema of campaign files")

    cal = sub.add_parser("calibrate", help="write the calibration report (docs/calibration.md and .json)")
    cal.add_argument("--runs", type=int, default=500)
    cal.add_argument("--seed", type=int, default=1)
    cal.add_argument("--workers", type=int, default=2)
    cal.add_argument("--out", type=Path, default=Path("docs/calibration.md"))

    dc = sub.add_parser("docs", help="write the scenario format reference (Markdown)")
    dc.add_argument("--out", type=Path, default=Path("docs/reference.md"))

    b = sub.add_parser("bench", help="measure vote and game speed (medians, one core)")
    b.add_argument("--json", action="store_true")
    b.add_argument("--games", type=int, default=40)

    r = sub.add_parser("replay", help="replay a saved game and check it reaches the same state")
    r.add_argument("record", type=Path)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = _parser().parse_args(argv)
    cmd = args.command or "play"
    try:
        if cmd == "play":
            from game.text.play import run_menu

            return run_menu(
                getattr(args, "scenario", None),
                getattr(args, "faction", None),
                getattr(args, "variant", None),
                getattr(args, "seed", None),
            )
        if cmd == "text":
            from game.text.play import run_text

            return run_text(args.scenario, args.faction, args.variant, args.seed, args.profile, args.load)
        return int(COMMANDS[cmd](args))
    except ScenarioError as e:
        print(f"error: {e.render()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.sim.batch import ProgressBar, iter_table, run_batch, summarise

    if args.runs < 1 or args.workers < 1:
        print("error: --runs and --workers must be at least 1", file=sys.stderr)
        return 2
    sc = load_scenario(args.scenario, args.variant)
    if args.profile != "random" and args.profile not in {p.id for p in sc.profiles}:
        known = ", ".join([p.id for p in sc.profiles] + ["random"])
        print(f"error: no AI profile '{args.profile}' in this scenario (known: {known})", file=sys.stderr)
        return 2
    bar = ProgressBar(f"{sc.variant or sc.id}")
    t = time.perf_counter()
    results = run_batch(args.scenario, args.variant, args.runs, args.seed, args.workers, args.profile, bar)
    summary = summarise(sc, results, args.seed, args.profile, time.perf_counter() - t, args.workers)
    if args.json:
        print(json.dumps(summary.to_json(), indent=1))
    else:
        print("\n".join(iter_table(summary, sc)))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    files: list[Path] = []
    for p in args.paths:
        if p.is_dir():
            files += sorted(p.rglob("*.yaml"))
        elif p.is_file():
            files.append(p)
        else:
            print(f"error: no such file or folder: {p}", file=sys.stderr)
            return 2
    if not files:
        print("error: no .yaml files to check", file=sys.stderr)
        return 2
    n_err = n_warn = 0
    for f in files:
        checked = check(f)
        for d in checked.diagnostics:
            print(d.render())
            if d.severity == "error":
                n_err += 1
            else:
                n_warn += 1
    status = "ok" if not n_err else "problems found"
    print(f"{len(files)} file(s) checked: {n_err} error(s), {n_warn} warning(s) — {status}")
    return 1 if n_err else 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    entries = catalogue()
    if args.json:
        out = [
            {
                "id": e.id,
                "title": e.title,
                "kind": e.kind,
                "extends": e.base or None,
                "phases": list(e.phases) or None,
                "start": e.start,
                "end": e.end,
                "description": " ".join(e.description.split()),
            }
            for e in entries
        ]
        print(json.dumps(out, indent=1, ensure_ascii=False))
        return 0
    for e in entries:
        if e.kind == "variant":
            continue
        extra = f" — phases: {', '.join(e.phases)}" if e.phases else ""
        print(f"{e.id:<20} {e.title}  ({e.start} to {e.end}){extra}")
        for v in entries:
            if v.base == e.id:
                print(f"  variant {v.id:<24} {v.title}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario.schema import campaign_schema, scenario_schema, variant_schema

    schema = variant_schema() if args.variant else campaign_schema() if args.campaign else scenario_schema()
    text = json.dumps(schema, indent=1, ensure_ascii=False)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text)
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from game.sim.calibrate import calibrate, write

    if args.runs < 1 or args.workers < 1:
        print("error: --runs and --workers must be at least 1", file=sys.stderr)
        return 2
    report = calibrate(
        args.runs, args.seed, args.workers, progress=lambda s: print(f"  {s}", file=sys.stderr)
    )
    md, data = write(report, args.out)
    print(f"wrote {md} and {data}")
    for k, v in report["targets"].items():
        print(f"  {'met ' if v else 'MISSED'}  {k.replace('_', ' ')}")
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from game.scenario.reference import render

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from game.sim.bench import run_bench

    figures = run_bench(games=args.games)
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:>18}: {v}")
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from game.sim.record import Record, RecordError, replay

    try:
        rec = Record.load(args.record)
        sc = load_scenario(rec.scenario, rec.variant or None)
        game = replay(sc, rec)
    except RecordError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    digest = game.state.digest()
    print(f"replayed {len(rec.moves)} moves of {sc.variant or sc.id}: state {digest[:16]}")
    if not rec.final_hash:
        print("the record carries no final state hash to compare")
        return 0
    if digest == rec.final_hash:
        print("same state as recorded: OK")
        return 0
    print(f"DIFFERENT from the recorded state {rec.final_hash[:16]}", file=sys.stderr)
    return 1


COMMANDS = {
    "simulate": cmd_simulate,
    "validate": cmd_validate,
    "scenarios": cmd_scenarios,
    "schema": cmd_schema,
    "docs": cmd_docs,
    "calibrate": cmd_calibrate,
    "bench": cmd_bench,
    "replay": cmd_replay,
}
