"""What modules made by ``rhconfig gen`` call at run time.

A generated module holds its workflow's profile as a literal (``_PROFILE``) and passes it here
with the arguments it was given, keyed by input name. This module turns the literal into a
:class:`~rhconfig.profile.Profile` on first use (cached), checks the arguments' Python types and
then the whole nodeInfoList with :func:`rhconfig.check.validate` (one :class:`ArgumentsError`
lists every problem), uploads ``Path`` arguments and runs the task.

Importing it is cheap: the profile, check and client machinery load on first use.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rhconfig import nodeinfo
from rhconfig.errors import RhconfigError
from rhconfig.media import MEDIA_KINDS
from rhconfig.nodeinfo import NodeInfo

if TYPE_CHECKING:
    from rhconfig.check import Finding
    from rhconfig.client import Output, PollPolicy, RunningHub, TaskCreated
    from rhconfig.nodeinfo import NodeInfo as _Entry
    from rhconfig.profile import Profile, ProfileInput

__all__ = [
    "DEFAULT_JOBS",
    "ArgumentWarning",
    "ArgumentsError",
    "NodeInfo",
    "RunManyError",
    "StaleModuleWarning",
    "Workflow",
    "build_node_info",
    "run",
    "run_many",
    "split_calls",
    "submit",
]

# run_many's bound on simultaneous tasks when the caller gives none. RunningHub does not say
# how many tasks a key may run at once; create retries 421 (queue full) anyway.
DEFAULT_JOBS = 2


class ArgumentsError(RhconfigError, ValueError):
    """Arguments of a generated wrapper that RunningHub would refuse; ``findings`` lists all."""

    def __init__(self, workflow_id: str, findings: Sequence[Finding]) -> None:
        self.workflow_id = workflow_id
        self.findings = list(findings)
        errors = [f for f in self.findings if f.is_error]
        count = f"{len(errors)} invalid argument" + ("s" if len(errors) != 1 else "")
        parts = [f.message + (f" (hint: {f.hint})" if f.hint else "") for f in errors]
        super().__init__(f"workflow {workflow_id}: {count}: " + "; ".join(parts))


class RunManyError(RhconfigError):
    """Some calls of ``run_many`` failed. ``results[i]`` holds call i's outputs (None if it
    failed) and ``errors`` maps each failed call's index to its exception."""

    def __init__(
        self, results: list[list[Output] | None], errors: dict[int, BaseException]
    ) -> None:
        self.results = results
        self.errors = errors
        first = min(errors)
        super().__init__(
            f"{len(errors)} of {len(results)} runs failed; first, call {first}: {errors[first]}"
        )


class ArgumentWarning(UserWarning):
    """A check warning about an argument: it will run, but maybe not as meant."""


class StaleModuleWarning(UserWarning):
    """The workflow's stored profile changed since the module was generated."""


@dataclass(frozen=True)
class Workflow:
    """What a generated module knows of its workflow: id, profile literal and its hash."""

    workflow_id: str
    profile_sha256: str
    profile_data: Mapping[str, Any]
    module_file: str | None = None

    @property
    def profile(self) -> Profile:
        return _profile(self.profile_data)


# -- the profile, lazily -----------------------------------------------------------------------

_PROFILES: dict[int, tuple[Mapping[str, Any], Profile]] = {}
_LOCK = threading.Lock()


def _profile(data: Mapping[str, Any]) -> Profile:
    """The Profile of a module's literal; built once per literal object."""
    hit = _PROFILES.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    from rhconfig.profile_io import profile_from_dict

    profile = profile_from_dict(dict(data), "generated module's profile")
    with _LOCK:
        _PROFILES[id(data)] = (data, profile)
    return profile


# -- checking arguments ------------------------------------------------------------------------

_EXPECTED: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "text": ("a str", lambda v: isinstance(v, str)),
    "string": ("a str", lambda v: isinstance(v, str)),
    "model": ("a str", lambda v: isinstance(v, str)),
    "seed": ("an int", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "integer": ("an int", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "number": ("a float", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)),
    "boolean": ("a bool", lambda v: isinstance(v, bool)),
    "json": ("a dict or a list", lambda v: isinstance(v, (dict, list))),
}


