"""The corpus gate: without ../shared a corpus test is skipped with its reason, but fails the
run under CI=true; with the corpus it runs."""

from __future__ import annotations

from pathlib import Path

import helpers
import pytest


@pytest.fixture
def no_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helpers, "CORPUS_API", tmp_path / "corpus" / "api")
    monkeypatch.setattr(helpers, "CORPUS_UI", tmp_path / "corpus" / "ui")


def gate() -> BaseException | None:
    """What the gate raised (a skip or a failure), caught: a test of it must not be skipped."""
    try:
        helpers.corpus_gate()
    except (pytest.skip.Exception, pytest.fail.Exception) as exc:
        return exc
    return None


@pytest.mark.usefixtures("no_corpus")
@pytest.mark.parametrize("ci", ["", "false", "0"])
def test_a_users_clone_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    outcome = gate()
    assert isinstance(outcome, pytest.skip.Exception) and "the corpus is not at" in str(outcome)
    assert [p.id for p in helpers.corpus_files(helpers.CORPUS_API)] == ["corpus-missing"]


@pytest.mark.usefixtures("no_corpus")
@pytest.mark.parametrize("ci", ["true", "TRUE", "1"])
def test_ci_fails_the_run(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    outcome = gate()
    assert isinstance(outcome, pytest.fail.Exception), outcome
    assert "CI=true but the corpus is not at" in str(outcome)


def test_present_corpus_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for kind in ("api", "ui"):
        folder = tmp_path / kind
        folder.mkdir()
        (folder / "b.json").write_text("{}")
        (folder / "a.json").write_text("{}")
        monkeypatch.setattr(helpers, f"CORPUS_{kind.upper()}", folder)
    monkeypatch.setenv("CI", "true")
    assert gate() is None  # neither skips nor fails
    assert [p.name for p in helpers.corpus_files(tmp_path / "api")] == ["a.json", "b.json"]
