"""``FakeRunningHub``: a real HTTP server on loopback speaking RunningHub's v1 and v2 APIs.

Same endpoints, answers (HTTP 200 + the v1 envelope's ``code`` or the v2 task's ``errorCode``),
error codes, string numbers and JSON-string fields as the real service, with one time-driven task
life cycle for both wires and fault injection (``v1.py`` and ``v2.py`` build each wire's answers;
``state.py`` holds the tasks)::

    with FakeRunningHub(workflows_dir="workflows", queue_seconds=0.05, run_seconds=0.1) as rh:
        client = RunningHub(api_key="x" * 32, base_url=rh.base_url)
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import logging
import os
import random
import re
import socket
import struct
import sys
import threading
import time
import urllib.parse
import zlib
from collections.abc import Callable, Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import rhconfig.testing.v1 as v1
import rhconfig.testing.v2 as v2
from rhconfig.client.errors import redact
from rhconfig.testing.state import (
    FailRule,
    FakeState,
    FakeTask,
    FaultRule,
    RecordedRequest,
    envelope,
    output_text,
)
from rhconfig.testing.webhooks import Delivery

log = logging.getLogger("rhconfig.testing")

MAX_BODY = 64 * 1024 * 1024
FAULT_KINDS = ("http_error", "drop", "delay", "malformed", "code")


class FakeRunningHub:
    """A stand-in RunningHub on ``127.0.0.1`` (a random free port unless ``port`` is given).

    Serves the workflows added with :meth:`add_workflow` and every ``ID.api.json`` graph under
    ``workflows_dir``, and the AI apps added with :meth:`add_app` (or :meth:`add_webapp`, from
    a graph) and every ``ID.app.json`` apiCallDemo answer under ``workflows_dir``. With
    ``api_keys=None`` any 32-character key is accepted.
    """

    def __init__(
        self,
        workflows_dir: str | os.PathLike[str] | None = None,
        api_keys: Iterable[str] | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        latency: float = 0.0,
        create_seconds: float = 0.0,
        queue_seconds: float = 0.05,
        run_seconds: float = 0.1,
        concurrency: int | None = None,
        max_upload_bytes: int = 30 * 1024 * 1024,
        remain_coins: int = 177814,
        clock: Callable[[], float] = time.monotonic,
        lenient: bool = False,
        on_request: Callable[[RecordedRequest], None] | None = None,
        log_path: str | os.PathLike[str] | None = None,
    ) -> None:
        """``clock`` drives the task life cycle (a test may pass one it controls).

        Values are validated as RunningHub does (:mod:`rhconfig.testing.validation`):
        ``promptTips`` with ``result: false`` for values ComfyUI rejects, a FAILED task for a
        media file no loader could find; ``lenient=True`` runs every task instead.
        ``on_request`` is called with each request once answered (the console line of
        ``rhconfig fake-server``); ``log_path``: append one JSON line per request there (see
        :meth:`log_line`).
        """
        self.state = FakeState(
            clock=clock,
            workflows_dir=workflows_dir,
            api_keys=None if api_keys is None else list(api_keys),
            create_seconds=create_seconds,
            queue_seconds=queue_seconds,
            run_seconds=run_seconds,
            concurrency=concurrency,
            max_upload_bytes=max_upload_bytes,
            remain_coins=remain_coins,
            lenient=lenient,
        )
        self.on_request = on_request
        self.latency = latency
        self.log_path = log_path
        self._log_lock = threading.Lock()
        self._host = host
        self._port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> FakeRunningHub:
        if self._server is not None:
            return self
        if not self.state.lenient:
            # validation's first use imports check and scan and loads the catalog (~0.3 s):
            # pay it here, not inside the first create a test may be timing
            import rhconfig.testing.validation  # noqa: F401
            from rhconfig.catalog_files import bundled_catalog

            bundled_catalog()
        server = _Server((self._host, self._port), _make_handler(self))
        server.daemon_threads = True
        server.block_on_close = False  # idle keep-alive handlers must not delay stop()
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.state.webhooks.close()
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeRunningHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeRunningHub is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self._host}:{self.port}"

    # -- content -------------------------------------------------------------------------

    def add_workflow(self, workflow_id: str, graph: Mapping[str, Any], ran: bool = True) -> None:
        """Serve ``graph`` as ``workflow_id``; ``ran=False`` answers 810 (never run in the UI)."""
        with self.state.lock:
            self.state.workflows[str(workflow_id)] = (json.loads(json.dumps(graph)), ran)

    def add_webapp(self, webapp_id: str, graph: Mapping[str, Any]) -> None:
        """Serve an AI app: ``/task/openapi/ai-app/run`` with ``webappId`` (v1) and
        ``/openapi/v2/run/ai-app/{webappId}`` (v2) run ``graph`` (the nodeInfoList checked
        against it as create's is: 803); an unknown app answers 901."""
        with self.state.lock:
            self.state.webapps[str(webapp_id)] = json.loads(json.dumps(graph))

    def add_app(self, webapp_id: str, document: Mapping[str, Any]) -> None:
        """Serve an AI app from its apiCallDemo answer (the envelope or its ``data``), as
        ``ID.app.json`` files in ``workflows_dir`` are served: apiCallDemo returns it, the
        AI-app run accepts exactly its (nodeId, fieldName) pairs (803 otherwise)."""
        from rhconfig.app import parse_app_document

        data = parse_app_document(json.loads(json.dumps(document))).data
        with self.state.lock:
            self.state.apps[str(webapp_id)] = data

    def workflow_ids(self) -> list[str]:
        return self.state.served_ids()

    def app_ids(self) -> list[str]:
        """The AI apps served: added ones and every ``ID.app.json`` of ``workflows_dir``."""
        return self.state.served_app_ids()

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far (bodies without the key), oldest first."""
        with self.state.lock:
            return list(self.state.requests)

    @property
    def tasks(self) -> list[FakeTask]:
        with self.state.lock:
            return list(self.state.tasks.values())

    @property
    def uploads(self) -> dict[str, int]:
        with self.state.lock:
            return dict(self.state.uploads)

    @property
    def webhooks(self) -> list[Delivery]:
        """Webhook POSTs made so far (tasks created with ``webhookUrl``)."""
        return list(self.state.webhooks.deliveries)

    @property
    def loras(self) -> dict[str, int]:
        """LoRAs received by PUT: ``api-lora-cn/<md5>.safetensors`` -> size."""
        with self.state.lock:
            return dict(self.state.loras)

    @staticmethod
    def log_line(record: RecordedRequest) -> dict[str, Any]:
        """A request as the log shows it: ``method``, ``path`` (no query string), ``auth``
        (``bearer``/``body``/``both``/``none``: how the key came), ``status`` (HTTP; null when
        the connection was dropped) and ``code`` (the envelope's ``code`` or the ``errorCode``,
        as a string; null when there is none). Never the key."""
        return {
            "method": record.method,
            "path": record.path,
            "auth": record.auth,
            "status": record.status,
            "code": record.wire_code,
        }

    def write_log(self, record: RecordedRequest) -> None:
        if self.log_path is None:
            return
        line = json.dumps(self.log_line(record), ensure_ascii=False) + "\n"
        with self._log_lock, open(self.log_path, "a", encoding="utf-8") as fh:
            fh.write(line)

    def task_state(self, task_id: str) -> str:
        with self.state.lock:
            return self.state.tasks[task_id].state(self.state.clock())

    # -- behaviour hooks -----------------------------------------------------------------

    def inject(
        self,
        kind: str,
        count: int = 1,
        *,
        path: str | None = None,
        after: bool = False,
        seconds: float = 0.0,
        status: int = 500,
        code: int = 500,
    ) -> None:
        """The next ``count`` requests (to ``path`` only, if given) get a fault:

        * ``http_error``: HTTP ``status`` (500) with an HTML body;
        * ``drop``: the connection is closed without an answer, before processing the request
          or, with ``after=True``, after processing it (a create is then registered);
        * ``delay``: ``seconds`` of extra wait, then a normal answer;
        * ``malformed``: HTTP 200 with a body that is not JSON (``after`` as for drop);
        * ``code``: an envelope with ``code`` (e.g. 421) instead of processing.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {FAULT_KINDS}")
        rule = FaultRule(kind, count, path, after, seconds, status, code)
        with self.state.lock:
            self.state.faults.append(rule)

    def random_faults(
        self,
        rate: float,
        kinds: Iterable[FaultRule | str] = ("http_error", "drop", "delay", "malformed"),
        *,
        seed: int = 0,
        path: str | None = None,
        seconds: float = 0.05,
    ) -> None:
        """From now on each request (to ``path`` only, if given) gets a fault with probability
        ``rate``, drawn from ``kinds`` (names as for :meth:`inject`, or ``FaultRule``s)."""
        rules = [
            k if isinstance(k, FaultRule) else FaultRule(k, 1, None, False, seconds) for k in kinds
        ]
        with self.state.lock:
            self.state.random_faults = (rate, rules, random.Random(seed), path)

    def clear_faults(self) -> None:
        with self.state.lock:
            self.state.faults.clear()
            self.state.random_faults = None

    def fail_tasks(
        self,
        count: int | None = 1,
        *,
        where: Callable[[FakeTask], bool] | None = None,
        node_id: str | None = None,
        exception_type: str = "torch.OutOfMemoryError",
        message: str | None = None,
    ) -> None:
        """The next ``count`` tasks created (matching ``where``; ``count=None``: all) fail."""
        reason: dict[str, Any] = {"node_id": node_id, "exception_type": exception_type}
        if message is not None:
            reason["message"] = message
        with self.state.lock:
            self.state.fail_rules.append(FailRule(where or (lambda t: True), count, reason))

    def reject_prompts(self, count: int = 1) -> None:
        """The next ``count`` creates answer ``promptTips`` with ``result: false`` (and fail)."""
        with self.state.lock:
            self.state.reject_prompts += count

    def set_lenient(self, lenient: bool = True) -> None:
        """Run every task whatever its values (``True``), or validate them as RunningHub does."""
        with self.state.lock:
            self.state.lenient = lenient

    def set_concurrency(self, limit: int | None) -> None:
        with self.state.lock:
            self.state.concurrency = limit


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-request (killed, timed out) is no error of the fake's:
        logged at debug level, not printed as a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            log.debug("client %s went away: %s", client_address, exc)
            return
        super().handle_error(request, client_address)


def _make_handler(fake: FakeRunningHub) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        hub = fake

    return Handler


class _Handler(BaseHTTPRequestHandler):
    hub: FakeRunningHub
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers + body in two writes stall on delayed ACKs
    timeout = 30  # idle keep-alive connections end after this
    server_version = "FakeRunningHub/1.0"
    _current: RecordedRequest | None = None  # the request being answered (for the log)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def _record(self, method: str, path: str, body: Any) -> RecordedRequest:
        bearer = _bearer(self.headers.get("Authorization"))
        in_body = isinstance(body, dict) and any(k.lower() == "apikey" for k in body)
        keys = [bearer] if bearer else []
        if isinstance(body, dict):
            keys += [str(v) for k, v in body.items() if k.lower() == "apikey" and v]
        record = RecordedRequest(
            method=method,
            path=path,
            body=_recorded_body(body, keys),
            host=self.headers.get("Host"),
            has_authorization="Authorization" in self.headers,
            at=time.monotonic(),
            auth={(True, True): "both", (True, False): "bearer", (False, True): "body"}.get(
                (bool(bearer), in_body), "none"
            ),
        )
        with self.hub.state.lock:
            self.hub.state.requests.append(record)
        self._current = record
        return record

    def handle_one_request(self) -> None:
        self._current = None
        super().handle_one_request()
        self._done()  # a request answered by no _send (a dropped connection)

    def _done(self) -> None:
        """Log and report the current request once, before its answer leaves (so a client that
        reads the log after its answer finds the line)."""
        record, self._current = self._current, None
        if record is not None:
            self.hub.write_log(record)
            if record.method == "POST" or record.path in v1.GET_ENDPOINTS:
                self._report(record)

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path in v1.GET_ENDPOINTS:
            params = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
            self._answer("GET", path, params)
            return
        self._record("GET", path, None)
        match = re.fullmatch(r"/files/(\d+)/([A-Za-z0-9_.-]+)", path)
        task = None
        if match:
            with self.hub.state.lock:
                task = self.hub.state.tasks.get(match.group(1))
        names = {name: ext for _, name, ext in task.output_files()} if task else {}
        if task is None or match is None or match.group(2) not in names:
            self._send(404, b"not found", "text/plain")
            return
        ext = names[match.group(2)]
        if ext == "txt":
            node_id = next(nid for nid, name, _ in task.output_files() if name == match.group(2))
            payload = output_text(task, node_id).encode("utf-8")
        else:
            payload = file_bytes(task.task_id, ext)
        self._send(200, payload, _mime(ext))

    def do_PUT(self) -> None:
        """The LoRA upload target that getLoraUploadUrl hands out (signed per md5)."""
        length = int(self.headers.get("Content-Length") or 0)
        path, _, query = self.path.partition("?")
        record = self._record("PUT", path, None)
        if length > MAX_BODY:
            self.close_connection = True
            self._send(413, b"too large", "text/plain")
            return
        raw = self.rfile.read(length) if length else b""
        state = self.hub.state
        fault = state.take_fault(path)
        if fault is not None and fault.kind in ("http_error", "drop"):
            record.fault = fault.label()
            self._fault(fault, path)
            return
        match = re.fullmatch(r"/lora-upload/([0-9a-f]{32})", path)
        with state.lock:
            target = state.lora_targets.get(match.group(1)) if match else None
            signed = target is not None and f"signature={target[0]}" in query.split("&")
            if match is None or not signed:
                status = 403
            elif hashlib.md5(raw, usedforsecurity=False).hexdigest() != match.group(1):
                status = 400
            else:
                state.loras[f"api-lora-cn/{match.group(1)}.safetensors"] = len(raw)
                status = 200
        self._send(status, b"" if status == 200 else b"refused", "text/plain")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        path = self.path.split("?")[0]
        if length > MAX_BODY:
            self._record("POST", path, None)
            self.close_connection = True
            self._send(413, b"too large", "text/plain")
            return
        raw = self.rfile.read(length) if length else b""
        self._answer("POST", path, parse_body(raw, self.headers.get("Content-Type", "")))

    def _answer(self, method: str, path: str, body: dict[str, Any] | None) -> None:
        """Record the request (without the key), apply faults, answer as the path's wire does."""
        state = self.hub.state
        record = self._record(method, path, body)
        is_v2 = path.startswith(v2.PREFIX)
        if self.hub.latency:
            time.sleep(self.hub.latency)
        fault = state.take_fault(path)
        if fault is not None:
            record.fault = fault.label()
            if fault.kind == "delay":
                time.sleep(fault.seconds)
            elif not fault.after:
                if fault.kind == "code":
                    record.code, record.wire_code = fault.code, str(fault.code)
                self._fault(fault, path)
                return
        bearer = _bearer(self.headers.get("Authorization"))
        answer: dict[str, Any]
        if body is None:
            answer, task_id = envelope(301, msg="request body is not JSON"), ""
            if is_v2:
                answer = v2.fault_answer(path, 301)
        elif is_v2:
            answer, task_id = v2.handle(state, path, body, self.hub.base_url, bearer)
        else:
            answer, task_id = v1.handle(state, path, body, self.hub.base_url, bearer, method)
        record.code, record.wire_code = v2.wire_code(path, answer)
        record.task_id = task_id or None
        if fault is not None and fault.after and fault.kind != "delay":
            self._fault(fault, path)
            return
        self._send(200, json.dumps(answer, ensure_ascii=False).encode(), "application/json")

    def _report(self, record: RecordedRequest) -> None:
        hook = self.hub.on_request
        if hook is not None:
            try:
                hook(record)
            except Exception:  # noqa: BLE001 - a console hook must not break the server
                log.exception("on_request hook failed")

    def _fault(self, fault: FaultRule, path: str) -> None:
        if fault.kind == "drop":
            self.close_connection = True
            self._done()
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        elif fault.kind == "http_error":
            self.close_connection = True
            self._send(fault.status, b"<html><body>502 Bad Gateway</body></html>", "text/html")
        elif fault.kind == "malformed":
            self._send(200, b'{"code": 0, "msg": "success", "data": {"taskId', "application/json")
        elif fault.kind == "code":
            answer = v2.fault_answer(path, fault.code) if path.startswith(v2.PREFIX) else None
            payload = json.dumps(answer or envelope(fault.code)).encode()
            self._send(200, payload, "application/json")

    def _send(self, status: int, payload: bytes, content_type: str) -> None:
        if self._current is not None:
            self._current.status = status
        self._done()
        try:
            self.log_request(status)
            reason = self.responses.get(status, ("",))[0]
            head = [
                f"{self.protocol_version} {status} {reason}",
                f"Server: {self.version_string()}",
                f"Date: {self.date_time_string()}",
                f"Content-Type: {content_type}",
                f"Content-Length: {len(payload)}",
            ]
            if self.close_connection:
                head.append("Connection: close")
            # headers and body in one write: no Nagle / delayed-ACK stall on keep-alive
            self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + payload)
        except OSError:  # the client went away (e.g. it timed out first)
            self.close_connection = True