def _type_finding(inp: ProfileInput, value: Any, allow_paths: bool) -> Finding | None:
    from rhconfig.check import ERROR, Finding
    from rhconfig.check.findings import TYPE_MISMATCH, show

    if inp.kind in MEDIA_KINDS:
        if isinstance(value, str):
            return _local_file_finding(inp, value, allow_paths)
        if isinstance(value, os.PathLike):
            if allow_paths:
                return None
            return Finding(
                ERROR, TYPE_MISMATCH, inp.node_id, inp.field,
                f"argument '{inp.name}': a Path cannot go in a nodeInfoList",
                "use run() (it uploads the file) or pass client.upload(path)",
            )
        what = "a str or a Path" if allow_paths else "a str (an upload result or a URL)"
    elif inp.kind in _EXPECTED:
        what, accepts = _EXPECTED[inp.kind]
        if accepts(value):
            return None
    else:  # choice: the check knows the choices and says what is wrong
        return None
    return Finding(
        ERROR, TYPE_MISMATCH, inp.node_id, inp.field,
        f"argument '{inp.name}' must be {what}, not {type(value).__name__} {show(value)}",
    )


def _local_file_finding(inp: ProfileInput, value: str, allow_paths: bool) -> Finding | None:
    """A ``str`` naming a file on this machine: RunningHub would look for it in its own input
    folder. A ``Path`` is the wrapper's way to say "upload this"."""
    from rhconfig.check import ERROR, Finding
    from rhconfig.check.findings import INVALID_MEDIA_VALUE
    from rhconfig.check.media import exists_locally, is_remote

    if is_remote(value) or value == inp.default:
        return None
    if not exists_locally(value):
        return None
    how = (f"pass Path({value!r:.60}) to upload it" if allow_paths
           else f"upload it first and pass the name: client.upload(Path({value!r:.60}))")
    return Finding(
        ERROR, INVALID_MEDIA_VALUE, inp.node_id, inp.field,
        f"argument '{inp.name}': the str {value!r:.60} names a file on this machine, which "
        "RunningHub cannot read",
        how,
    )


def _collect(
    workflow: Workflow,
    values: Mapping[str, Any],
    extra: Iterable[tuple[str, Any]],
    allow_paths: bool,
) -> tuple[dict[str, Any], list[Finding]]:
    """Arguments that are set, by input name, and the findings about their Python types."""
    from rhconfig.check import ERROR, Finding
    from rhconfig.check.findings import UNKNOWN_FIELD
    from rhconfig.check.hints import closest

    profile = workflow.profile
    by_name = profile.by_name
    chosen: dict[str, Any] = {}
    findings: list[Finding] = []
    for name, value in values.items():
        if value is not None:
            chosen[name] = value
    for pair in extra:
        if not isinstance(pair, tuple) or len(pair) != 2 or not isinstance(pair[0], str):
            findings.append(Finding(
                ERROR, UNKNOWN_FIELD, None, None,
                f"extra takes (name, value) pairs, not {type(pair).__name__}",
            ))
            continue
        name, value = pair
        inp = by_name.get(name)
        if inp is None:
            near = closest(name, tuple(by_name), n=1, cutoff=0.6)
            findings.append(Finding(
                ERROR, UNKNOWN_FIELD, None, None,
                f"extra: workflow {workflow.workflow_id} has no input named {name!r:.60}",
                f"did you mean '{near[0]}'?" if near else "",
            ))
        elif inp.expose:
            findings.append(Finding(
                ERROR, UNKNOWN_FIELD, inp.node_id, inp.field,
                f"extra: '{name}' is an argument of its own",
                f"pass {name}=... instead",
            ))
        elif value is not None:
            chosen[name] = value
    for name, value in chosen.items():
        issue = _type_finding(nodeinfo.target(profile, name), value, allow_paths)
        if issue is not None:
            findings.append(issue)
    return chosen, findings


def _checked(
    workflow: Workflow,
    chosen: Mapping[str, Any],
    type_findings: list[Finding],
    warn: bool = True,
) -> list[NodeInfo]:
    """The nodeInfoList of ``chosen``; raises ArgumentsError listing every error (pure)."""
    from rhconfig.check import ERROR, validate

    profile = workflow.profile
    bad = {(f.node_id, f.field) for f in type_findings}
    entries = nodeinfo.build_node_info(profile, chosen)
    findings = list(type_findings)
    checked = [e for e in entries if (e["nodeId"], e["fieldName"]) not in bad]
    findings += validate(profile, checked, probe_paths=False)
    if any(f.severity == ERROR for f in findings):
        raise ArgumentsError(workflow.workflow_id, findings)
    for f in findings if warn else ():
        if f.code != "unchanged_default":
            warnings.warn(f"workflow {workflow.workflow_id}: {f.message}", ArgumentWarning,
                          stacklevel=4)
    return entries


