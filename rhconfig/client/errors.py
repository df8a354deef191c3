"""Exceptions raised by the RunningHub client, and the one table mapping API codes to them.

Every message is one line holding the code and its name (``code 803 APIKEY_INVALID_NODE_INFO``).
No message, repr or argument ever holds the API key: the client builds messages from the
server's answer only, and :func:`redact` strips the key should a server ever echo it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rhconfig.errors import RhconfigError


class RunningHubError(RhconfigError):
    """An error answer from RunningHub (``code != 0``) or a failure to get any answer.

    ``code`` is the envelope code (``None`` when there was no envelope), ``name`` its symbolic
    name, ``data`` the envelope's ``data`` (already free of the key), ``endpoint`` the API path.
    """

    def __init__(
        self,
        message: str,
        *,
        code: int | None = None,
        name: str = "",
        endpoint: str = "",
        data: Any = None,
        task_id: str | None = None,
    ) -> None:
        self.code = code
        self.name = name or code_name(code)
        self.endpoint = endpoint
        self.data = data
        self.task_id = task_id
        self.message = message
        super().__init__(self._line())

    def _line(self) -> str:
        head = f"RunningHub {self.endpoint or 'API'}: "
        if self.code is not None:
            head += f"code {self.code} {self.name}: "
        elif self.name:
            head += f"{self.name}: "
        tail = f" (task {self.task_id})" if self.task_id else ""
        return _one_line(head + self.message + tail)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, name={self.name!r})"

    def __reduce__(self) -> Any:  # keep pickling (multiprocessing) working with kw-only args
        return (_rebuild, (type(self), self.__dict__.copy()))


def _rebuild(cls: type[RunningHubError], state: dict[str, Any]) -> RunningHubError:
    exc = cls.__new__(cls)
    exc.__dict__.update(state)
    Exception.__init__(exc, exc._line())
    return exc


class MissingApiKeyError(RunningHubError):
    """No key was given and ``RUNNINGHUB_API_KEY`` is not set."""


class AuthError(RunningHubError):
    """The key is refused (801 free user, 802 invalid, 806 no such user, 811 corporate key)."""


class NotFoundError(RunningHubError):
    """No such workflow, task or app (380, 423, 807, 901)."""


class WorkflowNotRunError(RunningHubError):
    """810: the workflow was never run (or saved) in RunningHub's web UI."""


class InvalidNodeInfoError(RunningHubError):
    """803: a nodeInfoList entry names a node id or field the workflow does not have."""


class QueueFullError(RunningHubError):
    """421 concurrency limit of the key, 415 no instance free, 814 personal queue full."""


class InsufficientFundsError(RunningHubError):
    """416 or 812: not enough coins or money."""


class ValidationError(RunningHubError):
    """301 invalid parameters, 433 ComfyUI rejected the workflow."""


class InstanceError(RunningHubError):
    """435/436: a dedicated (48G) instance is needed or the membership expired."""


class UploadError(RunningHubError):
    """808 upload failed, 809 file too large; also raised locally before sending a bad file."""


class ServiceBusyError(RunningHubError):
    """v2's 1003 rate limit, 1005/1010/1012 server errors, 1011 model busy: nothing was done,
    try again later (a create or run answered with one of these is retried like 421)."""


class TaskPendingError(RunningHubError):
    """804 running / 813 queued (or ``data: null``): not an error, the outputs are not ready."""


class TaskFailedError(RunningHubError):
    """805: the task failed. ``failed_reason`` is RunningHub's ``failedReason`` object (v2 may
    send it as a string instead: that is ``failed_reason_text``; the message shows either)."""

    exit_code = 1

    def _reason(self) -> Any:
        data = self.data if isinstance(self.data, Mapping) else {}
        reason = data.get("failedReason")
        if isinstance(reason, str) and reason.strip().startswith("{"):
            try:
                reason = json.loads(reason)
            except ValueError:
                pass
        return reason

    @property
    def failed_reason(self) -> dict[str, Any]:
        reason = self._reason()
        return dict(reason) if isinstance(reason, Mapping) else {}

    @property
    def failed_reason_text(self) -> str:
        """``failedReason`` when it came as a plain string ("" otherwise)."""
        reason = self._reason()
        return reason.strip() if isinstance(reason, str) else ""

    def _line(self) -> str:
        reason = self.failed_reason
        if reason:
            self.message = describe_failed_reason(reason)
        elif self.failed_reason_text:
            self.message = f"task failed: {self.failed_reason_text}"
        return super()._line()


