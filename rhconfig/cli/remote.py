"""Commands that talk to RunningHub: ``run``, ``upload``, ``account``, ``cancel``, and
``fake-server`` (a local stand-in for trying them).

The key comes from ``RUNNINGHUB_API_KEY`` only (never a command-line option: argv is visible to
other users of the machine) and is never printed. Errors are ``RhconfigError``s, which the group
prints as one line: exit 2, except a task that ran and failed (``TaskFailedError``,
``PromptTipsError``): exit 1.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rhconfig.errors import UsageError

if TYPE_CHECKING:
    from rhconfig.client import Output, RunningHub
    from rhconfig.profile import Profile

MEDIA_UPLOAD_TYPES = {"image": "image", "video": "video", "audio": "audio"}


def _client() -> RunningHub:
    from rhconfig.client import RunningHub

    return RunningHub()


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _output_json(out: Output, path: Path | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "nodeId": out.node_id,
        "fileType": out.file_type,
        "fileUrl": out.file_url,
        "taskCostTime": out.task_cost_time,
        "consumeCoins": out.consume_coins,
    }
    if path is not None:
        item["path"] = str(path)
    return item


# -- run ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PendingUpload:
    name: str
    path: Path
    file_type: str
    expected: str  # api/<sha256>.<ext>: what RunningHub will name it


def parse_assignments(
    profile: Profile, assignments: tuple[str, ...]
) -> tuple[dict[str, Any], list[PendingUpload]]:
    """``NAME=VALUE`` (``NAME=@file`` uploads the file; ``@@`` escapes a literal ``@``).

    Files are checked locally (exists, size, type) and stand in as the name RunningHub will
    give them, so the whole list is validated before anything is sent.
    """
    from rhconfig.client.files import check_upload, expected_file_name
    from rhconfig.nodeinfo import build_node_info, parse_cli_value

    by_name = profile.by_name
    values: dict[str, Any] = {}
    uploads: list[PendingUpload] = []
    for item in assignments:
        name, eq, text = item.partition("=")
        name = name.strip()
        if not eq or not name:
            raise UsageError(f"--set wants NAME=VALUE, got {item[:60]!r}")
        if name in values:
            raise UsageError(f"--set {name} given twice")
        inp = by_name.get(name)
        if inp is None:
            build_node_info(profile, {name: text})  # raises with the closest name
            raise UsageError(f"unknown input {name!r}")  # pragma: no cover
        if text.startswith("@") and not text.startswith("@@"):
            path, kind = check_upload(text[1:], MEDIA_UPLOAD_TYPES.get(inp.kind))
            pending = PendingUpload(name, path, kind, expected_file_name(path))
            uploads.append(pending)
            values[name] = pending.expected
        else:
            values[name] = parse_cli_value(inp, text[1:] if text.startswith("@@") else text)
    return values, uploads


def check_values(profile: Profile, node_info: Sequence[Mapping[str, Any]]) -> None:
    """Print the findings; raise (nothing sent) when any is an error."""
    from rhconfig.check import has_errors, validate
    from rhconfig.cli.check_cmd import render_human

    findings = validate(profile, node_info)
    titles = {node_id: node.title for node_id, node in profile.nodes.items()}
    for line in render_human(findings, titles):
        click.echo(line, err=True)
    if has_errors(findings):
        errors = sum(1 for f in findings if f.is_error)
        raise UsageError(
            f"{errors} error{'s' if errors != 1 else ''} in the values for workflow "
            f"{profile.workflow_id}: nothing was sent"
        )


@click.command()
@click.argument("workflow_id")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="An input by its profile name; NAME=@FILE uploads FILE first.",
)
@click.option(
    "--download",
    type=click.Path(path_type=Path, file_okay=False),
    help="Save the output files in this folder.",
)
@click.option("--workflows-dir", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=1800.0,
    show_default=True,
    help="Seconds to wait for the task.",
)
@click.option(
    "--poll",
    type=click.FloatRange(min=0.001),
    default=2.0,
    show_default=True,
    help="Seconds before the first status check (grows x1.5 up to 15 s).",
)
@click.option("--instance-type", type=click.Choice(["default", "plus"]))
@click.option("--json", "as_json", is_flag=True, help="Print the outputs as JSON.")
def run(
    workflow_id: str,
    assignments: tuple[str, ...],
    download: Path | None,
    workflows_dir: Path | None,
    timeout: float,
    poll: float,
    instance_type: str | None,
    as_json: bool,
) -> None:
    """Run WORKFLOW_ID on RunningHub with inputs named as in its profile, then print the outputs.

    Every value is checked against the profile before anything is sent.
    """
    from rhconfig.client import PollPolicy
    from rhconfig.ids import check_workflow_id
    from rhconfig.nodeinfo import build_node_info
    from rhconfig.store import load_profile

    check_workflow_id(workflow_id)
    profile = load_profile(workflow_id, workflows_dir)
    values, uploads = parse_assignments(profile, assignments)
    node_info = build_node_info(profile, values)
    check_values(profile, node_info)

    with _client() as client:
        for pending in uploads:
            name = client.upload(pending.path, pending.file_type)
            click.echo(f"uploaded {pending.path.name} as {name}", err=True)
            for entry in node_info:
                if entry["fieldValue"] == pending.expected:
                    entry["fieldValue"] = name
        started = time.monotonic()
        created = client.create(workflow_id, node_info, instance_type=instance_type)
        click.echo(f"task {created.task_id} created", err=True)
        try:
            policy = PollPolicy(initial=poll, maximum=max(poll, 15.0))
            outputs = client.wait(created, timeout=timeout, poll=policy)
        except KeyboardInterrupt:
            click.echo(
                f"task {created.task_id} is still running; stop it with "
                f"'rhconfig cancel {created.task_id}'",
                err=True,
            )
            raise
        click.echo(
            f"task {created.task_id} finished in {time.monotonic() - started:.1f}s "
            f"with {len(outputs)} output{'s' if len(outputs) != 1 else ''}",
            err=True,
        )
        paths = client.download(outputs, download) if download is not None else None
    if as_json:
        _echo_json(
            {
                "taskId": created.task_id,
                "outputs": [
                    _output_json(o, paths[i] if paths else None) for i, o in enumerate(outputs)
                ],
            }
        )
        return
    for i, out in enumerate(outputs):
        where = str(paths[i]) if paths else out.file_url
        click.echo(f"node {out.node_id or '?'}\t{out.file_type or '?'}\t{where}")


# -- small commands -----------------------------------------------------------------------


@click.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--type",
    "file_type",
    type=click.Choice(["image", "video", "audio", "input"]),
    help="Default: from the file extension.",
)
def upload(path: Path, file_type: str | None) -> None:
    """Upload PATH to RunningHub and print the fileName to use as a field value."""
    from rhconfig.client.files import check_upload

    check_upload(path, file_type)  # refuse locally before reading the key
    with _client() as client:
        click.echo(client.upload(path, file_type))


@click.command()
@click.option("--json", "as_json", is_flag=True)
def account(as_json: bool) -> None:
    """Show the account's coins, money and running tasks (accountStatus)."""
    with _client() as client:
        status = client.account_status()
    if as_json:
        _echo_json(
            {
                "remainCoins": status.remain_coins,
                "currentTaskCounts": status.current_task_counts,
                "remainMoney": status.remain_money,
                "currency": status.currency,
                "apiType": status.api_type,
            }
        )
        return
    click.echo(f"coins:         {status.remain_coins}")
    click.echo(f"money:         {status.remain_money} {status.currency or ''}".rstrip())
    click.echo(f"running tasks: {status.current_task_counts}")
    click.echo(f"api type:      {status.api_type}")


