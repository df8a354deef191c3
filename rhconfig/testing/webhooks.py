"""The fake's webhook: when a task created with ``webhookUrl`` ends, POST
``{"event": "TASK_END", "taskId", "eventData": "<the outputs answer as a JSON string>"}``,
retrying a slow or failing receiver a few times, as RunningHub does. Timers run on real time."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Delivery:
    url: str
    task_id: str
    body: dict[str, Any]
    attempts: int = 0
    status: int | None = None  # the receiver's last HTTP status; None if unreachable


class WebhookSender:
    def __init__(self, *, attempts: int = 3, timeout: float = 2.0, pause: float = 0.2) -> None:
        self.attempts = attempts
        self.timeout = timeout
        self.pause = pause
        self.deliveries: list[Delivery] = []
        self._timers: list[threading.Timer] = []
        self._lock = threading.Lock()
        self._closed = False

    def schedule(
        self, url: str, task_id: str, delay: float, answer: Callable[[], dict[str, Any]]
    ) -> None:
        timer = threading.Timer(max(0.0, delay), self._fire, args=(url, task_id, answer))
        timer.daemon = True
        with self._lock:
            if self._closed:
                return
            self._timers.append(timer)
        timer.start()

    def _fire(self, url: str, task_id: str, answer: Callable[[], dict[str, Any]]) -> None:
        body = {"event": "TASK_END", "taskId": task_id, "eventData": json.dumps(answer())}
        delivery = Delivery(url, task_id, body)
        with self._lock:
            self.deliveries.append(delivery)
        data = json.dumps(body).encode()
        for attempt in range(self.attempts):
            if self._closed:
                return
            delivery.attempts = attempt + 1
            request = urllib.request.Request(
                url, data=data, headers={"Content-Type": "application/json"}, method="POST"
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    delivery.status = response.status
                    return
            except urllib.error.HTTPError as exc:
                delivery.status = exc.code
            except (OSError, ValueError):
                delivery.status = None
            time.sleep(self.pause * (attempt + 1))

    def close(self) -> None:
        with self._lock:
            self._closed = True
            timers, self._timers = self._timers, []
        for timer in timers:
            timer.cancel()