class PromptTipsError(RunningHubError):
    """ComfyUI's validation at create (``promptTips.result == false``): the task will fail."""

    exit_code = 1

    def __init__(self, message: str, *, prompt_tips: Mapping[str, Any], **kw: Any) -> None:
        self.prompt_tips = dict(prompt_tips)
        super().__init__(message, **kw)


class TransportError(RunningHubError):
    """No usable answer: connection failed, timed out, HTTP 5xx or a malformed body
    (after the retries allowed for the call). ``maybe_processed`` is False only when the
    request provably had no effect: it never left (connect phase) or was refused (HTTP 4xx)."""

    def __init__(self, message: str, *, maybe_processed: bool = True, **kw: Any) -> None:
        self.maybe_processed = maybe_processed
        kw.setdefault("name", "TRANSPORT")
        super().__init__(message, **kw)


class CreateUncertainError(TransportError):
    """A create whose request may have reached the server: a task may exist and be billed.

    Never retried automatically. ``workflow_id`` and ``node_info_list`` say what was sent.
    """

    def __init__(
        self,
        message: str,
        *,
        workflow_id: str,
        node_info_list: list[dict[str, Any]] | None,
        **kw: Any,
    ) -> None:
        self.workflow_id = workflow_id
        self.node_info_list = node_info_list
        super().__init__(message, **kw)


class TaskTimeoutError(RunningHubError):
    """``run`` gave up waiting: the task may still be running on RunningHub."""


# code -> (name, exception class). The single place where codes are interpreted.
CODES: dict[int, tuple[str, type[RunningHubError]]] = {
    301: ("PARAMS_INVALID", ValidationError),
    380: ("WORKFLOW_NOT_EXISTS", NotFoundError),
    412: ("TOKEN_INVALID", RunningHubError),
    415: ("TASK_INSTANCE_MAXED", QueueFullError),
    416: ("TASK_CREATE_FAILED_BY_NOT_ENOUGH_WALLET", InsufficientFundsError),
    421: ("TASK_QUEUE_MAXED", QueueFullError),
    423: ("TASK_NOT_FOUNED", NotFoundError),
    433: ("VALIDATE_PROMPT_FAILED", ValidationError),
    435: ("TASK_USER_EXCLAPI_INSTANCE_NOT_FOUND", InstanceError),
    436: ("TASK_USER_EXCLAPI_REQUIRED", InstanceError),
    500: ("UNKNOWN_ERROR", RunningHubError),
    801: ("APIKEY_UNSUPPORTED_FREE_USER", AuthError),
    802: ("APIKEY_UNAUTHORIZED", AuthError),
    803: ("APIKEY_INVALID_NODE_INFO", InvalidNodeInfoError),
    804: ("APIKEY_TASK_IS_RUNNING", TaskPendingError),
    805: ("APIKEY_TASK_STATUS_ERROR", TaskFailedError),
    806: ("APIKEY_USER_NOT_FOUND", AuthError),
    807: ("APIKEY_TASK_NOT_FOUND", NotFoundError),
    808: ("APIKEY_UPLOAD_FAILED", UploadError),
    809: ("APIKEY_FILE_SIZE_EXCEEDED", UploadError),
    810: ("WORKFLOW_NOT_SAVED_OR_NOT_RUNNING", WorkflowNotRunError),
    811: ("CORPAPIKEY_INVALID", AuthError),
    812: ("CORPAPIKEY_INSUFFICIENT_FUNDS", InsufficientFundsError),
    813: ("APIKEY_TASK_IS_QUEUED", TaskPendingError),
    814: ("PERSONAL_QUEUE_COUNT_LIMIT", QueueFullError),
    901: ("WEBAPP_NOT_EXISTS", NotFoundError),
    # the v2 upload envelope's bad key
    401: ("UNAUTHORIZED", AuthError),
    # the 1000 series (v2 only)
    1000: ("UNKNOWN", RunningHubError),
    1001: ("INVALID_URL", ValidationError),
    1002: ("KEY_OR_PERMISSION_INVALID", AuthError),
    1003: ("RATE_LIMITED", ServiceBusyError),
    1005: ("SERVER_ERROR", ServiceBusyError),
    1006: ("TIMEOUT", RunningHubError),
    1007: ("PARAMS_INVALID", ValidationError),
    1009: ("PARAMS_INVALID", ValidationError),
    1010: ("SERVER_ERROR", ServiceBusyError),
    1011: ("MODEL_BUSY", ServiceBusyError),
    1012: ("SERVER_ERROR", ServiceBusyError),
    1014: ("ENTERPRISE_KEY_REQUIRED", RunningHubError),
    1501: ("CONTENT_MODERATION", RunningHubError),
    1505: ("REAL_PEOPLE_NOT_ALLOWED", RunningHubError),
    1520: ("USER_CONCURRENCY_LIMIT", QueueFullError),
}

