"""``rhconfig batch run`` and ``rhconfig batch status``: thin over :mod:`rhconfig.batch`."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rhconfig.cli.options import api_option, workflows_dir_option

if TYPE_CHECKING:
    from rhconfig.batch import BatchResult, Ledger
    from rhconfig.client import RunningHub
    from rhconfig.profile import Profile

SHOWN_STATES = ("succeeded", "failed", "uncertain", "pending")
RUNNING_STATES = ("uploading", "sending", "created")
POLL_FACTOR = 1.25


@click.group()
def batch() -> None:
    """Run a JOBS.jsonl file of many tasks with a ledger that survives a crash."""


def _client(api: str | None) -> RunningHub:
    from rhconfig.client import RunningHub

    return RunningHub(api=api)


def _target_kind(profile: Profile) -> str:
    """``app`` for an AI-app profile (run with run_ai_app), else ``workflow``."""
    return "app" if profile.is_app else "workflow"


def summary(ledger: Ledger) -> dict[str, Any]:
    """``{"total", "succeeded", "failed", "uncertain", "pending", "running", "active",
    "target", "lines"}``."""
    rows = ledger.rows()
    counts = ledger.counts()
    out: dict[str, Any] = {"total": len(rows)}
    out.update({s: counts[s] for s in SHOWN_STATES})
    out["running"] = sum(counts[s] for s in RUNNING_STATES)
    out["active"] = ledger.in_use()  # a 'batch run' holds the ledger now
    out["target"] = {"kind": ledger.meta.get("target_kind"), "id": ledger.meta.get("target_id")}
    out["lines"] = [r.as_json() for r in rows]
    return out


def summary_lines(data: dict[str, Any]) -> list[str]:
    target = data["target"]
    head = (
        f"{target['kind']} {target['id']}: {data['total']} lines: {data['succeeded']} succeeded, "
        f"{data['failed']} failed, {data['uncertain']} uncertain, {data['pending']} pending"
    )
    if data["running"] and data.get("active", True):
        head += f", {data['running']} running"
    elif data["running"]:
        head += f", {data['running']} in flight when the last run stopped (rerun to resume)"
    lines = [head]
    for row in data["lines"]:
        task = f" (task {row['taskId']})" if row["taskId"] else ""
        if row["state"] in ("failed", "uncertain"):
            lines.append(f"line {row['line']} {row['state']}{task}: {row['error'] or '?'}")
        elif row["state"] == "sending" and not data.get("active", True):
            lines.append(
                f"line {row['line']} sending: the run stopped while its create was on the "
                "wire: a task may exist; the next run marks it uncertain"
            )
    return lines


class ProgressLine:
    """One line on stderr, rewritten in place: done, running, failed, uncertain."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.shown = False

    def __call__(self, counts: dict[str, int]) -> None:
        running = sum(counts[s] for s in RUNNING_STATES)
        text = (
            f"\r{counts['succeeded']}/{self.total} done, {running} running, "
            f"{counts['failed']} failed, {counts['uncertain']} uncertain "
        )
        sys.stderr.write(text)
        sys.stderr.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


