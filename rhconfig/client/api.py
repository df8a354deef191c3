"""The RunningHub client: one method per endpoint, plus ``run`` and ``download``, over either
wire (``api="v2"``, the default, or ``api="v1"``; see ``protocol.py``).

The API key lives in a :class:`Secret` (its repr is ``***``); it goes into request bodies (v1) or
a Bearer header given per request (v2, and beside the body key on v1 paths); it is never logged
or kept in any exception.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rhconfig.client.errors import (
    RESUBMIT_CODES,
    CreateUncertainError,
    MissingApiKeyError,
    RunningHubError,
    TransportError,
    UploadError,
)
from rhconfig.client.files import MAX_UPLOAD_BYTES, check_upload, output_file_names, save_stream
from rhconfig.client.models import (
    AccountStatus,
    Output,
    TaskCreated,
    TaskSnapshot,
    UploadedFile,
    WebhookDetail,
)
from rhconfig.client.polling import PollPolicy, wait_for_outputs
from rhconfig.client.protocol import (
    ACCOUNT_STATUS,
    APIS,
    APP_DEMO,
    CANCEL,
    JSON_API_FORMAT,
    LORA_UPLOAD_URL,
    RETRY_WEBHOOK,
    V1,
    WEBHOOK_DETAIL,
    WIRES,
    Api,
    SubmitKind,
)
from rhconfig.client.transport import RetryPolicy, Timeout, Transport
from rhconfig.errors import UsageError

log = logging.getLogger("rhconfig.client")

ENV_KEY = "RUNNINGHUB_API_KEY"
ENV_BASE_URL = "RUNNINGHUB_BASE_URL"
ENV_API = "RUNNINGHUB_API"
DEFAULT_BASE_URL = "https://www.runninghub.cn"
DEFAULT_API: Api = "v2"


def choose_api(api: str | None) -> Api:
    """``api`` if given, else ``RUNNINGHUB_API``, else v2; anything else is a usage error."""
    value = (api if api is not None else os.environ.get(ENV_API) or DEFAULT_API).strip().lower()
    for known in APIS:
        if value == known:
            return known
    where = "api" if api is not None else ENV_API
    raise UsageError(f"{where} must be v1 or v2, not {value[:20]!r}")


class Secret:
    """Holds the key; prints as ``***`` everywhere (repr, str, vars of the client)."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


@dataclass(frozen=True)
class QueueRetry:
    """Create (or AI-app run) answered 421 (key's concurrency limit; v2 also 1520, and its
    "try again" codes 1003/1005/1010/1011/1012): retry with exponential backoff + jitter.

    ``attempts`` bounds the number of creates sent; such an answer means no task was created,
    so this is safe.
    """

    attempts: int = 24
    base: float = 5.0
    factor: float = 1.4
    cap: float = 90.0
    jitter: float = 0.25
    codes: frozenset[int] = RESUBMIT_CODES

    def delay(self, attempt: int) -> float:
        d = min(self.cap, self.base * self.factor**attempt)
        return d * (1 - self.jitter + 2 * self.jitter * random.random())


def _digits_id(value: Any, what: str) -> str:
    """Ids are 19-digit strings. An int is accepted as is; a float has already lost digits."""
    if isinstance(value, bool) or isinstance(value, float):
        raise UsageError(f"{what} must be a string of digits, not {type(value).__name__}")
    text = str(value).strip()
    if not text.isdigit():
        raise UsageError(f"{what} must be a string of digits, got {text[:40]!r}")
    return text


def _instance_type(value: str) -> str:
    if value not in ("default", "plus"):
        raise UsageError(f"instanceType must be 'default' or 'plus', not {value!r}")
    return value


# What a task-creating call starts a task from, for messages: kind -> (verb, id label).
_SUBMIT_WORDS = {"workflow": ("create", "workflow"), "ai-app": ("AI-app run", "AI app")}


