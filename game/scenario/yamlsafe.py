"""A strict, safe YAML reader that remembers where every value came from.

Scenario files are untrusted input. This reader builds plain data from
PyYAML's node tree itself (no constructors run), and refuses what a modder
almost never means and an attacker often does: tags, anchors and aliases
(so no alias bombs), duplicate keys, non-string keys, YAML 1.1 booleans
(``on``/``no`` stay strings), timestamps (dates stay strings), over-large
files and over-deep nesting. Every value keeps its file, line and column.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.scenario.diagnostics import Diagnostic, Pos

MAX_BYTES = 512 * 1024
MAX_DEPTH = 32
MAX_ITEMS = 20_000

_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"


# libyaml's parser when PyYAML was built with it (fast); the pure-Python one otherwise
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_Base):  # type: ignore[misc]
    """SafeLoader with YAML-1.2 style booleans and no timestamps or merge keys."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP, _MERGE, _VALUE)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|false)$"), list("tf"))


# ------------------------------------------------------------ located tree
@dataclass(slots=True)
class LScalar:
    """A scalar with its position."""

    value: Any
    pos: Pos


@dataclass(slots=True)
class LList:
    """A sequence with its position."""

    items: list[LNode]
    pos: Pos


@dataclass(slots=True)
class LMap:
    """A mapping: key → (key position, value), in file order."""

    items: dict[str, tuple[Pos, LNode]]
    pos: Pos


LNode = LScalar | LList | LMap


@dataclass(slots=True)
class Located:
    """Plain data plus a path → position index built from a located tree."""

    data: Any
    values: dict[tuple[Any, ...], Pos] = field(default_factory=dict)
    keys: dict[tuple[Any, ...], Pos] = field(default_factory=dict)


def flatten(node: LNode) -> Located:
    """Turn a located tree into plain data and position indexes."""
    out = Located(None)

    def walk(n: LNode, path: tuple[Any, ...]) -> Any:
        out.values[path] = n.pos
        if isinstance(n, LScalar):
            return n.value
        if isinstance(n, LList):
            return [walk(x, (*path, i)) for i, x in enumerate(n.items)]
        d = {}
        for k, (kpos, v) in n.items.items():
            out.keys[(*path, k)] = kpos
            d[k] = walk(v, (*path, k))
        return d

    out.data = walk(node, ())
    return out


