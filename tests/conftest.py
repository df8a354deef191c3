"""Shared fixtures: paths, the corpus in ../shared (when present), a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Run ``rhconfig ARGS...`` in-process; returns exit code, stdout and stderr."""
    from rhconfig.cli import cli

    def invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        runner = CliRunner()
        res = runner.invoke(cli, list(args), env=env, input=input, catch_exceptions=False)
        return Result(res.exit_code, res.stdout, res.stderr)

    yield invoke


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "corpus: needs ../shared/corpus (fails under CI=true)")


@pytest.fixture(autouse=True)
def _corpus_or_reason(request: pytest.FixtureRequest) -> None:
    """A test marked ``corpus``: skipped with the reason without the corpus, failed under CI."""
    from helpers import corpus_gate

    if request.node.get_closest_marker("corpus") is not None:
        corpus_gate()


@pytest.fixture(autouse=True)
def _isolated_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads the developer's own config or key."""
    monkeypatch.setenv("RHCONFIG_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("RHCONFIG_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("RUNNINGHUB_API_KEY", raising=False)
    monkeypatch.delenv("RUNNINGHUB_BASE_URL", raising=False)
    monkeypatch.delenv("RHCONFIG_WORKFLOWS_DIR", raising=False)
    os.environ.setdefault("NO_COLOR", "1")
