"""Paths and small helpers shared by the tests (import as ``helpers``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GRAPHS = FIXTURES / "graphs"
SHARED = REPO.parent / "shared"
CORPUS_API = SHARED / "corpus" / "api"
CORPUS_UI = SHARED / "corpus" / "ui"
EXAMPLES = REPO / "workflows"


def load_graph_fixture(name: str) -> Any:
    return json.loads((GRAPHS / name).read_text(encoding="utf-8"))
