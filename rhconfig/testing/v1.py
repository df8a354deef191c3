"""The fake's v1 face: the ``{code, msg, data}`` envelope, the key in the body (``apiKey``, or
``apikey``; a Bearer header is accepted when the body has none), one function per v1 path.
Also the v1-envelope paths v2 clients use: getWebhookDetail, retryWebhook, getLoraUploadUrl."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Mapping
from typing import Any

from rhconfig.media import UPLOAD_TYPES
from rhconfig.testing.state import (
    BadRequest,
    Envelope,
    FakeState,
    FakeTask,
    check_node_info,
    envelope,
)

Handler = Callable[[FakeState, str, Mapping[str, Any], str], tuple[Envelope, str]]


def handle(
    state: FakeState,
    path: str,
    body: Mapping[str, Any],
    base_url: str,
    bearer: str | None,
    method: str = "POST",
) -> tuple[Envelope, str]:
    """The envelope for ``path``, and the id of a task this request created ("" if none)."""
    key = body.get("apiKey", body.get("apikey")) or bearer
    with state.lock:
        try:
            owner = state.check_key(key)
            handler = (GET_ENDPOINTS if method == "GET" else ENDPOINTS).get(path)
            if handler is None:
                return envelope(412), ""
            return handler(state, owner, body, base_url)
        except BadRequest as exc:
            return envelope(exc.code, msg=exc.msg), ""


def create(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
           ) -> tuple[Envelope, str]:  # fmt: skip
    graph, ran = state.workflow(body.get("workflowId"))
    if not ran:
        raise BadRequest(810)
    override = body.get("workflow")
    if override is not None:
        try:
            graph = json.loads(override) if isinstance(override, str) else dict(override)
        except (ValueError, TypeError):
            raise BadRequest(301, "workflow is not valid JSON") from None
    nodes = check_node_info(graph, body.get("nodeInfoList"))
    return _started(state, owner, body, base_url, str(body.get("workflowId")), graph, nodes)


def run_ai_app(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
               ) -> tuple[Envelope, str]:  # fmt: skip
    """``/task/openapi/ai-app/run``: like create, from an AI app's graph (901 if unknown)."""
    graph = state.webapp(body.get("webappId"))
    if body.get("nodeInfoList") is None:
        raise BadRequest(301, "nodeInfoList is required")
    nodes = check_node_info(graph, body.get("nodeInfoList"))
    return _started(
        state, owner, body, base_url, str(body.get("webappId")), graph, nodes, ai_app=True
    )


def _started(
    state: FakeState,
    owner: str,
    body: Mapping[str, Any],
    base_url: str,
    source_id: str,
    graph: dict[str, Any],
    nodes: list[dict[str, Any]],
    *,
    ai_app: bool = False,
) -> tuple[Envelope, str]:
    task, tips = state.new_task(
        owner,
        body,
        base_url,
        source_id,
        graph,
        nodes,
        ai_app=ai_app,
        event_data=lambda t: json.dumps(outputs_answer(state, t, base_url)),
    )
    host = base_url.split("://", 1)[-1]
    data = {
        "netWssUrl": f"ws://{host}/ws?c_host={host}&t={task.task_id}&client_id={task.owner}",
        "taskId": task.task_id,
        "clientId": task.owner,
        "taskStatus": task.state(state.clock()),
        "promptTips": json.dumps(tips),
    }
    return envelope(0, data), task.task_id


def status(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
           ) -> tuple[Envelope, str]:  # fmt: skip
    task = state.task(owner, body.get("taskId"))
    return envelope(0, task.state(state.clock())), ""


def outputs(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
            ) -> tuple[Envelope, str]:  # fmt: skip
    return outputs_answer(state, state.task(owner, body.get("taskId")), base_url), ""


def outputs_answer(state: FakeState, task: FakeTask, base_url: str) -> Envelope:
    """What ``/task/openapi/outputs`` says about ``task`` (also a v1 webhook's eventData)."""
    result = state.result(task, base_url)
    if result.state in ("CREATE", "QUEUED"):
        return envelope(813)
    if result.state == "RUNNING":
        host = base_url.split("://", 1)[-1]
        return envelope(804, {"netWssUrl": f"ws://{host}/ws?t={task.task_id}"})
    if result.failed_reason is not None:
        return envelope(805, {"failedReason": result.failed_reason})
    files = [
        {
            "fileUrl": f.url,
            "fileType": f.ext,
            "taskCostTime": result.cost_time,
            "nodeId": f.node_id,
            "consumeCoins": result.cost_coins,
            "consumeMoney": None,
            "thirdPartyConsumeMoney": None,
        }
        for f in result.files
    ]
    return envelope(0, files)


def cancel(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
           ) -> tuple[Envelope, str]:  # fmt: skip
    state.cancel_task(owner, body.get("taskId"))
    return envelope(0, None), ""


def json_api_format(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
                    ) -> tuple[Envelope, str]:  # fmt: skip
    graph, ran = state.workflow(body.get("workflowId"))
    if not ran:
        raise BadRequest(810)
    return envelope(0, {"prompt": json.dumps(graph, ensure_ascii=False)}), ""


def account(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
            ) -> tuple[Envelope, str]:  # fmt: skip
    now = state.clock()
    data = {
        "remainCoins": str(state.remain_coins(owner, now)),
        "currentTaskCounts": str(state.active_count(owner, now)),
        "remainMoney": "0.00",
        "currency": "CNY",
        "apiType": "NORMAL",
    }
    return envelope(0, data), ""


