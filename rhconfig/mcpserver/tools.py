"""What ``rhconfig mcp`` serves, without the MCP SDK: tool definitions and their results.

:class:`Toolbox` answers each tool with plain JSON data; :mod:`rhconfig.mcpserver.server`
only carries it over MCP. A value that is wrong is a finding in the result, never an exception:
``check_inputs`` always answers, ``run_workflow`` answers ``sent: false`` with the findings.

Values are named arguments (the names of ``rhconfig schema --form args``, which also gives the
tools' input schemas) or a raw nodeInfoList. A media value that is a path on this machine is
checked like ``rhconfig upload`` checks it (exists, size, type), stands in as the name RunningHub
will give it (``api/<sha256>.<ext>``) while the call is checked, and is uploaded by
``run_workflow`` just before the task is created.

The key is read by the client from ``RUNNINGHUB_API_KEY`` only; :func:`scrub` takes it out of
every result the server returns.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rhconfig.check import ERROR, Finding, has_errors, validate
from rhconfig.check.findings import INVALID_MEDIA_VALUE, MALFORMED_ENTRY, UNKNOWN_FIELD
from rhconfig.check.jsonschema_export import LIMITS
from rhconfig.errors import RhconfigError
from rhconfig.media import MEDIA_KINDS
from rhconfig.profile import Profile
from rhconfig.store import WorkflowStore

if TYPE_CHECKING:
    from rhconfig.atfile import PendingUpload
    from rhconfig.client import Output, RunningHub

DEFAULT_TIMEOUT = 600.0


@dataclass
class Call:
    """A tool's values, read: the nodeInfoList, the local files it names and the findings."""

    entries: list[Any] = field(default_factory=list)
    uploads: list[PendingUpload] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    def report(self) -> dict[str, Any]:
        errors = sum(1 for f in self.findings if f.is_error)
        out: dict[str, Any] = {
            "ok": self.ok,
            "errors": errors,
            "warnings": len(self.findings) - errors,
            "findings": [f.to_json() for f in self.findings],
            "nodeInfoList": self.entries,
        }
        if self.uploads:
            out["uploads"] = [{"path": str(u.path), "as": u.expected} for u in self.uploads]
        return out


def argument_targets(profile: Profile) -> dict[str, str]:
    """``{argument name: profile name}``: the properties of the args schema (gen's names for
    the exposed inputs, tie names for ties), and the input or tie each one sets."""
    from rhconfig.check.args_schema import args_properties

    out: dict[str, str] = {}
    for name, prop in args_properties(profile).items():
        target = prop["x-rhconfig"]
        out[name] = target.get("tie") or target["input"]
    return out


def _finding(code: str, message: str, hint: str = "", inp: Any = None) -> Finding:
    node_id = getattr(inp, "node_id", None)
    field_name = getattr(inp, "field", None)
    return Finding(ERROR, code, node_id, field_name, message, hint)


def _unknown_argument(profile: Profile, targets: Mapping[str, str], name: Any) -> Finding:
    from rhconfig.check.hints import closest

    text = f"workflow {profile.workflow_id} has no argument {str(name)!r:.60}"
    hidden = profile.by_name.get(name) if isinstance(name, str) else None
    if hidden is not None:
        entry = {"nodeId": hidden.node_id, "fieldName": hidden.field, "fieldValue": "..."}
        return _finding(UNKNOWN_FIELD, text + " (the input is not exposed)",
                        f"set it with a raw nodeInfoList entry {json.dumps(entry)}", hidden)
    near = closest(str(name), tuple(targets), n=3, cutoff=0.6)
    hint = ("did you mean " + " or ".join(repr(n) for n in near) + "?") if near else (
        "describe_workflow lists the arguments; a raw nodeInfoList sets any input")
    return _finding(UNKNOWN_FIELD, text, hint)


def _local_path(value: str) -> Path | None:
    """``value`` as a file on this machine, when it names one (or looks like a path)."""
    from rhconfig.check.media import exists_locally, looks_local

    if looks_local(value) or exists_locally(value):
        return Path(os.path.expanduser(value))
    return None


