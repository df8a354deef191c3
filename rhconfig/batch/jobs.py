"""Reading JOBS.jsonl: one job per line, every line checked before anything is sent.

A line is an object of named values (``{"positive_prompt": "a red coat", "seed": 7}``, the names
of the profile and its ties, as ``rhconfig run --set`` and generated wrappers use them) or
``{"nodeInfoList": [...]}``. A string value ``"@path"`` names a local file with the rules of
:mod:`rhconfig.atfile` (a media input uploads it, a text input takes its text, ``"@@..."`` is a
literal ``@...``); relative paths are read from the JOBS file's folder. Blank lines are skipped;
line numbers are the file's.

Each job carries the nodeInfoList it will send, with every upload standing in as the name
RunningHub will give it (``api/<sha256>.<ext>``), and a hash of that list: the ledger uses it to
refuse a line that changed after it was sent.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rhconfig.atfile import PendingUpload, is_file_ref, unescape
from rhconfig.errors import RhconfigError, UsageError

if TYPE_CHECKING:
    from rhconfig.profile import Profile, ProfileInput

MAX_SHOWN = 50  # problems printed in full; the rest are counted


class JobsError(RhconfigError):
    """Some lines of JOBS are wrong. ``problems`` lists ``(line, message)`` for every one;
    ``str()`` is the one-line summary."""

    def __init__(self, source: str, problems: list[tuple[int, str]]) -> None:
        self.source = source
        self.problems = problems
        lines = len({line for line, _ in problems})
        super().__init__(
            f"{len(problems)} error{'s' if len(problems) != 1 else ''} in "
            f"{lines} line{'s' if lines != 1 else ''} of {source}: nothing was sent"
        )

    def report(self) -> list[str]:
        shown = [f"{self.source}:{line}: {message}" for line, message in self.problems[:MAX_SHOWN]]
        if len(self.problems) > MAX_SHOWN:
            shown.append(f"... and {len(self.problems) - MAX_SHOWN} more")
        return shown


@dataclass(frozen=True)
class Job:
    line: int  # 1-based line number in JOBS
    node_info: list[dict[str, Any]]  # uploads stand in as their expected names
    uploads: tuple[PendingUpload, ...] = ()
    digest: str = field(default="")
    warnings: tuple[str, ...] = ()


def inputs_digest(node_info: list[dict[str, Any]]) -> str:
    """The hash of what a line sends (canonical JSON of its nodeInfoList)."""
    text = json.dumps(node_info, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_jobs(path: Path, profile: Profile) -> list[Job]:
    """Every job of the JOBS file at ``path``; raises :class:`JobsError` listing every problem
    of every line (so nothing is sent), or ``UsageError`` when the file cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text ({exc.reason})") from None
    jobs: list[Job] = []
    problems: list[tuple[int, str]] = []
    base = path.parent
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            job, issues = _read_line(number, line, profile, base)
        except UsageError as exc:
            problems.append((number, str(exc)))
            continue
        problems.extend((number, issue) for issue in issues)
        if job is not None:
            jobs.append(job)
    if problems:
        raise JobsError(str(path), problems)
    if not jobs:
        raise UsageError(f"{path} holds no jobs (one JSON object per line)")
    return jobs


def _read_line(
    number: int, line: str, profile: Profile, base: Path
) -> tuple[Job | None, list[str]]:
    from rhconfig.check import ERROR, validate
    from rhconfig.jsontext import loads

    document = loads(line, "the line", UsageError)
    if not isinstance(document, dict):
        raise UsageError(
            f"a line must be a JSON object of named values or {{\"nodeInfoList\": [...]}}, "
            f"not {type(document).__name__}"
        )
    issues: list[str] = []
    uploads: list[PendingUpload] = []
    if "nodeInfoList" in document:
        if len(document) != 1:
            raise UsageError("a line with 'nodeInfoList' may hold nothing else")
        entries = document["nodeInfoList"]
        if not isinstance(entries, list):
            raise UsageError("'nodeInfoList' must be a JSON array")
        node_info = [
            _entry_files(profile, e, base, uploads, issues) if isinstance(e, dict) else e
            for e in entries
        ]
    else:
        node_info = _named(profile, document, base, uploads, issues)
    if issues:
        return None, issues
    findings = validate(profile, node_info, probe_paths=False)
    for f in findings:
        if f.severity == ERROR:
            hint = f" (hint: {f.hint})" if f.hint else ""
            issues.append(f"{f.code}: {f.message}{hint}")
    if issues:
        return None, issues
    notes = tuple(
        f"{f.code}: {f.message}" for f in findings if f.code != "unchanged_default"
    )
    return Job(number, node_info, tuple(uploads), inputs_digest(node_info), notes), []


def _named(
    profile: Profile,
    values: Mapping[str, Any],
    base: Path,
    uploads: list[PendingUpload],
    issues: list[str],
) -> list[dict[str, Any]]:
    from rhconfig.nodeinfo import build_node_info, target

    resolved: dict[str, Any] = {}
    for name, value in values.items():
        try:
            inp = target(profile, name)  # an input's or a tie's name; the error suggests
        except UsageError as exc:
            issues.append(str(exc))
            continue
        resolved[name] = _file_value(inp, name, value, base, uploads, issues)
    if issues:
        return []
    return [dict(e) for e in build_node_info(profile, resolved)]


def _entry_files(
    profile: Profile,
    entry: dict[str, Any],
    base: Path,
    uploads: list[PendingUpload],
    issues: list[str],
) -> dict[str, Any]:
    inp = profile.by_key.get((str(entry.get("nodeId")), str(entry.get("fieldName"))))
    if inp is None or "fieldValue" not in entry:
        return entry  # the check explains what is wrong with it
    value = _file_value(inp, inp.name, entry["fieldValue"], base, uploads, issues)
    return {**entry, "fieldValue": value}


def _file_value(
    inp: ProfileInput,
    name: str,
    value: Any,
    base: Path,
    uploads: list[PendingUpload],
    issues: list[str],
) -> Any:
    from rhconfig.atfile import file_value

    if not is_file_ref(value):
        return unescape(value)
    try:
        resolved, pending = file_value(inp, name, value, base)
    except RhconfigError as exc:
        issues.append(getattr(exc, "message", None) or str(exc))
        return value
    if pending is not None:
        uploads.append(pending)
    return resolved
