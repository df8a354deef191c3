"""``rhconfig mcp`` over stdio, driven by the MCP SDK's own client, against the local RunningHub.

One server process per test module: list, describe, wrong values as findings, a run that
succeeds, a run with a local file, a run refused before any request, task_status; the key in
no result and not on stderr.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp")

import anyio  # noqa: E402
from mcp import ClientSession, StdioServerParameters, stdio_client  # noqa: E402

from rhconfig.check.args_schema import args_properties  # noqa: E402
from rhconfig.store import WorkflowStore  # noqa: E402
from rhconfig.testing import FakeRunningHub  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
KEY = "mcpTestKey" + "7" * 22
T2I = "1900000000000000001"
I2I = "1900000000000000002"
APP = "1950000000000000001"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


# (label, tool, arguments): the whole session, in order; "tools/list" lists the tools.
SCRIPT: list[tuple[str, str, dict[str, Any]]] = [
    ("tools", "tools/list", {}),
    ("list", "list_workflows", {}),
    ("describe", "describe_workflow", {"id": T2I}),
    ("describe-unknown", "describe_workflow", {"id": "42"}),
    ("low", "check_inputs", {"id": T2I, "values": {"steps": 0}}),
    ("typo", "check_inputs", {"id": T2I, "values": {"stepz": 30}}),
    ("junk", "check_inputs", {"id": T2I, "values": "steps=30"}),
    ("raw", "check_inputs", {"id": T2I, "values": [
        {"nodeId": "3", "fieldName": "sampler_name", "fieldValue": "Euler"}]}),
    ("run", "run_workflow", {"id": T2I, "values": {"steps": 12, "seed": 7}}),
    ("status", "task_status", {"task_id": "from run"}),
    ("upload", "run_workflow", {"id": I2I, "wait": False, "values": [
        {"nodeId": "21", "fieldName": "image", "fieldValue": "CAT"}]}),
    ("refused", "run_workflow", {"id": T2I, "values": {"steps": 10001, "cfg": "high"}}),
    ("missing", "run_workflow", {"id": I2I, "values": [
        {"nodeId": "21", "fieldName": "image", "fieldValue": "/no/such/cat.png"}]}),
    ("no-task", "task_status", {"task_id": "123"}),
    ("app-describe", "describe_workflow", {"id": APP}),
    ("app-wrong", "check_inputs", {"id": APP, "values": {"aspect_ratio": "4:3"}}),
    ("app-run", "run_workflow", {"id": APP, "values": {"aspect_ratio": "16:9", "style": "CAT"}}),
]


@dataclass
class Step:
    result: Any
    requests: list[Any]  # what the local RunningHub received during the call


@dataclass
class Session:
    workflows: Path
    fake: FakeRunningHub
    stderr: str
    steps: dict[str, Step]


def _session(workflows: Path, fake: FakeRunningHub, image: Path, errpath: Path) -> Session:
    async def main() -> dict[str, Step]:
        params = StdioServerParameters(
            command=sys.executable,
            args=["-m", "rhconfig", "mcp", "--workflows-dir", str(workflows)],
            env={"RUNNINGHUB_API_KEY": KEY, "RUNNINGHUB_BASE_URL": fake.base_url,
                 "PYTHONPATH": str(REPO)},
            cwd=str(REPO),
        )
        steps: dict[str, Step] = {}
        with anyio.fail_after(120), errpath.open("w") as errlog:
            async with stdio_client(params, errlog=errlog) as (read, write):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    for label, name, args in SCRIPT:
                        if args.get("task_id") == "from run":
                            args = {"task_id": steps["run"].result.structured_content["taskId"]}
                        if label == "upload":
                            args["values"][0]["fieldValue"] = str(image)
                        if label == "app-run":
                            args["values"]["portrait_photo"] = str(image)
                            del args["values"]["style"]
                        before = len(fake.requests)
                        if name == "tools/list":
                            result: Any = await session.list_tools()
                        else:
                            result = await session.call_tool(name, args)
                        steps[label] = Step(result, list(fake.requests[before:]))
        return steps

    steps = anyio.run(main)
    return Session(workflows, fake, errpath.read_text("utf-8", errors="replace"), steps)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    root = tmp_path_factory.mktemp("mcp")
    workflows = root / "workflows"
    shutil.copytree(REPO / "workflows", workflows)
    image = root / "cat.png"
    image.write_bytes(PNG)
    with FakeRunningHub(workflows_dir=workflows, queue_seconds=0.05, run_seconds=0.1) as fake:
        yield _session(workflows, fake, image, root / "stderr.txt")


def creates(step: Step) -> list[Any]:
    """Task creations on either wire (v1 create, v2 run/workflow; v2 is the default)."""
    return [r for r in step.requests
            if r.path.endswith("/create") or r.path.startswith("/openapi/v2/run/workflow/")]


def data(result: Any) -> dict[str, Any]:
    assert len(result.content) == 1 and result.content[0].type == "text"
    parsed: dict[str, Any] = json.loads(result.content[0].text)
    assert parsed == result.structured_content
    return parsed


def test_list_and_describe(env: Session) -> None:
    tools, listed = env.steps["tools"].result, env.steps["list"].result
    described, unknown = env.steps["describe"].result, env.steps["describe-unknown"].result
    names = [t.name for t in tools.tools]
    assert names == ["list_workflows", "describe_workflow", "check_inputs", "run_workflow",
                     "task_status"]
    store = WorkflowStore(env.workflows)
    assert [w["id"] for w in data(listed)["workflows"]] == store.ids()
    profile = store.load_profile(T2I)
    found = data(described)
    assert [a["name"] for a in found["arguments"]] == list(args_properties(profile))
    steps = next(a for a in found["arguments"] if a["name"] == "steps")
    assert (steps["kind"], steps["default"], steps["minimum"], steps["maximum"]) == (
        "integer", 20, 1, 10000)
    assert (steps["nodeId"], steps["fieldName"]) == ("3", "steps")
    assert unknown.is_error and "no workflow '42'" in data(unknown)["error"]


def test_tool_schemas_come_from_the_args_schema(env: Session) -> None:
    by_name = {t.name: t.input_schema for t in env.steps["tools"].result.tools}
    store = WorkflowStore(env.workflows)
    for tool in ("check_inputs", "run_workflow"):
        schema = by_name[tool]
        assert schema["properties"]["id"]["enum"] == store.ids()
        for branch, workflow_id in zip(schema["allOf"], store.ids(), strict=True):
            assert branch["if"]["properties"]["id"]["const"] == workflow_id
            named = branch["then"]["properties"]["values"]["anyOf"][0]
            expected = args_properties(store.load_profile(workflow_id), local_files=True,
                                       clean=True)
            assert named["properties"] == expected


def test_wrong_values_are_findings_not_errors(env: Session) -> None:
    for label in ("low", "typo", "junk", "raw"):
        step = env.steps[label]
        assert not step.result.is_error
        assert data(step.result)["ok"] is False
        assert step.requests == []  # checking sends nothing
    (finding,) = data(env.steps["low"].result)["findings"]
    assert (finding["code"], finding["nodeId"], finding["fieldName"]) == (
        "out_of_range", "3", "steps")
    assert "minimum 1" in finding["message"]
    typo = data(env.steps["typo"].result)["findings"][0]
    assert typo["code"] == "unknown_field" and "'steps'" in typo["hint"]
    assert data(env.steps["junk"].result)["findings"][0]["code"] == "malformed_entry"
    assert data(env.steps["raw"].result)["findings"][0]["code"] == "not_in_enum"


def test_a_run_that_succeeds_then_its_status(env: Session) -> None:
    step = env.steps["run"]
    result = data(step.result)
    assert not step.result.is_error and result["ok"] and result["status"] == "SUCCESS"
    assert result["outputs"] and result["outputs"][0]["fileUrl"].startswith(env.fake.base_url)
    (create,) = creates(step)
    sent = {(e["nodeId"], e["fieldName"]): e["fieldValue"] for e in create.body["nodeInfoList"]}
    assert sent == {("3", "steps"): 12, ("3", "seed"): 7}
    status = data(env.steps["status"].result)
    assert status["status"] == "SUCCESS" and status["outputs"] == result["outputs"]
    assert env.steps["no-task"].result.is_error


def test_a_run_without_waiting_uploads_a_local_file(env: Session) -> None:
    step = env.steps["upload"]
    result = data(step.result)
    assert result["ok"] and result["taskId"] and "outputs" not in result
    paths = [r.path for r in step.requests]
    assert any("upload" in p for p in paths) and creates(step)
    assert paths[-1] == creates(step)[-1].path
    (entry,) = creates(step)[0].body["nodeInfoList"]
    assert entry["fieldValue"].startswith("openapi/") and entry["fieldValue"].endswith(".png")


def test_a_bad_run_is_refused_before_any_request(env: Session) -> None:
    refused, missing = env.steps["refused"], env.steps["missing"]
    for step in (refused, missing):
        assert step.result.is_error and data(step.result)["sent"] is False
        assert step.requests == []  # no upload, no create: nothing at all
    codes = {f["code"] for f in data(refused.result)["findings"]}
    assert codes == {"out_of_range", "type_mismatch"}
    assert data(missing.result)["findings"][0]["code"] == "invalid_media_value"


def test_the_key_is_in_no_result_and_not_on_stderr(env: Session) -> None:
    assert len(env.steps) == len(SCRIPT)
    for step in env.steps.values():
        assert KEY not in step.result.model_dump_json()
    assert KEY not in env.stderr


def test_an_app_profile_is_described_checked_and_run(env: Session) -> None:
    listed = {w["id"]: w for w in data(env.steps["list"].result)["workflows"]}
    assert listed[APP]["target"] == "app" and listed[APP]["name"]
    described = data(env.steps["app-describe"].result)
    ratio = next(a for a in described["arguments"] if a["name"] == "aspect_ratio")
    assert ratio["choices"] == ["1:1", "3:4", "16:9"]
    assert ratio["choiceLabels"][2]["description"] == "Wide, for banners"
    wrong = env.steps["app-wrong"]
    assert not wrong.result.is_error and wrong.requests == []
    assert data(wrong.result)["findings"][0]["code"] == "not_in_enum"
    run = env.steps["app-run"]
    result = data(run.result)
    assert result["ok"] and result["status"] == "SUCCESS" and result["outputs"]
    paths = [r.path for r in run.requests]
    app_run = "/openapi/v2/run/ai-app/1950000000000000001"  # the default wire, v2
    assert app_run in paths and not creates(run)
    started = next(r for r in run.requests if r.path == app_run)
    sent = {e["fieldName"]: e["fieldValue"] for e in started.body["nodeInfoList"]}
    assert sent["aspect_ratio"] == "16:9" and sent["image"].startswith("openapi/")
