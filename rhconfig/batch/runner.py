"""Running a batch: every line of JOBS through its ledger row, on worker threads.

Order of work: lines whose task was created by an earlier run are polled first (their tasks
hold slots of the key), then pending lines are sent, then (with ``retry_uncertain``) uncertain
ones. A worker takes a line through upload, create, wait and download, committing each state
change to the ledger before the action it allows. ``stop`` (Ctrl-C) makes :func:`run_batch`
return at once: workers are daemon threads, and whatever they were doing is what the ledger
says (a create in flight is ``sending``, which the next run reads as ``uncertain``).
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from rhconfig.atfile import PendingUpload
from rhconfig.batch.jobs import Job
from rhconfig.batch.ledger import Ledger, LedgerError, Row
from rhconfig.errors import RhconfigError

if TYPE_CHECKING:
    from rhconfig.client import Output, PollPolicy, RunningHub, TaskCreated, TaskSnapshot

log = logging.getLogger("rhconfig.batch")

DEFAULT_JOBS = 2  # tasks at once when neither --jobs nor the key says more (as run_many)
# On a stop, a create already on the wire gets this long for its answer, so that its line is
# recorded as created (not uncertain). Nothing else is waited for; a second Ctrl-C skips it.
CREATE_GRACE = 2.0
TASK_TIMEOUT = 6 * 3600.0  # a task still running after this stays 'created' for the next run


@dataclass(frozen=True)
class Target:
    """What the lines run: a workflow (``create``) or an AI app (``run_ai_app``)."""

    kind: str  # "workflow" | "app"
    id: str

    def as_meta(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id}

    def submit(self, client: RunningHub, node_info: list[dict[str, Any]]) -> TaskCreated:
        if self.kind == "app":
            return client.run_ai_app(self.id, node_info)
        return client.create(self.id, node_info)


@dataclass(frozen=True)
class BatchOptions:
    jobs: int | None = None  # tasks at once (the key's limit); None: DEFAULT_JOBS
    download: Path | None = None
    retry_uncertain: bool = False
    task_timeout: float = TASK_TIMEOUT
    poll: PollPolicy | None = None
    rebalance: float = 5.0  # seconds between accountStatus checks while below the limit


@dataclass
class BatchResult:
    counts: dict[str, int]
    workers: int = 0  # at most, during the run
    sent: int = 0  # creates sent by this run
    recovered: dict[str, int] = field(default_factory=dict)
    refused: list[tuple[int, str]] = field(default_factory=list)  # lines changed after sending
    download_errors: list[tuple[int, str]] = field(default_factory=list)
    halted: str | None = None  # why sending stopped early (auth, funds), if it did
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        """Every line succeeded, every download is there, nothing refused or interrupted."""
        total = sum(self.counts.values())
        return (
            self.counts.get("succeeded", 0) == total
            and not self.refused
            and not self.download_errors
            and not self.interrupted
        )


Progress = Callable[[dict[str, int]], None]


def output_names(line: int, outputs: Sequence[Output]) -> list[str]:
    """``line-0007_<node>_<n>.<ext>``: a file says its line; ``n`` counts a node's outputs."""
    seen: dict[str, int] = {}
    names: list[str] = []
    for out in outputs:
        node = re.sub(r"[^A-Za-z0-9-]+", "-", out.node_id or "output").strip("-") or "output"
        seen[node] = seen.get(node, 0) + 1
        base = unquote(urlsplit(out.file_url).path.rsplit("/", 1)[-1])
        ext = base.rpartition(".")[2] if "." in base else out.file_type
        ext = re.sub(r"[^A-Za-z0-9]+", "", ext).lower()[:10] or "bin"
        names.append(f"line-{line:04d}_{node}_{seen[node]}.{ext}")
    return names


