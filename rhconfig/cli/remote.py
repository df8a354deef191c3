"""Commands that talk to RunningHub: ``run``, ``upload``, ``account``, ``cancel``, ``webhook``,
and ``fake-server`` (a local stand-in for trying them). ``run``, ``upload`` (and ``scan``) take
``--api v1|v2`` (default: ``RUNNINGHUB_API``, else v2).

The key comes from ``RUNNINGHUB_API_KEY`` only (never a command-line option: argv is visible to
other users of the machine) and is never printed. Errors are ``RhconfigError``s, which the group
prints as one line: exit 2, except a task that ran and failed (``TaskFailedError``,
``PromptTipsError``): exit 1.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rhconfig.cli.options import api_option, workflows_dir_option
from rhconfig.errors import UsageError
from rhconfig.media import UPLOAD_TYPES

if TYPE_CHECKING:
    from rhconfig.atfile import PendingUpload
    from rhconfig.client import Output, RunningHub
    from rhconfig.profile import Profile
    from rhconfig.testing import RecordedRequest

def _client(api: str | None = None) -> RunningHub:
    from rhconfig.client import RunningHub

    return RunningHub(api=api)


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
    if out.text is not None:
        item["text"] = out.text
    if path is not None:
        item["path"] = str(path)
    return item


# -- run ----------------------------------------------------------------------------------


def _resolve(profile: Profile, name: str) -> str:
    """A --set target (an input or tie name, or NODE:FIELD) as a profile name."""
    from rhconfig.nodeinfo import target

    if ":" in name:
        node_id, _, field = name.partition(":")
        inp = profile.by_key.get((node_id, field))
        if inp is None:
            node = profile.nodes.get(node_id)
            if node is None:
                raise UsageError(f"workflow {profile.workflow_id} has no node {node_id!r:.40}")
            if field in node.links:
                raise UsageError(
                    f"node {node_id} field {field!r:.40} is linked to node "
                    f"{node.links[field][0]}: it has no value to set"
                )
            from rhconfig.check.hints import closest

            fields = tuple(i.field for i in profile.inputs if i.node_id == node_id)
            near = closest(field, fields, n=3, cutoff=0.6)
            tip = f": did you mean {' or '.join(repr(f) for f in near)}?" if near else ""
            raise UsageError(f"node {node_id} has no field {field!r:.40}{tip}")
        name = inp.name
    target(profile, name)  # raises for unknown names and tied members
    return name


def parse_assignments(
    profile: Profile, assignments: tuple[str, ...]
) -> tuple[dict[str, Any], list[PendingUpload]]:
    """``NAME=VALUE`` or ``NODE:FIELD=VALUE``; ``NAME=@FILE`` uploads FILE for a media input
    and reads FILE's UTF-8 text for a text or string input (``@@`` escapes a literal ``@``).

    Files are checked locally (exists, size, type) and stand in as the name RunningHub will
    give them, so the whole list is validated before anything is sent. Every problem is
    reported at once: a :class:`SetProblems` lists them all.
    """
    from rhconfig.atfile import file_value, is_file_ref, unescape
    from rhconfig.errors import RhconfigError
    from rhconfig.nodeinfo import parse_cli_value, target

    values: dict[str, Any] = {}
    uploads: list[PendingUpload] = []
    problems: list[str] = []
    for item in assignments:
        raw_name, eq, text = item.partition("=")
        raw_name = raw_name.strip()
        try:
            if not eq or not raw_name:
                raise UsageError(f"--set wants NAME=VALUE, got {item[:60]!r}")
            name = _resolve(profile, raw_name)
            if name in values:
                raise UsageError(f"--set {name} given twice")
            inp = target(profile, name)
            if is_file_ref(text):
                values[name], pending = file_value(inp, name, text)
                if pending is not None:
                    uploads.append(pending)
            else:
                values[name] = parse_cli_value(inp, unescape(text))
        except RhconfigError as exc:
            problems.append(str(exc))
    if problems:
        raise SetProblems(profile.workflow_id, problems)
    return values, uploads


class SetProblems(UsageError):
    """Every bad ``--set``: one line each (``lines``), summed up in the message."""

    def __init__(self, workflow_id: str, lines: list[str]) -> None:
        self.lines = lines
        if len(lines) == 1:
            super().__init__(f"--set: {lines[0]}")
        else:
            super().__init__(
                f"{len(lines)} problems in --set for workflow {workflow_id}: nothing was sent"
            )


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


def merge_entries(
    base: Sequence[Any], node_info: Sequence[Mapping[str, Any]]
) -> list[Any]:
    """``--node-info`` entries, with those ``--set`` also gives replaced by the ``--set`` ones."""
    given = {(e["nodeId"], e["fieldName"]) for e in node_info}
    kept = [
        e for e in base
        if not (isinstance(e, Mapping) and (str(e.get("nodeId")), e.get("fieldName")) in given)
    ]
    return kept + list(node_info)


def create_payload(
    workflow_id: str, node_info: Sequence[Any], instance_type: str | None
) -> dict[str, Any]:
    """The create body ``run`` sends, without the key (what ``--dry-run`` prints)."""
    body: dict[str, Any] = {"workflowId": workflow_id, "nodeInfoList": list(node_info)}
    if instance_type is not None:
        body["instanceType"] = instance_type
    return body


@click.command()
@click.argument("workflow_id")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="An input by its profile name (or a tie's name, or NODE:FIELD). NAME=@FILE uploads "
    "FILE for an image/video/audio/file input, reads FILE's UTF-8 text for a text/string "
    "input, and is refused for other kinds; @@ starts a literal @.",
)
@click.option(
    "--node-info",
    "node_info_file",
    metavar="FILE",
    help="Start from this nodeInfoList (a JSON list or a create payload, as 'rhconfig check' "
    "takes; - for stdin); --set values replace or add entries.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Check the values and print the create payload that would be sent (no key); send "
    "nothing, upload nothing.",
)
@click.option(
    "--download",
    type=click.Path(path_type=Path, file_okay=False),
    help="Save the output files in this folder.",
)
@workflows_dir_option()
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
@click.option(
    "--instance-type",
    type=click.Choice(["default", "plus"]),
    help="RunningHub machine: default (24 GB) or plus (48 GB). Default: RunningHub's choice.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the outputs as JSON.")
@api_option()
def run(
    workflow_id: str,
    assignments: tuple[str, ...],
    node_info_file: str | None,
    dry_run: bool,
    download: Path | None,
    workflows_dir: Path | None,
    timeout: float,
    poll: float,
    instance_type: str | None,
    as_json: bool,
    api: str | None,
) -> None:
    """Run WORKFLOW_ID (or an AI app) on RunningHub with inputs named as in its profile, then
    print the outputs.

    Every value is checked against the profile before anything is sent (the same check as
    'rhconfig check'). @FILE: media inputs (image, video, audio, file) upload FILE and send
    the fileName RunningHub gives it; text and string inputs get FILE's text (UTF-8); other
    kinds refuse @FILE. An AI app's profile (rhconfig scan --app) runs through the AI-app
    endpoint.
    """
    from rhconfig.cli.check_cmd import read_node_info
    from rhconfig.client import PollPolicy
    from rhconfig.ids import any_id
    from rhconfig.nodeinfo import build_node_info
    from rhconfig.runtime import submit
    from rhconfig.store import load_profile

    workflow_id = any_id(workflow_id)
    profile = load_profile(workflow_id, workflows_dir)
    base = read_node_info(node_info_file, workflow_id) if node_info_file is not None else []
    if not isinstance(base, list):
        raise UsageError(f"{node_info_file}: the nodeInfoList must be a JSON array")
    values, uploads = parse_assignments(profile, assignments)
    node_info = merge_entries(base, build_node_info(profile, values))
    check_values(profile, node_info)
    if dry_run:
        for pending in uploads:
            click.echo(f"would upload {pending.path} as {pending.expected}", err=True)
        _echo_json(create_payload(workflow_id, node_info, instance_type))
        click.echo("dry run: nothing was sent", err=True)
        return

    with _client(api) as client:
        for pending in uploads:
            name = client.upload(pending.path, pending.file_type)
            click.echo(f"uploaded {pending.path.name} as {name}", err=True)
            for entry in node_info:
                if entry["fieldValue"] == pending.expected:
                    entry["fieldValue"] = name
        started = time.monotonic()
        created = submit(client, profile, node_info, instance_type=instance_type)
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
        where = str(paths[i]) if paths else out.file_url or repr(out.text)
        click.echo(f"node {out.node_id or '?'}\t{out.file_type or '?'}\t{where}")


# -- small commands -----------------------------------------------------------------------


@click.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--type",
    "file_type",
    type=click.Choice(UPLOAD_TYPES),
    help="Default: from the file extension.",
)
@click.option(
    "--lora",
    is_flag=True,
    help="PATH is a LoRA: upload it for RHLoraLoader nodes (md5, getLoraUploadUrl, PUT).",
)
@click.option("--name", "lora_name", help="The LoRA's name (default: the file name's stem).")
@api_option()
def upload(
    path: Path, file_type: str | None, lora: bool, lora_name: str | None, api: str | None
) -> None:
    """Upload PATH to RunningHub and print the fileName to use as a field value."""
    from rhconfig.client.files import check_upload

    if lora:
        if file_type is not None:
            raise UsageError("--type does not apply to --lora")
        if not path.is_file():
            raise UsageError(f"no such file: {path}")
        with _client(api) as client:
            click.echo(client.upload_lora(path, lora_name))
        return
    if lora_name is not None:
        raise UsageError("--name applies to --lora only")
    check_upload(path, file_type)  # refuse locally before reading the key
    with _client(api) as client:
        click.echo(client.upload(path, file_type))


@click.command()
@click.argument("task_id")
@click.option("--retry", is_flag=True, help="Deliver the webhook again.")
@click.option("--url", help="With --retry: deliver to this URL instead of the task's own.")
@click.option("--json", "as_json", is_flag=True, help="Print the delivery record as JSON.")
def webhook(task_id: str, retry: bool, url: str | None, as_json: bool) -> None:
    """Show how TASK_ID's webhook was delivered (getWebhookDetail); --retry sends it again."""
    from rhconfig.ids import check_workflow_id

    if url is not None and not retry:
        raise UsageError("--url goes with --retry")
    check_workflow_id(task_id)
    with _client() as client:
        detail = client.webhook_detail(task_id)
        if detail is None:
            raise UsageError(f"task {task_id} has no webhook delivery (yet)")
        if retry:
            client.retry_webhook(detail.id, url)
    if as_json:
        _echo_json(
            {
                "id": detail.id,
                "taskId": detail.task_id,
                "webhookUrl": detail.webhook_url,
                "callbackStatus": detail.callback_status,
                "callbackResponse": detail.callback_response,
                "retryCount": detail.retry_count,
                "createTime": detail.create_time,
                "updateTime": detail.update_time,
                "retried": retry,
            }
        )
    else:
        click.echo(f"webhook:  {detail.id}")
        click.echo(f"url:      {detail.webhook_url}")
        click.echo(f"status:   {detail.callback_status} (retries: {detail.retry_count})")
        click.echo(f"response: {(detail.callback_response or '')[:200]}")
        click.echo(f"updated:  {detail.update_time}")
    if retry:
        click.echo(f"webhook {detail.id} sent again to {url or detail.webhook_url}", err=True)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the account status as JSON.")
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
    """Cancel a task (a task that already finished is left as it is, and says so)."""
    with _client() as client:
        state = client.status(task_id)
        if state in ("SUCCESS", "FAILED"):
            click.echo(f"task {task_id} had already finished ({state}): nothing to cancel")
            return
        client.cancel(task_id)
    click.echo(f"cancelled task {task_id}")