# ------------------------------------------------------------------ reading
class YamlError(Exception):
    """The file could not be read as strict YAML; carries its diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


def read(path: Path, display: str | None = None) -> LNode:
    """Read a YAML file into a located tree, or raise :class:`YamlError`."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise YamlError([Diagnostic(name, 1, 1, "unreadable", f"cannot read the file: {e.strerror}")]) from e
    if len(raw) > MAX_BYTES:
        raise YamlError(
            [
                Diagnostic(
                    name,
                    1,
                    1,
                    "file-too-large",
                    f"the file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise YamlError([Diagnostic(name, 1, 1, "encoding", "the file is not UTF-8 text")]) from e
    return parse(text, name)


def parse(text: str, name: str) -> LNode:
    """Parse YAML text into a located tree, or raise :class:`YamlError`."""
    lines = text.splitlines()
    errors: list[Diagnostic] = []

    def pos(mark: Any) -> Pos:
        return Pos(name, mark.line + 1, mark.column + 1, _line(lines, mark.line))

    loader = StrictLoader(text)
    try:
        # Reject anchors, aliases and explicit tags before anything is composed
        # (only text with one of their marks can hold them).
        suspicious = "&" in text or "*" in text or "!" in text
        for ev in yaml.parse(text, Loader=StrictLoader) if suspicious else ():
            if isinstance(ev, yaml.AliasEvent):
                errors.append(
                    _diag(
                        pos(ev.start_mark),
                        "yaml-alias",
                        "aliases (*name) are not allowed in scenario files",
                        "write the value out in full",
                    )
                )
            elif getattr(ev, "anchor", None):
                errors.append(
                    _diag(
                        pos(ev.start_mark),
                        "yaml-anchor",
                        "anchors (&name) are not allowed in scenario files",
                        "write the value out in full",
                    )
                )
            tag = getattr(ev, "tag", None)
            if tag and isinstance(ev, yaml.NodeEvent) and not _implicit(ev):
                errors.append(
                    _diag(
                        pos(ev.start_mark),
                        "yaml-tag",
                        f"YAML tags ({tag}) are not allowed in scenario files",
                        "remove the tag; scenario files hold plain data only",
                    )
                )
        if errors:
            raise YamlError(errors)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        p = pos(mark) if mark else Pos(name, 1, 1, _line(lines, 0))
        msg = (e.problem or "invalid YAML").strip()
        if e.context:
            msg = f"{msg} ({e.context.strip()})"
        raise YamlError([_diag(p, "yaml-syntax", msg, "check indentation, colons and brackets")]) from e
    except yaml.YAMLError as e:
        raise YamlError([_diag(Pos(name, 1, 1, _line(lines, 0)), "yaml-syntax", str(e))]) from e
    finally:
        loader.dispose()
    if node is None:
        raise YamlError([_diag(Pos(name, 1, 1, ""), "empty-file", "the file is empty")])
    counter = [0]
    tree = _build(node, loader, pos, errors, 0, counter)
    if errors:
        raise YamlError(errors)
    return tree


def _implicit(ev: Any) -> bool:
    imp = getattr(ev, "implicit", None)
    if isinstance(imp, tuple):
        return bool(imp[0] or imp[1])
    return bool(imp)


def _line(lines: list[str], i: int) -> str:
    return lines[i] if 0 <= i < len(lines) else ""


def _diag(p: Pos, code: str, msg: str, hint: str = "") -> Diagnostic:
    return Diagnostic(p.file, p.line, p.col, code, msg, hint=hint, source=p.text)


def _build(
    node: yaml.Node,
    loader: StrictLoader,
    pos: Any,
    errors: list[Diagnostic],
    depth: int,
    counter: list[int],
) -> LNode:
    p = pos(node.start_mark)
    counter[0] += 1
    if counter[0] > MAX_ITEMS:
        if counter[0] == MAX_ITEMS + 1:
            errors.append(_diag(p, "too-many-values", f"the file holds more than {MAX_ITEMS:,} values"))
        return LScalar(None, p)
    if depth > MAX_DEPTH:
        errors.append(_diag(p, "too-deep", f"nesting deeper than {MAX_DEPTH} levels"))
        return LScalar(None, p)
    if isinstance(node, yaml.ScalarNode):
        try:
            value = loader.construct_object(node, deep=False)
        except yaml.YAMLError as e:
            errors.append(_diag(p, "yaml-value", f"cannot read this value: {e}"))
            value = None
        if isinstance(value, float) and math.isnan(value):
            errors.append(_diag(p, "yaml-value", "NaN is not a number a scenario can use"))
        return LScalar(value, p)
    if isinstance(node, yaml.SequenceNode):
        return LList([_build(x, loader, pos, errors, depth + 1, counter) for x in node.value], p)
    assert isinstance(node, yaml.MappingNode)
    items: dict[str, tuple[Pos, LNode]] = {}
    for knode, vnode in node.value:
        kp = pos(knode.start_mark)
        if not isinstance(knode, yaml.ScalarNode) or knode.tag != "tag:yaml.org,2002:str":
            errors.append(_diag(kp, "bad-key", "keys must be plain names (text), not numbers, lists or null"))
            continue
        key = str(knode.value)
        if key in items:
            first = items[key][0]
            errors.append(
                _diag(
                    kp,
                    "duplicate-key",
                    f"duplicate key '{key}'",
                    f"first defined at line {first.line}; remove one of them",
                )
            )
            continue
        items[key] = (kp, _build(vnode, loader, pos, errors, depth + 1, counter))
    return LMap(items, p)
