"""From a file on disk to a checked scenario model, with every problem at once.

Three passes, each reporting all it finds: strict YAML (yamlsafe), the
format (pydantic, mapped back to lines and columns), then references and
meaning (ids exist, dates fit, shares add up, a fallback ending exists).
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from game.engine.calendar import season_of
from game.engine.paths import FACTION_STATS, LEADER_STATS
from game.scenario import format as fm
from game.scenario.diagnostics import Diagnostic, Pos, at, did_you_mean
from game.scenario.merge import merge
from game.scenario.yamlsafe import LMap, LNode, Located, YamlError, flatten, read

SECTIONS = {
    "axes": ("axis", fm.Axis),
    "factions": ("faction", fm.Faction),
    "leaders": ("leader", fm.Leader),
    "posts": ("post", fm.Post),
    "regions": ("region", fm.Region),
    "meetings": ("meeting", fm.Meeting),
    "events": ("event", fm.Event),
    "endings": ("ending", fm.Ending),
    "profiles": ("profile", fm.Profile),
    "sources": ("source", fm.Source),
}


@dataclass
class Checked:
    """The outcome of validating one scenario or variant file."""

    path: Path
    model: fm.Scenario | None
    diagnostics: list[Diagnostic]
    variant: fm.Variant | None = None
    data: Any = None
    base_path: Path | None = None
    chain: list[Path] = field(default_factory=list)
    campaign: fm.Campaign | None = None
    phases: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        found = self.model is not None or self.campaign is not None
        return found and not any(d.severity == "error" for d in self.diagnostics)


def display_name(path: Path) -> str:
    """How a file is named in diagnostics: relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check_file(
    path: Path,
    roots: tuple[Path, ...] = (),
    phase_check: Callable[[Path, tuple[Path, ...]], Checked] | None = None,
) -> Checked:
    """Validate one scenario, variant or campaign file (resolving ids within ``roots``).

    ``phase_check`` validates a campaign's phases (a caching caller passes its own).
    """
    name = display_name(path)
    try:
        tree = read(path, name)
    except YamlError as e:
        return Checked(path, None, sorted(e.diagnostics, key=Diagnostic.sort_key))
    errors: list[Diagnostic] = []
    if isinstance(tree, LMap) and "phases" in tree.items:
        return _check_campaign(path, tree, roots, phase_check)
    variant = None
    chain = [path]
    base_path = None
    if isinstance(tree, LMap) and "extends" in tree.items:
        tree, variant, base_path = _resolve_variant(path, tree, roots, errors, chain)
        if tree is None:
            return Checked(path, None, sorted(errors, key=Diagnostic.sort_key), chain=chain)
    located = flatten(tree)
    model = _validate(located, errors)
    errors.sort(key=Diagnostic.sort_key)
    ok = not any(d.severity == "error" for d in errors)
    return Checked(path, model if ok else None, errors, variant, located.data, base_path, chain)


# -------------------------------------------------------------------- campaigns
def _check_campaign(
    path: Path,
    tree: LMap,
    roots: tuple[Path, ...],
    phase_check: Callable[[Path, tuple[Path, ...]], Checked] | None,
) -> Checked:
    errors: list[Diagnostic] = []
    located = flatten(tree)
    model = None
    try:
        model = fm.Campaign.model_validate(located.data)
    except ValidationError as e:
        errors.extend(_map_errors(e, located, fm.Campaign))
    phases = located.data.get("phases") if isinstance(located.data, dict) else None
    paths: list[Path] = []
    final_data: Any = None
    if isinstance(phases, list):
        for i, pid in enumerate(phases):
            found = _find_base(path, str(pid), roots) if isinstance(pid, str) else None
            if found is None:
                errors.append(
                    at(
                        _pos(located, ("phases", i)),
                        "unknown-phase",
                        f"no scenario '{pid}' to play as a phase",
                        did_you_mean(str(pid), _known_ids(path, roots)),
                    )
                )
                continue
            paths.append(found)
            sub = (phase_check or check_file)(found, roots)
            if not sub.ok:
                errors.append(
                    at(
                        _pos(located, ("phases", i)),
                        "phase-has-errors",
                        f"the phase '{pid}' has errors; run validate on {display_name(found)}",
                    )
                )
            elif i == len(phases) - 1:
                final_data = sub.data
    if model is not None and isinstance(final_data, dict):
        ids = _collect_ids(final_data)
        ids["source"] |= {s.id for s in model.sources}
        for i, ending in enumerate(model.endings):
            _walk(ending, ("endings", i), ids, located, errors)
        ends = located.data.get("endings") or []
        if ends and isinstance(ends[-1], dict) and ends[-1].get("conditions"):
            errors.append(
                at(
                    _pos(located, ("endings", len(ends) - 1)),
                    "no-fallback-ending",
                    "the last ending must have no conditions: it is what happens when no other applies",
                )
            )
    errors.sort(key=Diagnostic.sort_key)
    ok = not any(d.severity == "error" for d in errors)
    return Checked(path, None, errors, data=located.data, campaign=model if ok else None, phases=paths)


