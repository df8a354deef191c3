"""Generated modules against the loopback RunningHub: the four examples, end to end."""

from __future__ import annotations

import shutil
import threading
import warnings
from pathlib import Path
from typing import Any

import pytest
from codegen_helpers import EXAMPLE_IDS, EXAMPLES

from rhconfig.codegen import plan_module
from rhconfig.runtime import ArgumentsError, RunManyError, StaleModuleWarning
from rhconfig.store import load_profile
from rhconfig.testing import FakeRunningHub

SUFFIX = {"image": ".png", "video": ".mp4", "audio": ".wav", "file": ".txt"}
MEDIA_COUNT = {
    "1900000000000000001": 0,
    "1900000000000000002": 1,
    "1900000000000000003": 2,
    "1900000000000000004": 2,
}
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def media_args(workflow_id: str, tmp_path: Path) -> dict[str, Path]:
    """A small local file for every media argument of the workflow."""
    args: dict[str, Path] = {}
    for p in plan_module(load_profile(workflow_id, EXAMPLES)).params:
        if p.kind in SUFFIX:
            path = tmp_path / f"{p.name}{SUFFIX[p.kind]}"
            path.write_bytes(PNG if p.kind == "image" else b"media-bytes")
            args[p.name] = path
    return args


def creates(hub: FakeRunningHub) -> list[Any]:
    """The bodies of the creates sent (v1 create, or v2 run with its id put back in)."""
    bodies: list[Any] = []
    for r in hub.requests:
        if r.path == "/task/openapi/create":
            bodies.append(r.body)
        elif r.path.startswith("/openapi/v2/run/workflow/"):
            bodies.append({"workflowId": r.path.rsplit("/", 1)[1], **r.body})
    return bodies


UPLOAD_PATHS = ("/task/openapi/upload", "/openapi/v2/media/upload/binary")


@pytest.mark.parametrize("workflow_id", EXAMPLE_IDS)
def test_run_uploads_media_and_returns_outputs(
    workflow_id: str, gen_module: Any, client: Any, hub: FakeRunningHub, tmp_path: Path
) -> None:
    module = gen_module(workflow_id)
    media = media_args(workflow_id, tmp_path)
    assert len(media) == MEDIA_COUNT[workflow_id]
    extra_args: dict[str, Any] = {} if workflow_id.endswith("4") else {"seed": 42}
    outputs = module.run(client, **media, **extra_args, timeout=30)
    assert outputs and all(o.file_url.startswith("http://127.0.0.1") for o in outputs)
    uploads = [r for r in hub.requests if r.path in UPLOAD_PATHS]
    assert len(uploads) == len(media)
    (body,) = creates(hub)
    assert body["workflowId"] == workflow_id
    sent = {(e["nodeId"], e["fieldName"]): e["fieldValue"] for e in body["nodeInfoList"]}
    profile = load_profile(workflow_id, EXAMPLES)
    for name in media:
        inp = profile.by_name[name]
        assert str(sent[inp.key]).startswith(("openapi/", "api/"))
    if "seed" in extra_args:
        assert 42 in sent.values()


def test_text_to_image_as_the_issue_shows(gen_module: Any, client: Any, hub: Any) -> None:
    text2img = gen_module("1900000000000000001")
    outputs = text2img.run(client, positive_prompt="a cat in the rain", seed=42)
    assert len(outputs) == 1
    (body,) = creates(hub)
    assert body["nodeInfoList"] == [
        {"nodeId": "3", "fieldName": "seed", "fieldValue": 42},
        {"nodeId": "6", "fieldName": "text", "fieldValue": "a cat in the rain"},
    ]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"steps": 0}, "out_of_range"),
        ({"steps": 10_001}, "out_of_range"),
        ({"steps": "20"}, "type_mismatch"),
        ({"cfg": "high"}, "type_mismatch"),
        ({"seed": True}, "type_mismatch"),
        ({"positive_prompt": 3}, "type_mismatch"),
        ({"extra": [("sampler_name", "euler_fast")]}, "not_in_enum"),
        ({"extra": [("sampler_nam", "euler")]}, "unknown_field"),
        ({"extra": [("steps", 3)]}, "unknown_field"),
    ],
)
def test_bad_value_fails_before_any_request(
    kwargs: dict[str, Any], code: str, gen_module: Any, client: Any, hub: FakeRunningHub
) -> None:
    text2img = gen_module("1900000000000000001")
    with pytest.raises(ArgumentsError) as info:
        text2img.run(client, **kwargs)
    assert code in [f.code for f in info.value.findings]
    assert hub.requests == []
    with pytest.raises(ArgumentsError):
        text2img.build_node_info(**kwargs)


def test_every_error_in_one_exception(gen_module: Any, client: Any, hub: Any) -> None:
    text2img = gen_module("1900000000000000001")
    with pytest.raises(ArgumentsError) as info:
        text2img.run(client, steps=0, cfg="x", width=1, extra=[("scheduler", "nope")])
    message = str(info.value)
    assert "4 invalid arguments" in message and "\n" not in message
    assert {"steps", "cfg", "width", "scheduler"} <= {
        f.field for f in info.value.findings if f.field
    }
    assert hub.requests == []


def test_bad_media_fails_before_any_request(
    gen_module: Any, client: Any, hub: FakeRunningHub, tmp_path: Path
) -> None:
    module = gen_module("1900000000000000003")
    (first, second) = media_args("1900000000000000003", tmp_path)
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"not an image")
    for bad in (tmp_path / "missing.png", video, "/home/me/cat.png", 7):
        with pytest.raises(ArgumentsError):
            module.run(client, **{first: bad, second: "api/abc.png"})
    assert hub.requests == []


