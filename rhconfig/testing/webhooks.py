"""The fake's webhook: when a task created with ``webhookUrl`` ends, POST
``{"event": "TASK_END", "taskId", "eventData": "<the answer about the task, as a JSON string>"}``,
retrying a slow or failing receiver a few times, as RunningHub does. Each delivery is kept as a
record (what ``getWebhookDetail`` shows, what ``retryWebhook`` sends again). Timers run on real
time."""

from __future__ import annotations

import itertools
import json
import random
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rhconfig.testing.state import FakeTask


def _now_text() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S")


@dataclass
class Delivery:
    url: str
    task_id: str
    body: dict[str, Any]
    owner: str = ""  # the task owner's key digest
    id: str = ""  # the record's id (19 digits): what retryWebhook takes
    attempts: int = 0
    status: int | None = None  # the receiver's last HTTP status; None if unreachable
    response: str = ""  # the receiver's last answer body (its start)
    created: str = field(default_factory=_now_text)
    updated: str = field(default_factory=_now_text)

    @property
    def succeeded(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class WebhookSender:
    def __init__(self, *, attempts: int = 3, timeout: float = 2.0, pause: float = 0.2) -> None:
        self.attempts = attempts
        self.timeout = timeout
        self.pause = pause
        self.deliveries: list[Delivery] = []
        self._timers: list[threading.Timer] = []
        self._lock = threading.Lock()
        self._closed = False
        self._ids = itertools.count(1_800_000_000_000_000_000 + random.randrange(10**15))

    def schedule(
        self, url: str, task: FakeTask, delay: float, event: Callable[[], Any]
    ) -> None:
        """At ``delay`` seconds, deliver ``event()`` (the eventData) for ``task`` to ``url``."""
        timer = threading.Timer(max(0.0, delay), self._fire, args=(url, task, event))
        timer.daemon = True
        with self._lock:
            if self._closed:
                return
            self._timers.append(timer)
        timer.start()

    def _fire(self, url: str, task: FakeTask, event: Callable[[], Any]) -> None:
        body = {"event": "TASK_END", "taskId": task.task_id, "eventData": event()}
        delivery = Delivery(url, task.task_id, body, owner=task.owner, id=str(next(self._ids)))
        with self._lock:
            self.deliveries.append(delivery)
        self._send(delivery, self.attempts)

    def find(self, *, task_id: str | None = None, webhook_id: str | None = None
             ) -> Delivery | None:  # fmt: skip
        with self._lock:
            for d in reversed(self.deliveries):
                if d.task_id == task_id or d.id == webhook_id:
                    return d
        return None

    def retry(self, delivery: Delivery, url: str | None) -> None:
        """Send ``delivery`` again (to ``url`` if given), once, in the background."""
        if url:
            delivery.url = url
        thread = threading.Thread(target=self._send, args=(delivery, 1), daemon=True)
        thread.start()

    def _send(self, delivery: Delivery, attempts: int) -> None:
        data = json.dumps(delivery.body).encode()
        for attempt in range(attempts):
            if self._closed:
                return
            delivery.attempts += 1
            delivery.updated = _now_text()
            request = urllib.request.Request(
                delivery.url,
                data=data,
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    delivery.response = response.read(2000).decode("utf-8", "replace")
                    delivery.status = response.status
                    return
            except urllib.error.HTTPError as exc:
                delivery.status = exc.code
                delivery.response = exc.read(2000).decode("utf-8", "replace")
            except (OSError, ValueError) as exc:
                delivery.status = None
                delivery.response = type(exc).__name__
            time.sleep(self.pause * (attempt + 1))

    def close(self) -> None:
        with self._lock:
            self._closed = True
            timers, self._timers = self._timers, []
        for timer in timers:
            timer.cancel()
