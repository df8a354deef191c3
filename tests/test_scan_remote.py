"""``rhconfig scan`` against the local RunningHub over loopback: one id, many ids, failures."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import load_graph_fixture

import rhconfig.client
from rhconfig.client import RunningHub
from rhconfig.testing import FakeRunningHub
from rhconfig.testing.clients import FAST_RETRY
from rhconfig.testing.state import RecordedRequest

KEY = "k" * 32
FETCH = "/api/openapi/getJsonApiFormat"


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeRunningHub]:
    with FakeRunningHub(api_keys=[KEY]) as rh:
        graph = load_graph_fixture("minimal-txt2img.json")
        for n in range(1, 13):
            rh.add_workflow(f"19000000000000000{n:02d}", graph)
        rh.add_workflow("1900000000000000099", graph, ran=False)
        monkeypatch.setenv("RUNNINGHUB_BASE_URL", rh.base_url)
        monkeypatch.setenv("RUNNINGHUB_API_KEY", KEY)
        yield rh


def test_remote_scan_writes_profile_and_graph(
    hub: FakeRunningHub, tmp_path: Path, run_cli: Any
) -> None:
    res = run_cli("scan", "1900000000000000001", "--workflows-dir", str(tmp_path))
    assert res.exit_code == 0, res.output
    profile = (tmp_path / "1900000000000000001.yaml").read_text()
    assert "kind: api" in profile
    graph = json.loads((tmp_path / "1900000000000000001.api.json").read_text())
    assert graph == load_graph_fixture("minimal-txt2img.json")


def test_many_ids_concurrently_with_per_id_failures(
    hub: FakeRunningHub, tmp_path: Path, run_cli: Any
) -> None:
    ids = [f"19000000000000000{n:02d}" for n in range(1, 13)]
    listing = tmp_path / "ids.txt"
    listing.write_text("# my workflows\n" + "\n".join(ids[6:]) + "\n1900000000000000077\n")
    res = run_cli(
        "scan", *ids[:6], "1900000000000000099", "--from-list", str(listing),
        "--jobs", "4", "--workflows-dir", str(tmp_path / "wf"),
    )
    assert res.exit_code == 2
    assert "12 of 14 workflows scanned, 2 failed" in res.stderr
    assert "rhconfig: error: 1900000000000000077:" in res.stderr and "380" in res.stderr
    assert "rhconfig: error: 1900000000000000099:" in res.stderr and "810" in res.stderr
    assert len(list((tmp_path / "wf").glob("*.yaml"))) == 12
    assert KEY not in res.output


def test_wrong_key_is_one_line(
    hub: FakeRunningHub, tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNNINGHUB_API_KEY", "x" * 32)
    res = run_cli("scan", "1900000000000000001", "--workflows-dir", str(tmp_path))
    assert res.exit_code == 2
    assert "802" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert "x" * 32 not in res.output


def test_server_errors_are_retried_then_reported(
    hub: FakeRunningHub, tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command's client with the tests' tiny backoff: the retries are counted, not waited for.
    fast = functools.partial(RunningHub, retry=FAST_RETRY)
    monkeypatch.setattr(rhconfig.client, "RunningHub", fast)
    hub.inject("http_error", 2, path=FETCH)
    res = run_cli("scan", "1900000000000000001", "--workflows-dir", str(tmp_path))
    assert res.exit_code == 0, res.output
    assert [r.fault for r in _fetches(hub)] == ["http_error:500", "http_error:500", None]
    hub.inject("http_error", 50, path=FETCH)
    res = run_cli("scan", "1900000000000000002", "--workflows-dir", str(tmp_path))
    assert res.exit_code == 2 and "Traceback" not in res.output
    *retries, last = res.stderr.strip().splitlines()
    assert last.startswith("rhconfig: error: ")
    assert "RunningHub /api/openapi/getJsonApiFormat" in last
    assert all(" retry " in line and line.startswith("rhconfig: ") for line in retries)
    # the first try and FAST_RETRY.attempts retries (each one said), then the error is reported
    assert len(retries) == FAST_RETRY.attempts
    assert len(_fetches(hub)) == 3 + 1 + FAST_RETRY.attempts


def _fetches(hub: FakeRunningHub) -> list[RecordedRequest]:
    return [r for r in hub.requests if r.path == FETCH]


def test_batch_writes_in_id_order_and_a_failed_write_fails_only_its_id(
    hub: FakeRunningHub, tmp_path: Path, run_cli: Any
) -> None:
    """The threads fetch and scan; the writes happen as scans complete. A profile that cannot
    be written fails its own id, and the lines still come in the order the ids were given."""
    ids = [f"19000000000000000{n:02d}" for n in (5, 1, 9, 3, 7)]
    wf = tmp_path / "wf"
    (wf / f"{ids[2]}.yaml").mkdir(parents=True)  # a directory where the profile goes
    res = run_cli("scan", *ids, "--jobs", "3", "--no-graph", "--workflows-dir", str(wf))
    assert res.exit_code == 2
    assert "4 of 5 workflows scanned, 1 failed" in res.stderr
    assert f"rhconfig: error: {ids[2]}: cannot write" in res.stderr
    wrote = [ln.split(":")[0] for ln in res.stdout.splitlines() if ": wrote " in ln]
    assert wrote == [i for i in ids if i != ids[2]]
    assert sorted(p.stem for p in wf.glob("*.yaml") if p.is_file()) == sorted(
        i for i in ids if i != ids[2])