@batch.command("run")
@click.argument("target_id", metavar="ID")
@click.argument("jobs_file", metavar="JOBS.jsonl", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--ledger",
    "ledger_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The ledger file (default: JOBS.jsonl.ledger.sqlite beside JOBS).",
)
@click.option(
    "--jobs",
    "jobs",
    type=click.IntRange(min=1),
    help="Tasks at once: the key's concurrency limit (default 2).",
)
@click.option(
    "--download",
    type=click.Path(path_type=Path, file_okay=False),
    help="Save outputs here as line-0007_<node>_<n>.<ext>.",
)
@api_option()
@click.option(
    "--retry-uncertain",
    is_flag=True,
    help="Send again the lines whose create may have reached RunningHub (may pay twice).",
)
@click.option(
    "--poll",
    type=click.FloatRange(min=0.001),
    default=2.0,
    show_default=True,
    help="Seconds before a task's first status check (grows x1.25 up to 15 s).",
)
@workflows_dir_option()
@click.option("--json", "as_json", is_flag=True, help="Print the ledger's summary as JSON.")
def run_cmd(
    target_id: str,
    jobs_file: Path,
    ledger_path: Path | None,
    jobs: int | None,
    download: Path | None,
    api: str | None,
    retry_uncertain: bool,
    poll: float,
    workflows_dir: Path | None,
    as_json: bool,
) -> None:
    """Run every line of JOBS.jsonl on workflow or app ID, resuming what an earlier run left.

    Each line is an object of named values (as 'run --set' takes them; "@path" for a local
    file) or {"nodeInfoList": [...]}. Every line is checked before anything is sent. Rerun the
    same command to resume: succeeded lines are skipped, created ones polled, pending ones sent.
    """
    from rhconfig.batch import BatchOptions, JobsError, Ledger, default_ledger_path, read_jobs
    from rhconfig.batch.runner import Target, run_batch
    from rhconfig.client import PollPolicy
    from rhconfig.ids import any_id
    from rhconfig.store import load_profile

    target_id = any_id(target_id)  # an id, or an app or workflow page URL
    profile = load_profile(target_id, workflows_dir)
    try:
        job_list = read_jobs(jobs_file, profile)
    except JobsError as exc:
        for line in exc.report():
            click.echo(line, err=True)
        raise
    for job in job_list:
        for note in job.warnings:
            click.echo(f"{jobs_file}:{job.line}: warning {note}", err=True)
    target = Target(_target_kind(profile), target_id)
    path = ledger_path or default_ledger_path(jobs_file)
    options = BatchOptions(
        jobs=jobs,
        download=download,
        retry_uncertain=retry_uncertain,
        # a gentler backoff than run's x1.5: a finished task is seen within 25% of its time
        poll=PollPolicy(initial=poll, factor=POLL_FACTOR, maximum=max(poll, 15.0)),
    )
    with _client(api) as client, Ledger.create_or_open(path, target.as_meta()) as ledger:
        stop = threading.Event()
        progress = ProgressLine(len(job_list)) if sys.stderr.isatty() else None
        try:
            result = run_batch(
                client, target, job_list, ledger, options, progress=progress, stop=stop
            )
        finally:
            if progress is not None:
                progress.end()
        data = summary(ledger)
    _report(result, data, path, as_json)


def _report(result: BatchResult, data: dict[str, Any], path: Path, as_json: bool) -> None:
    for number, message in result.refused:
        click.echo(f"rhconfig: line {number} {message}", err=True)
    for number, message in result.download_errors:
        click.echo(f"rhconfig: line {number}: download failed: {message}", err=True)
    if result.recovered.get("uncertain"):
        n = result.recovered["uncertain"]
        click.echo(
            f"rhconfig: {n} line{'s' if n != 1 else ''} stopped mid-create: uncertain",
            err=True,
        )
    if as_json:
        data["run"] = {
            "workers": result.workers,
            "sent": result.sent,
            "seconds": round(result.seconds, 3),
            "refused": [{"line": n, "reason": m} for n, m in result.refused],
            "downloadErrors": [{"line": n, "error": m} for n, m in result.download_errors],
            "interrupted": result.interrupted,
            "halted": result.halted,
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for text in summary_lines(data):
            click.echo(text)
    if result.halted:
        click.echo(f"rhconfig: sending stopped: {result.halted}", err=True)
    if result.interrupted:
        click.echo(
            f"rhconfig: interrupted: {path} holds every line's state; "
            "rerun the same command to resume",
            err=True,
        )
        raise SystemExit(130)
    if not result.complete:
        if data["uncertain"]:
            click.echo(
                "rhconfig: uncertain lines may have created (and billed) a task: check "
                "RunningHub's task list, then rerun with --retry-uncertain to send them again",
                err=True,
            )
        raise SystemExit(1)


@batch.command("status")
@click.argument("ledger_path", metavar="LEDGER", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def status_cmd(ledger_path: Path, as_json: bool) -> None:
    """Show a batch ledger: the counts, and each failed or uncertain line with its reason."""
    from rhconfig.batch import Ledger

    with Ledger.open_readonly(ledger_path) as ledger:
        data = summary(ledger)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for line in summary_lines(data):
        click.echo(line)
