"""``rhconfig scan``: fetch (or read) workflow graphs or AI apps' input lists and write their
profiles."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from rhconfig.cli import fail
from rhconfig.cli.options import api_option, workflows_dir_option

if TYPE_CHECKING:
    from rhconfig.profile import Profile
    from rhconfig.scan import ScanResult


@dataclass
class Outcome:
    workflow_id: str
    lines: list[str]
    status: int  # 0 fine, 1 changed (--check), 2 failed


def _read_ids(
    ids: tuple[str, ...], from_list: Path | None, apps: tuple[str, ...] = ()
) -> list[tuple[str, str | None]]:
    """``(id, target)`` pairs: ``"app"`` for ``--app`` ids and app page URLs, else None (a
    stored profile's target, or a workflow)."""
    from rhconfig.errors import RhconfigError
    from rhconfig.ids import parse_id

    texts: list[tuple[str, str | None]] = [(t, None) for t in ids]
    if from_list is not None:
        try:
            text = from_list.read_text(encoding="utf-8")
        except OSError as exc:
            fail(f"cannot read {from_list}: {exc.strerror or exc}")
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                texts.append((line, None))
    texts += [(t, "app") for t in apps]
    out: dict[str, str | None] = {}
    for text, forced in texts:
        try:
            wid, hinted = parse_id(text)
        except RhconfigError:
            out.setdefault(text, forced)  # reported by scan_one, with the others
            continue
        target = forced or hinted
        if out.get(wid) is None:
            out[wid] = target
    return list(out.items())


def _read_file(from_file: Path) -> Any:
    from rhconfig.graph import loads

    try:
        data = from_file.read_bytes()
    except OSError as exc:
        from rhconfig.errors import UsageError

        raise UsageError(f"cannot read {from_file}: {exc.strerror or exc}") from None
    return loads(data, str(from_file))


def _load_document(
    workflow_id: str, from_file: Path | None, client: Any, catalog: Any, partial: bool
) -> tuple[Any, str, list[str]]:
    """The graph document, its source kind, and notes (a UI-format file is converted first)."""
    from rhconfig.graph import is_ui_document

    if from_file is not None:
        document = _read_file(from_file)
        if is_ui_document(document):
            from rhconfig.cli.convert_cmd import read_ui_conversion

            graph, notes = read_ui_conversion(document, catalog, partial=partial)
            return graph, "ui-file", notes
        return document, "file", []
    return client.get_json_api_format(workflow_id), "api", []


def _load_app(webapp_id: str, from_file: Path | None, client: Any) -> tuple[Any, str]:
    if from_file is not None:
        return _read_file(from_file), "file"
    return client.api_call_demo(webapp_id), "api"


class Staged(NamedTuple):
    """A scanned profile that is still to be written (or compared, with ``--check``)."""

    workflow_id: str
    path: Path  # where its profile goes
    previous: Profile | None  # the stored profile, if any
    result: ScanResult
    notes: list[str]  # from reading the document (a UI-format conversion)


def scan_one(
    workflow_id: str,
    *,
    store: Any,
    catalog: Any,
    from_file: Path | None,
    keep_graph: bool,
    check_only: bool,
    client: Any = None,
    partial: bool = False,
    target: str | None = None,
) -> Outcome:
    """Scan one workflow, or one AI app (``target="app"``; None: the stored profile's target,
    else a workflow), and write its profile (or, with ``check_only``, compare it)."""
    staged = stage_one(workflow_id, store=store, catalog=catalog, from_file=from_file,
                       client=client, partial=partial, target=target)
    if isinstance(staged, Outcome):
        return staged
    return finish_one(staged, store=store, keep_graph=keep_graph, check_only=check_only)


def stage_one(
    workflow_id: str,
    *,
    store: Any,
    catalog: Any,
    from_file: Path | None,
    client: Any = None,
    partial: bool = False,
    target: str | None = None,
) -> Staged | Outcome:
    """Read (or fetch) and scan one id: the network part and the scan, which a batch runs on
    its threads. Writing is :func:`finish_one`'s."""
    from rhconfig.errors import RhconfigError, UsageError
    from rhconfig.ids import check_workflow_id
    from rhconfig.scan import scan_app_document, scan_document

    try:
        check_workflow_id(workflow_id)
        path = store.profile_path(workflow_id)
        previous = store.load_profile(workflow_id) if path.is_file() else None
        if previous is not None and target is not None and previous.target != target:
            raise UsageError(
                f"{path} is the profile of {previous.what}, not of an {target}: move it away "
                "to scan the id as " + ("an AI app" if target == "app" else "a workflow")
            )
        target = target or (previous.target if previous is not None else "workflow")
        notes: list[str] = []
        if target == "app":
            document, source_kind = _load_app(workflow_id, from_file, client)
            result = scan_app_document(
                document, workflow_id, source_kind=source_kind, previous=previous
            )
        else:
            document, source_kind, notes = _load_document(
                workflow_id, from_file, client, catalog, partial
            )
            result = scan_document(
                document, catalog, workflow_id, source_kind=source_kind, previous=previous
            )
    except RhconfigError as exc:
        return Outcome(workflow_id, [f"rhconfig: error: {workflow_id}: {exc}"], 2)
    return Staged(workflow_id, path, previous, result, notes)


def finish_one(staged: Staged, *, store: Any, keep_graph: bool, check_only: bool) -> Outcome:
    """Write a staged profile (atomically, and its graph unless ``keep_graph`` is off), or
    compare it with the stored one (``check_only``); the lines to show for it."""
    from rhconfig.errors import RhconfigError
    from rhconfig.merge import diff_profiles

    workflow_id, path, previous, result, notes = staged
    profile = result.profile
    if check_only:
        if previous is None:
            return Outcome(workflow_id, [f"{workflow_id}: no stored profile at {path}"], 1)
        changes = diff_profiles(previous, profile)
        if not changes:
            source = "the app's inputs" if profile.is_app else "the graph"
            return Outcome(workflow_id, [f"{workflow_id}: profile matches {source}"], 0)
        lines = [f"{workflow_id}: profile is stale ({len(changes)} changes):"]
        lines += [f"  {c}" for c in changes]
        lines += [f"  {note}" for note in result.tie_notes]
        return Outcome(workflow_id, lines, 1)
    try:
        written = store.write_profile(profile)
        if keep_graph and profile.is_app:
            store.write_app(workflow_id, result.graph)
        elif keep_graph:
            store.write_graph(workflow_id, result.graph)
    except RhconfigError as exc:
        return Outcome(workflow_id, [f"rhconfig: error: {workflow_id}: {exc}"], 2)
    except OSError as exc:
        where = exc.filename or store.root
        return Outcome(
            workflow_id,
            [f"rhconfig: error: {workflow_id}: cannot write {where}: {exc.strerror or exc}"],
            2,
        )
    exposed = len(profile.exposed)
    if profile.is_app:
        named = f" '{profile.app_name}'" if profile.app_name else ""
        unverified = sum(1 for i in profile.inputs if not i.known)
        lines = [f"{workflow_id}: wrote {written} (AI app{named}: {len(profile.inputs)} inputs)"]
        if unverified:
            lines.append(
                f"  note: {unverified} inputs have a fieldData rhconfig cannot read: their kind "
                "comes from fieldType alone (known: false)"
            )
        return Outcome(workflow_id, lines, 0)
    unknown = sorted({n.class_type for n in profile.nodes.values() if not n.known})
    lines = [
        f"{workflow_id}: wrote {written} ({len(profile.inputs)} inputs, {exposed} exposed, "
        f"{len(profile.nodes)} nodes)"
    ]
    lines += [f"  note: {note}" for note in notes]
    if unknown:
        shown = ", ".join(unknown[:6]) + (", ..." if len(unknown) > 6 else "")
        lines.append(
            f"  note: {len(unknown)} node classes not in the catalog ({shown}): their inputs are "
            "profiled from their values (known: false); 'rhconfig catalog import' adds knowledge"
        )
    if result.vanished:
        gone = ", ".join(f"{i.name} (node {i.node_id} '{i.field}')" for i in result.vanished)
        lines.append(f"  vanished since the last scan: {gone}")
    lines += [f"  note: {note}" for note in result.tie_notes]
    return Outcome(workflow_id, lines, 0)


def _run_all(
    ids: list[tuple[str, str | None]],
    stage: Callable[[tuple[str, str | None]], Staged | Outcome],
    finish: Callable[[Staged], Outcome],
    jobs: int,
) -> list[Outcome]:
    """One id in this thread; several with their fetches and scans on ``jobs`` threads and the
    writes in this one, as each scan completes (with a progress bar on a terminal). A thread
    never waits on a write, so the fetches keep overlapping while profiles are written."""
    if len(ids) == 1:
        staged = stage(ids[0])
        return [staged if isinstance(staged, Outcome) else finish(staged)]
    outcomes: list[Outcome | None] = [None] * len(ids)
    with ThreadPoolExecutor(max_workers=min(jobs, len(ids))) as pool:
        futures = {pool.submit(stage, job): n for n, job in enumerate(ids)}
        bar = None
        if sys.stderr.isatty():
            bar = click.progressbar(length=len(ids), label="scanning", file=sys.stderr)
        with bar or contextlib.nullcontext():
            for future in as_completed(futures):
                staged = future.result()
                outcomes[futures[future]] = (
                    staged if isinstance(staged, Outcome) else finish(staged))
                if bar is not None:
                    bar.update(1)
    return [o for o in outcomes if o is not None]


@click.command()
@click.argument("workflow_ids", nargs=-1)
@click.option(
    "--app",
    "apps",
    multiple=True,
    metavar="WEBAPP_ID",
    help="Scan an AI app (its apiCallDemo input list); an app page URL also works.",
)
@click.option(
    "--from-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read the graph from a local file instead of RunningHub (one id); a UI-format file "
    "is converted first. With --app: a saved apiCallDemo answer.",
)
@click.option(
    "--partial",
    is_flag=True,
    help="With a UI-format file: convert even if some node classes are not in the catalog.",
)
@click.option(
    "--from-list",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A file of workflow ids, one per line ('#' starts a comment).",
)
@workflows_dir_option()
@click.option(
    "--no-graph",
    is_flag=True,
    help="Do not keep ID.api.json (or an app's ID.app.json) beside the profile.",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 if a stored profile no longer matches its graph.",
)
@click.option(
    "--jobs",
    "-j",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Workflows fetched at once.",
)
@api_option()
def scan(
    workflow_ids: tuple[str, ...],
    apps: tuple[str, ...],
    from_file: Path | None,
    partial: bool,
    from_list: Path | None,
    workflows_dir: Path | None,
    no_graph: bool,
    check_only: bool,
    jobs: int,
    api: str | None,
) -> None:
    """Turn workflows (and AI apps) into YAML profiles of their editable inputs.

    Fetches each workflow's API graph from RunningHub (getJsonApiFormat; key from
    RUNNINGHUB_API_KEY, host from RUNNINGHUB_BASE_URL) or reads it with --from-file, then
    writes WORKFLOWS_DIR/WORKFLOW_ID.yaml (and WORKFLOW_ID.api.json). With --app WEBAPP_ID
    (or an https://www.runninghub.cn/ai-detail/ID URL) it reads the app's apiCallDemo and
    keeps it as WEBAPP_ID.app.json. A rescan keeps your edits to name, description and expose.
    """
    from rhconfig.catalog_files import load_catalog
    from rhconfig.store import WorkflowStore

    ids = _read_ids(workflow_ids, from_list, apps)
    if not ids:
        fail("give at least one WORKFLOW_ID (or --app WEBAPP_ID, or --from-list FILE)")
    if from_file is not None and len(ids) != 1:
        fail("--from-file takes exactly one WORKFLOW_ID (or one --app WEBAPP_ID)")
    store = WorkflowStore(workflows_dir)
    catalog = load_catalog()
    client = None
    if from_file is None:  # one client (one connection pool) for every fetch
        from rhconfig.client import RunningHub

        client = RunningHub(pool_size=max(jobs, 10), api=api)

    def stage(job: tuple[str, str | None]) -> Staged | Outcome:
        wid, target = job
        return stage_one(wid, target=target, store=store, catalog=catalog,
                         from_file=from_file, client=client, partial=partial)

    def finish(staged: Staged) -> Outcome:
        return finish_one(staged, store=store, keep_graph=not no_graph, check_only=check_only)

    try:
        outcomes = _run_all(ids, stage, finish, jobs)
    finally:
        if client is not None:
            client.close()
    for outcome in outcomes:
        for line in outcome.lines:
            click.echo(line, err=outcome.status == 2)
    failed = [o for o in outcomes if o.status == 2]
    if len(ids) > 1:
        click.echo(
            (
                f"{len(ids) - len(failed)} of {len(ids)} workflows checked"
                + (f" ({sum(o.status == 1 for o in outcomes)} stale)" if check_only else "")
                if check_only
                else f"{len(ids) - len(failed)} of {len(ids)} workflows scanned"
            )
            + (f", {len(failed)} failed" if failed else ""),
            err=bool(failed),
        )
    raise SystemExit(max((o.status for o in outcomes), default=0))