def run_batch(
    client: RunningHub,
    target: Target,
    jobs: Sequence[Job],
    ledger: Ledger,
    options: BatchOptions,
    *,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> BatchResult:
    """Run (or resume) ``jobs`` with ``ledger``; returns when every line has an end state for
    this run, or at once when ``stop`` is set or the main thread gets KeyboardInterrupt."""
    started = time.monotonic()
    result = BatchResult(counts={}, recovered=ledger.recover())
    by_line = {job.line: job for job in jobs}
    result.refused = _sync(ledger, jobs)
    refused = {line for line, _ in result.refused}
    work: list[tuple[Row, Job | None]] = []
    polls = sends = 0
    rows = ledger.rows()
    for row in rows:
        job = by_line.get(row.line)
        if row.line in refused:
            continue
        if row.state == "created":
            work.append((row, job))
            polls += 1
    for row in rows:
        job = by_line.get(row.line)
        if job is None or row.line in refused:
            continue
        if row.state == "pending" or (row.state == "uncertain" and options.retry_uncertain):
            work.append((row, job))
            sends += 1
        elif row.state == "succeeded" and options.download is not None and _missing(row, options):
            work.append((row, job))
    run = _Run(client, target, ledger, options, stop or threading.Event(), result)
    result.workers = run.slots(polls, len(work))
    for item in work:
        run.queue.put(item)
    next_check = time.monotonic() + options.rebalance
    try:
        run.start(result.workers)
        while not run.finished.wait(0.2):
            if run.stop.is_set():
                break
            if progress is not None:
                progress(ledger.counts())
            if time.monotonic() >= next_check:
                run.rebalance()
                next_check = time.monotonic() + options.rebalance
    except KeyboardInterrupt:
        run.stop.set()
    result.interrupted = run.stop.is_set()
    result.workers = run.workers
    if result.interrupted:
        try:
            run.settle(CREATE_GRACE)
        except KeyboardInterrupt:
            pass
    result.seconds = time.monotonic() - started
    result.counts = ledger.counts()
    return result


def _sync(ledger: Ledger, jobs: Sequence[Job]) -> list[tuple[int, str]]:
    """Add new lines, take changes of lines never sent, refuse changes of lines sent."""
    refused: list[tuple[int, str]] = []
    lines = {job.line for job in jobs}
    known = {row.line: row for row in ledger.rows()}
    ledger.add_many([(j.line, j.digest, j.node_info) for j in jobs if j.line not in known])
    for job in jobs:
        row = known.get(job.line)
        if row is None:
            continue
        if row.hash != job.digest:
            if row.state in ("pending", "uploading"):
                ledger.replace_pending(job.line, job.digest, job.node_info)
            else:
                task = f" (task {row.task_id})" if row.task_id else ""
                refused.append((
                    job.line,
                    f"changed since it was sent{task}, state {row.state}: not run again; "
                    "restore the line, or move it to a new JOBS file",
                ))
    for row in known.values():
        if row.line not in lines and row.state in ("pending", "uploading"):
            ledger.remove_unsent(row.line)
    return refused


def _missing(row: Row, options: BatchOptions) -> bool:
    from rhconfig.client import Output

    assert options.download is not None
    outputs = [Output.from_api(o) for o in row.outputs or []]
    return any(not (options.download / n).exists() for n in output_names(row.line, outputs))


class _Run:
    """The shared state of one run's workers."""

    def __init__(
        self,
        client: RunningHub,
        target: Target,
        ledger: Ledger,
        options: BatchOptions,
        stop: threading.Event,
        result: BatchResult,
    ) -> None:
        self.client = client
        self.target = target
        self.ledger = ledger
        self.options = options
        self.stop = stop
        self.result = result
        self.queue: queue.Queue[tuple[Row, Job | None]] = queue.Queue()
        self.finished = threading.Event()
        self.halt = threading.Event()  # no more creates (auth or funds refused)
        self._lock = threading.Lock()
        self._live = 0
        self.workers = 0  # started so far
        self._sending = 0  # creates on the wire
        self._uploaded: dict[str, str] = {}  # expected name -> the name the upload gave
        self._upload_gates: dict[str, threading.Lock] = {}
        self._answered = threading.Condition(self._lock)

    def settle(self, grace: float) -> None:
        """Wait up to ``grace`` seconds for the creates on the wire to be answered."""
        deadline = time.monotonic() + grace
        with self._answered:
            while self._sending and (left := deadline - time.monotonic()) > 0:
                self._answered.wait(left)

    @property
    def limit(self) -> int:
        return self.options.jobs or DEFAULT_JOBS

    def slots(self, own: int, work: int) -> int:
        """Workers for ``work`` lines: the key's limit less the tasks others run on it (the
        account's running count less ``own``, this ledger's tasks still running)."""
        try:
            busy = self.client.account_status().current_task_counts
        except RhconfigError as exc:
            log.info("accountStatus failed (%s): assuming no other tasks run", exc)
            busy = 0
        others = max(0, busy - own)
        return max(1, min(work, self.limit - others)) if work else 0

    def start(self, workers: int) -> None:
        if workers == 0:
            self.finished.set()
            return
        self.grow(workers)

    def grow(self, count: int) -> None:
        """Start ``count`` more workers (none once the run has finished)."""
        with self._lock:
            if self.finished.is_set() or count <= 0:
                return
            first = self.workers
            self.workers += count
            self._live += count
        for i in range(first, first + count):
            threading.Thread(
                target=self._worker, name=f"rhconfig-batch-{i}", daemon=True
            ).start()

    def rebalance(self) -> None:
        """More workers when tasks of others that held the key's slots at the start have
        ended (accountStatus again), up to the limit; a 421 still waits in the client."""
        if self.workers >= self.limit or self.queue.empty():
            return
        counts = self.ledger.counts()
        own = counts["created"] + counts["sending"]
        target = self.slots(own, self.queue.qsize() + self._live)
        self.grow(min(target, self.limit) - self.workers)

    def _worker(self) -> None:
        try:
            while not self.stop.is_set():
                try:
                    row, job = self.queue.get_nowait()
                except queue.Empty:
                    return
                try:
                    self._line(row, job)
                except LedgerError:
                    return  # the run ended (ledger closed) while this line was in flight
                except Exception as exc:  # noqa: BLE001 - one line's bug must not stop the rest
                    log.exception("line %d: unexpected %s", row.line, type(exc).__name__)
                    self._note(row.line, f"unexpected {type(exc).__name__}: {exc}")
        finally:
            with self._lock:
                self._live -= 1
                if self._live == 0:
                    self.finished.set()

    def _note(self, line: int, error: str) -> None:
        row = self.ledger.get(line)
        if row is not None:
            self.ledger.set_state(line, row.state, expect=(row.state,), error=error)

    # -- one line ------------------------------------------------------------------------

    def _line(self, row: Row, job: Job | None) -> None:
        if row.state == "succeeded":
            self._download(row.line, row.outputs or [])
            return
        if row.state == "created":
            assert row.task_id is not None
            self._wait(row.line, _created(row.task_id))
            return
        assert job is not None
        if self.halt.is_set():
            return
        created = self._send(job, row.state)
        if created is not None:
            self._wait(job.line, created)

    def _send(self, job: Job, state: str) -> TaskCreated | None:

        ledger, line = self.ledger, job.line
        node_info = job.node_info
        if job.uploads:
            ledger.set_state(line, "uploading", expect=(state,))
            state = "uploading"
            try:
                names = {u.expected: self._upload(u) for u in job.uploads}
            except RhconfigError as exc:  # nothing that costs was sent: try again next run
                ledger.set_state(line, "pending", expect=(state,), error=str(exc))
                return None
            node_info = [_renamed(e, names) for e in node_info]
        if self.stop.is_set() or self.halt.is_set():
            if state != "pending":
                ledger.set_state(line, "pending", expect=(state,))
            return None
        ledger.set_state(
            line, "sending", expect=(state,), attempts_plus=1, sent_at=time.time(), error=None
        )
        with self._lock:
            self.result.sent += 1
            self._sending += 1
        try:
            return self._submit(line, node_info)
        finally:
            with self._answered:
                self._sending -= 1
                self._answered.notify_all()

    def _upload(self, upload: PendingUpload) -> str:
        """Upload a file once per run, however many lines name it (same bytes, same name)."""
        with self._lock:
            gate = self._upload_gates.setdefault(upload.expected, threading.Lock())
        with gate:  # a second line naming the file waits for the first upload's answer
            known = self._uploaded.get(upload.expected)
            if known is None:
                known = self.client.upload(upload.path, upload.file_type)
                self._uploaded[upload.expected] = known
        return known

    def _submit(self, line: int, node_info: list[dict[str, Any]]) -> TaskCreated | None:
        """Send the create of a line already ``sending``; record what came of it."""
        from rhconfig.client import (
            AuthError,
            CreateUncertainError,
            InsufficientFundsError,
            QueueFullError,
            RunningHubError,
            TransportError,
        )

        ledger = self.ledger
        try:
            created = self.target.submit(self.client, node_info)
        except CreateUncertainError as exc:
            ledger.set_state(line, "uncertain", expect=("sending",), error=str(exc))
            return None
        except (QueueFullError, InsufficientFundsError, AuthError) as exc:
            # no task was created: the line stays pending
            ledger.set_state(line, "pending", expect=("sending",), error=str(exc))
            if not isinstance(exc, QueueFullError):
                self.halt.set()
                self.result.halted = str(exc)
            return None
        except TransportError as exc:
            if exc.maybe_processed:  # not a create error (the client raises those as uncertain)
                ledger.set_state(line, "uncertain", expect=("sending",), error=str(exc))
            else:
                ledger.set_state(line, "pending", expect=("sending",), error=str(exc))
            return None
        except RunningHubError as exc:  # refused for this line (803, 301, 433, 380, ...)
            ledger.set_state(
                line, "failed", expect=("sending",), error=str(exc), finished_at=time.time()
            )
            return None
        ledger.set_state(
            line, "created", expect=("sending",), task_id=created.task_id,
            created_at=time.time(),
        )
        return created

    def _wait(self, line: int, created: TaskCreated) -> None:
        from rhconfig.client import (
            NotFoundError,
            PromptTipsError,
            RunningHubError,
            TaskFailedError,
        )
        from rhconfig.client.polling import wait_for_outputs

        ledger = self.ledger
        try:
            outputs = wait_for_outputs(
                _Stoppable(self.client, self.stop),
                created,
                deadline=time.monotonic() + self.options.task_timeout,
                poll=self.options.poll or self.client.poll,
            )
        except _Stopped:
            return  # the run stopped: the line stays 'created', polled by the next run
        except TaskFailedError as exc:
            ledger.set_state(
                line, "failed", expect=("created",), error=str(exc),
                failed_reason=exc.failed_reason or None, finished_at=time.time(),
            )
            return
        except (PromptTipsError, NotFoundError) as exc:
            ledger.set_state(
                line, "failed", expect=("created",), error=str(exc), finished_at=time.time()
            )
            return
        except RunningHubError as exc:  # timeout, network: the task is still ours to poll
            ledger.set_state(line, "created", expect=("created",), error=str(exc))
            return
        raw = [dict(o.raw) for o in outputs]
        ledger.set_state(
            line, "succeeded", expect=("created",), outputs=raw, error=None,
            finished_at=time.time(),
        )
        self._download(line, raw)

    def _download(self, line: int, raw: Sequence[Mapping[str, Any]]) -> None:
        from rhconfig.client import Output

        folder = self.options.download
        if folder is None or not raw:
            return
        outputs = [Output.from_api(o) for o in raw]
        names = output_names(line, outputs)
        todo = [(o, n) for o, n in zip(outputs, names, strict=True) if not (folder / n).exists()]
        if not todo:
            return
        try:
            self.client.download([o for o, _ in todo], folder, names=[n for _, n in todo])
        except (RhconfigError, OSError) as exc:
            with self._lock:
                self.result.download_errors.append((line, str(exc)))


class _Stopped(Exception):
    """The run was stopped while a worker waited for a task."""


class _Stoppable:
    """The calls a wait makes, refused once the run is stopped (so a worker ends at its next
    poll instead of polling on after the run returned)."""

    def __init__(self, client: RunningHub, stop: threading.Event) -> None:
        self.client = client
        self.stop = stop

    def _check(self) -> None:
        if self.stop.is_set():
            raise _Stopped

    def snapshot(self, task_id: str) -> TaskSnapshot:
        self._check()
        return self.client.snapshot(task_id)

    def cancel(self, task_id: str) -> None:
        self._check()
        self.client.cancel(task_id)


def _created(task_id: str) -> TaskCreated:
    from rhconfig.client import TaskCreated

    return TaskCreated(task_id, None, None, None, None)


def _renamed(entry: dict[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """An entry whose value stands in for an upload, with the name RunningHub gave it."""
    value = entry.get("fieldValue")
    if isinstance(value, str) and value in names:
        return {**entry, "fieldValue": names[value]}
    return entry
