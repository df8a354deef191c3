"""Shared bits of the AI-app tests: the fixtures' paths and a loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
APP_FIXTURES = HERE.parent / "fixtures" / "apps"
EXAMPLES = HERE.parent.parent / "workflows"
EXAMPLE_APP = "1950000000000000001"
PORTRAIT = APP_FIXTURES / "portrait-envelope.json"  # a saved apiCallDemo answer (with curl)
HOSTILE = APP_FIXTURES / "hostile-descriptions.json"
EMPTY = APP_FIXTURES / "empty-list.json"
# The key the saved answer's curl embeds (a made-up one: what a real answer would leak).
LEAKED_KEY = "0123456789abcdef0123456789abcdef"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