# -- fake server --------------------------------------------------------------------------


def request_line(record: RecordedRequest) -> str:
    """The fake's console line for one request: never the key (records hold none)."""
    parts = [time.strftime("%H:%M:%S"), record.method, record.path]
    if record.fault:
        parts.append(f"fault {record.fault}")
    if record.code is not None:
        from rhconfig.client.errors import code_name

        parts.append(f"code {record.code}" + (f" {code_name(record.code)}" if record.code else ""))
    if record.task_id:
        parts.append(f"task {record.task_id}")
    return " ".join(parts)


def _console_line(record: RecordedRequest) -> None:
    click.echo(request_line(record), err=True)


def try_command(url: str, folder: Path, ids: list[str], api_keys: tuple[str, ...]) -> str:
    """A command that runs against this fake as printed (the key and folder included)."""
    import shlex

    from rhconfig.store import WorkflowStore
    from rhconfig.testing import SAMPLE_KEY

    store = WorkflowStore(folder)
    with_profile = [i for i in ids if store.profile_path(i).is_file()]
    wid = with_profile[0] if with_profile else (ids[0] if ids else "WORKFLOW_ID")
    key = "YOUR_KEY" if api_keys else SAMPLE_KEY  # a configured key is a secret: not printed
    words = ["rhconfig", "run", wid]
    if folder != Path("workflows"):
        words += ["--workflows-dir", str(folder)]
    head = f"RUNNINGHUB_BASE_URL={url} RUNNINGHUB_API_KEY={key}"
    if not with_profile and ids:
        return f"{head} rhconfig scan {wid} && {head} {shlex.join(words)}"
    return f"{head} {shlex.join(words)}"


