"""JSON Schemas for editor completion, generated from the format models."""

from __future__ import annotations

import copy
from typing import Any

from game.scenario import format as fm

SCHEMA_URL = "http://json-schema.org/draft-07/schema#"


def scenario_schema() -> dict[str, Any]:
    """Schema of a scenario file."""
    schema = fm.Scenario.model_json_schema(by_alias=True)
    _defs_to_definitions(schema)
    return {
        "$schema": SCHEMA_URL,
        "$id": "https://successor.example/scenario.schema.json",
        **schema,
    }


def campaign_schema() -> dict[str, Any]:
    """Schema of a campaign file."""
    schema = fm.Campaign.model_json_schema(by_alias=True)
    _defs_to_definitions(schema)
    return {"$schema": SCHEMA_URL, "$id": "https://successor.example/campaign.schema.json", **schema}


def variant_schema() -> dict[str, Any]:
    """Schema of a variant file: the variant header plus a deep-partial scenario patch.

    Nothing in the patch is required, entries of id-keyed lists may carry
    ``$remove: true``, and any map may carry ``$replace: true``.
    """
    base = copy.deepcopy(scenario_schema())
    _relax(base)
    head = fm.Variant.model_json_schema(by_alias=True)
    props = dict(base.get("properties", {}))
    props.pop("id", None)
    props.update(head["properties"])
    base["properties"] = props
    base["required"] = ["extends", "id", "title", "description"]
    base["title"] = "Variant"
    base["description"] = fm.Variant.__doc__
    base["$id"] = "https://successor.example/variant.schema.json"
    return base


def _defs_to_definitions(schema: dict[str, Any]) -> None:
    """Draft-07 tools know ``definitions`` better than ``$defs``."""
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    _rewrite_refs(schema)


def _rewrite_refs(node: Any) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            node["$ref"] = "#/definitions/" + ref[len("#/$defs/") :]
        for v in node.values():
            _rewrite_refs(v)
    elif isinstance(node, list):
        for v in node:
            _rewrite_refs(v)


def _relax(node: Any) -> None:
    if isinstance(node, dict):
        node.pop("required", None)
        if node.get("type") == "object" and "properties" in node:
            node["properties"]["$replace"] = {"type": "boolean"}
            if "id" in node["properties"]:
                node["properties"]["$remove"] = {"type": "boolean"}
        for v in node.values():
            _relax(v)
    elif isinstance(node, list):
        for v in node:
            _relax(v)
