"""The local RunningHub validates values as RunningHub does, by ``rhconfig check``'s rules:
every value ``check`` calls an error gives ``promptTips`` with ``result: false`` (ComfyUI-style
``node_errors``) or a FAILED task (a media file no loader could find)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from check_helpers import REPO, build_profile, defaults_list, entry, mutations
from helpers import CORPUS_API, corpus_files

from rhconfig.check import has_errors, validate
from rhconfig.client import PromptTipsError, TaskFailedError
from rhconfig.graph import canonical_graph, loads
from rhconfig.testing import FakeRunningHub
from rhconfig.testing.clients import fast_client
from rhconfig.testing.validation import judge

BUNDLED = sorted((REPO / "workflows").glob("*.api.json"))
GRAPHS: list[Any] = [
    pytest.param(p, id=p.stem) if isinstance(p, Path) else p
    for p in BUNDLED + corpus_files(CORPUS_API)
]


def load(path: Path) -> dict[str, Any]:
    """The API graph (nodes only), as the fake serves a stored one."""
    return canonical_graph(loads(path.read_bytes(), str(path)))


def outputs_of(graph: dict[str, Any]) -> list[str]:
    return [nid for nid, n in graph.items() if "Save" in str(n.get("class_type"))] or ["1"]


@pytest.mark.parametrize("path", GRAPHS)
def test_every_check_error_fails_on_the_fake(path: Path) -> None:
    graph = load(path)
    profile = build_profile(graph, "1")
    base = defaults_list(profile)
    outs = outputs_of(graph)
    clean = judge(graph, base, set(), outs)
    assert clean.ok and clean.failure is None, clean
    tried = 0
    for n, inp in enumerate(profile.inputs):
        for bad, code in mutations(inp):
            items = list(base)
            items[n] = entry(inp.node_id, inp.field, bad)
            assert has_errors(validate(profile, items, probe_paths=False))
            verdict = judge(graph, items, set(), outs)
            tried += 1
            if code == "invalid_media_value":
                assert verdict.ok and verdict.failure is not None, (inp, bad)
                assert verdict.failure[0] == inp.node_id
                continue
            assert not verdict.ok, (inp, bad, code)
            tips = verdict.prompt_tips
            assert tips["error"]["type"] == "prompt_outputs_failed_validation"
            node = tips["node_errors"][inp.node_id]
            assert node["class_type"] == inp.class_type
            (error,) = node["errors"]
            expected = {
                "out_of_range": ("value_smaller_than_min", "value_bigger_than_max"),
                "not_in_enum": ("value_not_in_list",),
                "type_mismatch": ("invalid_input_type", "value_not_in_list"),
            }[code]
            assert error["type"] in expected and error["extra_info"]["input_name"] == inp.field
    # a value for a linked input is an error for check, and for the fake
    for nid, node in profile.nodes.items():
        for field in list(node.links)[:1]:
            verdict = judge(graph, [entry(nid, field, "x")], set(), outs)
            assert not verdict.ok and nid in verdict.prompt_tips["node_errors"]
    assert tried or not [i for i in profile.inputs if i.known]


def media_inputs(graph: dict[str, Any]) -> list[tuple[str, str, Any]]:
    profile = build_profile(graph, "1")
    return [(i.node_id, i.field, i.default) for i in profile.inputs
            if i.kind in ("image", "video", "audio") and i.known]


def test_media_values_that_a_loader_can_find() -> None:
    graph = load(REPO / "workflows" / "1900000000000000002.api.json")
    ((nid, field, default),) = media_inputs(graph)[:1]
    outs = outputs_of(graph)
    for ok in (default, "https://example.com/a.png", "api/" + "a" * 64 + ".png"):
        uploaded = {ok} if ok.startswith("api/") else set()
        verdict = judge(graph, [entry(nid, field, ok)], uploaded, outs)
        assert verdict.ok and verdict.failure is None, ok
    for bad in ("api/" + "b" * 64 + ".png", "never-uploaded.png", "/home/me/x.png"):
        verdict = judge(graph, [entry(nid, field, bad)], set(), outs)
        assert verdict.ok and verdict.failure is not None, bad
        node_id, exc, message = verdict.failure
        assert node_id == nid and exc == "FileNotFoundError" and bad in message


def first_failing_case(graph: dict[str, Any]) -> tuple[list[dict[str, Any]], str] | None:
    profile = build_profile(graph, "1")
    for inp in profile.inputs:
        for bad, code in mutations(inp):
            return [entry(inp.node_id, inp.field, bad)], code
    return None


@pytest.mark.parametrize("path", GRAPHS)
def test_over_http(path: Path) -> None:
    """Over loopback: a rejected value gives promptTips result false and a failing task; the
    media case a FAILED task whose failedReason names the loader; --lenient runs both."""
    graph = load(path)
    case = first_failing_case(graph)
    if case is None:
        pytest.skip("no known input to mutate")
    items, code = case
    with FakeRunningHub(queue_seconds=0.0, run_seconds=0.02) as fake:
        fake.add_workflow("1900000000000000999", graph)
        client = fast_client(fake)
        created = client.create("1900000000000000999", items)
        if code == "invalid_media_value":
            assert created.prompt_ok
            with pytest.raises(TaskFailedError) as failed:
                client.wait(created, timeout=20)
            reason = failed.value.failed_reason
            assert reason["node_id"] == items[0]["nodeId"]
            assert reason["exception_type"] == "FileNotFoundError"
        else:
            assert not created.prompt_ok
            assert created.prompt_tips is not None
            assert items[0]["nodeId"] in created.prompt_tips["node_errors"]
            with pytest.raises(PromptTipsError):
                client.wait(created, timeout=20)
            with pytest.raises(TaskFailedError):
                client.wait(created, timeout=20, strict_prompt=False)
        fake.set_lenient()
        again = client.create("1900000000000000999", items)
        assert again.prompt_ok and client.wait(again, timeout=20) is not None
