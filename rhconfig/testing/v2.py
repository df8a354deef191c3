"""The fake's v2 face: ``Authorization: Bearer`` only, the flat task object (HTTP 200,
``errorCode`` a string, ``""`` when fine) on run and query, the upload envelope with its
``message``. The task life cycle is the one in ``state.py``: a task created through v1 is
queried here and the reverse."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Any

from rhconfig.client.errors import code_name
from rhconfig.testing.state import (
    BadRequest,
    FakeState,
    FakeTask,
    check_node_info,
)

PREFIX = "/openapi/v2/"
UPLOAD = "/openapi/v2/media/upload/binary"
QUERY = "/openapi/v2/query"
_RUN = re.compile(r"/openapi/v2/run/(workflow|ai-app)/([^/]+)")
_KINDS = {"image": ("png", "jpg", "jpeg", "webp", "gif", "bmp"), "video": ("mp4", "mov", "webm"),
          "audio": ("mp3", "wav", "flac", "ogg", "m4a")}  # fmt: skip


def handle(
    state: FakeState, path: str, body: Mapping[str, Any], base_url: str, bearer: str | None
) -> tuple[dict[str, Any], str]:
    """The answer for a v2 ``path`` and the id of a task it created ("" if none). The key is
    the Bearer header's; a key in the body does not count."""
    with state.lock:
        if path == UPLOAD:
            try:
                state.check_key(bearer)
            except BadRequest:
                return upload_envelope(401, message="unauthorized: invalid api key"), ""
            try:
                return upload(state, body, base_url), ""
            except BadRequest as exc:
                return upload_envelope(exc.code, message=exc.msg), ""
        try:
            owner = state.check_key(bearer)
            match = _RUN.fullmatch(path)
            if match:
                return run(state, owner, match.group(1), match.group(2), body, base_url)
            if path == QUERY:
                return query(state, owner, body, base_url), ""
            raise BadRequest(412)
        except BadRequest as exc:
            return error_object(exc.code, exc.msg), ""


def run(
    state: FakeState,
    owner: str,
    kind: str,
    target_id: str,
    body: Mapping[str, Any],
    base_url: str,
) -> tuple[dict[str, Any], str]:
    if not target_id.isdigit():
        raise BadRequest(1007, "invalid id | 参数错误")
    if kind == "workflow":
        graph, ran = state.workflow(target_id)
        if not ran:
            raise BadRequest(810)
    else:
        graph = state.webapp(target_id)
        if body.get("nodeInfoList") is None:
            raise BadRequest(301, "nodeInfoList is required")
        retain = body.get("retainSeconds")
        if retain is not None and (not isinstance(retain, int) or not 10 <= retain <= 180):
            raise BadRequest(301, "retainSeconds must be 10-180")
    nodes = check_node_info(graph, body.get("nodeInfoList"))
    task, tips = state.new_task(
        owner,
        body,
        base_url,
        target_id,
        graph,
        nodes,
        ai_app=kind == "ai-app",
        wire="v2",
        event_data=lambda t: json.dumps(task_object(state, t, base_url)),
    )
    answer = task_object(state, task, base_url)
    answer["promptTips"] = json.dumps(tips)
    return answer, task.task_id


def query(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
          ) -> dict[str, Any]:  # fmt: skip
    task_id = body.get("taskId")
    task = state.tasks.get(str(task_id)) if isinstance(task_id, (str, int)) else None
    if task is None or task.owner != owner:
        raise BadRequest(1007, "task not found | 任务不存在")
    return task_object(state, task, base_url)


def task_object(state: FakeState, task: FakeTask, base_url: str) -> dict[str, Any]:
    """The v2 task object for ``task`` now (also a v2 webhook's eventData)."""
    result = state.result(task, base_url)
    answer: dict[str, Any] = {
        "taskId": task.task_id,
        "status": "QUEUED" if result.state == "CREATE" else result.state,
        "errorCode": "",
        "errorMessage": "",
        "results": None,
        "clientId": task.owner,
        "promptTips": "",
        "failedReason": {},
        "usage": None,
    }
    if result.state == "SUCCESS":
        answer["results"] = [
            {"url": f.url, "outputType": f.ext, "nodeId": f.node_id, "text": f.text}
            for f in result.files
        ]
        answer["usage"] = {
            "consumeCoins": result.cost_coins,
            "consumeMoney": None,
            "thirdPartyConsumeMoney": None,
            "taskCostTime": result.cost_time,
        }
    elif result.failed_reason is not None:
        answer.update(
            errorCode="805",
            errorMessage="APIKEY_TASK_STATUS_ERROR | 任务失败",
            failedReason=result.failed_reason,
        )
    return answer


def error_object(code: int, message: str | None = None, *, status: str = "") -> dict[str, Any]:
    """A v2 refusal: HTTP 200, no task (``taskId`` ""), ``errorCode`` the code as a string."""
    if code == 421:
        status = "RUNNING"  # as the service says it
    return {
        "taskId": "",
        "status": status,
        "errorCode": str(code),
        "errorMessage": message or code_name(code),
        "results": None,
        "clientId": "",
        "promptTips": "",
        "failedReason": None,
        "usage": None,
    }


def upload_envelope(code: int, data: Any = None, message: str | None = None) -> dict[str, Any]:
    text = message or ("success" if code == 0 else code_name(code))
    return {"code": code, "message": text, "data": data}


def upload(state: FakeState, body: Mapping[str, Any], base_url: str) -> dict[str, Any]:
    file = body.get("file")
    if not isinstance(file, dict) or not isinstance(file.get("content"), bytes):
        raise BadRequest(301, "file is required")
    filename = str(file.get("filename") or "")
    name = state.store_upload(file["content"], filename, "openapi")
    ext = os.path.splitext(filename)[1].lower().lstrip(".")
    kind = next((k for k, exts in _KINDS.items() if ext in exts), "file")
    data = {
        "type": kind,
        "download_url": f"{base_url}/media/{name}",
        "fileName": name,
        "size": str(len(file["content"])),
    }
    return upload_envelope(0, data)


def fault_answer(path: str, code: int) -> dict[str, Any]:
    """The answer an injected ``code`` fault gives on a v2 path."""
    return upload_envelope(code) if path == UPLOAD else error_object(code)


def wire_code(path: str, answer: Mapping[str, Any]) -> tuple[int | None, str | None]:
    """The answer's code as an int (0 for a v2 success) and as the request log shows it."""
    if path == UPLOAD or "errorCode" not in answer:
        code = answer.get("code")
        return (code, str(code)) if isinstance(code, int) else (None, None)
    text = str(answer.get("errorCode") or "")
    return (int(text) if text.isdigit() else -1, text) if text else (0, None)
