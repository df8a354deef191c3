"""A rescan keeps the user's edits; ``scan --check`` notices a changed workflow."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from helpers import GRAPHS, REPO, load_graph_fixture

from rhconfig.catalog_files import load_catalog
from rhconfig.merge import diff_profiles
from rhconfig.scan import scan_document


def edit_profile(path: Path, edits: dict[tuple[str, str], dict[str, Any]]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in data["inputs"]:
        item.update(edits.get((item["node_id"], item["field"]), {}))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_rescan_keeps_names_descriptions_and_expose(tmp_path: Path, run_cli: Any) -> None:
    wf = tmp_path / "wf"
    graph = tmp_path / "g.json"
    doc = load_graph_fixture("minimal-txt2img.json")
    graph.write_text(json.dumps(doc))
    assert (
        run_cli("scan", "42", "--from-file", str(graph), "--workflows-dir", str(wf)).exit_code == 0
    )
    edit_profile(
        wf / "42.yaml",
        {
            ("6", "text"): {"name": "prompt", "description": "What to draw"},
            ("3", "steps"): {"expose": False},
            ("3", "sampler_name"): {"expose": True},
        },
    )
    # The workflow changes on the server: node 5 goes, node 11 comes, a prompt changes.
    changed = copy.deepcopy(doc)
    del changed["5"]
    changed["3"]["inputs"]["latent_image"] = ["11", 0]
    changed["11"] = {
        "class_type": "EmptyLatentImage",
        "inputs": {"width": 64, "height": 64, "batch_size": 1},
    }
    changed["6"]["inputs"]["text"] = "a dog"
    graph.write_text(json.dumps(changed))
    res = run_cli("scan", "42", "--from-file", str(graph), "--workflows-dir", str(wf))
    assert res.exit_code == 0, res.output
    assert "vanished since the last scan: width (node 5 'width')" in res.stdout
    data = yaml.safe_load((wf / "42.yaml").read_text(encoding="utf-8"))
    by_key = {(i["node_id"], i["field"]): i for i in data["inputs"]}
    assert by_key[("6", "text")]["name"] == "prompt"
    assert by_key[("6", "text")]["description"] == "What to draw"
    assert by_key[("6", "text")]["default"] == "a dog"
    assert by_key[("3", "steps")]["expose"] is False
    assert by_key[("3", "sampler_name")]["expose"] is True
    # The kept names stay; the new node's inputs are named around them.
    assert by_key[("11", "width")]["name"] == "width"


def test_scan_check_reports_changes_and_writes_nothing(tmp_path: Path, run_cli: Any) -> None:
    wf = tmp_path / "wf"
    graph = tmp_path / "g.json"
    doc = load_graph_fixture("minimal-txt2img.json")
    graph.write_text(json.dumps(doc))
    args = ("scan", "7", "--from-file", str(graph), "--workflows-dir", str(wf))
    run_cli(*args)
    before = (wf / "7.yaml").read_bytes()
    ok = run_cli(*args, "--check")
    assert ok.exit_code == 0 and "matches" in ok.stdout
    doc["3"]["class_type"] = "KSamplerAdvanced"
    doc["5"]["inputs"]["width"] = ["9", 0]
    doc["12"] = {"class_type": "SaveImage", "inputs": {"filename_prefix": "x", "images": ["8", 0]}}
    del doc["7"]
    graph.write_text(json.dumps(doc))
    res = run_cli(*args, "--check")
    assert res.exit_code == 1
    out = res.stdout
    assert "node retyped: node 3: KSampler -> KSamplerAdvanced" in out
    assert "node added: node 12" in out
    assert "node removed: node 7" in out
    assert "input removed: node 5 'width'" in out
    assert "input added: node 12 'filename_prefix'" in out
    assert (wf / "7.yaml").read_bytes() == before


def test_scan_check_without_a_profile_fails(tmp_path: Path, run_cli: Any) -> None:
    res = run_cli(
        "scan",
        "7",
        "--from-file",
        str(GRAPHS / "minimal-txt2img.json"),
        "--workflows-dir",
        str(tmp_path),
        "--check",
    )
    assert res.exit_code == 1 and "no stored profile" in res.stdout
    assert not list(tmp_path.iterdir())


def test_diff_of_retyped_input() -> None:
    doc = load_graph_fixture("minimal-txt2img.json")
    before = scan_document(doc, load_catalog(), "1").profile
    doc["5"]["inputs"]["width"] = "512"
    doc["5"]["class_type"] = "SomethingElse"
    after = scan_document(doc, load_catalog(), "1").profile
    lines = [str(c) for c in diff_profiles(before, after)]
    assert "node retyped: node 5: EmptyLatentImage -> SomethingElse" in lines
    assert "input retyped: node 5 'width': integer/INT -> string/STRING" in lines


def test_rescan_keeps_names_the_naming_rules_would_now_derive_otherwise(
    tmp_path: Path, run_cli: Any
) -> None:
    """A profile written by an older rhconfig (``load_image_image``) keeps its names."""
    wf = tmp_path / "wf"
    graph = REPO / "workflows" / "1900000000000000002.api.json"
    args = ("scan", "1900000000000000002", "--from-file", str(graph), "--workflows-dir", str(wf))
    assert run_cli(*args).exit_code == 0
    path = wf / "1900000000000000002.yaml"
    assert "name: image\n" in path.read_text(encoding="utf-8")  # what the rules give today
    edit_profile(path, {("21", "image"): {"name": "load_image_image"}})
    old = yaml.safe_load(path.read_text(encoding="utf-8"))
    res = run_cli(*args)
    assert res.exit_code == 0, res.output
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["inputs"] == old["inputs"]
    # a second image loader arrives: the kept name stays, the new one is named around it
    doc = json.loads(graph.read_bytes())
    doc["40"] = {"class_type": "LoadImage", "inputs": {"image": "b.png"}}
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(doc))
    res = run_cli(*args[:3], str(changed), *args[4:])
    assert res.exit_code == 0, res.output
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_key = {(i["node_id"], i["field"]): i["name"] for i in data["inputs"]}
    assert by_key[("21", "image")] == "load_image_image"
    assert by_key[("40", "image")] == "image"
    assert all(by_key[(i["node_id"], i["field"])] == i["name"] for i in old["inputs"])
