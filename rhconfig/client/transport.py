"""HTTP to RunningHub: two sessions, one that retries and one that must not.

* ``safe``: status, outputs, cancel, getJsonApiFormat, accountStatus, upload (content-addressed)
  and file downloads. urllib3 ``Retry`` retries connect errors, read errors (timeouts, dropped
  connections) and HTTP 5xx, with exponential backoff and jitter; POST is allowed.
* ``create``: the same ``Retry`` for connect errors only (the request never left), with POST not
  in ``allowed_methods`` so urllib3 never re-sends it after a read error or a 5xx. Whether such a
  create registered a task is unknown: the caller turns that into ``CreateUncertainError``.

Only HTTP lives here: an answer is any JSON object on HTTP 200; reading it (v1 envelope, v2 task
object) is the protocol's job (``client/protocol.py``). Any other HTTP status or a body that is
not a JSON object is a transport failure, and whether the request may have had an effect is
decided here, from the HTTP exchange alone, so the rule is the same for both wires.

Headers (the v2 Bearer header) are given per request, never stored on a session, and no
exception raised here keeps the request (its headers) as a cause or context.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3 import BaseHTTPResponse
from urllib3.connectionpool import ConnectionPool
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError
from urllib3.util.retry import Retry

from rhconfig import __version__
from rhconfig.client.errors import TransportError

if TYPE_CHECKING:
    from typing import Self  # 3.11+; annotations only (rhconfig runs on 3.10)

log = logging.getLogger("rhconfig.client")
# One INFO record per retry (host, attempt, next wait); the CLI shows them on stderr.
retry_log = logging.getLogger("rhconfig.client.retry")


class ReportingRetry(Retry):
    """urllib3's ``Retry`` that says what it is doing: before each backoff sleep it logs the
    host, the attempt and the wait to ``rhconfig.client.retry`` (so a dead or slow host is
    not 16 silent seconds)."""

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        new = super().increment(method, url, response, error, _pool, _stacktrace)
        host = getattr(_pool, "host", None) or "RunningHub"
        port = getattr(_pool, "port", None)
        where = f"{host}:{port}" if port else str(host)
        if error is not None:
            cause = describe_exception(error)
        elif response is not None:
            cause = f"HTTP {response.status}"
        else:
            cause = "no answer"
        attempt = len(new.history)
        total = self.total if isinstance(self.total, int) else attempt
        retry_log.info(
            "rhconfig: %s: %s; retry %d of %d in %.1fs",
            where, cause, attempt, attempt + max(0, total - 1), new.get_backoff_time(),
        )
        return new

Timeout = float | tuple[float, float]


@dataclass(frozen=True)
class RetryPolicy:
    """How the retrying session retries (see urllib3's ``Retry``)."""

    attempts: int = 5
    backoff_factor: float = 0.5
    backoff_max: float = 30.0
    backoff_jitter: float = 0.5
    status_forcelist: frozenset[int] = field(
        default_factory=lambda: frozenset({500, 502, 503, 504})
    )

    def urllib3_retry(self, *, idempotent: bool) -> Retry:
        if idempotent:
            return ReportingRetry(
                total=self.attempts,
                connect=self.attempts,
                read=self.attempts,
                status=self.attempts,
                other=0,
                redirect=0,
                allowed_methods=frozenset({"GET", "HEAD", "POST", "PUT"}),
                status_forcelist=self.status_forcelist,
                backoff_factor=self.backoff_factor,
                backoff_max=self.backoff_max,
                backoff_jitter=self.backoff_jitter,
                raise_on_status=False,
                respect_retry_after_header=True,
            )
        # create: only errors where the request provably never reached the server.
        return ReportingRetry(
            total=self.attempts,
            connect=self.attempts,
            read=0,
            status=0,
            other=0,
            redirect=0,
            allowed_methods=frozenset({"GET", "HEAD"}),  # not POST: never re-sent after send
            status_forcelist=frozenset(),
            backoff_factor=self.backoff_factor,
            backoff_max=self.backoff_max,
            backoff_jitter=self.backoff_jitter,
            raise_on_status=False,
        )


class _Session(requests.Session):
    """A session that reads the proxy and CA-bundle variables once per scheme and host, as an
    httpx client does when it is made. requests reads them again for every request, walking
    the whole environment twice: 0.1 ms with 38 variables, a tenth of a request's CPU."""

    def __init__(self) -> None:
        super().__init__()
        self._environment: dict[tuple[Any, ...], Any] = {}

    def merge_environment_settings(
        self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any
    ) -> Any:
        if proxies or not self.trust_env:  # per-request proxies: requests' own way
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        text = url.decode() if isinstance(url, bytes) else str(url)
        parts = urlsplit(text)
        key = (parts.scheme, parts.netloc, stream, verify, cert)
        settings = self._environment.get(key)
        if settings is None:
            settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
            self._environment[key] = settings
        return {**settings, "proxies": dict(settings["proxies"])}


class Transport:
    """Posts JSON (or multipart) to ``base_url + path`` and returns the parsed JSON object."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: Timeout = (10.0, 60.0),
        retry: RetryPolicy | None = None,
        pool_size: int = 32,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(self.base_url).netloc
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.safe = self._session(idempotent=True, pool_size=pool_size)
        self.create = self._session(idempotent=False, pool_size=pool_size)

    def _session(self, *, idempotent: bool, pool_size: int) -> requests.Session:
        session = _Session()
        session.trust_env = True
        adapter = HTTPAdapter(
            max_retries=self.retry.urllib3_retry(idempotent=idempotent),
            pool_connections=4,
            pool_maxsize=pool_size,
        )
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        # The Host header follows the URL (requests derives it); no Authorization header.
        session.headers.update({"User-Agent": f"rhconfig/{__version__}"})
        return session

    def close(self) -> None:
        self.safe.close()
        self.create.close()

    def post(
        self,
        path: str,
        *,
        json_body: Mapping[str, Any] | None = None,
        data: Mapping[str, str] | None = None,
        files: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool = True,
        timeout: Timeout | None = None,
    ) -> dict[str, Any]:
        """POST and return the answer, a JSON object.

        Raises ``TransportError`` (``code=None``) for a connection failure, a timeout, a non-200
        status or a malformed body; ``.maybe_processed`` says whether the request may have had
        an effect on the server.
        """
        session = self.safe if idempotent else self.create
        failure: TransportError | None = None
        try:
            response = session.post(
                self.base_url + path,
                json=json_body,
                data=data,
                files=files,
                headers=dict(headers or {}),
                timeout=timeout if timeout is not None else self.timeout,
            )
        except requests.RequestException as exc:
            maybe = not _never_sent(exc)
            failure = _transport_error(path, describe_exception(exc), maybe, self.host)
        if failure is not None:
            raise failure  # outside the except: the request (its headers) is not the context
        with response:
            return parse_json_object(path, response, self.host)

    def put(self, url: str, body: Any, *, what: str, timeout: Timeout | None = None) -> None:
        """PUT ``body`` (bytes or a file) to a full ``url`` as ``application/octet-stream``
        (the LoRA upload target). No key goes with it: the URL carries its own signature.
        Sent on the session that never re-sends after the body left (a file is read once)."""
        failure: TransportError | None = None
        try:
            response = self.create.put(
                url,
                data=body,
                headers={"Content-Type": "application/octet-stream"},
                timeout=timeout if timeout is not None else self.timeout,
            )
        except requests.RequestException as exc:
            maybe = not _never_sent(exc)
            failure = _transport_error(what, describe_exception(exc), maybe, urlsplit(url).netloc)
        if failure is not None:
            raise failure
        with response:
            if not 200 <= response.status_code < 300:
                refused = 400 <= response.status_code < 500
                status = f"HTTP {response.status_code}"
                raise _transport_error(what, status, not refused, urlsplit(url).netloc)

    def get_envelope(
        self,
        path: str,
        params: Mapping[str, str],
        *,
        headers: Mapping[str, str] | None = None,
        timeout: Timeout | None = None,
    ) -> dict[str, Any]:
        """GET ``path`` with a query string (apiCallDemo) and return the answer (a JSON
        object); retried like the other idempotent calls. Errors name the path, never the query
        (it holds the key), and urllib3's debug log of the request line is redacted (see
        ``_QueryRedactor``)."""
        _QueryRedactor.install()
        failure: TransportError | None = None
        try:
            response = self.safe.get(
                self.base_url + path,
                params=dict(params),
                headers=dict(headers or {}),
                timeout=timeout if timeout is not None else self.timeout,
            )
        except requests.RequestException as exc:
            failure = _transport_error(path, describe_exception(exc), False, self.host)
        if failure is not None:
            raise failure  # outside the except: the request (its URL, headers) is not the context
        with response:
            return parse_json_object(path, response, self.host)

    def get(self, url: str, *, timeout: Timeout | None = None) -> requests.Response:
        """A streamed GET (for output files); the caller closes the response."""
        failure: TransportError | None = None
        try:
            response = self.safe.get(
                url, stream=True, timeout=timeout if timeout is not None else self.timeout
            )
        except requests.RequestException as exc:
            where = urlsplit(url).netloc
            failure = _transport_error("download", describe_exception(exc), True, where)
        if failure is not None:
            raise failure
        if response.status_code != 200:
            response.close()
            raise _transport_error("download", f"HTTP {response.status_code}", True)
        return response


class _QueryRedactor(logging.Filter):
    """Masks ``apiKey=...`` in urllib3's request-line debug messages (apiCallDemo takes the key
    in its query string, and urllib3 logs the URL it requests)."""

    _installed = False
    _pattern = re.compile(r"((?:^|[?&])api_?key=)[^&\s\"]*", re.IGNORECASE)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(
                self._pattern.sub(r"\1***", a) if isinstance(a, str) else a for a in args
            )
        if isinstance(record.msg, str):
            record.msg = self._pattern.sub(r"\1***", record.msg)
        return True

    @classmethod
    def install(cls) -> None:
        if not cls._installed:
            cls._installed = True
            logging.getLogger("urllib3.connectionpool").addFilter(cls())


def parse_json_object(path: str, response: requests.Response, host: str = "") -> dict[str, Any]:
    if response.status_code != 200:
        # a 4xx is a refusal (wrong path, too large...): the request had no effect
        refused = 400 <= response.status_code < 500
        status = f"HTTP {response.status_code} {response.reason or ''}".strip()
        raise _transport_error(path, status, not refused, host)
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        snippet = response.content[:60].decode("utf-8", "replace")
        raise _transport_error(path, f"malformed answer (not JSON): {snippet!r}", True) from None
    if not isinstance(body, dict):
        raise _transport_error(path, "malformed answer (not a JSON object)", True)
    return body


def _transport_error(
    path: str, message: str, maybe_processed: bool, host: str = ""
) -> TransportError:
    where = f" ({host})" if host else ""
    return TransportError(message + where, endpoint=path, maybe_processed=maybe_processed)


def _never_sent(exc: requests.RequestException) -> bool:
    """True only when the request provably never reached the server (connect phase)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError) and exc.args:
        inner = exc.args[0]
        if isinstance(inner, MaxRetryError):
            return isinstance(inner.reason, (NewConnectionError, ConnectTimeoutError))
    return False


def describe_exception(exc: BaseException) -> str:
    """A short cause without URLs' query strings or request bodies."""
    if isinstance(exc, requests.ReadTimeout):
        return "read timed out"
    if isinstance(exc, requests.ConnectTimeout):
        return "connect timed out"
    inner: BaseException | None = exc
    while isinstance(inner, (requests.RequestException, MaxRetryError)):
        nxt = inner.args[0] if inner.args and isinstance(inner.args[0], BaseException) else None
        if isinstance(inner, MaxRetryError) and inner.reason is not None:
            nxt = inner.reason
        if nxt is None:
            break
        inner = nxt
    if isinstance(inner, NewConnectionError):
        return "cannot connect"
    name = type(inner).__name__ if inner is not None else type(exc).__name__
    detail = str(inner.args[0]) if inner is not None and inner.args else ""
    if isinstance(inner, BaseException) and inner.__context__ is not None and not detail:
        detail = type(inner.__context__).__name__
    detail = detail.split("(")[0].strip().rstrip(":")[:80]
    return f"connection failed ({name}{': ' + detail if detail else ''})"
