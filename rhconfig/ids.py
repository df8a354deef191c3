"""The id rules: what a workflow (or app) id is, checked before it becomes a path or a URL, and
the one order of graph node ids."""

from __future__ import annotations

import re
from typing import Any

from rhconfig.errors import UsageError

WORKFLOW_ID = re.compile(r"^[0-9]{1,32}$")


def check_workflow_id(workflow_id: str) -> str:
    """Workflow ids are digit strings; anything else could be a path, so it is refused."""
    if not isinstance(workflow_id, str) or not WORKFLOW_ID.match(workflow_id):
        raise UsageError(
            f"invalid workflow id {workflow_id!r:.60}: RunningHub workflow ids are digits only"
        )
    return workflow_id


_NUM = re.compile(r"(\d+)")


def node_sort_key(node_id: str) -> tuple[Any, ...]:
    """Natural order for node ids such as ``"6"``, ``"10"``, ``"954:829"``."""
    if node_id.isdigit() and node_id.isascii():  # the common case, without the regex
        return ((0, int(node_id), ""),)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in _NUM.split(node_id) if p)
