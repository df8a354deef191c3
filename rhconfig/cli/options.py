"""Options shared by several commands, declared once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

WORKFLOWS_DIR_HELP = "Where profiles live (default: $RHCONFIG_WORKFLOWS_DIR or ./workflows)."


def workflows_dir_option(help: str = WORKFLOWS_DIR_HELP) -> Callable[[F], F]:
    """``--workflows-dir DIR`` (a folder; passed to the command as ``workflows_dir``)."""
    return click.option(
        "--workflows-dir", type=click.Path(path_type=Path, file_okay=False), help=help
    )


def api_option() -> Callable[[F], F]:
    """``--api v1|v2`` (passed as ``api``; None: ``$RUNNINGHUB_API``, else v2)."""
    return click.option(
        "--api",
        type=click.Choice(["v1", "v2"]),
        default=None,
        help="RunningHub API version (default: $RUNNINGHUB_API, else v2).",
    )
