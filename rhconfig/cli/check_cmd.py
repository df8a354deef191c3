"""``rhconfig check``: pre-flight validation of a nodeInfoList against a workflow's profile.

Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 usage or unreadable input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from rhconfig.cli.options import workflows_dir_option
from rhconfig.errors import UsageError
from rhconfig.jsontext import loads


def read_node_info(source: str, workflow_id: str) -> Any:
    """The nodeInfoList from a file (or ``-`` for stdin): a bare list, a create (or AI-app
    run) payload, or an apiCallDemo answer (the envelope or its ``data``).

    A payload's ``workflowId`` (``webappId``) must match; nothing of the payload (its ``apiKey``
    above all) is ever echoed in an error.
    """
    what = "standard input" if source == "-" else source
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {what}: {exc.strerror or exc}") from None
    document = loads(raw, what, UsageError)
    if isinstance(document, list):
        return document
    if (
        isinstance(document, dict)
        and "nodeInfoList" not in document
        and isinstance(document.get("data"), dict)
        and "nodeInfoList" in document["data"]
    ):
        document = document["data"]  # an apiCallDemo envelope
    if isinstance(document, dict) and "nodeInfoList" in document:
        for id_key in ("workflowId", "webappId"):
            if id_key not in document:
                continue
            given = document[id_key]
            if not isinstance(given, str):
                raise UsageError(
                    f"the payload's {id_key} is a {type(given).__name__}, not a string: "
                    "RunningHub ids must be sent as strings"
                )
            if given != workflow_id:
                what = "workflow" if id_key == "workflowId" else "app"
                shown = given if given.isdigit() and len(given) <= 32 else f"another {what}"
                raise UsageError(
                    f"the payload is for {what} {shown}, not {workflow_id}"
                )
        return document["nodeInfoList"]
    raise UsageError(
        f"{what} must hold a nodeInfoList (a JSON array) or a create payload with 'nodeInfoList'"
    )


def render_human(findings: list[Any], titles: dict[str, str] | None = None) -> list[str]:
    """One line per finding, grouped under the node it is about, in order of first mention."""
    groups: dict[str | None, list[Any]] = {}
    for f in findings:
        groups.setdefault(f.node_id, []).append(f)
    lines: list[str] = []
    for node_id, items in groups.items():
        if node_id is None:
            lines.append("nodeInfoList:")
        else:
            title = (titles or {}).get(node_id)
            lines.append(f"node {node_id} '{title}':" if title else f"node {node_id}:")
        for f in items:
            hint = f" (hint: {f.hint})" if f.hint else ""
            lines.append(f"  {f.severity:<7} {f.code}: {f.message}{hint}")
    return lines


@click.command()
@click.argument("workflow_id")
@click.argument("node_info", metavar="NODE_INFO")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@workflows_dir_option()
def check(workflow_id: str, node_info: str, as_json: bool, workflows_dir: Path | None) -> None:
    """Check NODE_INFO (a JSON file, or - for stdin) against the profile of WORKFLOW_ID (a
    workflow or an AI app; an app page URL works too).

    NODE_INFO holds the nodeInfoList, a whole create (or AI-app run) payload with
    'nodeInfoList', or a saved apiCallDemo answer.
    Exit 0 when there are no errors, 1 when there are, 2 when the input cannot be read.
    """
    from rhconfig.check import has_errors, validate
    from rhconfig.ids import any_id
    from rhconfig.store import load_profile

    workflow_id = any_id(workflow_id)
    profile = load_profile(workflow_id, workflows_dir)
    entries = read_node_info(node_info, workflow_id)
    findings = validate(profile, entries)
    failed = has_errors(findings)
    if as_json:
        document = {"ok": not failed, "findings": [f.to_json() for f in findings]}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        titles = {nid: node.title for nid, node in profile.nodes.items()}
        for line in render_human(findings, titles):
            click.echo(line)
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = len(findings) - errors
        verdict = "FAILED" if failed else "ok"
        click.echo(f"{verdict}: {errors} error(s), {warnings} warning(s) in "
                   f"{len(entries) if isinstance(entries, list) else 0} entries "
                   f"for {profile.what}")
    raise SystemExit(1 if failed else 0)
