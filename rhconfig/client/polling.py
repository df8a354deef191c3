"""Waiting for a task: poll its status with backoff until it ends or the deadline passes."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Protocol

from rhconfig.client.errors import (
    PromptTipsError,
    QueueFullError,
    RunningHubError,
    ServiceBusyError,
    TaskTimeoutError,
    TransportError,
)
from rhconfig.client.models import Output, TaskCreated, TaskSnapshot, describe_prompt_tips


class TaskSource(Protocol):
    """The calls a wait makes: what :class:`~rhconfig.client.RunningHub` offers, and no more."""

    def snapshot(self, task_id: str) -> TaskSnapshot: ...

    def cancel(self, task_id: str) -> None: ...


# Answers to a poll that say "not now" rather than "no": counted like a failed poll, not raised.
TRANSIENT = (TransportError, ServiceBusyError, QueueFullError)

log = logging.getLogger("rhconfig.client")


@dataclass(frozen=True)
class PollPolicy:
    """First wait ``initial`` seconds, then multiply by ``factor`` up to ``maximum``.

    ``transport_errors`` bounds consecutive failed polls (each already retried by the
    transport) before giving up.
    """

    initial: float = 2.0
    factor: float = 1.5
    maximum: float = 15.0
    transport_errors: int = 10

    def intervals(self) -> _Intervals:
        return _Intervals(self)


class _Intervals:
    def __init__(self, policy: PollPolicy) -> None:
        self.policy = policy
        self.current = policy.initial

    def next(self) -> float:
        value = self.current
        self.current = min(self.policy.maximum, self.current * self.policy.factor)
        return value


def wait_for_outputs(
    client: TaskSource,
    created: TaskCreated,
    *,
    deadline: float,
    poll: PollPolicy,
    strict_prompt: bool = True,
    cancel_on_timeout: bool = False,
) -> list[Output]:
    task_id = created.task_id
    if strict_prompt and not created.prompt_ok:
        assert created.prompt_tips is not None
        _cancel_quietly(client, task_id)
        raise PromptTipsError(
            f"ComfyUI rejected the prompt, the task would fail (cancelled): "
            f"{describe_prompt_tips(created.prompt_tips)}",
            prompt_tips=created.prompt_tips,
            name="PROMPT_TIPS",
            endpoint="/task/openapi/create",
            task_id=task_id,
        )
    waits = poll.intervals()
    failures = 0
    while True:
        state: str | None = None
        try:
            snap = client.snapshot(task_id)
            failures = 0
        except TRANSIENT as exc:
            failures += 1
            log.warning("task %s: poll failed (%s)", task_id, exc.message)
            if failures >= poll.transport_errors:
                raise
        else:
            state = snap.state
            if snap.failure is not None:
                raise snap.failure
            if snap.outputs is not None:
                return snap.outputs
        # None, CREATE, QUEUED, RUNNING or a state this client does not know: wait.
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            if cancel_on_timeout:
                _cancel_quietly(client, task_id)
            raise TaskTimeoutError(
                f"gave up waiting (last status {state or 'unknown'}); the task may still run"
                + ("; cancel was requested" if cancel_on_timeout else ""),
                name="TIMEOUT",
                task_id=task_id,
            )
        time.sleep(min(waits.next(), remaining))


def _cancel_quietly(client: TaskSource, task_id: str) -> None:
    try:
        client.cancel(task_id)
    except RunningHubError as exc:
        log.warning("task %s: cancel failed (%s)", task_id, exc)