@click.command()
@click.argument("task_id")
def cancel(task_id: str) -> None:
    """Cancel a task."""
    with _client() as client:
        client.cancel(task_id)
    click.echo(f"cancelled task {task_id}")


# -- fake server --------------------------------------------------------------------------


def describe_fake(url: str, ids: list[str], api_keys: tuple[str, ...]) -> list[str]:
    keys = (
        f"{len(api_keys)} configured key{'s' if len(api_keys) != 1 else ''}"
        if api_keys
        else "any 32-character key"
    )
    lines = [f"fake RunningHub at {url} (accepting {keys})"]
    lines.append(f"serving {len(ids)} workflow{'s' if len(ids) != 1 else ''}: " + " ".join(ids))
    lines.append(f"try: RUNNINGHUB_BASE_URL={url} rhconfig run WORKFLOW_ID --set NAME=VALUE")
    return lines


@click.command("fake-server")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="0 picks a free port.",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--workflows-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Serve every ID.api.json graph in this folder.",
)
@click.option(
    "--api-key",
    "api_keys",
    multiple=True,
    help="Accept only these keys (default: any 32-character key).",
)
@click.option("--latency", type=click.FloatRange(min=0), default=0.0, help="Seconds per request.")
@click.option("--queue-seconds", type=click.FloatRange(min=0), default=1.0, show_default=True)
@click.option("--run-seconds", type=click.FloatRange(min=0), default=3.0, show_default=True)
@click.option("--concurrency", type=click.IntRange(min=1), help="Tasks per key before 421.")
def fake_server(
    port: int,
    host: str,
    workflows_dir: Path | None,
    api_keys: tuple[str, ...],
    latency: float,
    queue_seconds: float,
    run_seconds: float,
    concurrency: int | None,
) -> None:
    """Serve a local fake RunningHub (same endpoints and codes) until interrupted."""
    from rhconfig.store import workflows_dir as default_dir
    from rhconfig.testing import FakeRunningHub

    folder = default_dir(workflows_dir)
    fake = FakeRunningHub(
        workflows_dir=folder,
        api_keys=api_keys or None,
        host=host,
        port=port,
        latency=latency,
        queue_seconds=queue_seconds,
        run_seconds=run_seconds,
        concurrency=concurrency,
    )
    try:
        fake.start()
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        for line in describe_fake(fake.base_url, fake.workflow_ids(), api_keys):
            click.echo(line)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        fake.stop()
