"""Helpers shared by the check tests (import as ``check_helpers``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rhconfig.catalog_files import bundled_catalog
from rhconfig.check import Finding
from rhconfig.profile import Profile, ProfileInput
from rhconfig.scan import scan_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]
WORKFLOW_ID = "123"


def load_fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def build_profile(graph: Any, workflow_id: str = WORKFLOW_ID) -> Profile:
    return scan_document(graph, bundled_catalog(), workflow_id).profile


def entry(node_id: Any, field: Any, value: Any) -> dict[str, Any]:
    return {"nodeId": node_id, "fieldName": field, "fieldValue": value}


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def defaults_list(profile: Profile) -> list[dict[str, Any]]:
    """Every literal input with the workflow's own value."""
    return [entry(i.node_id, i.field, i.default) for i in profile.inputs]


def mutations(inp: ProfileInput) -> list[tuple[Any, str]]:
    """(bad value, expected code) pairs for one known input."""
    out: list[tuple[Any, str]] = []
    if not inp.known or inp.kind == "json":
        return out
    if inp.type in ("INT", "FLOAT"):
        out.append(("abc", "type_mismatch"))
        out.append(({"x": 1}, "type_mismatch"))
        if inp.maximum is not None:
            above = inp.maximum + 1 if inp.type == "INT" else inp.maximum + abs(inp.maximum) + 1
            out.append((above, "out_of_range"))
        if inp.minimum is not None:
            below = inp.minimum - 1 if inp.type == "INT" else inp.minimum - abs(inp.minimum) - 1
            out.append((below, "out_of_range"))
    elif inp.type == "BOOLEAN":
        out.append(("false", "type_mismatch"))
    elif inp.kind == "choice":
        out.append(("surely-not-a-choice", "not_in_enum"))
        out.append((None, "type_mismatch"))
    elif inp.kind in ("image", "video", "audio"):
        out.append(("/home/me/input.bin", "invalid_media_value"))
    elif inp.type == "STRING":
        out.append(([1, 2, 3], "type_mismatch"))
    return out
