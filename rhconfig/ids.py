"""The id rules: what a workflow (or app) id is, checked before it becomes a path or a URL, and
the one order of graph node ids.

Commands also accept the RunningHub page of an app or a workflow wherever an id goes:
``https://www.runninghub.cn/ai-detail/ID`` (an AI app) or ``.../workflow/ID``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rhconfig.errors import UsageError

_PAGE = r"^https?://(?:www\.)?runninghub\.(?:cn|ai)/(ai-detail|workflow)/([0-9]{1,32})/?(?:[?#].*)?$"


@lru_cache(maxsize=1)
def _page() -> re.Pattern[str]:
    """The page-URL pattern, compiled on first use: most commands get bare ids."""
    return re.compile(_PAGE)


def is_workflow_id(text: object) -> bool:
    """1 to 32 ASCII digits: the form of every RunningHub workflow and app id."""
    return isinstance(text, str) and 0 < len(text) <= 32 and text.isdigit() and text.isascii()


def check_workflow_id(workflow_id: str) -> str:
    """Workflow ids are digit strings; anything else could be a path, so it is refused."""
    if not is_workflow_id(workflow_id):
        raise UsageError(
            f"invalid workflow id {workflow_id!r:.60}: RunningHub workflow ids are digits only"
        )
    return workflow_id


@lru_cache(maxsize=1)
def _digit_runs() -> re.Pattern[str]:
    return re.compile(r"(\d+)")


def node_sort_key(node_id: str) -> tuple[Any, ...]:
    """Natural order for node ids such as ``"6"``, ``"10"``, ``"954:829"``."""
    if node_id.isdigit() and node_id.isascii():  # the common case, without the regex
        return ((0, int(node_id), ""),)
    parts = _digit_runs().split(node_id)
    return tuple((0, int(p), "") if p.isdecimal() else (1, 0, p) for p in parts if p)


def parse_id(text: str) -> tuple[str, str | None]:
    """``(id, target)`` from an id or a RunningHub page URL; ``target`` is ``"app"`` for an
    ``/ai-detail/`` page, ``"workflow"`` for a ``/workflow/`` page, None for a bare id."""
    if is_workflow_id(text):
        return text, None
    if isinstance(text, str):
        match = _page().match(text.strip())
        if match:
            return match.group(2), "app" if match.group(1) == "ai-detail" else "workflow"
    return check_workflow_id(text), None


def any_id(text: str) -> str:
    """The id in ``text`` (an id or a RunningHub page URL)."""
    return parse_id(text)[0]


def page_id(text: str) -> str:
    """The id in a RunningHub page URL; any other text unchanged (an id, a profile path)."""
    if is_workflow_id(text):
        return text
    match = _page().match(text.strip()) if isinstance(text, str) else None
    return match.group(2) if match else text