def _mime(ext: str) -> str:
    return {"png": "image/png", "webp": "image/webp", "mp4": "video/mp4"}.get(
        ext, "application/octet-stream"
    )


def _bearer(header: str | None) -> str | None:
    """The key of an ``Authorization: Bearer <key>`` header (None if absent or empty)."""
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def _recorded_body(body: Any, keys: list[str]) -> Any:
    """The body without the keys it came with (body or Bearer header; the one redaction,
    shared with the client, also masks one echoed in another field) and with an uploaded file
    shown as its name and size."""
    if not isinstance(body, dict):
        return body
    shown = {
        k: (
            {"filename": v.get("filename"), "size": len(v.get("content", b""))}
            if k == "file" and isinstance(v, dict)
            else v
        )
        for k, v in body.items()
    }
    for key in keys:
        shown = redact(shown, key)
    return shown if keys else redact(shown, None)


def parse_body(raw: bytes, content_type: str) -> dict[str, Any] | None:
    """JSON object, or multipart form (fields as strings, ``file`` as filename + content)."""
    if content_type.lower().startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + raw
        )
        form: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            content = part.get_payload(decode=True)
            content = content if isinstance(content, bytes) else b""
            filename = part.get_filename()
            if filename is not None or name == "file":
                form[name] = {"filename": filename, "content": content}
            else:
                form[name] = content.decode("utf-8", "replace")
        return form
    try:
        body = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def file_bytes(task_id: str, ext: str) -> bytes:
    """A tiny valid PNG (1x1, task id in a tEXt chunk) or, for other types, marked bytes."""
    if ext != "png":
        return f"fake {ext} output of task {task_id}\n".encode()

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80\x80\x80")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"tEXt", b"task\x00" + task_id.encode())
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )
