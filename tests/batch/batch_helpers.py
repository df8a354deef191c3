"""Helpers for the batch tests (import as ``batch_helpers``)."""

from __future__ import annotations

from pathlib import Path

from rhconfig.testing import FakeRunningHub

WID = "1900000000000000001"  # bundled example: txt2img (positive_prompt, seed, ...)
IMG_WID = "1900000000000000002"  # bundled example with an image input (image)


def write_jobs(path: Path, count: int, start: int = 1) -> Path:
    """``count`` lines, each with its own prompt (``line N``) so a task says its line."""
    lines = [
        f'{{"positive_prompt": "line {n}", "seed": {n}}}' for n in range(start, start + count)
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def line_of(task_node_info: list[dict[str, object]]) -> int:
    for entry in task_node_info:
        value = entry.get("fieldValue")
        if isinstance(value, str) and value.startswith("line "):
            return int(value.split()[1])
    raise AssertionError(f"no line marker in {task_node_info}")


def tasks_by_line(hub: FakeRunningHub) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for task in hub.tasks:
        if task.node_info_list:  # tasks created without inputs are no line's (other programs)
            found.setdefault(line_of(task.node_info_list), []).append(task.task_id)
    return found
