"""``rhconfig scan`` and ``show`` from the command line: outputs, files, and errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, GRAPHS

UI = FIXTURES / "ui"

MINIMAL = str(GRAPHS / "minimal-txt2img.json")


def test_scan_writes_profile_and_graph(tmp_path: Path, run_cli: Any) -> None:
    res = run_cli("scan", "42", "--from-file", MINIMAL, "--workflows-dir", str(tmp_path))
    assert res.exit_code == 0
    assert "42: wrote" in res.stdout and "13 inputs" in res.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["42.api.json", "42.yaml"]
    graph = json.loads((tmp_path / "42.api.json").read_text())
    assert graph["6"]["inputs"]["text"] == "a cat"


def test_scan_no_graph_and_env_dir(
    tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RHCONFIG_WORKFLOWS_DIR", str(tmp_path))
    assert run_cli("scan", "42", "--from-file", MINIMAL, "--no-graph").exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["42.yaml"]


def test_scan_same_graph_same_bytes(tmp_path: Path, run_cli: Any) -> None:
    run_cli("scan", "42", "--from-file", MINIMAL, "--workflows-dir", str(tmp_path / "a"))
    run_cli("scan", "42", "--from-file", MINIMAL, "--workflows-dir", str(tmp_path / "b"))
    for name in ("42.yaml", "42.api.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["scan", "../x", "--from-file", MINIMAL], "invalid workflow id '../x'"),
        (["scan", "1", "--from-file", "/no/such/file.json"], "cannot read /no/such/file.json"),
        (["scan", "1", "--from-file", str(UI / "unknown-class.json")], "rhconfig catalog import"),
        (["scan", "1", "2", "--from-file", MINIMAL], "--from-file takes exactly one"),
        (["scan"], "give at least one WORKFLOW_ID"),
        (["show", "99"], "no profile for workflow 99"),
        (["show", "../../no/such/profile.yaml"], "cannot read profile"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, run_cli: Any, args: list[str], fragment: str
) -> None:
    res = run_cli(*args, "--workflows-dir", str(tmp_path))
    assert res.exit_code == 2
    assert fragment in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.output
    assert not list(tmp_path.glob("*.yaml"))


def test_scan_converts_a_ui_file_first(tmp_path: Path, run_cli: Any) -> None:
    ui = UI / "control-after-generate.json"
    res = run_cli("scan", "42", "--from-file", str(ui), "--workflows-dir", str(tmp_path))
    assert res.exit_code == 0, res.output
    graph = json.loads((tmp_path / "42.api.json").read_text())
    assert graph == json.loads((UI / "control-after-generate.api.json").read_text())
    assert "kind: ui-file" in (tmp_path / "42.yaml").read_text()


def test_scan_of_a_bare_ui_file_uses_catalog_defaults(tmp_path: Path, run_cli: Any) -> None:
    ui = GRAPHS / "ui-format.json"  # one KSampler, two widget values, no links
    res = run_cli("scan", "7", "--from-file", str(ui), "--workflows-dir", str(tmp_path))
    assert res.exit_code == 0, res.output
    inputs = json.loads((tmp_path / "7.api.json").read_text())["1"]["inputs"]
    assert inputs["seed"] == 1 and inputs["steps"] == 20 and "randomize" not in inputs.values()


def test_scan_partial_marks_unknown_nodes(tmp_path: Path, run_cli: Any) -> None:
    ui = UI / "unknown-class.json"
    res = run_cli("scan", "5", "--from-file", str(ui), "--partial", "--workflows-dir",
                  str(tmp_path))
    assert res.exit_code == 0, res.output
    assert "node 30 (MysteryUpscaler): 3 widget values could not be named" in res.stdout
    assert "known: false" in (tmp_path / "5.yaml").read_text()


def test_invalid_json_file(tmp_path: Path, run_cli: Any) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"3": {"class_type": ')
    res = run_cli("scan", "1", "--from-file", str(bad), "--workflows-dir", str(tmp_path))
    assert res.exit_code == 2
    assert "is not valid JSON" in res.stderr and "Traceback" not in res.output


def test_a_broken_profile_is_never_overwritten(tmp_path: Path, run_cli: Any) -> None:
    (tmp_path / "42.yaml").write_text("inputs: [oops\n")
    res = run_cli("scan", "42", "--from-file", MINIMAL, "--workflows-dir", str(tmp_path))
    assert res.exit_code == 2 and "not valid YAML" in res.stderr
    assert (tmp_path / "42.yaml").read_text() == "inputs: [oops\n"


def test_missing_key_for_remote_scan(tmp_path: Path, run_cli: Any) -> None:
    res = run_cli("scan", "42", "--workflows-dir", str(tmp_path))
    assert res.exit_code == 2
    assert "RUNNINGHUB_API_KEY" in res.stderr and "Traceback" not in res.output


def test_verbose_adds_a_traceback(tmp_path: Path, run_cli: Any) -> None:
    res = run_cli("-v", "show", "99", "--workflows-dir", str(tmp_path))
    assert res.exit_code == 2 and "Traceback" in res.stderr


def test_show_table_and_json(tmp_path: Path, run_cli: Any) -> None:
    run_cli("scan", "42", "--from-file", MINIMAL, "--workflows-dir", str(tmp_path))
    table = run_cli("show", "42", "--workflows-dir", str(tmp_path))
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[1].split() == ["name", "kind", "node", "field", "default", "constraints"]
    row = next(line for line in lines if line.startswith("steps "))
    assert "integer" in row and "1..10000" in row and "20" in row
    assert not any(line.startswith("sampler_name") for line in lines)
    assert any(
        line.startswith("sampler_name")
        for line in run_cli(
            "show", "42", "--all", "--workflows-dir", str(tmp_path)
        ).stdout.splitlines()
    )
    data = json.loads(run_cli("show", "42", "--json", "--workflows-dir", str(tmp_path)).stdout)
    assert data["workflow_id"] == "42" and len(data["inputs"]) == 13


def test_version(run_cli: Any) -> None:
    from rhconfig import __version__

    assert run_cli("--version").stdout.strip().endswith(__version__)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"1":{"class_type":"X","inputs":{"t":NaN}}}', "NaN or Infinity"),
        ('{"1":{"class_type":"X","inputs":{"t":"a\\ud800b"}}}', "node 1 field 't'"),
        ('{"1":{"class_type":"X","inputs":[1,2]}}', "'inputs' must be an object"),
        (b"\xff\xfe{}", "not valid JSON"),
    ],
)
def test_hostile_graphs_are_refused_in_one_line(
    tmp_path: Path, run_cli: Any, text: str | bytes, fragment: str
) -> None:
    graph = tmp_path / "g.json"
    if isinstance(text, bytes):
        graph.write_bytes(text)
    else:
        graph.write_text(text)
    res = run_cli("scan", "3", "--from-file", str(graph), "--workflows-dir", str(tmp_path / "w"))
    assert res.exit_code == 2, res.output
    assert fragment in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "w").exists() or not list((tmp_path / "w").iterdir())


def test_unwritable_workflows_dir_is_one_line(tmp_path: Path, run_cli: Any) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    res = run_cli("scan", "3", "--from-file", MINIMAL, "--workflows-dir", str(blocker / "sub"))
    assert res.exit_code == 2
    assert "cannot write" in res.stderr and len(res.stderr.strip().splitlines()) == 1