def build_node_info(
    workflow: Workflow, values: Mapping[str, Any], extra: Iterable[tuple[str, Any]] = ()
) -> list[NodeInfo]:
    """``{input name: value or None}`` plus ``extra`` pairs to a checked nodeInfoList. Pure."""
    chosen, findings = _collect(workflow, values, extra, allow_paths=False)
    return _checked(workflow, chosen, findings)


def split_calls(
    workflow: Workflow, calls: Iterable[Mapping[str, Any]], params: Mapping[str, str]
) -> list[tuple[dict[str, Any], Iterable[tuple[str, Any]]]]:
    """``run_many``'s calls (dicts keyed by parameter name) as ``(values by input name, extra)``.

    A key that is no parameter raises :class:`ArgumentsError` naming the call.
    """
    from rhconfig.check import ERROR, Finding
    from rhconfig.check.findings import UNKNOWN_FIELD
    from rhconfig.check.hints import closest

    out: list[tuple[dict[str, Any], Iterable[tuple[str, Any]]]] = []
    for index, call in enumerate(calls):
        values: dict[str, Any] = {}
        extra: Iterable[tuple[str, Any]] = ()
        for key, value in call.items():
            if key == "extra":
                extra = value
            elif key in params:
                values[params[key]] = value
            else:
                near = closest(str(key), tuple(params), n=1, cutoff=0.6)
                raise ArgumentsError(workflow.workflow_id, [Finding(
                    ERROR, UNKNOWN_FIELD, None, None,
                    f"call {index}: unexpected argument {key!r:.60}",
                    f"did you mean '{near[0]}'?" if near else "",
                )])
        out.append((values, extra))
    return out


# -- staleness ---------------------------------------------------------------------------------

_STALE_SEEN: set[tuple[str, str, str]] = set()


def regenerate_command(workflow: Workflow) -> str:
    words = ["rhconfig", "gen", workflow.workflow_id]
    if workflow.module_file:
        words += ["-o", workflow.module_file]
    return shlex.join(words)


def check_stale(workflow: Workflow) -> bool:
    """Warn (once per process and module) when the stored profile differs from the module's.

    The stored profile is ``WorkflowStore().profile_path(id)`` (``$RHCONFIG_WORKFLOWS_DIR`` or
    ``./workflows``); none there means nothing to compare. Returns True when stale.
    """
    from rhconfig.store import WorkflowStore

    path = WorkflowStore().profile_path(workflow.workflow_id)
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    if hashlib.sha256(raw).hexdigest() == workflow.profile_sha256:
        return False
    # The file may be the same profile written by hand: compare its canonical form too.
    try:
        from rhconfig.profile_io import dump_yaml, load_yaml

        canonical = dump_yaml(load_yaml(raw.decode("utf-8"), str(path))).encode("utf-8")
    except (RhconfigError, UnicodeDecodeError):
        canonical = raw
    if hashlib.sha256(canonical).hexdigest() == workflow.profile_sha256:
        return False
    key = (workflow.workflow_id, workflow.profile_sha256, str(workflow.module_file))
    if key not in _STALE_SEEN:
        _STALE_SEEN.add(key)
        warnings.warn(
            f"module for workflow {workflow.workflow_id} is stale: the profile {path} changed "
            f"since it was generated; regenerate it with: {regenerate_command(workflow)}",
            StaleModuleWarning,
            stacklevel=4,
        )
    return True


# -- running -----------------------------------------------------------------------------------


def _prepare(
    workflow: Workflow, values: Mapping[str, Any], extra: Iterable[tuple[str, Any]]
) -> tuple[dict[str, Any], list[str]]:
    """Check everything that can be checked without RunningHub: types, local files (their
    existence, size and type, via the client's own upload rules) and the nodeInfoList with each
    Path replaced by a stand-in upload name. Returns the chosen values and the Path arguments."""
    from rhconfig.client.errors import UploadError
    from rhconfig.client.files import check_upload

    chosen, findings = _collect(workflow, values, extra, allow_paths=True)
    stand_in = dict(chosen)
    paths: list[str] = []
    for name, value in chosen.items():
        target = nodeinfo.target(workflow.profile, name)
        if isinstance(value, os.PathLike) and target.kind in MEDIA_KINDS:
            try:
                p, _ = check_upload(value)
            except UploadError as exc:
                from rhconfig.check import ERROR, Finding
                from rhconfig.check.findings import INVALID_MEDIA_VALUE

                inp = target
                findings.append(Finding(
                    ERROR, INVALID_MEDIA_VALUE, inp.node_id, inp.field,
                    f"argument '{name}': {exc.message}",
                ))
                stand_in[name] = None
                continue
            stand_in[name] = f"api/local-file{p.suffix.lower()}"
            paths.append(name)
    stand_in = {k: v for k, v in stand_in.items() if v is not None}
    _checked(workflow, stand_in, findings)
    return chosen, paths