def read_values(profile: Profile, values: Any) -> Call:
    """Named values or a nodeInfoList as a checked :class:`Call` (pure but for reading the
    local files a media value names). Never raises for bad values."""
    from rhconfig.nodeinfo import build_node_info

    call = Call()
    if isinstance(values, Mapping):
        targets = argument_targets(profile)
        chosen: dict[str, Any] = {}
        for name, value in values.items():
            if name in targets:
                chosen[targets[name]] = value
                continue
            call.findings.append(_unknown_argument(profile, targets, name))
        try:
            call.entries = [dict(e) for e in build_node_info(profile, chosen)]
        except RhconfigError as exc:  # pragma: no cover - targets are all known names
            call.findings.append(_finding(UNKNOWN_FIELD, str(exc)))
    elif isinstance(values, list):
        call.entries = list(values)
    else:
        call.findings.append(_finding(
            MALFORMED_ENTRY,
            "values must be an object of named arguments or a nodeInfoList (an array)",
            'e.g. {"steps": 30} or [{"nodeId": "3", "fieldName": "steps", "fieldValue": 30}]',
        ))
        return call
    checked = _stand_in_uploads(profile, call)
    call.findings += validate(profile, checked)
    return call


def _stand_in_uploads(profile: Profile, call: Call) -> list[Any]:
    """The entries to validate: local files replaced by their upload names (or left out, with
    a finding, when they cannot be uploaded)."""
    from rhconfig.atfile import media_upload
    from rhconfig.client.errors import UploadError

    checked: list[Any] = []
    for entry in call.entries:
        inp = None
        if isinstance(entry, Mapping):
            key = (entry.get("nodeId"), entry.get("fieldName"))
            inp = profile.by_key.get(key)  # type: ignore[arg-type]
        value = entry.get("fieldValue") if inp is not None else None
        path = _local_path(value) if inp is not None and inp.kind in MEDIA_KINDS and isinstance(
            value, str) else None
        if inp is None or path is None:
            checked.append(entry)
            continue
        try:
            upload = media_upload(inp, inp.name, path)
        except (UploadError, OSError) as exc:
            text = exc.message if isinstance(exc, UploadError) else str(exc)
            call.findings.append(_finding(INVALID_MEDIA_VALUE, f"input '{inp.name}': {text}",
                                          "name an existing image/video/audio file", inp))
            continue
        call.uploads.append(upload)
        entry["fieldValue"] = upload.expected
        checked.append(entry)
    return checked


def output_json(out: Output) -> dict[str, Any]:
    return {
        "nodeId": out.node_id,
        "fileType": out.file_type,
        "fileUrl": out.file_url,
        "taskCostTime": out.task_cost_time,
        "consumeCoins": out.consume_coins,
    }


def scrub(value: Any, secret: str | None) -> Any:
    """``value`` with the key taken out wherever it might hide (the client's own redaction)."""
    from rhconfig.client.errors import redact

    return redact(value, secret or "")


def _default_client() -> RunningHub:
    from rhconfig.client import RunningHub

    return RunningHub()


