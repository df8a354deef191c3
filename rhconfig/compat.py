"""The ``RunningHubClient`` of RunningHub's guide, on top of rhconfig's client.

The guide's examples build on a small class with ``run_workflow``, ``upload_image``,
``upload_video`` and ``get_workflow_json``. This one has exactly those names and return
shapes, so the examples run unchanged after one import line::

    from rhconfig.compat import RunningHubClient

    client = RunningHubClient()                     # RUNNINGHUB_API_KEY / RUNNINGHUB_BASE_URL
    image = client.upload_image("cat.png")["data"]["fileName"]
    outputs = client.run_workflow(workflow_id="...", node_info_list=[...])
    print(outputs[0]["fileUrl"])

Underneath it is :class:`rhconfig.client.RunningHub` (v2 unless ``RUNNINGHUB_API=v1``): retries,
no double submit, one exception per RunningHub code. One addition: when a profile of the
workflow is stored (``rhconfig scan ID`` wrote ``workflows/ID.yaml``; ``$RHCONFIG_WORKFLOWS_DIR``
or ``workflows_dir=`` say where), ``run_workflow`` checks the nodeInfoList against it first and
raises :class:`NodeInfoListError` before anything is sent. Without a profile it sends the list
as the guide's client would.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rhconfig.check import has_errors, validate
from rhconfig.check.findings import Finding
from rhconfig.client import Output, PollPolicy, RunningHub
from rhconfig.errors import UsageError
from rhconfig.store import WorkflowStore


class NodeInfoListError(UsageError):
    """``run_workflow``'s nodeInfoList fails the stored profile's check; nothing was sent.
    ``findings`` lists every finding (errors and warnings)."""

    def __init__(self, workflow_id: str, findings: Sequence[Finding]) -> None:
        self.workflow_id = workflow_id
        self.findings = list(findings)
        errors = [f for f in self.findings if f.is_error]
        parts = [f.message + (f" (hint: {f.hint})" if f.hint else "") for f in errors]
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        super().__init__(
            f"workflow {workflow_id}: {count} in the nodeInfoList, nothing was sent: "
            + "; ".join(parts)
        )


class RunningHubClient:
    """The guide's client: ``run_workflow``, ``upload_image``, ``upload_video``,
    ``get_workflow_json`` (see the module's docstring)."""

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        workflows_dir: str | os.PathLike[str] | None = None,
        client: RunningHub | None = None,
    ) -> None:
        """``client``: a configured :class:`RunningHub` to use instead of a new one."""
        self.client = client or RunningHub(api_key=api_key, base_url=base_url)
        self.store = WorkflowStore(workflows_dir)

    def __repr__(self) -> str:
        return f"RunningHubClient({self.client!r})"

    def run_workflow(
        self,
        workflow_id: str,
        node_info_list: Sequence[Mapping[str, Any]] | None = None,
        max_retries: int = 30,
        interval: float = 10,
    ) -> list[dict[str, Any]]:
        """Submit the workflow, poll every ``interval`` seconds up to ``max_retries`` times,
        and return its outputs as the guide reads them: ``[{"fileUrl", "fileType", ...}]``.

        Raises ``TaskFailedError`` when the task failed, ``TaskTimeoutError`` when the polls ran
        out (the task may still run), :class:`NodeInfoListError` when a stored profile says the
        list is wrong (nothing sent)."""
        wid = str(workflow_id)
        nodes = [dict(e) for e in node_info_list or []]
        self._check(wid, nodes)
        every = max(0.001, float(interval))
        outputs = self.client.run(
            wid,
            nodes if node_info_list is not None else None,
            timeout=every * max(1, int(max_retries)),
            poll=PollPolicy(initial=every, factor=1.0, maximum=every),
        )
        return [_output_dict(o) for o in outputs]

    def upload_image(self, path: str | os.PathLike[str]) -> dict[str, Any]:
        """Upload an image; the answer as the guide reads it: ``result["data"]["fileName"]``."""
        return self._upload(path, "image")

    def upload_video(self, path: str | os.PathLike[str]) -> dict[str, Any]:
        """Upload a video; ``result["data"]["fileName"]`` goes into the nodeInfoList."""
        return self._upload(path, "video")

    def get_workflow_json(self, workflow_id: str) -> dict[str, Any]:
        """The workflow's API-format graph, read as ``workflow[node_id]["inputs"]``."""
        return self.client.get_json_api_format(str(workflow_id))

    # -- helpers --------------------------------------------------------------------------

    def _upload(self, path: str | os.PathLike[str], kind: str) -> dict[str, Any]:
        name = self.client.upload(Path(path), kind)
        data: dict[str, Any] = {"fileName": str(name), "fileType": kind}
        if name.download_url:
            data["download_url"] = name.download_url
        return {"code": 0, "msg": "success", "data": data}

    def _check(self, workflow_id: str, nodes: list[dict[str, Any]]) -> None:
        if not self.store.profile_path(workflow_id).is_file():
            return  # no profile: sent as the guide's client would
        profile = self.store.load_profile(workflow_id)
        findings = validate(profile, nodes)
        if has_errors(findings):
            raise NodeInfoListError(workflow_id, findings)


def _output_dict(out: Output) -> dict[str, Any]:
    item: dict[str, Any] = {
        "fileUrl": out.file_url,
        "fileType": out.file_type,
        "nodeId": out.node_id,
        "taskCostTime": out.task_cost_time,
        "consumeCoins": out.consume_coins,
    }
    if out.text is not None:
        item["text"] = out.text
    return item
