"""The one key redaction: the client's and the local RunningHub's request log."""

from __future__ import annotations

import requests

from rhconfig.client.errors import redact
from rhconfig.testing import FakeRunningHub

KEY = "k" * 32


def test_redact_drops_key_entries_and_masks_echoes() -> None:
    value = {"apiKey": KEY, "ApiKey": KEY, "nested": [{"apikey": KEY, "note": f"is {KEY}!"}]}
    assert redact(value, KEY) == {"nested": [{"note": "is ***!"}]}
    assert redact({"apiKey": "other", "a": 1}, "") == {"a": 1}


def test_fake_request_log_holds_no_key_from_body_or_header() -> None:
    with FakeRunningHub() as rh:
        body = {"apiKey": KEY, "taskId": "1", "webhookUrl": f"http://x/?k={KEY}"}
        requests.post(f"{rh.base_url}/task/openapi/status", json=body, timeout=10)
        bearer = "b" * 32
        requests.post(f"{rh.base_url}/openapi/v2/query", json={"taskId": f"1{bearer}"},
                      headers={"Authorization": f"Bearer {bearer}"}, timeout=10)
        logged = [r.body for r in rh.requests]
    assert logged == [{"taskId": "1", "webhookUrl": "http://x/?k=***"}, {"taskId": "1***"}]
