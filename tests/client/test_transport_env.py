"""The transport's sessions read the proxy and CA-bundle variables once per scheme and host."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from rhconfig.client.transport import Transport


@pytest.fixture
def env_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs requests' own environment merge is asked about."""
    seen: list[str] = []
    original = requests.Session.merge_environment_settings

    def counting(self: requests.Session, url: Any, *args: Any) -> Any:
        seen.append(str(url))
        return original(self, url, *args)

    monkeypatch.setattr(requests.Session, "merge_environment_settings", counting)
    return seen


def test_the_environment_is_read_once_per_host(
    env_reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "files.example")
    session = Transport("https://www.runninghub.cn").safe
    first = session.merge_environment_settings(
        "https://www.runninghub.cn/task/openapi/status", {}, None, None, None)
    again = session.merge_environment_settings(
        "https://www.runninghub.cn/task/openapi/outputs", {}, None, None, None)
    other = session.merge_environment_settings(
        "https://files.example/out.png", {}, None, None, None)
    assert first["proxies"] == again["proxies"]
    assert first["proxies"].get("https") == "http://proxy.example:3128"
    assert "https" not in other["proxies"]  # NO_PROXY still counts, host by host
    assert len(env_reads) == 2  # one per host, not one per request
    again["proxies"]["https"] = "changed"  # a caller's copy: the memo is untouched
    assert session.merge_environment_settings(
        "https://www.runninghub.cn/x", {}, None, None, None)["proxies"]["https"] == (
        "http://proxy.example:3128")


def test_explicit_proxies_and_trust_env_off_go_requests_way(env_reads: list[str]) -> None:
    session = Transport("https://www.runninghub.cn").safe
    given = {"https": "http://mine.example:8080"}
    for _ in range(2):
        out = session.merge_environment_settings(
            "https://www.runninghub.cn/x", given, None, None, None)
        assert out["proxies"]["https"] == "http://mine.example:8080"
    session.trust_env = False
    session.merge_environment_settings("https://www.runninghub.cn/x", {}, None, None, None)
    assert len(env_reads) == 3