# -------------------------------------------------------------------- variants
def _resolve_variant(
    path: Path, tree: LMap, roots: tuple[Path, ...], errors: list[Diagnostic], chain: list[Path]
) -> tuple[LNode | None, fm.Variant | None, Path | None]:
    header = {k: v for k, v in tree.items.items() if k in fm.VARIANT_KEYS}
    head_loc = flatten(LMap(header, tree.pos))
    try:
        variant = fm.Variant.model_validate(head_loc.data)
    except ValidationError as e:
        errors.extend(_map_errors(e, head_loc, fm.Variant))
        return None, None, None
    ext_pos = tree.items["extends"][1].pos
    base = _find_base(path, variant.extends, roots)
    if base is None:
        errors.append(
            at(
                ext_pos,
                "unknown-base",
                f"no scenario '{variant.extends}' to extend",
                did_you_mean(variant.extends, _known_ids(path, roots)),
            )
        )
        return None, None, None
    if base.resolve() in (p.resolve() for p in chain):
        errors.append(at(ext_pos, "extends-cycle", f"'{variant.extends}' extends itself through a cycle"))
        return None, None, None
    chain.append(base)
    try:
        base_tree = read(base, display_name(base))
    except YamlError as e:
        errors.extend(e.diagnostics)
        return None, None, None
    if isinstance(base_tree, LMap) and "extends" in base_tree.items:
        base_tree, _, _ = _resolve_variant(base, base_tree, roots, errors, chain)
        if base_tree is None:
            return None, None, None
    patch = LMap({k: v for k, v in tree.items.items() if k not in fm.VARIANT_KEYS}, tree.pos)
    allowed = set(fm.Scenario.model_fields) - {"id"}
    for key, (kpos, _) in patch.items.items():
        if key not in allowed:
            errors.append(
                at(
                    kpos,
                    "unknown-key",
                    f"unknown key '{key}' in a variant",
                    did_you_mean(key, allowed | fm.VARIANT_KEYS),
                )
            )
    if errors:
        return None, None, None
    merged = merge(base_tree, patch, errors)
    return merged, variant, base


def _find_base(path: Path, ident: str, roots: tuple[Path, ...]) -> Path | None:
    for folder in (path.parent, path.parent.parent, *roots):
        cand = folder / f"{ident}.yaml"
        if cand.is_file():
            return cand
    return None


def _known_ids(path: Path, roots: tuple[Path, ...]) -> list[str]:
    ids = []
    for folder in (path.parent, path.parent.parent, *roots):
        if folder.is_dir():
            ids += [p.stem for p in folder.glob("*.yaml")]
    return ids


# ---------------------------------------------------------------- format pass
def _validate(located: Located, errors: list[Diagnostic]) -> fm.Scenario | None:
    data = located.data
    if not isinstance(data, dict):
        errors.append(at(located.values[()], "not-a-mapping", "a scenario file must be a mapping of keys"))
        return None
    model = None
    try:
        model = fm.Scenario.model_validate(data)
    except ValidationError as e:
        errors.extend(_map_errors(e, located, fm.Scenario))
    ids = _collect_ids(data)
    entries = _valid_entries(data) if model is None else None
    _check_refs(model, entries, ids, located, errors)
    _check_meaning(data, ids, located, errors)
    return model


def _collect_ids(data: dict[str, Any]) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {kind: set() for kind, _ in SECTIONS.values()}
    for section, (kind, _) in SECTIONS.items():
        for entry in data.get(section) or []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                ids[kind].add(entry["id"])
    ids["flag"] = set(data.get("flags") or []) | set(_set_flags(data))
    ids["counter"] = (
        set((data.get("counters") or {}).keys()) if isinstance(data.get("counters"), dict) else set()
    )
    for ev in data.get("events") or []:
        if isinstance(ev, dict) and isinstance(ev.get("id"), str):
            opts = {o.get("id") for o in ev.get("options") or [] if isinstance(o, dict)}
            ids[f"options:{ev['id']}"] = {o for o in opts if isinstance(o, str)}
    return ids