class Toolbox:
    """The five tools over the profiles of a workflows dir (read afresh on every call)."""

    def __init__(
        self,
        workflows_dir: str | os.PathLike[str] | None = None,
        client: Callable[[], RunningHub] = _default_client,
    ) -> None:
        self.store = WorkflowStore(workflows_dir)
        self.client = client

    # -- reading profiles ----------------------------------------------------------------

    def profiles(self) -> list[Profile]:
        out = []
        for workflow_id in self.store.ids():
            try:
                out.append(self.store.load_profile(workflow_id))
            except RhconfigError:
                continue  # a broken profile is not served (rhconfig show says why)
        return out

    def _profile(self, workflow_id: Any) -> Profile | dict[str, Any]:
        """The profile, or the error result naming the ids there are."""
        if isinstance(workflow_id, str) and workflow_id in self.store.ids():
            try:
                return self.store.load_profile(workflow_id)
            except RhconfigError as exc:
                return {"ok": False, "error": str(exc)}
        ids = ", ".join(self.store.ids()) or "none"
        return {"ok": False, "error": f"no workflow {str(workflow_id)!r:.40} here (served: {ids})"}

    # -- the tools -----------------------------------------------------------------------

    def list_workflows(self) -> dict[str, Any]:
        return {"workflows": [
            {
                "id": p.workflow_id,
                "target": target_of(p),
                "name": p.app_name,
                "arguments": list(argument_targets(p)),
                "argumentCount": len(argument_targets(p)),
                "inputCount": len(p.inputs),
            }
            for p in self.profiles()
        ]}

    def describe_workflow(self, workflow_id: Any) -> dict[str, Any]:
        profile = self._profile(workflow_id)
        if isinstance(profile, dict):
            return profile
        from rhconfig.check.args_schema import args_properties

        arguments = []
        for name, prop in args_properties(profile, local_files=True).items():
            target = prop["x-rhconfig"]
            inp = profile.by_name[target["members"][0]["input"] if "tie" in target
                                  else target["input"]]
            item: dict[str, Any] = {"name": name, "kind": inp.kind, "default": inp.default}
            if inp.choices is not None:
                item["choices"] = list(inp.choices)
            labelled = prop["x-rhconfig"].get("choices")
            if labelled:
                item["choiceLabels"] = labelled
            for key, value in (("minimum", inp.minimum), ("maximum", inp.maximum),
                               ("step", inp.step)):
                if value is not None:
                    item[key] = value
            item["description"] = prop["description"]
            if "tie" in target:
                item["sets"] = [(m["nodeId"], m["fieldName"]) for m in target["members"]]
            else:
                item["nodeId"], item["fieldName"] = inp.node_id, inp.field
            arguments.append(item)
        hidden = [i.name for i in profile.inputs if not i.expose]
        return {
            "id": profile.workflow_id,
            "target": target_of(profile),
            "arguments": arguments,
            "otherInputs": hidden,
            "notes": "Arguments not given keep the workflow's own value (default). A media "
                     "argument takes a local file path (uploaded by run_workflow), an upload "
                     "result (api/...) or an http(s) URL. Inputs outside 'arguments' can be set "
                     "with a raw nodeInfoList. " + LIMITS,
        }

    def check_inputs(self, workflow_id: Any, values: Any) -> dict[str, Any]:
        profile = self._profile(workflow_id)
        if isinstance(profile, dict):
            return profile
        return {"id": profile.workflow_id, **read_values(profile, values).report()}

    def run_workflow(
        self, workflow_id: Any, values: Any, wait: bool = True, timeout: float = DEFAULT_TIMEOUT
    ) -> dict[str, Any]:
        profile = self._profile(workflow_id)
        if isinstance(profile, dict):
            return {**profile, "sent": False}
        call = read_values(profile, values)
        if not call.ok:
            report = call.report()
            report["error"] = (f"{report['errors']} error(s) in the values: nothing was sent "
                               "(see findings)")
            return {"id": profile.workflow_id, "sent": False, **report}
        task_id: str | None = None
        try:
            with self.client() as client:
                for upload in call.uploads:
                    name = client.upload(upload.path, upload.file_type)
                    for entry in call.entries:
                        if entry.get("fieldValue") == upload.expected:
                            entry["fieldValue"] = name
                if profile.is_app:
                    created = client.run_ai_app(profile.workflow_id, call.entries)
                else:
                    created = client.create(profile.workflow_id, call.entries)
                task_id = created.task_id
                result: dict[str, Any] = {"id": profile.workflow_id, "ok": True, "sent": True,
                                          "taskId": task_id}
                if wait:
                    outputs = client.wait(created, timeout=max(1.0, float(timeout)))
                    result["status"] = "SUCCESS"
                    result["outputs"] = [output_json(o) for o in outputs]
                else:
                    result["status"] = created.status or "QUEUED"
                    result["next"] = "call task_status with this taskId"
        except RhconfigError as exc:
            failed: dict[str, Any] = {"id": profile.workflow_id, "ok": False,
                                      "sent": task_id is not None, "error": str(exc)}
            if task_id is not None:
                failed["taskId"] = task_id
            return failed
        warnings = [f.to_json() for f in call.findings]
        if warnings:
            result["findings"] = warnings
        return result

    def task_status(self, task_id: Any) -> dict[str, Any]:
        from rhconfig.client.errors import TaskFailedError

        try:
            with self.client() as client:
                status = client.status(str(task_id))
                result: dict[str, Any] = {"ok": True, "taskId": str(task_id), "status": status}
                if status == "SUCCESS":
                    result["outputs"] = [output_json(o) for o in client.outputs(str(task_id))]
                elif status == "FAILED":
                    try:
                        client.outputs(str(task_id))
                    except TaskFailedError as exc:
                        result["error"] = str(exc)
        except RhconfigError as exc:
            return {"ok": False, "taskId": str(task_id)[:40], "error": str(exc)}
        return result


def target_of(profile: Profile) -> str:
    """``workflow`` or ``app``."""
    return "app" if profile.is_app else "workflow"
