"""``rhconfig show``: a profile as a readable table, or JSON for machines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from rhconfig.cli.options import workflows_dir_option
from rhconfig.cli.table import cell, echo_table


def _constraints(item: Any) -> str:
    parts = []
    if item.choices:
        shown = ", ".join(str(c) for c in item.choices[:5])
        parts.append(
            f"one of {shown}" + (f", ... ({len(item.choices)})" if len(item.choices) > 5 else "")
        )
    if item.minimum is not None or item.maximum is not None:
        lo = "" if item.minimum is None else item.minimum
        hi = "" if item.maximum is None else item.maximum
        parts.append(f"{lo}..{hi}")
    if item.step is not None:
        parts.append(f"step {item.step}")
    if not item.known:
        parts.append("unverified")
    return "; ".join(parts)



@click.command()
@click.argument("workflow_id")
@workflows_dir_option()
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@click.option("--all", "show_all", is_flag=True, help="List every input, not only exposed ones.")
def show(workflow_id: str, workflows_dir: Path | None, as_json: bool, show_all: bool) -> None:
    """Print a profile: name, kind, node, field, default and constraints of its inputs."""
    from rhconfig.ids import page_id
    from rhconfig.profile_io import profile_to_dict
    from rhconfig.store import load_profile

    profile = load_profile(page_id(workflow_id), workflows_dir)
    if as_json:
        click.echo(json.dumps(profile_to_dict(profile), ensure_ascii=False, indent=2))
        return
    items = profile.inputs if show_all else profile.exposed
    header = ("name", "kind", "node", "field", "default", "constraints")
    rows = [
        (
            i.name,
            i.kind,
            f"{i.node_id} {cell(i.title, 24)}",
            i.field,
            cell(i.default, 40),
            cell(_constraints(i), 40),
        )
        for i in items
    ]
    named = f" '{cell(profile.app_name, 60)}'" if profile.app_name else ""
    click.echo(
        f"{'AI app' if profile.is_app else 'workflow'} {profile.workflow_id}{named}: "
        f"{len(profile.inputs)} inputs, "
        f"{len(profile.exposed)} exposed" + ("" if show_all else " (shown; --all for every input)")
    )
    echo_table(header, rows)
    for tie in profile.ties:
        kind = profile.tie_kind(tie)
        click.echo(f"tie {tie.name} ({kind}): sets {', '.join(tie.members)}")
