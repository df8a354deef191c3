"""AI apps end to end against the local RunningHub: apiCallDemo, the app run, the commands."""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from app_helpers import EXAMPLE_APP, EXAMPLES, load

from rhconfig.cli.remote import describe_fake
from rhconfig.client import DEFAULT_API, InvalidNodeInfoError, NotFoundError, RunningHub
from rhconfig.runtime import ArgumentsError
from rhconfig.testing import FakeRunningHub
from rhconfig.testing.clients import fast_client, wire_path
from rhconfig.testing.sample import SAMPLE_KEY
from rhconfig.testing.server import file_bytes

DEMO = "/api/webapp/apiCallDemo"
APP_RUN = wire_path(DEFAULT_API, "ai-app", EXAMPLE_APP)  # the default wire's AI-app run


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeRunningHub]:
    """The fake serving the bundled examples, the example app among them."""
    with FakeRunningHub(workflows_dir=EXAMPLES, queue_seconds=0.01, run_seconds=0.02) as rh:
        monkeypatch.setenv("RUNNINGHUB_BASE_URL", rh.base_url)
        monkeypatch.setenv("RUNNINGHUB_API_KEY", SAMPLE_KEY)
        yield rh


@pytest.fixture
def client(hub: FakeRunningHub) -> Iterator[RunningHub]:
    with fast_client(hub) as c:
        yield c


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "me.png"
    path.write_bytes(file_bytes("1", "png"))
    return path


def test_api_call_demo_serves_the_kept_app_and_the_client_drops_curl(
    hub: FakeRunningHub, client: RunningHub
) -> None:
    raw = requests.get(hub.base_url + DEMO, params={"apiKey": SAMPLE_KEY,
                                                    "webappId": EXAMPLE_APP}, timeout=5).json()
    assert raw["code"] == 0 and SAMPLE_KEY in raw["data"]["curl"]  # as RunningHub does
    assert raw["data"]["statisticsInfo"]["useCount"] == "0"  # counts as strings
    data = client.api_call_demo(EXAMPLE_APP)
    assert "curl" not in data and SAMPLE_KEY not in json.dumps(data)
    kept = load(EXAMPLES / f"{EXAMPLE_APP}.app.json")
    assert data["nodeInfoList"] == kept["nodeInfoList"]
    assert data["webappName"] == kept["webappName"]
    gets = [r for r in hub.requests if r.path == DEMO]
    assert [r.method for r in gets] == ["GET", "GET"]
    assert all(SAMPLE_KEY not in repr(r) for r in gets)
    assert gets[-1].body == {"webappId": EXAMPLE_APP}
    assert hub.app_ids() == [EXAMPLE_APP]


def test_unknown_app_is_901_on_both_endpoints(client: RunningHub) -> None:
    with pytest.raises(NotFoundError) as err:
        client.api_call_demo("1950000000000000999")
    assert err.value.code == 901
    with pytest.raises(NotFoundError):
        client.run_ai_app("1950000000000000999", [])


def test_a_pair_not_in_the_apps_list_is_803(hub: FakeRunningHub, client: RunningHub) -> None:
    with pytest.raises(InvalidNodeInfoError) as err:
        client.run_ai_app(EXAMPLE_APP, [{"nodeId": "3", "fieldName": "cfg", "fieldValue": 7}])
    assert err.value.code == 803
    assert not hub.tasks
    created = client.run_ai_app(EXAMPLE_APP, [
        {"nodeId": "61", "fieldName": "style", "fieldValue": "sketch", "description": "风格"},
    ])
    outputs = client.wait(created, timeout=10)
    assert outputs and hub.tasks[0].ai_app and hub.tasks[0].workflow_id == EXAMPLE_APP


def test_an_added_app_replaces_the_kept_one(hub: FakeRunningHub, client: RunningHub) -> None:
    doc = load(EXAMPLES / f"{EXAMPLE_APP}.app.json")
    doc["nodeInfoList"] = doc["nodeInfoList"][:2]
    hub.add_app(EXAMPLE_APP, {"code": 0, "msg": "success", "data": doc})
    assert len(client.api_call_demo(EXAMPLE_APP)["nodeInfoList"]) == 2
    with pytest.raises(InvalidNodeInfoError):
        client.run_ai_app(EXAMPLE_APP, [{"nodeId": "3", "fieldName": "steps", "fieldValue": 9}])


def test_the_key_in_the_query_is_masked_in_urllib3s_debug_log(
    client: RunningHub, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="urllib3"):
        client.api_call_demo(EXAMPLE_APP)
    assert "apiCallDemo" in caplog.text
    assert SAMPLE_KEY not in caplog.text and "apiKey=***" in caplog.text


def test_fake_server_lists_its_apps(hub: FakeRunningHub) -> None:
    lines = describe_fake(hub.base_url, hub.workflow_ids(), (), EXAMPLES, hub.app_ids())
    assert f"serving 1 AI app: {EXAMPLE_APP}" in lines