def upload(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
           ) -> tuple[Envelope, str]:  # fmt: skip
    file = body.get("file")
    if not isinstance(file, dict) or not isinstance(file.get("content"), bytes):
        raise BadRequest(301, "file is required")
    kind = body.get("fileType") or "image"
    if kind not in UPLOAD_TYPES:
        raise BadRequest(
            301, f"fileType must be {', '.join(UPLOAD_TYPES[:-1])} or {UPLOAD_TYPES[-1]}"
        )
    name = state.store_upload(file["content"], str(file.get("filename") or ""), "api")
    return envelope(0, {"fileName": name, "fileType": kind}), ""


def webhook_detail(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
                   ) -> tuple[Envelope, str]:  # fmt: skip
    """The task's delivery record; ``data: null`` while there is none (no webhook, not ended)."""
    task = state.task(owner, body.get("taskId"))
    delivery = state.webhooks.find(task_id=task.task_id)
    if delivery is None:
        return envelope(0, None), ""
    data = {
        "id": delivery.id,
        "userApiKey": "****" + task.owner[-4:],  # masked as the service does (here: no key)
        "taskId": task.task_id,
        "webhookUrl": delivery.url,
        "eventData": delivery.body["eventData"],
        "callbackStatus": "SUCCESS" if delivery.succeeded else "FAILED",
        "callbackResponse": delivery.response,
        "retryCount": max(0, delivery.attempts - 1),
        "createTime": delivery.created,
        "updateTime": delivery.updated,
    }
    return envelope(0, data), ""


def retry_webhook(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
                  ) -> tuple[Envelope, str]:  # fmt: skip
    """Deliver a record again (to ``webhookUrl`` if given): ``data: null``; unknown id: 301."""
    webhook_id = body.get("webhookId")
    delivery = state.webhooks.find(webhook_id=str(webhook_id)) if webhook_id else None
    if delivery is None or delivery.owner != owner:
        raise BadRequest(301, "no such webhookId")
    url = body.get("webhookUrl")
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        raise BadRequest(301, "webhookUrl must be an http(s) URL")
    state.webhooks.retry(delivery, url)
    return envelope(0, None, msg=""), ""


_MD5 = re.compile(r"[0-9a-f]{32}")


def lora_upload_url(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
                    ) -> tuple[Envelope, str]:  # fmt: skip
    """``{fileName: api-lora-cn/<md5>.safetensors, url}``: the url is a PUT target on the fake
    itself, signed for this md5 (the PUT's bytes must have that md5)."""
    name, md5 = body.get("loraName"), body.get("md5Hex")
    if not isinstance(name, str) or not name.strip():
        raise BadRequest(301, "loraName is required")
    if not isinstance(md5, str) or not _MD5.fullmatch(md5.lower()):
        raise BadRequest(301, "md5Hex must be 32 hex digits")
    md5 = md5.lower()
    signature = secrets.token_hex(8)
    state.lora_targets[md5] = (signature, owner, name)
    file_name = f"api-lora-cn/{md5}.safetensors"
    url = f"{base_url}/lora-upload/{md5}?signature={signature}"
    return envelope(0, {"fileName": file_name, "url": url}), ""


def app_demo(state: FakeState, owner: str, body: Mapping[str, Any], base_url: str
             ) -> tuple[Envelope, str]:  # fmt: skip
    """``GET /api/webapp/apiCallDemo``: the app's inputs, use counts as strings, and a
    ``curl`` example that embeds the caller's key (as RunningHub's does: tests catch a
    client that keeps or prints it)."""
    webapp_id = body.get("webappId")
    if not isinstance(webapp_id, str) or not webapp_id:
        raise BadRequest(301, "webappId is required")
    document = state.app_document(webapp_id)
    if document is None:
        raise BadRequest(901)
    key = str(body.get("apiKey", body.get("apikey")))
    example = {"webappId": webapp_id, "apiKey": key,
               "nodeInfoList": document.get("nodeInfoList", [])}
    curl = (f"curl --location --request POST '{base_url}/task/openapi/ai-app/run' "
            "--header 'Content-Type: application/json' "
            f"--data-raw '{json.dumps(example, ensure_ascii=False)}'")
    runs = sum(1 for t in state.tasks.values() if t.ai_app and t.workflow_id == webapp_id)
    data = {
        **document,
        "statisticsInfo": {"likeCount": "0", "useCount": str(runs), "collectCount": "0"},
        "curl": curl,
    }
    return envelope(0, data), ""


ENDPOINTS: dict[str, Handler] = {
    "/task/openapi/create": create,
    "/task/openapi/ai-app/run": run_ai_app,
    "/task/openapi/status": status,
    "/task/openapi/outputs": outputs,
    "/task/openapi/cancel": cancel,
    "/task/openapi/upload": upload,
    "/api/openapi/getJsonApiFormat": json_api_format,
    "/uc/openapi/accountStatus": account,
    "/task/openapi/getWebhookDetail": webhook_detail,
    "/task/openapi/retryWebhook": retry_webhook,
    "/api/openapi/getLoraUploadUrl": lora_upload_url,
}
# Endpoints answered on GET (their parameters in the query string).
GET_ENDPOINTS: dict[str, Handler] = {
    "/api/webapp/apiCallDemo": app_demo,
}