def _set_flags(node: Any) -> list[str]:
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "set_flag" and isinstance(v, str):
                out.append(v)
            else:
                out += _set_flags(v)
    elif isinstance(node, list):
        for x in node:
            out += _set_flags(x)
    return out


def _valid_entries(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], BaseModel]]:
    """Entries that validate on their own, so a broken one hides nothing else."""
    out: list[tuple[tuple[Any, ...], BaseModel]] = []
    for section, (_, model) in SECTIONS.items():
        adapter = TypeAdapter(model)
        items = data.get(section)
        if not isinstance(items, list):
            continue
        for i, entry in enumerate(items):
            try:
                out.append(((section, i), adapter.validate_python(entry)))
            except ValidationError:
                continue
    return out


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Map a pydantic error location onto the data, skipping union tags."""
    path: list[Any] = []
    cur = data
    for item in loc:
        if (isinstance(cur, dict) and isinstance(item, str) and item in cur) or (
            isinstance(cur, list) and isinstance(item, int) and 0 <= item < len(cur)
        ):
            path.append(item)
            cur = cur[item]
        elif isinstance(cur, dict) and isinstance(item, str) and item.rstrip("_") in cur:
            path.append(item.rstrip("_"))
            cur = cur[item.rstrip("_")]
    return tuple(path)


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        data = data[p]
    return data


def _pos(located: Located, path: tuple[Any, ...], key: bool = False) -> Pos:
    if key and path in located.keys:
        return located.keys[path]
    while path not in located.values and path:
        path = path[:-1]
    return located.values.get(path) or Pos("?", 1, 1)


def _map_errors(err: ValidationError, located: Located, root: type[BaseModel]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[tuple[tuple[Any, ...], str]] = set()
    for e in err.errors():
        loc = tuple(e["loc"])
        etype = e["type"]
        path = _data_path(loc, located.data)
        if etype == "extra_forbidden":
            bad = loc[-1]
            path = (*path, bad) if (*path, bad) in located.keys else path
            cls = _model_at(root, path[:-1], located.data)
            allowed = [f.alias or n for n, f in cls.model_fields.items()] if cls else []
            diag = at(
                _pos(located, path, key=True),
                "unknown-key",
                f"unknown key '{bad}'",
                did_you_mean(str(bad), allowed),
            )
            key = (path, "unknown-key")
        elif etype in ("unknown_condition", "unknown_effect"):
            diag, key = _unknown_op(etype, path, located)
        elif etype == "missing":
            name = loc[-1]
            diag = at(
                _pos(located, path), "missing-key", f"missing required key '{name}'", f"add '{name}:' here"
            )
            key = (path, f"missing-{name}")
        else:
            value = _get(located.data, path) if path else None
            code = "bad-value" if etype in _VALUE_ERRORS else "wrong-type"
            msg = e["msg"][0].lower() + e["msg"][1:]
            if etype.startswith("value_error"):
                msg = msg.removeprefix("value error, ")
            hint = ""
            if etype == "literal_error":
                expected = re.findall(r"'([^']*)'", str(e.get("ctx", {}).get("expected", "")))
                hint = did_you_mean(str(value), expected)
                code = "bad-value"
            elif etype == "string_pattern_mismatch":
                msg = _pattern_message(str(e.get("ctx", {}).get("pattern", "")), value)
            if not isinstance(value, (dict, list)) and etype not in ("value_error",):
                msg += f" (got {value!r})"
            diag = at(_pos(located, path), code, msg, hint)
            key = (path, code)
        if key in seen:
            continue
        seen.add(key)
        out.append(diag)
    return out


_VALUE_ERRORS = {
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "too_short",
    "too_long",
    "string_pattern_mismatch",
    "string_too_long",
    "value_error",
    "literal_error",
}


def _pattern_message(pattern: str, value: Any) -> str:
    if "\\d{4}" in pattern:
        return "expected a month like 1924-01"
    if "#[0-9a-fA-F]" in pattern:
        return "expected a colour like #b3261e"
    return "expected an id: lower-case letters, digits and underscores, starting with a letter"


def _unknown_op(etype: str, path: tuple[Any, ...], located: Located) -> tuple[Diagnostic, tuple[Any, ...]]:
    kind = "condition" if etype == "unknown_condition" else "effect"
    ops = fm.CONDITION_OPS if kind == "condition" else fm.EFFECT_OPS
    value = _get(located.data, path) if path else None
    code = f"unknown-{kind}"
    if isinstance(value, dict) and len(value) == 1:
        name = next(iter(value))
        return at(
            _pos(located, (*path, name), key=True), code, f"unknown {kind} '{name}'", did_you_mean(name, ops)
        ), (path, code)
    if isinstance(value, dict):
        keys = ", ".join(value)
        return at(
            _pos(located, path),
            code,
            f"a {kind} is a mapping with exactly one key (its operator); found: {keys}",
            "put each operator in its own list item",
        ), (path, code)
    return at(
        _pos(located, path),
        code,
        f"expected a {kind}: a mapping with one key such as "
        + ("'flag: name'" if kind == "condition" else "'set_flag: name'"),
        did_you_mean(str(value), ops),
    ), (path, code)


def _model_at(root: type[BaseModel], path: tuple[Any, ...], data: Any) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``path``."""
    tp: Any = root
    cur = data
    for item in path:
        cur = cur[item]
        tp = _step(tp, item, cur)
        if tp is None:
            return None
    tp = _unwrap(tp, cur)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _unwrap(tp: Any, value: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is typing.Annotated:
            tp = get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if isinstance(value, dict) and len(value) == 1:
                key = next(iter(value))
                for a in args:
                    inner = _unwrap(a, None)
                    if isinstance(inner, type) and issubclass(inner, BaseModel):
                        names = {f.alias or n for n, f in inner.model_fields.items()}
                        if names == {key}:
                            return inner
            models = [
                a
                for a in args
                if isinstance(_unwrap(a, None), type) and issubclass(_unwrap(a, None), BaseModel)
            ]
            tp = models[0] if len(models) == 1 else args[0]
            if len(models) != 1:
                return None
        else:
            return tp


def _step(tp: Any, item: Any, value: Any) -> Any:
    tp = _unwrap(tp, None if isinstance(item, int) else value)
    origin = get_origin(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for n, f in tp.model_fields.items():
            if (f.alias or n) == item:
                return _with_value(f.annotation, value)
        return None
    if origin is list:
        return _with_value(get_args(tp)[0], value)
    if origin is dict:
        return _with_value(get_args(tp)[1], value)
    return None


def _with_value(tp: Any, value: Any) -> Any:
    return _unwrap(tp, value) if get_origin(tp) in (typing.Union, types.UnionType) else tp


# ------------------------------------------------------------- reference pass
def _check_refs(
    model: fm.Scenario | None,
    entries: list[tuple[tuple[Any, ...], BaseModel]] | None,
    ids: dict[str, set[str]],
    located: Located,
    errors: list[Diagnostic],
) -> None:
    roots = [((), model)] if model is not None else (entries or [])
    for path, obj in roots:
        _walk(obj, path, ids, located, errors)


def _walk(
    obj: Any, path: tuple[Any, ...], ids: dict[str, set[str]], located: Located, errors: list[Diagnostic]
) -> None:
    if isinstance(obj, BaseModel):
        for name, f in type(obj).model_fields.items():
            key = f.alias or name
            value = getattr(obj, name)
            if value is None:
                continue
            sub = (*path, key)
            refs = [m for m in f.metadata if isinstance(m, fm.Ref)]
            if refs:
                _ref(value, refs[0], sub, ids, located, errors)
            else:
                _typed(value, f.annotation, sub, ids, located, errors)
        if isinstance(obj, fm.PendingArgs) and obj.target is not None:
            kind = {"condemn": "faction", "remove": "post", "line": "axis"}.get(obj.kind, "leader")
            _ref(obj.target, fm.Ref(kind), (*path, "target"), ids, located, errors)
        if isinstance(obj, fm.MotionArgs):
            kind = {"condemn": "faction", "remove": "post", "line": "axis"}.get(obj.kind, "leader")
            _ref(obj.target, fm.Ref(kind), (*path, "target"), ids, located, errors)
        if isinstance(obj, fm.ChoseArgs) and obj.event in ids["event"]:
            options = ids.get(f"options:{obj.event}", set())
            if options and obj.option not in options:
                _ref(obj.option, fm.Ref(f"options:{obj.event}"), (*path, "option"), ids, located, errors)


def _typed(
    value: Any,
    tp: Any,
    path: tuple[Any, ...],
    ids: dict[str, set[str]],
    located: Located,
    errors: list[Diagnostic],
) -> None:
    origin = get_origin(tp)
    if origin is typing.Annotated:
        args = get_args(tp)
        refs = [m for m in args[1:] if isinstance(m, fm.Ref)]
        if refs:
            _ref(value, refs[0], path, ids, located, errors)
            return
        _typed(value, args[0], path, ids, located, errors)
    elif origin in (typing.Union, types.UnionType):
        if isinstance(value, BaseModel):
            _walk(value, path, ids, located, errors)
            return
        for a in get_args(tp):
            if a is not type(None):
                _typed(value, a, path, ids, located, errors)
                return
    elif origin is list and isinstance(value, list):
        for i, x in enumerate(value):
            _typed(x, get_args(tp)[0], (*path, i), ids, located, errors)
    elif origin is dict and isinstance(value, dict):
        kt, vt = get_args(tp)
        for k, v in value.items():
            kref = (
                [m for m in get_args(kt)[1:] if isinstance(m, fm.Ref)]
                if get_origin(kt) is typing.Annotated
                else []
            )
            if kref:
                _ref(k, kref[0], (*path, k), ids, located, errors, key=True)
            _typed(v, vt, (*path, k), ids, located, errors)
    elif isinstance(value, BaseModel):
        _walk(value, path, ids, located, errors)


def _ref(
    value: Any,
    ref: fm.Ref,
    path: tuple[Any, ...],
    ids: dict[str, set[str]],
    located: Located,
    errors: list[Diagnostic],
    key: bool = False,
) -> None:
    if isinstance(value, list):
        for i, x in enumerate(value):
            _ref(x, ref, (*path, i), ids, located, errors)
        return
    if not isinstance(value, str) or value in ref.extra:
        return
    if ref.kind == "path":
        problem = _path_problem(value, ids)
        if problem:
            msg, bad, choices = problem
            errors.append(at(_pos(located, path, key), "unknown-path", msg, did_you_mean(bad, choices)))
        return
    known = ids.get(ref.kind, set())
    if value in known:
        return
    label = ref.kind.split(":")[0].replace("options", "option")
    hint = did_you_mean(value, known)
    if ref.kind == "flag":
        msg = f"flag '{value}' is never set by any effect nor declared under flags:"
    else:
        msg = f"unknown {label} id '{value}'"
    errors.append(at(_pos(located, path, key), f"unknown-{label}", msg, hint))


def _path_problem(path: str, ids: dict[str, set[str]]) -> tuple[str, str, set[str]] | None:
    parts = path.split(".")
    if path in ("unity", "members"):
        return None
    heads = {"leader": 3, "faction": 3, "counter": 2, "opinion": 2}
    if parts[0] not in heads or len(parts) != heads[parts[0]]:
        return (
            f"unknown stat path '{path}' (use unity, members, leader.<id>.<stat>, "
            "faction.<id>.<stat>, counter.<name> or opinion.<axis>)",
            parts[0],
            set(heads) | {"unity", "members"},
        )
    kind = {"leader": "leader", "faction": "faction", "counter": "counter", "opinion": "axis"}[parts[0]]
    if parts[1] not in ids.get(kind, set()):
        return f"unknown {kind} '{parts[1]}' in stat path '{path}'", parts[1], ids.get(kind, set())
    if parts[0] == "leader" and parts[2] not in LEADER_STATS:
        return f"unknown leader stat '{parts[2]}'", parts[2], set(LEADER_STATS)
    if parts[0] == "faction" and parts[2] not in FACTION_STATS:
        return f"unknown faction stat '{parts[2]}'", parts[2], set(FACTION_STATS)
    return None


# --------------------------------------------------------------- meaning pass
def _check_meaning(
    data: dict[str, Any], ids: dict[str, set[str]], located: Located, errors: list[Diagnostic]
) -> None:
    def err(
        path: tuple[Any, ...], code: str, msg: str, hint: str = "", key: bool = False, severity: str = "error"
    ) -> None:
        errors.append(at(_pos(located, path, key), code, msg, hint, severity))

    for section in SECTIONS:
        seen: dict[str, int] = {}
        for i, entry in enumerate(data.get(section) or []):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                eid = entry["id"]
                if eid in seen:
                    first = _pos(located, (section, seen[eid], "id"))
                    err(
                        (section, i, "id"),
                        "duplicate-id",
                        f"duplicate {section[:-1]} id '{eid}'",
                        f"first used at line {first.line}",
                    )
                else:
                    seen[eid] = i
    for i, ev in enumerate(data.get("events") or []):
        if isinstance(ev, dict):
            opts = [o.get("id") for o in ev.get("options") or [] if isinstance(o, dict)]
            dup = {o for o in opts if opts.count(o) > 1}
            for j, o in enumerate(opts):
                if o in dup and opts.index(o) != j:
                    err(("events", i, "options", j, "id"), "duplicate-id", f"duplicate option id '{o}'")
            if opts and not ev.get("chooser"):
                err(
                    ("events", i, "options"),
                    "missing-chooser",
                    "an event with options needs a chooser: the faction that decides",
                    "add 'chooser: <faction id>'",
                    key=True,
                )
    start, end = data.get("start"), data.get("end")
    window = None
    try:
        if isinstance(start, str) and isinstance(end, str):
            window = (season_of(start), season_of(end))
            if window[1] < window[0]:
                err(("end",), "bad-dates", "the scenario ends before it starts")
    except ValueError:
        window = None
    if window:
        for section in ("meetings", "events"):
            for i, entry in enumerate(data.get(section) or []):
                if not isinstance(entry, dict):
                    continue
                for key in ("date", "until"):
                    d = entry.get(key)
                    if isinstance(d, str) and re.match(r"^\d{4}-(0[1-9]|1[0-2])$", d):
                        s = season_of(d)
                        if not window[0] <= s <= window[1]:
                            err(
                                (section, i, key),
                                "outside-window",
                                f"{d} falls outside the scenario ({start} to {end})",
                            )
    for i, reg in enumerate(data.get("regions") or []):
        if isinstance(reg, dict) and isinstance(reg.get("control"), dict):
            total = sum(v for v in reg["control"].values() if isinstance(v, (int, float)))
            if total > 1.0 + 1e-9:
                err(
                    ("regions", i, "control"),
                    "shares-over-one",
                    f"control shares add up to {total:.2f}; they must not exceed 1",
                    key=True,
                )
    for body in ("central_committee", "control_commission"):
        b = data.get(body)
        if isinstance(b, dict) and isinstance(b.get("shares"), dict):
            total = sum(v for v in b["shares"].values() if isinstance(v, (int, float)))
            if total > 1.0 + 1e-9:
                err(
                    (body, "shares"),
                    "shares-over-one",
                    f"seat shares add up to {total:.2f}; they must not exceed 1",
                    key=True,
                )
    endings = data.get("endings") or []
    if endings and isinstance(endings[-1], dict) and endings[-1].get("conditions"):
        err(
            ("endings", len(endings) - 1),
            "no-fallback-ending",
            "the last ending must have no conditions: it is what happens when no other applies",
        )
    init = data.get("initiative")
    factions = ids.get("faction", set())
    if isinstance(init, list) and init and set(init) != factions:
        missing = sorted(factions - set(init))
        err(
            ("initiative",),
            "bad-initiative",
            "initiative must list every faction exactly once"
            + (f"; missing: {', '.join(missing)}" if missing else ""),
            key=True,
        )
    for i, fac in enumerate(data.get("factions") or []):
        if not isinstance(fac, dict):
            continue
        lead = fac.get("leader")
        for ld in data.get("leaders") or []:
            if isinstance(ld, dict) and ld.get("id") == lead and ld.get("faction") != fac.get("id"):
                err(
                    ("factions", i, "leader"),
                    "leader-faction",
                    f"leader '{lead}' must belong to faction '{fac.get('id')}' (set faction: {fac.get('id')} on the leader)",
                )
    for i, fac in enumerate(data.get("factions") or []):
        if isinstance(fac, dict) and isinstance(fac.get("ideology"), dict):
            missing_axes = ids.get("axis", set()) - set(fac["ideology"])
            if missing_axes:
                err(
                    ("factions", i, "ideology"),
                    "missing-axis",
                    f"ideology gives no position on: {', '.join(sorted(missing_axes))}",
                    key=True,
                )