def test_scan_check_gen_run_download_against_the_local_runninghub(
    hub: FakeRunningHub, run_cli: Any, tmp_path: Path, photo: Path
) -> None:
    folder = tmp_path / "profiles"
    url = f"https://www.runninghub.cn/ai-detail/{EXAMPLE_APP}"
    res = run_cli("scan", "--app", url, "--workflows-dir", str(folder))
    assert res.exit_code == 0, res.output
    assert (folder / f"{EXAMPLE_APP}.yaml").read_text("utf-8").replace(
        "kind: api", "kind: file") == (EXAMPLES / f"{EXAMPLE_APP}.yaml").read_text("utf-8")
    assert SAMPLE_KEY not in (folder / f"{EXAMPLE_APP}.app.json").read_text("utf-8")
    again = run_cli("scan", EXAMPLE_APP, "--check", "--workflows-dir", str(folder))
    assert again.exit_code == 0 and "matches the app's inputs" in again.stdout

    call = tmp_path / "call.json"
    call.write_text(json.dumps([{"nodeId": "61", "fieldName": "style", "fieldValue": "oil"}]))
    res = run_cli("check", EXAMPLE_APP, str(call), "--workflows-dir", str(folder))
    assert res.exit_code == 1 and "not_in_enum" in res.stdout

    module = tmp_path / "portrait.py"
    res = run_cli("gen", EXAMPLE_APP, "--workflows-dir", str(folder), "-o", str(module))
    assert res.exit_code == 0, res.output
    assert "StyleChoice = Literal[" in module.read_text("utf-8")

    out = tmp_path / "out"
    res = run_cli("run", EXAMPLE_APP, "--workflows-dir", str(folder),
                  "--set", f"portrait_photo=@{photo}", "--set", "style=watercolor",
                  "--set", "sampling_steps=30", "--download", str(out), "--json")
    assert res.exit_code == 0, res.output
    result = json.loads(res.stdout)
    saved = [Path(o["path"]) for o in result["outputs"]]
    assert saved and all(p.read_bytes().startswith(b"\x89PNG") for p in saved)
    (task,) = hub.tasks
    assert task.ai_app and task.workflow_id == EXAMPLE_APP
    sent = {(e["nodeId"], e["fieldName"]): e["fieldValue"] for e in task.node_info_list}
    assert sent[("52", "image")] in hub.uploads  # the upload's fileName, not the local path
    assert sent[("61", "style")] == "watercolor" and sent[("3", "steps")] == 30
    assert [r.path for r in hub.requests if r.method == "POST"][1] == APP_RUN
    assert SAMPLE_KEY not in res.output


def _import(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"rhconfig_app_test_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_generated_app_module_runs_the_app(
    hub: FakeRunningHub, client: RunningHub, run_cli: Any, tmp_path: Path, photo: Path
) -> None:
    target = tmp_path / "portrait_app.py"
    assert run_cli("gen", EXAMPLE_APP, "--workflows-dir", str(EXAMPLES), "-o",
                   str(target)).exit_code == 0
    app = _import(target)
    assert app.WEBAPP_ID == EXAMPLE_APP
    with pytest.raises(ArgumentsError) as err:
        app.run(client, style="oil", sampling_steps=99)
    assert "not one of the 3 choices" in str(err.value) and "above the maximum 60" in str(err.value)
    assert not hub.tasks  # nothing was sent
    outputs = app.run(client, portrait_photo=photo, style="sketch", upscale=True)
    assert outputs and hub.tasks[0].ai_app
    sent = {e["fieldName"]: e["fieldValue"] for e in hub.tasks[0].node_info_list}
    assert sent["style"] == "sketch" and sent["upscale"] is True
    assert sent["image"] in hub.uploads


@pytest.mark.parametrize(
    ("args", "path"),
    [
        ((), f"/openapi/v2/run/ai-app/{EXAMPLE_APP}"),  # v2 by default
        (("--api", "v2"), f"/openapi/v2/run/ai-app/{EXAMPLE_APP}"),
        (("--api", "v1"), "/task/openapi/ai-app/run"),
    ],
)
def test_run_submits_an_app_to_the_ai_app_endpoint_of_the_chosen_wire(
    hub: FakeRunningHub, run_cli: Any, args: tuple[str, ...], path: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("RUNNINGHUB_API", raising=False)
    res = run_cli("run", EXAMPLE_APP, "--workflows-dir", str(EXAMPLES), *args,
                  "--set", "style=sketch", "--poll", "0.01")
    assert res.exit_code == 0, res.output
    submits = [r.path for r in hub.requests if "create" in r.path or "run" in r.path]
    assert submits == [path]
    (task,) = hub.tasks
    assert task.ai_app and {e["fieldName"]: e["fieldValue"] for e in task.node_info_list} == {
        "style": "sketch"}
