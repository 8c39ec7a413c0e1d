"""Find, check and compile the shipped scenarios and their variants.

Base scenarios live in ``scenarios/*.yaml``; variants in
``scenarios/variants/*.yaml`` and name their base with ``extends:``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from game.engine.calendar import season_label
from game.engine.defs import Scenario
from game.scenario.compile import compile_scenario, content_hash
from game.scenario.diagnostics import Diagnostic, did_you_mean
from game.scenario.validate import Checked, check_file

ROOT = Path(__file__).resolve().parents[2] / "scenarios"


class ScenarioError(Exception):
    """A scenario that could not be loaded; carries its diagnostics."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []

    def render(self) -> str:
        """The message with every diagnostic."""
        return "\n".join([str(self), *(d.render() for d in self.diagnostics)])


@dataclass(frozen=True, slots=True)
class Entry:
    """A scenario or variant as listed by ``scenarios``."""

    id: str
    title: str
    path: Path
    base: str  # empty for a base scenario
    start: str
    end: str
    description: str


def _paths(root: Path) -> tuple[list[Path], list[Path]]:
    bases = sorted(p for p in root.glob("*.yaml"))
    variants = sorted((root / "variants").glob("*.yaml")) if (root / "variants").is_dir() else []
    return bases, variants


def check(path: Path, root: Path = ROOT) -> Checked:
    """Validate a file, resolving ``extends`` against the shipped scenarios too."""
    return check_file(path, (root,))


def compiled(checked: Checked) -> Scenario:
    """Compile a checked file (it must be free of errors)."""
    assert checked.model is not None
    return compile_scenario(checked.model, checked.variant, content_hash(checked.data, checked.variant))


@functools.lru_cache(maxsize=64)
def _load_path(path: Path) -> Scenario:
    checked = check(path)
    if not checked.ok:
        errors = [d for d in checked.diagnostics if d.severity == "error"]
        raise ScenarioError(f"{path.name} has {len(errors)} error(s)", errors)
    return compiled(checked)


def catalogue(root: Path = ROOT) -> list[Entry]:
    """Every shipped scenario and variant, bases first."""
    import yaml

    out = []
    bases, variants = _paths(root)
    for p in [*bases, *variants]:
        try:
            head = yaml.safe_load(p.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if not isinstance(head, dict):
            continue
        out.append(
            Entry(
                id=str(head.get("id", p.stem)), title=str(head.get("title", "")), path=p,
                base=str(head.get("extends", "")), start=str(head.get("start", "")),
                end=str(head.get("end", "")), description=str(head.get("description", head.get("summary", ""))),
            )
        )
    by_id = {e.id: e for e in out}
    return [
        Entry(e.id, e.title, e.path, e.base, e.start or by_id.get(e.base, e).start,
              e.end or by_id.get(e.base, e).end, e.description)
        for e in out
    ]


def load_scenario(ident: str, variant: str | None = None, root: Path = ROOT) -> Scenario:
    """Load a shipped scenario by id, or one of its variants.

    ``load_scenario("triumvirate", "testament_acted_on")``; a variant id may
    also be given alone as ``ident``.
    """
    entries = {e.id: e for e in catalogue(root)}
    want = variant or ident
    if want not in entries:
        raise ScenarioError(f"no scenario or variant '{want}'; {did_you_mean(want, entries)}")
    entry = entries[want]
    if variant and entry.base != ident:
        raise ScenarioError(f"variant '{variant}' extends '{entry.base or '(nothing)'}', not '{ident}'")
    return _load_path(entry.path)


def label_range(sc: Scenario) -> str:
    """'Summer 1922 – Spring 1924'."""
    return f"{season_label(sc.start)} – {season_label(sc.end)}"
