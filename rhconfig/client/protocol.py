"""The two wires RunningHub speaks, as protocol objects the client owns.

Everything that differs between v1 and v2 lives here and only here: the paths, where the key
goes (v1: ``apiKey`` in the body; v2: an ``Authorization: Bearer`` header), the answer's shape
(v1: the ``{code, msg, data}`` envelope; v2: the flat task object, ``errorCode`` a string) and
how a task is looked at (v1: status, then outputs; v2: one ``/openapi/v2/query``). Both hand the
client the same things: the answer's data, :class:`TaskSnapshot`, :class:`Output`,
:class:`UploadedFile`, and the exceptions of the one code table (``errors.CODES``).

Calls that only exist on v1 paths (cancel, getJsonApiFormat, accountStatus, webhooks, LoRA upload
URL) go through :meth:`V1.call` on both wires; v2 adds its Bearer header there, beside the body key.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rhconfig.client.errors import (
    TaskFailedError,
    TaskPendingError,
    TransportError,
    error_for,
    parse_code,
    redact,
)
from rhconfig.client.models import Output, TaskSnapshot, UploadedFile, parse_number
from rhconfig.client.transport import Timeout, Transport

if TYPE_CHECKING:
    from rhconfig.client.api import Secret

Api = Literal["v1", "v2"]
APIS: tuple[Api, ...] = ("v1", "v2")
SubmitKind = Literal["workflow", "ai-app"]

CREATE = "/task/openapi/create"
AI_APP_RUN = "/task/openapi/ai-app/run"
STATUS = "/task/openapi/status"
OUTPUTS = "/task/openapi/outputs"
CANCEL = "/task/openapi/cancel"
UPLOAD = "/task/openapi/upload"
JSON_API_FORMAT = "/api/openapi/getJsonApiFormat"
ACCOUNT_STATUS = "/uc/openapi/accountStatus"
WEBHOOK_DETAIL = "/task/openapi/getWebhookDetail"
RETRY_WEBHOOK = "/task/openapi/retryWebhook"
LORA_UPLOAD_URL = "/api/openapi/getLoraUploadUrl"
APP_DEMO = "/api/webapp/apiCallDemo"  # GET, the key in the query string
V2_RUN_WORKFLOW = "/openapi/v2/run/workflow/{id}"
V2_RUN_AI_APP = "/openapi/v2/run/ai-app/{id}"
V2_QUERY = "/openapi/v2/query"
V2_UPLOAD = "/openapi/v2/media/upload/binary"

# Where each operation goes on each wire (``{id}``: the workflow or webapp id). Tests read it.
PATHS: dict[str, dict[str, str]] = {
    "v1": {
        "create": CREATE,
        "ai-app": AI_APP_RUN,
        "status": STATUS,
        "outputs": OUTPUTS,
        "upload": UPLOAD,
    },
    "v2": {
        "create": V2_RUN_WORKFLOW,
        "ai-app": V2_RUN_AI_APP,
        "status": V2_QUERY,
        "outputs": V2_QUERY,
        "upload": V2_UPLOAD,
    },
}
for _paths in PATHS.values():
    _paths.update(
        cancel=CANCEL,
        getJsonApiFormat=JSON_API_FORMAT,
        accountStatus=ACCOUNT_STATUS,
        webhookDetail=WEBHOOK_DETAIL,
        retryWebhook=RETRY_WEBHOOK,
        loraUploadUrl=LORA_UPLOAD_URL,
        apiCallDemo=APP_DEMO,
    )

DONE = frozenset({"SUCCESS", "FAILED", "CANCEL"})


class V1:
    """RunningHub's v1 wire: the key in the body, the ``{code, msg, data}`` envelope."""

    name: Api = "v1"

    def __init__(self, transport: Transport, key: Secret, *, bearer: bool = False) -> None:
        """``bearer``: send ``Authorization: Bearer`` too (what v2 does on v1 paths)."""
        self.transport = transport
        self._key = key
        self.bearer = bearer

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._key.reveal()}"} if self.bearer else {}

    def path(self, op: str, target_id: str = "") -> str:
        return PATHS[self.name][op].replace("{id}", target_id)

    # -- the envelope ---------------------------------------------------------------------

    def call(
        self,
        path: str,
        body: Mapping[str, Any],
        *,
        key_field: str = "apiKey",
        idempotent: bool = True,
        task_id: str | None = None,
    ) -> Any:
        """POST ``body`` (plus the key) to a v1 path; the envelope's ``data`` or the error."""
        answer = self.transport.post(
            path,
            json_body={key_field: self._key.reveal(), **body},
            headers=self.headers(),
            idempotent=idempotent,
        )
        return self.unwrap(path, answer, task_id=task_id)

    def unwrap(self, path: str, envelope: Mapping[str, Any], *, task_id: str | None) -> Any:
        key = self._key.reveal()
        code = envelope.get("code")
        if isinstance(code, bool) or not isinstance(code, int):
            raise TransportError("malformed answer (no envelope code)", endpoint=path)
        if code != 0:
            raise error_for(
                code,
                redact(str(envelope.get("msg") or envelope.get("message") or ""), key),
                endpoint=path,
                data=redact(envelope.get("data"), key),
                task_id=task_id,
            )
        return redact(envelope.get("data"), key)

    # -- tasks ----------------------------------------------------------------------------

    def submit(self, kind: SubmitKind, target_id: str, fields: Mapping[str, Any]) -> Any:
        """Start a task (create or AI-app run); the answer's data (``taskId``...)."""
        if kind == "workflow":
            return self.call(CREATE, {"workflowId": target_id, **fields}, idempotent=False)
        return self.call(AI_APP_RUN, {"webappId": target_id, **fields}, idempotent=False)

    def status(self, task_id: str) -> str | None:
        data = self.call(STATUS, {"taskId": task_id}, task_id=task_id)
        if isinstance(data, Mapping):
            data = data.get("taskStatus") or data.get("status")
        return str(data).strip().upper() if data not in (None, "") else None

    def outputs(self, task_id: str) -> list[Output]:
        data = self.call(OUTPUTS, {"taskId": task_id}, task_id=task_id)
        if data is None:
            raise TaskPendingError(
                "outputs not ready (data: null)",
                code=0,
                name="NOT_READY",
                endpoint=OUTPUTS,
                task_id=task_id,
            )
        if not isinstance(data, list):
            raise TransportError(
                "malformed outputs (not a list)", endpoint=OUTPUTS, task_id=task_id
            )
        return [Output.from_api(e) for e in data if isinstance(e, Mapping)]

    def snapshot(self, task_id: str) -> TaskSnapshot:
        """Status, then (once it says the task ended) outputs."""
        state = self.status(task_id)
        if state not in DONE:
            return TaskSnapshot(state)
        try:
            outputs = self.outputs(task_id)
        except TaskPendingError:
            return TaskSnapshot(None)  # status and outputs disagree for a moment
        except TaskFailedError as exc:
            return TaskSnapshot(state, failure=exc)
        if state != "SUCCESS":
            return TaskSnapshot(state, failure=_failed_without_reason(OUTPUTS, task_id))
        return TaskSnapshot(state, outputs)

    # -- upload ---------------------------------------------------------------------------

    def upload(self, p: Path, kind: str, content: bytes, timeout: Timeout) -> UploadedFile:
        answer = self.transport.post(
            UPLOAD,
            data={"apiKey": self._key.reveal(), "fileType": kind},
            files={"file": (p.name, content)},
            headers=self.headers(),
            timeout=timeout,
        )
        data = self.unwrap(UPLOAD, answer, task_id=None)
        return _uploaded(UPLOAD, data)


