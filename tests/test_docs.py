"""The committed reference and schemas match what the code generates."""

from __future__ import annotations

import json
from pathlib import Path

from game.scenario.reference import render
from game.scenario.schema import campaign_schema, scenario_schema, variant_schema

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_reference_is_up_to_date():
    assert (DOCS / "reference.md").read_text(encoding="utf-8") == render(), "run: python main.py docs"


def test_schemas_are_up_to_date():
    for name, fn in (
        ("scenario", scenario_schema),
        ("variant", variant_schema),
        ("campaign", campaign_schema),
    ):
        committed = json.loads((DOCS / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert committed == fn(), (
            f"run: python main.py schema{'' if name == 'scenario' else ' --' + name} --out docs/{name}.schema.json"
        )
