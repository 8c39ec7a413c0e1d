"""Find, check and compile the shipped scenarios and their variants.

Base scenarios live in ``scenarios/*.yaml``; variants in
``scenarios/variants/*.yaml`` and name their base with ``extends:``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from game.engine.defs import Scenario
from game.scenario.compile import CampaignError, compile_campaign, compile_scenario, content_hash
from game.scenario.diagnostics import Diagnostic, did_you_mean
from game.scenario.validate import Checked, check_file
from game.scenario.yamlsafe import YamlError, flatten, read

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
    phases: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """scenario, variant or campaign."""
        return "campaign" if self.phases else "variant" if self.base else "scenario"


def _paths(root: Path) -> tuple[list[Path], list[Path]]:
    bases = sorted(p for p in root.glob("*.yaml"))
    variants = sorted((root / "variants").glob("*.yaml")) if (root / "variants").is_dir() else []
    return bases, variants


def _stamp(*paths: Path) -> tuple[tuple[str, int, int], ...]:
    """What the files under these paths look like now: checks are redone when they change."""
    out = []
    for base in paths:
        for p in [base] if base.is_file() else sorted(base.rglob("*.yaml")) if base.is_dir() else []:
            st = p.stat()
            out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


def check(path: Path, root: Path = ROOT) -> Checked:
    """Validate a file, resolving ``extends`` against the shipped scenarios too.

    Results are remembered until a scenario file changes on disk.
    """
    return _check(path, root, _stamp(path, path.parent, root))


@functools.lru_cache(maxsize=128)
def _check(path: Path, root: Path, stamp: tuple[tuple[str, int, int], ...]) -> Checked:
    return check_file(path, (root,), _phase_check)


def _phase_check(path: Path, roots: tuple[Path, ...]) -> Checked:
    return check(path, roots[0]) if roots else check_file(path)


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
    """Every shipped scenario, campaign and variant, bases first."""
    return list(_catalogue(root, _stamp(root)))


@functools.lru_cache(maxsize=8)
def _catalogue(root: Path, stamp: tuple[tuple[str, int, int], ...]) -> tuple[Entry, ...]:
    out = []
    bases, variants = _paths(root)
    for p in [*bases, *variants]:
        try:
            head = flatten(read(p)).data
        except YamlError:
            continue
        if not isinstance(head, dict):
            continue
        phases = head.get("phases")
        out.append(
            Entry(
                id=str(head.get("id", p.stem)),
                title=str(head.get("title", "")),
                path=p,
                base=str(head.get("extends", "")),
                start=str(head.get("start", "")),
                end=str(head.get("end", "")),
                description=str(head.get("description", head.get("summary", ""))),
                phases=tuple(str(x) for x in phases) if isinstance(phases, list) else (),
            )
        )
    by_id = {e.id: e for e in out}

    def span(e: Entry) -> tuple[str, str]:
        if e.phases and e.phases[0] in by_id and e.phases[-1] in by_id:
            return by_id[e.phases[0]].start, by_id[e.phases[-1]].end
        base = by_id.get(e.base, e)
        return e.start or base.start, e.end or base.end

    order = {"campaign": 0, "scenario": 1, "variant": 2}
    full = [Entry(e.id, e.title, e.path, e.base, *span(e), e.description, e.phases) for e in out]
    return tuple(sorted(full, key=lambda e: (order[e.kind], e.start, e.id)))


def load_scenario(ident: str, variant: str | None = None, root: Path = ROOT) -> Scenario:
    """Load a shipped scenario or campaign by id, or one of their variants.

    ``load_scenario("triumvirate", "testament_acted_on")``; a variant of a
    phase also applies to the campaign: ``load_scenario("campaign",
    "testament_acted_on")``. A variant id may also be given alone as ``ident``.
    """
    entries = {e.id: e for e in catalogue(root)}
    want = variant or ident
    if want not in entries:
        raise ScenarioError(f"no scenario or variant '{want}'; {did_you_mean(want, entries)}")
    if ident in entries and entries[ident].phases:
        return _load_campaign(entries[ident], entries[variant] if variant else None, root)
    entry = entries[want]
    if variant and entry.base != ident:
        raise ScenarioError(f"variant '{variant}' extends '{entry.base or '(nothing)'}', not '{ident}'")
    return _load_path(entry.path)


@functools.lru_cache(maxsize=16)
def _campaign_cached(path: Path, variant_path: Path | None, variant_base: str, root: Path) -> Scenario:
    checked = check(path, root)
    if not checked.ok or checked.campaign is None:
        errors = [d for d in checked.diagnostics if d.severity == "error"]
        raise ScenarioError(f"{path.name} has {len(errors)} error(s)", errors)
    model = checked.campaign
    var_sc = _load_path(variant_path) if variant_path else None
    phases = [
        var_sc if var_sc is not None and pid == variant_base else _load_path(p)
        for pid, p in zip(model.phases, checked.phases, strict=True)
    ]
    digest = content_hash([checked.data, [p.content_hash for p in phases]], None)
    try:
        return compile_campaign(model, phases, var_sc, digest)
    except CampaignError as e:
        raise ScenarioError(f"{path.name}: {e}") from e


def _load_campaign(entry: Entry, variant: Entry | None, root: Path) -> Scenario:
    if variant is not None and variant.base not in entry.phases:
        raise ScenarioError(
            f"variant '{variant.id}' extends '{variant.base}', which is not a phase of '{entry.id}'"
        )
    return _campaign_cached(
        entry.path, variant.path if variant else None, variant.base if variant else "", root
    )
