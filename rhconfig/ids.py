"""The one id rule: what a workflow (or app) id is, checked before it becomes a path or a URL."""

from __future__ import annotations

import re

from rhconfig.errors import UsageError

WORKFLOW_ID = re.compile(r"^[0-9]{1,32}$")


def check_workflow_id(workflow_id: str) -> str:
    """Workflow ids are digit strings; anything else could be a path, so it is refused."""
    if not isinstance(workflow_id, str) or not WORKFLOW_ID.match(workflow_id):
        raise UsageError(
            f"invalid workflow id {workflow_id!r:.60}: RunningHub workflow ids are digits only"
        )
    return workflow_id
