"""Helpers shared by the check tests (import as ``check_helpers``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rhconfig.catalog_files import bundled_catalog
from rhconfig.check import Finding
from rhconfig.profile import Profile
from rhconfig.scan import scan_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]
CORPUS_API = REPO.parent / "shared" / "corpus" / "api"
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