def normalize_node_info(entries: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """Check each entry locally: ``nodeId`` (string), ``fieldName`` (string), ``fieldValue``."""
    out: list[dict[str, Any]] = []
    for i, entry in enumerate(entries or []):
        if not isinstance(entry, Mapping):
            raise UsageError(f"nodeInfoList[{i}] must be an object, not {type(entry).__name__}")
        missing = [k for k in ("nodeId", "fieldName", "fieldValue") if k not in entry]
        if missing:
            raise UsageError(f"nodeInfoList[{i}] lacks {', '.join(missing)}")
        node_id, field_name = entry["nodeId"], entry["fieldName"]
        if isinstance(node_id, (bool, float)) or not isinstance(node_id, (str, int)):
            raise UsageError(f'nodeInfoList[{i}].nodeId must be a string like "3"')
        if not isinstance(field_name, str) or not field_name:
            raise UsageError(f"nodeInfoList[{i}].fieldName must be a non-empty string")
        out.append({**entry, "nodeId": str(node_id), "fieldName": field_name})
    return out


class RunningHub:
    """Client of RunningHub's REST API (``https://www.runninghub.cn`` by default).

    ``api`` picks the wire: ``"v2"`` (the default; ``RUNNINGHUB_API`` may say ``v1``) or
    ``"v1"`` (today's v1 endpoints, exactly). Whatever the wire, the methods take and return
    the same things: :class:`TaskCreated`, the status strings, :class:`Output`, the exceptions.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = (10.0, 60.0),
        *,
        api: str | None = None,
        retry: RetryPolicy | None = None,
        queue_retry: QueueRetry | None = None,
        poll: PollPolicy | None = None,
        max_upload_bytes: int = MAX_UPLOAD_BYTES,
        upload_timeout: Timeout = (10.0, 300.0),
        pool_size: int = 32,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get(ENV_KEY, "")
        key = key.strip()
        if not key:
            raise MissingApiKeyError(
                f"no API key: set {ENV_KEY} (or pass api_key=)", name="NO_API_KEY"
            )
        self._key = Secret(key)
        url = (base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL).strip().rstrip("/")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"base URL must be http(s)://host[:port], got {url[:80]!r}")
        self.base_url = url
        self.queue_retry = queue_retry or QueueRetry()
        self.poll = poll or PollPolicy()
        self.max_upload_bytes = max_upload_bytes
        self.upload_timeout = upload_timeout
        self.api: Api = choose_api(api)
        self._transport = Transport(url, timeout=timeout, retry=retry, pool_size=pool_size)
        self._wire: V1 = WIRES[self.api](self._transport, self._key)

    def __repr__(self) -> str:
        return f"RunningHub(base_url={self.base_url!r}, api={self.api!r}, api_key='***')"

    def __enter__(self) -> RunningHub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._transport.close()

    # -- plumbing -------------------------------------------------------------------------

    def _call(
        self,
        path: str,
        body: Mapping[str, Any],
        *,
        key_field: str = "apiKey",
        idempotent: bool = True,
        task_id: str | None = None,
    ) -> Any:
        """A call to a v1-only path (the key in the body; on v2 the Bearer header too)."""
        return self._wire.call(
            path, body, key_field=key_field, idempotent=idempotent, task_id=task_id
        )

    def _unwrap(self, path: str, envelope: dict[str, Any], *, task_id: str | None) -> Any:
        return self._wire.unwrap(path, envelope, task_id=task_id)

    # -- endpoints ------------------------------------------------------------------------

    def create(
        self,
        workflow_id: str,
        node_info_list: Sequence[Mapping[str, Any]] | None = None,
        *,
        add_metadata: bool | None = None,
        webhook_url: str | None = None,
        instance_type: str | None = None,
        use_personal_queue: bool | None = None,
        workflow: str | Mapping[str, Any] | None = None,
    ) -> TaskCreated:
        """Create a task (v2: ``/openapi/v2/run/workflow/{id}``; v1: ``/task/openapi/create``).

        421 is retried per ``queue_retry``; a create that may have reached the server without
        an answer raises :class:`CreateUncertainError` and is not re-sent.

        ``workflow`` (the whole API graph, overriding the stored one) is documented only for
        v1 create: with it, this one call goes to ``/task/openapi/create`` whatever ``api`` is
        (the task is then waited for through the client's wire as usual).

        ``promptTips.result == false`` does not raise here: it is logged as a warning and
        returned in ``TaskCreated.prompt_tips`` (``prompt_ok`` is False); ``run`` raises.
        """
        wid = _digits_id(workflow_id, "workflowId")
        nodes = normalize_node_info(node_info_list)
        body: dict[str, Any] = {}
        if node_info_list is not None:
            body["nodeInfoList"] = nodes
        if add_metadata is not None:
            body["addMetadata"] = add_metadata
        if webhook_url is not None:
            body["webhookUrl"] = webhook_url
        if instance_type is not None:
            body["instanceType"] = _instance_type(instance_type)
        if use_personal_queue is not None:
            body["usePersonalQueue"] = use_personal_queue
        wire = self._wire
        if workflow is not None:
            body["workflow"] = workflow if isinstance(workflow, str) else json.dumps(workflow)
            wire = V1(self._transport, self._key, bearer=wire.bearer)
        return self._create_with_queue_retry(wire, "workflow", body, wid, nodes)

    def run_ai_app(
        self,
        webapp_id: str,
        node_info_list: Sequence[Mapping[str, Any]],
        *,
        webhook_url: str | None = None,
        instance_type: str | None = None,
    ) -> TaskCreated:
        """Start a task of an AI app (v2: ``/openapi/v2/run/ai-app/{id}``; v1:
        ``/task/openapi/ai-app/run``); same answer as ``create``.

        Same money-safe rules as ``create``: 421 is retried per ``queue_retry``; a request that
        may have reached the server without an answer raises :class:`CreateUncertainError`
        (its ``workflow_id`` holds the webapp id) and is not re-sent; ``promptTips.result ==
        false`` is logged, not raised. Unknown app: ``NotFoundError`` (901). To get the
        outputs, pass the result to :meth:`wait`: ``client.wait(client.run_ai_app(...))``.
        """
        app_id = _digits_id(webapp_id, "webappId")
        nodes = normalize_node_info(node_info_list)
        body: dict[str, Any] = {"nodeInfoList": nodes}
        if webhook_url is not None:
            body["webhookUrl"] = webhook_url
        if instance_type is not None:
            body["instanceType"] = _instance_type(instance_type)
        return self._create_with_queue_retry(self._wire, "ai-app", body, app_id, nodes)

    def _create_with_queue_retry(
        self,
        wire: V1,
        kind: SubmitKind,
        body: dict[str, Any],
        wid: str,
        nodes: list[dict[str, Any]],
    ) -> TaskCreated:
        """Send a task-creating ``body`` (create or AI-app run, on ``wire``) once per try: only
        ``queue_retry.codes`` (421...) are retried, as no task was created then; a request
        that may have arrived without an answer is never re-sent (the same on both wires)."""
        verb, what = _SUBMIT_WORDS[kind]
        endpoint = wire.path("create" if kind == "workflow" else "ai-app", wid)
        if kind == "workflow" and "workflow" in body:
            endpoint = wire.path("create")
        policy = self.queue_retry
        for attempt in range(max(1, policy.attempts)):
            try:
                data = wire.submit(kind, wid, body)
                break
            except TransportError as exc:
                if not exc.maybe_processed:
                    raise
                raise CreateUncertainError(
                    f"{exc.message}: the {verb} may have reached RunningHub, so a task may have "
                    f"been created and billed; it was not re-sent ({what} {wid}); check "
                    "RunningHub's task list before retrying",
                    workflow_id=wid,
                    node_info_list=nodes,
                    endpoint=endpoint,
                    name="CREATE_UNCERTAIN",
                ) from None
            except RunningHubError as exc:
                if exc.code not in policy.codes or attempt + 1 >= policy.attempts:
                    raise
                pause = policy.delay(attempt)
                log.info(
                    "%s: %s %s, retry %d in %.2fs", verb, exc.code, exc.name, attempt + 1, pause
                )
                time.sleep(pause)
        else:  # pragma: no cover
            raise AssertionError("unreachable")
        if not isinstance(data, Mapping) or not data.get("taskId"):
            raise CreateUncertainError(
                f"{verb} answered without an error and without a taskId: a task may have been "
                "created and "
                "billed; check RunningHub's task list before retrying",
                workflow_id=wid,
                node_info_list=nodes,
                endpoint=endpoint,
                name="CREATE_UNCERTAIN",
            )
        created = TaskCreated.from_api(data)
        log.info("created task %s (%s %s)", created.task_id, what, wid)
        if not created.prompt_ok:
            from rhconfig.client.models import describe_prompt_tips

            assert created.prompt_tips is not None
            log.warning(
                "task %s: ComfyUI rejected the prompt, the task will fail: %s",
                created.task_id,
                describe_prompt_tips(created.prompt_tips),
            )
        return created

    def status(self, task_id: str) -> str | None:
        """``QUEUED``/``RUNNING``/``SUCCESS``/``FAILED`` (or ``CREATE``, ``CANCEL``); None if
        absent (v1: ``/task/openapi/status``; v2: the query's ``status``)."""
        tid = _digits_id(task_id, "taskId")
        return self._wire.status(tid)

    def outputs(self, task_id: str) -> list[Output]:
        """The outputs. Raises ``TaskPendingError`` (804/813 or ``data: null``) while not
        done, ``TaskFailedError`` (805, with ``failedReason``) when the task failed."""
        tid = _digits_id(task_id, "taskId")
        return self._wire.outputs(tid)

    def snapshot(self, task_id: str) -> TaskSnapshot:
        """One look at a task: state, outputs once done, the failure if it failed (v1: status
        then outputs; v2: one query). What :meth:`wait` polls."""
        tid = _digits_id(task_id, "taskId")
        return self._wire.snapshot(tid)

    def cancel(self, task_id: str) -> None:
        tid = _digits_id(task_id, "taskId")
        self._call(CANCEL, {"taskId": tid}, task_id=tid)

    def get_json_api_format(self, workflow_id: str) -> dict[str, Any]:
        """The workflow's API-format graph (``data.prompt`` is a JSON string: parsed here)."""
        wid = _digits_id(workflow_id, "workflowId")
        data = self._call(JSON_API_FORMAT, {"workflowId": wid})
        prompt = data.get("prompt") if isinstance(data, Mapping) else None
        if isinstance(prompt, str):
            try:
                prompt = json.loads(prompt)
            except ValueError:
                prompt = None
        if not isinstance(prompt, dict):
            raise RunningHubError(
                f"workflow {wid}: data.prompt is not an API-format graph",
                name="MALFORMED_PROMPT",
                endpoint=JSON_API_FORMAT,
            )
        return prompt

    def api_call_demo(self, webapp_id: str) -> dict[str, Any]:
        """An AI app's editable inputs: ``GET /api/webapp/apiCallDemo``'s ``data``
        (``webappName``, ``nodeInfoList``, ...) without ``curl``, which embeds the caller's key.
        Unknown app: ``NotFoundError`` (901)."""
        app_id = _digits_id(webapp_id, "webappId")
        envelope = self._transport.get_envelope(
            APP_DEMO,
            {"apiKey": self._key.reveal(), "webappId": app_id},
            headers=self._wire.headers(),
        )
        data = self._unwrap(APP_DEMO, envelope, task_id=None)
        if not isinstance(data, Mapping):
            raise TransportError("malformed apiCallDemo answer (no data object)", endpoint=APP_DEMO)
        return {k: v for k, v in data.items() if k != "curl"}

    def account_status(self) -> AccountStatus:
        data = self._call(ACCOUNT_STATUS, {}, key_field="apikey")
        if not isinstance(data, Mapping):
            raise TransportError("malformed accountStatus answer", endpoint=ACCOUNT_STATUS)
        return AccountStatus.from_api(data)

    def upload(self, path: str | os.PathLike[str], file_type: str | None = None) -> UploadedFile:
        """Upload a file; returns its ``fileName`` to put in a nodeInfoList (a ``str``: v2
        ``openapi/<sha256>.<ext>``, v1 ``api/<sha256>.<ext>``), which also carries v2's
        ``download_url``. A file over the limit or of an unknown type is refused before
        sending; ``file_type`` is sent on v1 only (v2 takes the file alone)."""
        p, kind = check_upload(path, file_type, max_bytes=self.max_upload_bytes)
        uploaded = self._wire.upload(p, kind, p.read_bytes(), self.upload_timeout)
        log.info("uploaded %s as %s", p.name, uploaded)
        return uploaded

    def upload_lora(self, path: str | os.PathLike[str], name: str | None = None) -> str:
        """Upload a LoRA: its md5, ``getLoraUploadUrl`` (``loraName`` = ``name`` or the file's
        stem), then a PUT of the file to the URL it gives (no key goes there). Returns the
        ``api-lora-cn/<md5>.safetensors`` fileName, usable at once by ``RHLoraLoader`` nodes."""
        p = Path(path)
        if not p.is_file():
            raise UploadError(f"no such file: {p}", name="LOCAL_CHECK", endpoint="upload_lora")
        digest = hashlib.md5(usedforsecurity=False)
        with p.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        lora_name = (name if name is not None else p.stem).strip()
        if not lora_name:
            raise UsageError("a LoRA needs a name")
        data = self._call(LORA_UPLOAD_URL, {"loraName": lora_name, "md5Hex": digest.hexdigest()})
        file_name = data.get("fileName") if isinstance(data, Mapping) else None
        url = data.get("url") if isinstance(data, Mapping) else None
        if not isinstance(file_name, str) or not file_name or not isinstance(url, str):
            raise TransportError("malformed getLoraUploadUrl answer", endpoint=LORA_UPLOAD_URL)
        if urlsplit(url).scheme not in ("http", "https"):
            raise TransportError("getLoraUploadUrl gave no http(s) url", endpoint=LORA_UPLOAD_URL)
        with p.open("rb") as fh:
            self._transport.put(url, fh, what="LoRA upload", timeout=self.upload_timeout)
        log.info("uploaded LoRA %s as %s", p.name, file_name)
        return file_name

    def webhook_detail(self, task_id: str) -> WebhookDetail | None:
        """``getWebhookDetail``: the delivery record of the task's webhook (None when there is
        none yet). The key it holds, masked as it is, is dropped."""
        tid = _digits_id(task_id, "taskId")
        data = self._call(WEBHOOK_DETAIL, {"taskId": tid}, task_id=tid)
        if data is None:
            return None
        if not isinstance(data, Mapping):
            raise TransportError("malformed getWebhookDetail answer", endpoint=WEBHOOK_DETAIL)
        return WebhookDetail.from_api(data)

    def retry_webhook(self, webhook_id: str, url: str | None = None) -> None:
        """``retryWebhook``: deliver the webhook again (to ``url``, else to the task's own
        ``webhookUrl``, which is then looked up: ``webhook_id`` is a detail's ``id``)."""
        wid = _digits_id(webhook_id, "webhookId")
        body: dict[str, Any] = {"webhookId": wid}
        if url is not None:
            if urlsplit(url).scheme not in ("http", "https"):
                raise UsageError(f"webhook URL must be http(s), got {url[:80]!r}")
            body["webhookUrl"] = url
        self._call(RETRY_WEBHOOK, body)

    # -- conveniences ---------------------------------------------------------------------

    def run(
        self,
        workflow_id: str,
        node_info_list: Sequence[Mapping[str, Any]] | None,
        *,
        timeout: float = 1800.0,
        poll: PollPolicy | None = None,
        strict_prompt: bool = True,
        cancel_on_timeout: bool = False,
        **create_options: Any,
    ) -> list[Output]:
        """Create a task, wait for it (status with backoff, up to ``timeout`` seconds), return
        its outputs. Raises ``TaskFailedError``, ``TaskTimeoutError``, ``PromptTipsError``
        (when ``strict_prompt`` and ComfyUI rejected the prompt: the doomed task is cancelled)."""
        deadline = time.monotonic() + timeout
        created = self.create(workflow_id, node_info_list, **create_options)
        return self.wait(
            created,
            timeout=max(0.0, deadline - time.monotonic()),
            poll=poll,
            strict_prompt=strict_prompt,
            cancel_on_timeout=cancel_on_timeout,
        )

    def wait(
        self,
        created: TaskCreated,
        *,
        timeout: float = 1800.0,
        poll: PollPolicy | None = None,
        strict_prompt: bool = True,
        cancel_on_timeout: bool = False,
    ) -> list[Output]:
        """The second half of ``run``: wait for a created task and return its outputs."""
        return wait_for_outputs(
            self,
            created,
            deadline=time.monotonic() + timeout,
            poll=poll or self.poll,
            strict_prompt=strict_prompt,
            cancel_on_timeout=cancel_on_timeout,
        )

    def download(
        self,
        outputs: Iterable[Output],
        directory: str | os.PathLike[str],
        names: Sequence[str] | None = None,
    ) -> list[Path]:
        """Save each output file under ``directory`` (as ``names[i]`` if given, else a safe,
        distinct name from its URL); returns the paths, in order."""
        items = list(outputs)
        root = Path(directory)
        paths: list[Path] = []
        chosen = list(names) if names is not None else output_file_names(items)
        for out, name in zip(items, chosen, strict=True):
            target = root / name
            if not out.file_url and out.text is not None:  # a text output without a file
                save_stream([out.text.encode("utf-8")], target)
                paths.append(target)
                continue
            if urlsplit(out.file_url).scheme not in ("http", "https"):
                raise UsageError(f"output of node {out.node_id} has no http(s) fileUrl")
            response = self._transport.get(out.file_url)
            with response:
                save_stream(response.iter_content(1 << 16), target)
            paths.append(target)
        return paths