# Codes after which a task-creating request is sent again (with backoff): the server answered,
# so nothing was created. 421/1520: the key's concurrency limit; the rest: v2's "retry" codes.
RESUBMIT_CODES = frozenset({421, 1520, 1003, 1005, 1010, 1011, 1012})

# What to tell the user beyond the name, for the codes where the fix is not obvious.
HINTS: dict[int, str] = {
    380: "check the workflow id (an AI-app id is not a workflow id)",
    802: "check RUNNINGHUB_API_KEY, and that it belongs to this site (.cn and .ai keys differ)",
    803: "a nodeId or fieldName does not exist in the workflow",
    810: "open the workflow in RunningHub's web UI and run it once",
    421: "the key's concurrency limit is reached: wait for running tasks",
    1014: "this API needs an enterprise key",
    1501: "the content was refused by moderation",
    1505: "images of real people are not allowed here",
    1520: "the account's concurrency limit is reached: wait for running tasks",
}


def code_name(code: int | None) -> str:
    if code is None:
        return ""
    if code == 0:
        return "SUCCESS"
    return CODES.get(code, ("UNKNOWN_CODE", RunningHubError))[0]


def parse_code(code: Any) -> int | None:
    """An envelope ``code`` (int) or a v2 ``errorCode`` (numeric string) as an int; ``""``,
    null -> None (no error). A non-numeric string is UNKNOWN (-1), never success."""
    if code is None or isinstance(code, bool):
        return None
    if isinstance(code, int):
        return code
    text = str(code).strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return -1


def error_for(
    code: int | str,
    msg: str,
    *,
    endpoint: str,
    data: Any = None,
    task_id: str | None = None,
) -> RunningHubError:
    """The exception for an envelope ``{"code": code, "msg": msg, "data": data}`` or a v2 task
    object's ``errorCode`` (a numeric string) and ``errorMessage``."""
    parsed = parse_code(code)
    code = -1 if parsed is None else parsed
    name, cls = CODES.get(code, ("UNKNOWN_CODE", RunningHubError))
    text = msg.strip() if isinstance(msg, str) else ""
    if text.upper() in (name, "", "ERROR", "FAIL", "FAILED"):
        text = ""  # the server's msg often just repeats the name, which the line already holds
    hint = HINTS.get(code, "")
    if hint and hint not in text:
        text = f"{text}; {hint}" if text else hint
    text = text or "error"
    return cls(text, code=code, name=name, endpoint=endpoint, data=data, task_id=task_id)


def describe_failed_reason(reason: Mapping[str, Any]) -> str:
    """``node 3 (KSampler) raised RuntimeError: <message>`` plus the traceback's last line."""
    node_id = reason.get("node_id", "?")
    node_name = reason.get("node_name") or "?"
    exc_type = reason.get("exception_type") or "an exception"
    message = str(reason.get("exception_message") or "").strip()
    text = f"task failed: node {node_id} ({node_name}) raised {exc_type}"
    if message:
        text += f": {message}"
    last = _traceback_last_line(reason.get("traceback"))
    if last and last not in text:
        text += f" [at {last}]"
    return text


def _traceback_last_line(traceback: Any) -> str:
    lines: Any = traceback
    if isinstance(traceback, str):
        try:
            lines = json.loads(traceback)
        except ValueError:
            lines = traceback.splitlines()
    if not isinstance(lines, list):
        return ""
    frames = [str(x).strip() for x in lines if str(x).strip().startswith("File ")]
    return frames[-1].splitlines()[0] if frames else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


# Fields that hold a key (in clear or masked): dropped wherever an answer or request is kept.
KEY_FIELDS = frozenset({"apikey", "userapikey", "authorization"})


def redact(value: Any, secret: str | None) -> Any:
    """``value`` without key fields (``apiKey``, ``apikey``, ``userApiKey``, ``Authorization``)
    and with every occurrence of ``secret`` replaced, in strings inside dicts/lists too.

    The one redaction: the client applies it to answers, the fake to what it records."""
    if isinstance(value, str):
        return value.replace(secret, "***") if secret else value
    if isinstance(value, Mapping):
        return {
            k: redact(v, secret)
            for k, v in value.items()
            if not (isinstance(k, str) and k.lower() in KEY_FIELDS)
        }
    if isinstance(value, list):
        return [redact(v, secret) for v in value]
    return value
