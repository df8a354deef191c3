"""The guide's own client, kept working: RunningHub's four task-type examples, written as the
guide writes them on its ``RunningHubClient``, run unchanged against the local RunningHub after
one import line (``from rhconfig.compat import RunningHubClient``), on both wires."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests

from rhconfig.client import InvalidNodeInfoError, TaskFailedError
from rhconfig.compat import NodeInfoListError, RunningHubClient
from rhconfig.testing import SAMPLE_KEY, FakeRunningHub
from rhconfig.testing.clients import wire_path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "workflows"  # the guide's four workflows, with their profiles
API_KEY = SAMPLE_KEY
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)


# -- the guide's examples (only API_KEY, BASE_URL and the poll interval are ours) -------------


def text_to_image(BASE_URL: str) -> list[str]:  # noqa: N803 - the guide's names
    client = RunningHubClient(api_key=API_KEY, base_url=BASE_URL)
    workflow = client.get_workflow_json("1900000000000000001")
    print("prompt node:", workflow["6"]["inputs"]["text"])
    node_info_list = [
        {"nodeId": "6", "fieldName": "text", "fieldValue": "a cat sitting in the rain"},
        {"nodeId": "3", "fieldName": "seed", "fieldValue": 42},
    ]
    outputs = client.run_workflow(
        workflow_id="1900000000000000001", node_info_list=node_info_list, max_retries=300,
        interval=0.02,
    )  # fmt: skip
    return [o["fileUrl"] for o in outputs if o["fileType"] == "png"]


def image_to_image(BASE_URL: str, image_path: str) -> list[str]:  # noqa: N803
    client = RunningHubClient(api_key=API_KEY, base_url=BASE_URL)
    result = client.upload_image(image_path)
    file_name = result["data"]["fileName"]
    node_info_list = [
        {"nodeId": "21", "fieldName": "image", "fieldValue": file_name},
        {"nodeId": "6", "fieldName": "text", "fieldValue": "oil painting"},
    ]
    outputs = client.run_workflow(
        workflow_id="1900000000000000002", node_info_list=node_info_list, max_retries=300,
        interval=0.02,
    )  # fmt: skip
    return [o["fileUrl"] for o in outputs]


def style_transfer(BASE_URL: str, content_path: str, style_path: str) -> list[str]:  # noqa: N803
    client = RunningHubClient(api_key=API_KEY, base_url=BASE_URL)
    content = client.upload_image(content_path)["data"]["fileName"]
    style = client.upload_image(style_path)["data"]["fileName"]
    node_info_list = [
        {"nodeId": "21", "fieldName": "image", "fieldValue": content},
        {"nodeId": "24", "fieldName": "image", "fieldValue": style},
    ]
    outputs = client.run_workflow(
        workflow_id="1900000000000000003", node_info_list=node_info_list, max_retries=300,
        interval=0.02,
    )  # fmt: skip
    return [o["fileUrl"] for o in outputs]


def video_inpainting(BASE_URL: str, video_path: str, mask_path: str) -> list[str]:  # noqa: N803
    client = RunningHubClient(api_key=API_KEY, base_url=BASE_URL)
    video = client.upload_video(video_path)["data"]["fileName"]
    mask = client.upload_image(mask_path)["data"]["fileName"]
    node_info_list = [
        {"nodeId": "184", "fieldName": "video", "fieldValue": video},
        {"nodeId": "185", "fieldName": "image", "fieldValue": mask},
    ]
    outputs = client.run_workflow(
        workflow_id="1900000000000000004", node_info_list=node_info_list, max_retries=300,
        interval=0.02,
    )  # fmt: skip
    return [o["fileUrl"] for o in outputs]


# -- the tests ---------------------------------------------------------------------------------


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, api: str) -> Any:
    monkeypatch.setenv("RUNNINGHUB_API", api)
    monkeypatch.setenv("RHCONFIG_WORKFLOWS_DIR", str(EXAMPLES))  # the stored profiles
    with FakeRunningHub(workflows_dir=EXAMPLES, queue_seconds=0.01, run_seconds=0.02) as rh:
        yield rh


def test_the_guides_four_examples_run_unchanged(hub: FakeRunningHub, tmp_path: Path,
                                                api: str) -> None:  # fmt: skip
    image, style, mask = (tmp_path / n for n in ("in.png", "style.png", "mask.png"))
    for i, p in enumerate((image, style, mask)):
        p.write_bytes(PNG + bytes([i]))
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42 fake video")
    urls = text_to_image(hub.base_url)
    urls += image_to_image(hub.base_url, str(image))
    urls += style_transfer(hub.base_url, str(image), str(style))
    urls += video_inpainting(hub.base_url, str(video), str(mask))
    assert len(urls) == 4 and all(u.startswith(hub.base_url + "/files/") for u in urls)
    assert requests.get(urls[0], timeout=5).content.startswith(b"\x89PNG")
    assert [hub.task_state(t.task_id) for t in hub.tasks] == ["SUCCESS"] * 4
    uploads = [r for r in hub.requests if r.path == wire_path(api, "upload")]
    assert len(uploads) == 5 and len(hub.uploads) == 4  # the same image twice: one file
    creates = [r.path for r in hub.requests if "run/workflow" in r.path or "create" in r.path]
    assert creates == [wire_path(api, "create", f"190000000000000000{i}") for i in range(1, 5)]
    (video_task,) = [t for t in hub.tasks if t.workflow_id == "1900000000000000004"]
    sent = {(e["nodeId"], e["fieldName"]): e["fieldValue"] for e in video_task.node_info_list}
    assert sent[("184", "video")] in hub.uploads


def test_a_stored_profile_stops_a_wrong_list_before_sending(hub: FakeRunningHub) -> None:
    client = RunningHubClient(api_key=API_KEY, base_url=hub.base_url)
    for bad in (
        [{"nodeId": "6", "fieldName": "txt", "fieldValue": "x"}],  # no such field: 803
        [{"nodeId": "3", "fieldName": "steps", "fieldValue": 0}],  # out of range
        [{"nodeId": "3", "fieldName": "sampler_name", "fieldValue": "eulerx"}],  # not in enum
    ):
        with pytest.raises(NodeInfoListError, match="nothing was sent") as info:
            client.run_workflow("1900000000000000001", bad, interval=0.01)
        assert info.value.findings and info.value.workflow_id == "1900000000000000001"
    assert hub.requests == []


def test_without_a_profile_it_sends_as_the_guide_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, api: str
) -> None:
    monkeypatch.setenv("RUNNINGHUB_API", api)
    graph_dir = tmp_path / "served"
    graph_dir.mkdir()
    (graph_dir / "1900000000000000001.api.json").write_bytes(
        (EXAMPLES / "1900000000000000001.api.json").read_bytes()
    )
    with FakeRunningHub(workflows_dir=graph_dir, queue_seconds=0.01, run_seconds=0.02) as rh:
        client = RunningHubClient(API_KEY, rh.base_url, workflows_dir=tmp_path / "none")
        wrong = [{"nodeId": "6", "fieldName": "txt", "fieldValue": "x"}]
        with pytest.raises(InvalidNodeInfoError, match="803"):  # RunningHub's own answer
            client.run_workflow("1900000000000000001", wrong, interval=0.01)
        rh.fail_tasks(1)
        with pytest.raises(TaskFailedError):
            client.run_workflow("1900000000000000001", [], interval=0.01)
        create = wire_path(api, "create", "1900000000000000001")
        assert len([r for r in rh.requests if r.path == create]) == 2