class V2(V1):
    """RunningHub's v2 wire: ``Authorization: Bearer``, the flat task object, one query."""

    name: Api = "v2"

    def __init__(self, transport: Transport, key: Secret, *, bearer: bool = True) -> None:
        super().__init__(transport, key, bearer=True)

    def submit(self, kind: SubmitKind, target_id: str, fields: Mapping[str, Any]) -> Any:
        path = self.path("create" if kind == "workflow" else "ai-app", target_id)
        return self.task_call(path, fields, idempotent=False)

    def task_call(
        self,
        path: str,
        body: Mapping[str, Any],
        *,
        idempotent: bool = True,
        task_id: str | None = None,
    ) -> dict[str, Any]:
        """POST to a v2 task path; the task object, or the error its ``errorCode`` names."""
        answer = self.transport.post(
            path, json_body=body, headers=self.headers(), idempotent=idempotent
        )
        return self.decode_task(path, answer, task_id=task_id)

    def decode_task(
        self, path: str, answer: Mapping[str, Any], *, task_id: str | None
    ) -> dict[str, Any]:
        key = self._key.reveal()
        if not any(k in answer for k in ("taskId", "status", "errorCode")):
            raise TransportError("malformed answer (not a task object)", endpoint=path)
        clean: dict[str, Any] = redact(dict(answer), key)
        code = parse_code(answer.get("errorCode"))
        if code is not None and code != 0:
            message = str(clean.get("errorMessage") or clean.get("message") or "")
            raise error_for(code, message, endpoint=path, data=clean, task_id=task_id)
        return clean

    def snapshot(self, task_id: str) -> TaskSnapshot:
        try:
            task = self.task_call(V2_QUERY, {"taskId": task_id}, task_id=task_id)
        except TaskPendingError as exc:  # "804"/"813": still going
            return TaskSnapshot(_state(exc.data) or ("RUNNING" if exc.code == 804 else "QUEUED"))
        except TaskFailedError as exc:  # "805"
            return TaskSnapshot("FAILED", failure=exc)
        state = _state(task)
        if state == "SUCCESS":
            results = task.get("results") or []
            usage = task.get("usage") if isinstance(task.get("usage"), Mapping) else None
            if not isinstance(results, list):
                raise TransportError("malformed query answer (results)", endpoint=V2_QUERY)
            return TaskSnapshot(
                state, [Output.from_v2(e, usage) for e in results if isinstance(e, Mapping)]
            )
        if state in DONE:
            if task.get("failedReason"):
                failure: Exception = TaskFailedError(
                    "task failed", code=805, endpoint=V2_QUERY, data=task, task_id=task_id
                )
            elif state == "CANCEL":
                failure = TaskFailedError(
                    "task cancelled", code=805, endpoint=V2_QUERY, data=task, task_id=task_id
                )
            else:
                failure = _failed_without_reason(V2_QUERY, task_id)
            return TaskSnapshot(state, failure=failure)
        return TaskSnapshot(state)

    def status(self, task_id: str) -> str | None:
        return self.snapshot(task_id).state

    def outputs(self, task_id: str) -> list[Output]:
        snap = self.snapshot(task_id)
        if snap.failure is not None:
            raise snap.failure
        if snap.outputs is None:
            running = snap.state == "RUNNING"
            raise TaskPendingError(
                f"outputs not ready (status {snap.state or 'unknown'})",
                code=804 if running else 813,
                endpoint=V2_QUERY,
                task_id=task_id,
            )
        return snap.outputs

    def upload(self, p: Path, kind: str, content: bytes, timeout: Timeout) -> UploadedFile:
        """v2 upload: one multipart field ``file`` (no type); success is ``code`` 0 or 200."""
        answer = self.transport.post(
            V2_UPLOAD, files={"file": (p.name, content)}, headers=self.headers(), timeout=timeout
        )
        if answer.get("code") == 200:
            answer = {**answer, "code": 0}
        return _uploaded(V2_UPLOAD, self.unwrap(V2_UPLOAD, answer, task_id=None))


WIRES: dict[str, type[V1]] = {"v1": V1, "v2": V2}


def _state(task: Any) -> str | None:
    value = task.get("status") if isinstance(task, Mapping) else None
    return str(value).strip().upper() if value not in (None, "") else None


def _failed_without_reason(path: str, task_id: str) -> TaskFailedError:
    return TaskFailedError(
        "task failed (no failedReason given)", code=805, endpoint=path, task_id=task_id
    )


def _uploaded(path: str, data: Any) -> UploadedFile:
    name = data.get("fileName") if isinstance(data, Mapping) else None
    if not isinstance(name, str) or not name:
        raise TransportError("malformed upload answer (no fileName)", endpoint=path)
    assert isinstance(data, Mapping)
    size = parse_number(data.get("size"))
    url = data.get("download_url") or data.get("downloadUrl")
    kind = data.get("type") or data.get("fileType")
    return UploadedFile(
        name,
        download_url=str(url) if url else None,
        size=int(size) if size is not None else None,
        file_type=str(kind) if kind else None,
    )