def _upload_and_run(
    client: RunningHub,
    workflow: Workflow,
    chosen: dict[str, Any],
    paths: list[str],
    timeout: float,
    poll: PollPolicy | None,
) -> list[Output]:
    uploaded: dict[Path, str] = {}
    final = dict(chosen)
    for name in paths:
        path = Path(chosen[name])
        key = path.resolve()
        if key not in uploaded:
            uploaded[key] = client.upload(path)
        final[name] = uploaded[key]
    entries = _checked(workflow, final, [], warn=False)
    if not workflow.profile.is_app:
        return client.run(workflow.workflow_id, list(entries), timeout=timeout, poll=poll)
    deadline = time.monotonic() + timeout
    created = submit(client, workflow.profile, entries)
    return client.wait(created, timeout=max(0.0, deadline - time.monotonic()), poll=poll)


def submit(
    client: RunningHub, profile: Profile, node_info: Sequence[_Entry], **options: Any
) -> TaskCreated:
    """Start a task of the profile's target: ``create`` for a workflow, the AI-app run for an
    app (``profile.target == "app"``). ``options`` are the client method's keywords."""
    if profile.is_app:
        return client.run_ai_app(profile.workflow_id, list(node_info), **options)
    return client.create(profile.workflow_id, list(node_info), **options)


def run(
    client: RunningHub,
    workflow: Workflow,
    values: Mapping[str, Any],
    extra: Iterable[tuple[str, Any]] = (),
    *,
    timeout: float = 1800.0,
    poll: PollPolicy | None = None,
) -> list[Output]:
    """Check the arguments (nothing is sent when one is bad), warn if the module is stale,
    upload ``Path`` arguments, run the task and return its outputs."""
    chosen, paths = _prepare(workflow, values, extra)
    check_stale(workflow)
    return _upload_and_run(client, workflow, chosen, paths, timeout, poll)


def run_many(
    client: RunningHub,
    workflow: Workflow,
    calls: Iterable[Mapping[str, Any]],
    params: Mapping[str, str],
    *,
    jobs: int | None = None,
    timeout: float = 1800.0,
    poll: PollPolicy | None = None,
) -> list[list[Output]]:
    """Run several calls on threads, outputs in call order.

    Each call is a dict keyed by parameter name (``params`` maps them to input names), plus
    ``extra`` pairs.

    Every call is checked first: one bad call raises :class:`ArgumentsError` (naming the call)
    before anything is sent. At most ``jobs`` (default :data:`DEFAULT_JOBS`) tasks run at
    once, fewer when the account already has tasks running (``account_status``); a create that
    still meets a full queue (421) is retried by the client. When calls fail, the others still
    finish and :class:`RunManyError` carries every result and error.
    """
    if jobs is not None and jobs < 1:
        raise ValueError("jobs must be at least 1")
    prepared: list[tuple[dict[str, Any], list[str]]] = []
    for index, (values, extra) in enumerate(split_calls(workflow, calls, params)):
        try:
            prepared.append(_prepare(workflow, values, extra))
        except ArgumentsError as exc:
            exc.args = (f"call {index}: {exc.args[0]}",)
            raise
    if not prepared:
        return []
    check_stale(workflow)
    limit = jobs or DEFAULT_JOBS
    try:
        busy = client.account_status().current_task_counts
    except RhconfigError:
        busy = 0
    workers = max(1, min(len(prepared), limit - max(0, busy)))
    results: list[list[Output] | None] = [None] * len(prepared)
    errors: dict[int, BaseException] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rhconfig-run") as pool:
        futures = [
            pool.submit(_upload_and_run, client, workflow, chosen, paths, timeout, poll)
            for chosen, paths in prepared
        ]
        for index, future in enumerate(futures):
            try:
                results[index] = future.result()
            except Exception as exc:  # noqa: BLE001 - collected and re-raised below
                errors[index] = exc
    if errors:
        raise RunManyError(results, errors)
    return [r for r in results if r is not None]
