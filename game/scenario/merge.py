"""Variants: a base scenario plus a patch, merged with provenance.

Maps merge deeply and ``null`` deletes a key; lists of entries with ``id``
merge by id (a known id is patched in place, a new one appended,
``$remove: true`` deletes); other lists are replaced. ``$replace: true`` on a
map replaces it wholesale. Each value keeps the position it came from, so a
diagnostic points at the variant file when the variant caused it.
"""

from __future__ import annotations

from game.scenario.diagnostics import Diagnostic, at
from game.scenario.yamlsafe import LList, LMap, LNode, LScalar

REMOVE, REPLACE = "$remove", "$replace"


def merge(base: LNode, patch: LNode, errors: list[Diagnostic]) -> LNode:
    """Apply ``patch`` on ``base`` (neither is modified)."""
    if isinstance(base, LMap) and isinstance(patch, LMap):
        return _merge_map(base, patch, errors)
    if isinstance(base, LList) and isinstance(patch, LList) and _by_id(base) and _by_id(patch):
        return _merge_list(base, patch, errors)
    return _strip(patch, errors)


def _merge_map(base: LMap, patch: LMap, errors: list[Diagnostic]) -> LNode:
    if REPLACE in patch.items:
        return _strip(LMap({k: v for k, v in patch.items.items() if k != REPLACE}, patch.pos), errors)
    items = dict(base.items)
    for key, (kpos, value) in patch.items.items():
        if key.startswith("$"):
            errors.append(
                at(
                    kpos,
                    "bad-patch-key",
                    f"'{key}' is not allowed here",
                    "use $remove inside a list entry with an id, or $replace in a map",
                )
            )
            continue
        if isinstance(value, LScalar) and value.value is None:
            if key not in items:
                errors.append(
                    at(kpos, "patch-missing-key", f"cannot delete '{key}': the base has no such key")
                )
            else:
                del items[key]
            continue
        if key in items:
            items[key] = (kpos, merge(items[key][1], value, errors))
        else:
            items[key] = (kpos, _strip(value, errors))
    return LMap(items, base.pos)


def _by_id(node: LList) -> bool:
    return (
        bool(node.items)
        and all(
            isinstance(x, LMap) and isinstance(x.items.get("id", (None, None))[1], LScalar)
            for x in node.items
        )
    ) or not node.items


def _id(node: LNode) -> object:
    assert isinstance(node, LMap)
    v = node.items["id"][1]
    assert isinstance(v, LScalar)
    return v.value


def _merge_list(base: LList, patch: LList, errors: list[Diagnostic]) -> LNode:
    items = list(base.items)
    for entry in patch.items:
        assert isinstance(entry, LMap)
        eid = _id(entry)
        where = next((i for i, x in enumerate(items) if _id(x) == eid), -1)
        rem = entry.items.get(REMOVE)
        if rem is not None:
            flag = rem[1]
            if not (isinstance(flag, LScalar) and flag.value is True):
                errors.append(at(rem[0], "bad-patch-key", "$remove must be true"))
            elif where < 0:
                errors.append(
                    at(
                        entry.items["id"][0],
                        "patch-missing-id",
                        f"cannot remove '{eid}': the base has no entry with this id",
                    )
                )
            else:
                del items[where]
            continue
        if where >= 0:
            items[where] = merge(items[where], entry, errors)
        else:
            items.append(_strip(entry, errors))
    return LList(items, base.pos)


def _strip(node: LNode, errors: list[Diagnostic]) -> LNode:
    """A patch value taken as new content: no patch directives may remain in it."""
    if isinstance(node, LMap):
        out = {}
        for k, (kpos, v) in node.items.items():
            if k.startswith("$"):
                hint = "the base has no entry with this id" if k == REMOVE else ""
                errors.append(at(kpos, "bad-patch-key", f"'{k}' is not allowed here", hint))
                continue
            out[k] = (kpos, _strip(v, errors))
        return LMap(out, node.pos)
    if isinstance(node, LList):
        return LList([_strip(x, errors) for x in node.items], node.pos)
    return node