def describe_fake(
    url: str,
    ids: list[str],
    api_keys: tuple[str, ...],
    folder: Path = Path("workflows"),
    app_ids: list[str] | None = None,
) -> list[str]:
    keys = (
        f"{len(api_keys)} configured key{'s' if len(api_keys) != 1 else ''}"
        if api_keys
        else "any 32-character key"
    )
    lines = [f"fake RunningHub at {url} (accepting {keys})"]
    lines.append(f"serving {len(ids)} workflow{'s' if len(ids) != 1 else ''}: " + " ".join(ids))
    lines.append("try: " + try_command(url, folder, ids, api_keys))
    apps = app_ids or []
    lines.append(f"serving {len(apps)} AI app{'s' if len(apps) != 1 else ''}: " + " ".join(apps))
    return lines


@click.command("fake-server")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="0 picks a free port.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@workflows_dir_option(
    "Serve every ID.api.json graph and ID.app.json AI app in this folder "
    "(default: $RHCONFIG_WORKFLOWS_DIR or ./workflows)."
)
@click.option(
    "--api-key",
    "api_keys",
    multiple=True,
    help="Accept only these keys (default: any 32-character key).",
)
@click.option(
    "--latency", type=click.FloatRange(min=0), default=0.0, help="Extra seconds per request."
)
@click.option(
    "--queue-seconds",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds a task stays QUEUED.",
)
@click.option(
    "--run-seconds",
    type=click.FloatRange(min=0),
    default=3.0,
    show_default=True,
    help="Seconds a task stays RUNNING before it ends.",
)
@click.option("--concurrency", type=click.IntRange(min=1), help="Tasks per key before 421.")
@click.option(
    "--lenient",
    is_flag=True,
    help="Run every task whatever its values (default: validate them as RunningHub does: "
    "promptTips result false for values ComfyUI rejects, a failed task for a media file "
    "that was never uploaded).",
)
@click.option("--quiet", is_flag=True, help="Do not print a line per request.")
@click.option(
    "--log",
    "log_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Append one JSON object per request to this file (method, path, auth, status, code).",
)
def fake_server(
    port: int,
    host: str,
    workflows_dir: Path | None,
    api_keys: tuple[str, ...],
    latency: float,
    queue_seconds: float,
    run_seconds: float,
    concurrency: int | None,
    lenient: bool,
    quiet: bool,
    log_path: Path | None,
) -> None:
    """Serve a local fake RunningHub (v1 and v2: same endpoints and codes) until interrupted.

    Prints one line per request (time, endpoint, code, task; never a key) unless --quiet;
    --log FILE also appends each request to FILE as one JSON object.
    """
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
        lenient=lenient,
        on_request=None if quiet else _console_line,
        log_path=log_path,
    )
    if log_path is not None:
        try:
            log_path.open("a").close()
        except OSError as exc:
            raise UsageError(f"cannot write the log {log_path}: {exc.strerror or exc}") from None
    try:
        fake.start()
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        for line in describe_fake(
            fake.base_url, fake.workflow_ids(), api_keys, folder, fake.app_ids()
        ):
            click.echo(line)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        fake.stop()
