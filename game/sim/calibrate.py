"""The calibration report: do the rules reproduce history, and do they move?

``python main.py calibrate`` plays seeded AI-vs-AI campaigns and phases and
writes ``docs/calibration.md`` (for people) and ``docs/calibration.json``
(for scripts) side by side with the recorded history (DESIGN §6).
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.calendar import season_label, season_of
from game.engine.defs import Scenario
from game.scenario.load import catalogue, load_scenario
from game.sim.batch import RunResult, run_batch, wilson

TARGET_HISTORICAL = 0.70
TARGET_SHIFT = 0.10


@dataclass(frozen=True, slots=True)
class Milestone:
    """A turning point and the season it really came in."""

    id: str
    title: str
    real: str  # month
    kind: str  # history entry kind
    subject: str
    test: Callable[[str], bool]

    def season(self, r: RunResult) -> int | None:
        """Season of the run in which the milestone came, if it did."""
        for season, kind, subject, value in r.history:
            if kind == self.kind and subject == self.subject and self.test(value):
                return season
        return None


MILESTONES = (
    Milestone(
        "trotsky_war",
        "Trotsky out of the War Commissariat",
        "1925-01",
        "post",
        "war_commissar",
        lambda v: v != "trotsky",
    ),
    Milestone(
        "zinoviev_leningrad",
        "Zinoviev loses Leningrad",
        "1926-01",
        "post",
        "leningrad_boss",
        lambda v: v != "zinoviev",
    ),
    Milestone(
        "trotsky_politburo",
        "Trotsky out of the Politburo",
        "1926-10",
        "politburo",
        "trotsky",
        lambda v: v == "out",
    ),
    Milestone(
        "trotsky_expelled",
        "Trotsky expelled from the party",
        "1927-11",
        "status",
        "trotsky",
        lambda v: v == "expelled",
    ),
    Milestone("trotsky_exiled", "Trotsky exiled", "1928-01", "status", "trotsky", lambda v: v == "exiled"),
    Milestone(
        "bukharin_politburo",
        "Bukharin out of the Politburo",
        "1929-11",
        "politburo",
        "bukharin",
        lambda v: v == "out",
    ),
)


@dataclass(frozen=True, slots=True)
class KeyVote:
    """A recorded vote and where to find its modelled counterpart."""

    meeting: str
    title: str
    kinds: tuple[str, ...]
    targets: tuple[str, ...]
    recorded: str
    yes: int | None
    no: int | None
    source: str


KEY_VOTES = (
    KeyVote(
        "congress_13",
        "13th Congress condemns the Trotskyist platform",
        ("condemn",),
        ("trotsky",),
        "unanimous",
        748,
        0,
        "S1, S105",
    ),
    KeyVote(
        "congress_14",
        "14th Congress against the New Opposition",
        ("condemn",),
        ("zinoviev",),
        "559 to 65 (unverified); the Leningrad delegation against",
        559,
        65,
        "S3, S70",
    ),
    KeyVote(
        "congress_15",
        "15th Congress: the opposition's leaders expelled",
        ("expel", "condemn"),
        ("trotsky", "zinoviev", "kamenev"),
        "unanimous",
        None,
        0,
        "S4, S76",
    ),
)

MEMBERSHIP = (
    ("congress_12", "12th Congress (Apr 1923)", 386_000, "members", "S6"),
    ("congress_13", "13th Congress (May 1924)", 735_881, "members and candidates", "S2"),
    ("congress_14", "14th Congress (Dec 1925)", 1_088_000, "643,000 members + 445,000 candidates", "S3"),
    ("congress_15", "15th Congress (Dec 1927)", 1_236_190, "887,233 members + 348,957 candidates", "S5"),
)


def _shares(sc: Scenario, results: list[RunResult]) -> dict[str, float]:
    n = len(results)
    c = Counter(r.ending for r in results)
    return {e.id: c.get(e.id, 0) / n for e in sc.outcomes()}


def _ending_table(sc: Scenario, results: list[RunResult]) -> list[dict[str, Any]]:
    n = len(results)
    c = Counter(r.ending for r in results)
    rows = []
    for e in sc.outcomes():
        k = c.get(e.id, 0)
        lo, hi = wilson(k, n)
        rows.append(
            {
                "id": e.id,
                "title": e.title,
                "historical": e.historical,
                "winner": sc.factions[e.winner].id if e.winner >= 0 else None,
                "runs": k,
                "share": round(k / n, 4),
                "ci95": [round(lo, 4), round(hi, 4)],
            }
        )
    return rows


def _historical_share(sc: Scenario, results: list[RunResult]) -> float:
    hist = {e.id for e in sc.outcomes() if e.historical}
    return sum(1 for r in results if r.ending in hist) / len(results)


def _milestones(sc: Scenario, results: list[RunResult]) -> list[dict[str, Any]]:
    rows = []
    for m in MILESTONES:
        seasons = [s for r in results if (s := m.season(r)) is not None]
        real = season_of(m.real)
        row: dict[str, Any] = {
            "id": m.id,
            "title": m.title,
            "real": season_label(real),
            "happened": round(len(seasons) / len(results), 4),
        }
        if seasons:
            med = int(statistics.median_low(seasons))
            row.update(
                median=season_label(med),
                median_turn=med - sc.start + 1,
                real_turn=real - sc.start + 1,
                off_by=med - real,
                within_one=abs(med - real) <= 1 and len(seasons) * 2 >= len(results),
            )
        else:
            row.update(
                median=None, median_turn=None, real_turn=real - sc.start + 1, off_by=None, within_one=False
            )
        rows.append(row)
    return rows


def _votes(results: list[RunResult]) -> list[dict[str, Any]]:
    rows = []
    for kv in KEY_VOTES:
        found = [
            v
            for r in results
            for v in r.votes
            if v[0] == kv.meeting and v[1] in kv.kinds and v[2] in kv.targets
        ]
        row: dict[str, Any] = {
            "meeting": kv.meeting,
            "title": kv.title,
            "recorded": kv.recorded,
            "source": kv.source,
            "votes_modelled": len(found),
        }
        if found:
            row.update(
                median_for=int(statistics.median(v[3] for v in found)),
                median_against=int(statistics.median(v[4] for v in found)),
                median_abstain=int(statistics.median(v[5] for v in found)),
                carried=round(sum(1 for v in found if v[6]) / len(found), 4),
            )
        rows.append(row)
    return rows


def _membership(results: list[RunResult]) -> list[dict[str, Any]]:
    rows = []
    for meeting, title, recorded, what, source in MEMBERSHIP:
        values = [
            int(v)
            for r in results
            for (_, kind, subject, v) in r.history
            if kind == "members" and subject == meeting
        ]
        row: dict[str, Any] = {
            "meeting": meeting,
            "title": title,
            "recorded": recorded,
            "what": what,
            "source": source,
        }
        if values:
            med = int(statistics.median(values))
            row.update(modelled=med, ratio=round(med / recorded, 3))
        rows.append(row)
    return rows


def _winners(sc: Scenario, results: list[RunResult]) -> dict[str, int]:
    c = Counter(r.winner for r in results if r.winner)
    return {f.id: c.get(f.id, 0) for f in sc.factions}


def calibrate(
    runs: int = 500, seed: int = 1, workers: int = 2, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Play everything the report needs and return it as one JSON-ready object."""
    say = progress or (lambda s: None)
    t0 = time.perf_counter()
    entries = catalogue()
    campaign = next(e for e in entries if e.phases)
    phases = list(campaign.phases)
    report: dict[str, Any] = {
        "runs": runs,
        "seed": seed,
        "campaign": campaign.id,
        "phases": {},
        "variants": [],
    }

    def batch(ident: str, variant: str | None, profile: str = "historical", n: int = runs) -> list[RunResult]:
        say(f"{ident}{' + ' + variant if variant else ''} ({profile}, {n} runs)")
        return run_batch(ident, variant, n, seed, workers, profile)

    sc = load_scenario(campaign.id)
    base = batch(campaign.id, None)
    report["campaign_endings"] = _ending_table(sc, base)
    report["campaign_historical_share"] = round(_historical_share(sc, base), 4)
    report["milestones"] = _milestones(sc, base)
    report["key_votes"] = _votes(base)
    report["membership"] = _membership(base)
    phase_base: dict[str, list[RunResult]] = {}
    for pid in phases:
        psc = load_scenario(pid)
        res = batch(pid, None)
        phase_base[pid] = res
        report["phases"][pid] = {
            "title": psc.title,
            "endings": _ending_table(psc, res),
            "historical_share": round(_historical_share(psc, res), 4),
        }
    base_shares = _shares(sc, base)
    for v in (e for e in entries if e.kind == "variant" and e.base in phases):
        vres = batch(campaign.id, v.id)
        vsc = load_scenario(campaign.id, v.id)
        vshares = _shares(vsc, vres)
        shifts = {k: round(vshares.get(k, 0) - base_shares.get(k, 0), 4) for k in base_shares}
        psc = load_scenario(v.base, v.id)
        pres = batch(v.base, v.id)
        pbase = _shares(load_scenario(v.base), phase_base[v.base])
        pv = _shares(psc, pres)
        pshifts = {k: round(pv.get(k, 0) - pbase.get(k, 0), 4) for k in pbase}
        big = max(abs(x) for x in [*shifts.values(), *pshifts.values()])
        report["variants"].append(
            {
                "id": v.id,
                "title": v.title,
                "phase": v.base,
                "campaign_shift": shifts,
                "phase_shift": pshifts,
                "largest_shift": round(big, 4),
                "moves_10_points": big >= TARGET_SHIFT,
            }
        )
    alive: dict[str, dict[str, int]] = {}
    for profile in ("ambitious", "united_front", "balanced", "random"):
        alive[profile] = _winners(sc, batch(campaign.id, None, profile))
    report["other_profiles_winners"] = alive
    every = {f.id: sum(alive[p][f.id] for p in alive) for f in sc.factions}
    report["targets"] = {
        "historical_ending_at_least_70pct": report["campaign_historical_share"] >= TARGET_HISTORICAL,
        "milestones_within_one_season": all(m["within_one"] for m in report["milestones"]),
        "every_variant_moves_10_points": all(v["moves_10_points"] for v in report["variants"]),
        "every_faction_wins_sometimes": all(k > 0 for k in every.values()),
    }
    report["seconds"] = round(time.perf_counter() - t0, 1)
    return report


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _endings_section(title: str, rows: list[dict[str, Any]]) -> list[str]:
    out = ["", f"## {title}", "", "| ending | winner | share | 95% interval |", "|---|---|---|---|"]
    for e in rows:
        mark = " (history)" if e["historical"] else ""
        out.append(
            f"| {e['title']}{mark} | {e['winner'] or '—'} | {_pct(e['share'])} | "
            f"{_pct(e['ci95'][0])} – {_pct(e['ci95'][1])} |"
        )
    return out


