"""Retrying a dead or slow host is said on stderr (host, attempt, next wait); the final error
names the host."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from rhconfig.cli import cli
from rhconfig.client import TransportError
from rhconfig.testing import FakeRunningHub
from rhconfig.testing.clients import fast_client


def test_cli_says_it_retries(fake_runninghub: FakeRunningHub) -> None:
    fake_runninghub.inject("http_error", 1, path="/uc/openapi/accountStatus", status=503)
    result = CliRunner().invoke(cli, ["account"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    host = fake_runninghub.base_url.split("://")[1]
    (line,) = [x for x in result.stderr.splitlines() if "retry" in x]
    assert line.startswith(f"rhconfig: {host}: HTTP 503; retry 1 of ")
    assert line.endswith("s") and " in " in line


def test_final_error_names_the_host() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = fast_client(f"http://127.0.0.1:{port}")
    with pytest.raises(TransportError) as info:
        client.account_status()
    assert f"127.0.0.1:{port}" in str(info.value)