def test_build_node_info_is_pure_and_refuses_paths(gen_module: Any, tmp_path: Path) -> None:
    module = gen_module("1900000000000000002")
    (name,) = media_args("1900000000000000002", tmp_path)
    entries = module.build_node_info(**{name: "api/0123abcd.png"}, steps=30)
    assert {"nodeId": "3", "fieldName": "steps", "fieldValue": 30} in entries
    with pytest.raises(ArgumentsError, match="a Path cannot go in a nodeInfoList"):
        module.build_node_info(**{name: tmp_path / "x.png"})
    assert module.build_node_info() == []


def test_run_many_in_order_within_concurrency(gen_module: Any, client: Any, hub: Any) -> None:
    hub.set_concurrency(2)
    text2img = gen_module("1900000000000000001")
    results = text2img.run_many(client, [{"seed": n} for n in range(5)], jobs=2, timeout=30)
    assert len(results) == 5 and all(len(r) == 1 for r in results)
    seeds = [b["nodeInfoList"][0]["fieldValue"] for b in creates(hub)]
    assert sorted(seeds) == list(range(5))


def test_run_many_checks_every_call_first(gen_module: Any, client: Any, hub: Any) -> None:
    text2img = gen_module("1900000000000000001")
    with pytest.raises(ArgumentsError, match="call 2"):
        text2img.run_many(client, [{"seed": 1}, {"seed": 2}, {"steps": -1}])
    with pytest.raises(ArgumentsError, match="did you mean 'seed'"):
        text2img.run_many(client, [{"sed": 1}])
    assert hub.requests == []


class _StubClient:
    """Records how many runs overlap; reports ``busy`` tasks already running."""

    def __init__(self, busy: int, fail: set[int] | None = None) -> None:
        self.busy = busy
        self.fail = fail or set()
        self.active = 0
        self.peak = 0
        self.lock = threading.Lock()

    def account_status(self) -> Any:
        return type("Status", (), {"current_task_counts": self.busy})()

    def run(self, workflow_id: str, entries: list[Any], **_: Any) -> list[Any]:
        import time

        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        time.sleep(0.02)
        with self.lock:
            self.active -= 1
        if entries and entries[0]["fieldValue"] in self.fail:
            raise RuntimeError(f"task for seed {entries[0]['fieldValue']} failed")
        return [entries[0]["fieldValue"]]


@pytest.mark.parametrize(("busy", "jobs", "peak"), [(0, 3, 3), (1, 3, 2), (5, 3, 1), (0, None, 2)])
def test_run_many_bound(gen_module: Any, busy: int, jobs: int | None, peak: int) -> None:
    text2img = gen_module("1900000000000000001")
    stub = _StubClient(busy)
    results = text2img.run_many(stub, [{"seed": n} for n in range(8)], jobs=jobs)
    assert results == [[n] for n in range(8)]
    assert stub.peak == peak


def test_run_many_reports_failures_after_the_rest(gen_module: Any) -> None:
    text2img = gen_module("1900000000000000001")
    stub = _StubClient(0, fail={1, 3})
    with pytest.raises(RunManyError) as info:
        text2img.run_many(stub, [{"seed": n} for n in range(5)], jobs=2)
    assert sorted(info.value.errors) == [1, 3]
    assert info.value.results == [[0], None, [2], None, [4]]


def test_stale_module_warns_with_the_command(
    gen_module: Any, client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text2img = gen_module("1900000000000000001")
    store = tmp_path / "wf"
    store.mkdir()
    monkeypatch.setenv("RHCONFIG_WORKFLOWS_DIR", str(store))
    profile_file = store / "1900000000000000001.yaml"
    shutil.copy(EXAMPLES / profile_file.name, profile_file)
    with warnings.catch_warnings():
        warnings.simplefilter("error", StaleModuleWarning)
        text2img.run(client, seed=1)  # same profile: no warning
    text = profile_file.read_text(encoding="utf-8")
    profile_file.write_text(text.replace("expose: false", "expose: true", 1), encoding="utf-8")
    with pytest.warns(StaleModuleWarning) as caught:
        text2img.run(client, seed=2)
    message = str(caught[0].message)
    assert f"rhconfig gen 1900000000000000001 -o {text2img.__file__}" in message


def test_hand_formatted_profile_is_not_stale(
    gen_module: Any, client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text2img = gen_module("1900000000000000001")
    monkeypatch.setenv("RHCONFIG_WORKFLOWS_DIR", str(tmp_path))
    text = (EXAMPLES / "1900000000000000001.yaml").read_text(encoding="utf-8")
    (tmp_path / "1900000000000000001.yaml").write_text("# my notes\n" + text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", StaleModuleWarning)
        text2img.run(client, seed=1)


def test_import_does_no_io(gen_module: Any, hub: FakeRunningHub) -> None:
    module = gen_module("1900000000000000004")
    assert module.WORKFLOW_ID == "1900000000000000004"
    assert len(module.PROFILE_SHA256) == 64
    assert hub.requests == []


def test_a_str_naming_a_local_file_says_pass_a_path(
    gen_module: Any, client: Any, hub: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = gen_module("1900000000000000002")
    (name,) = media_args("1900000000000000002", tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hero.png").write_bytes(b"\x89PNG hero")
    with pytest.raises(ArgumentsError, match=r"pass Path\('hero.png'\) to upload it"):
        module.run(client, **{name: "hero.png"})
    with pytest.raises(ArgumentsError, match=r"client.upload\(Path\('hero.png'\)\)"):
        module.build_node_info(**{name: "hero.png"})
    assert hub.requests == []
    module.run(client, **{name: Path("hero.png")})  # the wrapper's way: uploaded, then run
    assert len(hub.uploads) == 1
