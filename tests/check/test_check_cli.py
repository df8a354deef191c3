"""``rhconfig check``: exit codes, --json shape, stdin, payloads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from check_helpers import WORKFLOW_ID, entry
from click.testing import CliRunner

from rhconfig.cli import cli

KEY = "k" * 32


def run(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(cli, ["check", *args], input=input, catch_exceptions=False)


def write(tmp_path: Path, document: Any, name: str = "ni.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_clean_list_exit_0(workflows_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, [entry("3", "steps", 30)])
    res = run(WORKFLOW_ID, path, "--workflows-dir", str(workflows_dir))
    assert res.exit_code == 0, res.output
    assert "ok: 0 error(s), 0 warning(s) in 1 entries" in res.output


def test_warnings_only_exit_0(workflows_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, [entry("3", "steps", "30")])
    res = run(WORKFLOW_ID, path, "--workflows-dir", str(workflows_dir))
    assert res.exit_code == 0
    assert "warning value_coerced" in res.output


def test_errors_exit_1_grouped_by_node(workflows_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, [
        entry("3", "steps", "abc"), entry("7", "text", None), entry("3", "cfg", 500),
    ])
    res = run(WORKFLOW_ID, path, "--workflows-dir", str(workflows_dir))
    assert res.exit_code == 1
    lines = res.output.splitlines()
    assert lines[0] == "node 3 'KSampler':"
    assert lines[1].startswith("  error   type_mismatch: node 3 'KSampler', field 'steps'")
    assert lines[2].startswith("  error   out_of_range: ")
    assert lines[3] == "node 7 'Negative':"
    assert lines[-1].startswith("FAILED: 3 error(s), 0 warning(s) in 3 entries")


def test_json_shape(workflows_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, [entry("3", "steps", "abc"), entry("3", "cfg", "7")])
    res = run(WORKFLOW_ID, path, "--json", "--workflows-dir", str(workflows_dir))
    assert res.exit_code == 1
    doc = json.loads(res.stdout)
    assert set(doc) == {"ok", "findings"}
    assert doc["ok"] is False
    assert [set(f) for f in doc["findings"]] == [
        {"severity", "code", "nodeId", "fieldName", "message", "hint"}
    ] * 2
    assert [(f["severity"], f["code"], f["nodeId"], f["fieldName"]) for f in doc["findings"]] == [
        ("error", "type_mismatch", "3", "steps"), ("warning", "value_coerced", "3", "cfg"),
    ]


def test_json_ok(workflows_dir: Path, tmp_path: Path) -> None:
    res = run(WORKFLOW_ID, write(tmp_path, []), "--json", "--workflows-dir", str(workflows_dir))
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    assert doc["ok"] is True
    assert [f["code"] for f in doc["findings"]] == ["unchanged_default"]


def test_stdin(workflows_dir: Path) -> None:
    res = run(WORKFLOW_ID, "-", "--json", "--workflows-dir", str(workflows_dir),
              input=json.dumps([entry("60", "text", "x")]))
    assert res.exit_code == 1
    assert json.loads(res.stdout)["findings"][0]["code"] == "unknown_node"


def test_payload_accepted_and_key_never_echoed(workflows_dir: Path, tmp_path: Path) -> None:
    payload = {"apiKey": KEY, "workflowId": WORKFLOW_ID,
               "nodeInfoList": [entry("3", "steps", "abc")]}
    for extra in ([], ["--json"]):
        res = run(WORKFLOW_ID, write(tmp_path, payload), *extra,
                  "--workflows-dir", str(workflows_dir))
        assert res.exit_code == 1
        assert KEY not in res.output


def test_payload_for_another_workflow_exit_2(workflows_dir: Path, tmp_path: Path) -> None:
    payload = {"apiKey": KEY, "workflowId": "999", "nodeInfoList": []}
    res = run(WORKFLOW_ID, write(tmp_path, payload), "--workflows-dir", str(workflows_dir))
    assert res.exit_code == 2
    assert "the payload is for workflow 999, not 123" in res.output
    assert KEY not in res.output


def test_payload_numeric_workflow_id_exit_2(workflows_dir: Path, tmp_path: Path) -> None:
    payload = {"workflowId": 123, "nodeInfoList": []}
    res = run(WORKFLOW_ID, write(tmp_path, payload), "--workflows-dir", str(workflows_dir))
    assert res.exit_code == 2
    assert "not a string" in res.output


def test_unreadable_inputs_exit_2(workflows_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    cases = [
        [WORKFLOW_ID, str(bad)],
        [WORKFLOW_ID, str(tmp_path / "missing.json")],
        [WORKFLOW_ID, write(tmp_path, {"something": 1}, "obj.json")],
        ["../etc", write(tmp_path, [], "empty.json")],
        ["456", write(tmp_path, [], "empty2.json")],  # no profile for it
    ]
    for args in cases:
        res = run(*args, "--workflows-dir", str(workflows_dir))
        assert res.exit_code == 2, (args, res.output)
        assert res.output.startswith("rhconfig: error: ")
    res = run(WORKFLOW_ID, "-", "--workflows-dir", str(workflows_dir), input="not json")
    assert res.exit_code == 2
    assert "standard input is not valid JSON" in res.output


def test_usage_error_exit_2(workflows_dir: Path) -> None:
    assert run(WORKFLOW_ID).exit_code == 2