def render(report: dict[str, Any]) -> str:
    """The report as Markdown."""
    n = report["runs"]
    out = [
        "# Calibration report",
        "",
        f"Generated by `python main.py calibrate --runs {n} --seed {report['seed']}`: {n} seeded AI-vs-AI",
        "games of each row, every faction on its historical AI profile unless said otherwise. Shares",
        "carry 95% Wilson intervals. Targets are from DESIGN §6.",
        "",
        "## Targets",
        "",
        "| target | met |",
        "|---|---|",
    ]
    for k, v in report["targets"].items():
        out.append(f"| {k.replace('_', ' ')} | {'yes' if v else '**no**'} |")
    out += _endings_section("Campaign endings (historical profiles)", report["campaign_endings"])
    for pid, ph in report["phases"].items():
        out += _endings_section(f"Phase: {ph['title']} (`{pid}`) alone", ph["endings"])
    out += [
        "",
        "## Milestones: median season against the real one",
        "",
        "| milestone | real | modelled median | off by (seasons) | runs in which it happened |",
        "|---|---|---|---|---|",
    ]
    for m in report["milestones"]:
        off = "—" if m["off_by"] is None else f"{m['off_by']:+d}"
        out.append(
            f"| {m['title']} | {m['real']} | {m['median'] or 'never'} | {off} | {_pct(m['happened'])} |"
        )
    out += [
        "",
        "## Key votes: modelled against recorded",
        "",
        "| vote | recorded | modelled median (for / against / abstaining) | carried in | source |",
        "|---|---|---|---|---|",
    ]
    for v in report["key_votes"]:
        if "median_for" in v:
            mod = f"{v['median_for']} / {v['median_against']} / {v['median_abstain']}"
            carried = _pct(v["carried"])
        else:
            mod, carried = "not tabled", "—"
        out.append(f"| {v['title']} | {v['recorded']} | {mod} | {carried} | {v['source']} |")
    out += [
        "",
        "## Party membership at the congresses",
        "",
        "| congress | recorded | modelled median | ratio | source |",
        "|---|---|---|---|---|",
    ]
    for m in report["membership"]:
        mod = f"{m['modelled']:,}" if "modelled" in m else "—"
        ratio = f"{m['ratio']:.2f}" if "ratio" in m else "—"
        out.append(f"| {m['title']} | {m['recorded']:,} ({m['what']}) | {mod} | {ratio} | {m['source']} |")
    out += [
        "",
        "## Counterfactual variants: shift against the baseline on the same seeds",
        "",
        "Shift in percentage points of each ending's share; the largest shift in the campaign or in",
        "the variant's own phase.",
        "",
        "| variant | phase | largest shift | campaign shifts |",
        "|---|---|---|---|",
    ]
    for v in report["variants"]:
        moved = ", ".join(f"{k} {100 * x:+.0f}" for k, x in v["campaign_shift"].items() if abs(x) >= 0.01)
        out.append(
            f"| {v['title']} | {v['phase']} | {100 * v['largest_shift']:.0f} points | {moved or '—'} |"
        )
    out += [
        "",
        "## With other personalities: who wins the campaign",
        "",
        "| profile | " + " | ".join(next(iter(report["other_profiles_winners"].values()))) + " |",
        "|---|" + "---|" * len(next(iter(report["other_profiles_winners"].values()))),
    ]
    for profile, w in report["other_profiles_winners"].items():
        out.append(f"| {profile} | " + " | ".join(str(x) for x in w.values()) + " |")
    out += ["", f"Generated in {report['seconds']} s."]
    return "\n".join(out) + "\n"


def write(report: dict[str, Any], out: Path) -> tuple[Path, Path]:
    """Write the Markdown report and its JSON beside it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(report), encoding="utf-8")
    data = out.with_suffix(".json")
    data.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return out, data
