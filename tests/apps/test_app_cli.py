"""The commands on AI apps from files: scan --app, show, check, gen, scan --check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from app_helpers import EMPTY, EXAMPLE_APP, EXAMPLES, HOSTILE, LEAKED_KEY, PORTRAIT, load

from rhconfig.ids import parse_id

URL = f"https://www.runninghub.cn/ai-detail/{EXAMPLE_APP}"


def _scan(run_cli: Any, folder: Path, *extra: str) -> Any:
    return run_cli("scan", "--app", EXAMPLE_APP, "--from-file", str(PORTRAIT),
                   "--workflows-dir", str(folder), *extra)


def test_scan_app_from_file_keeps_the_answer_without_the_key(run_cli: Any, tmp_path: Path) -> None:
    res = _scan(run_cli, tmp_path)
    assert res.exit_code == 0, res.output
    assert "AI app 'Anime portrait (example)': 6 inputs" in res.stdout
    kept = tmp_path / f"{EXAMPLE_APP}.app.json"
    assert sorted(p.name for p in tmp_path.iterdir()) == [kept.name, f"{EXAMPLE_APP}.yaml"]
    assert LEAKED_KEY not in kept.read_text("utf-8")
    assert "curl" not in json.loads(kept.read_text("utf-8"))
    # what is kept is the bundled example, and the profile is the committed one
    assert kept.read_text("utf-8") == (EXAMPLES / kept.name).read_text("utf-8")
    profile = (tmp_path / f"{EXAMPLE_APP}.yaml").read_text("utf-8")
    assert profile == (EXAMPLES / f"{EXAMPLE_APP}.yaml").read_text("utf-8")


def test_no_graph_and_url_ids(run_cli: Any, tmp_path: Path) -> None:
    res = run_cli("scan", URL, "--from-file", str(PORTRAIT), "--no-graph",
                  "--workflows-dir", str(tmp_path))
    assert res.exit_code == 0, res.output
    assert [p.name for p in tmp_path.iterdir()] == [f"{EXAMPLE_APP}.yaml"]
    shown = run_cli("show", URL, "--workflows-dir", str(tmp_path))
    assert shown.exit_code == 0 and shown.stdout.startswith(f"AI app {EXAMPLE_APP} 'Anime")
    assert "aspect_ratio" in shown.stdout and "one of 1:1, 3:4, 16:9" in shown.stdout


def test_parse_id_accepts_app_and_workflow_pages() -> None:
    assert parse_id(URL) == (EXAMPLE_APP, "app")
    assert parse_id(f"https://www.runninghub.ai/ai-detail/{EXAMPLE_APP}/?x=1") == (
        EXAMPLE_APP, "app")
    assert parse_id("https://www.runninghub.cn/workflow/123") == ("123", "workflow")
    assert parse_id("123") == ("123", None)


def test_empty_list_is_refused_with_advice(run_cli: Any, tmp_path: Path) -> None:
    res = run_cli("scan", "--app", "7", "--from-file", str(EMPTY), "--workflows-dir",
                  str(tmp_path))
    assert res.exit_code == 2
    assert "never run successfully on the web" in res.stderr and "Traceback" not in res.output
    assert not list(tmp_path.iterdir())


def test_a_workflow_profile_is_not_overwritten_by_an_app_scan(
    run_cli: Any, tmp_path: Path
) -> None:
    shutil.copy(EXAMPLES / "1900000000000000001.yaml", tmp_path / "1900000000000000001.yaml")
    before = (tmp_path / "1900000000000000001.yaml").read_bytes()
    res = run_cli("scan", "--app", "1900000000000000001", "--from-file", str(PORTRAIT),
                  "--workflows-dir", str(tmp_path))
    assert res.exit_code == 2 and "profile of workflow 1900000000000000001" in res.stderr
    assert (tmp_path / "1900000000000000001.yaml").read_bytes() == before


def test_check_a_wrong_app_call(run_cli: Any, tmp_path: Path) -> None:
    payload = {"webappId": EXAMPLE_APP, "nodeInfoList": [
        {"nodeId": "60", "fieldName": "aspect_ratio", "fieldValue": "4:3"},
        {"nodeId": "3", "fieldName": "cfg", "fieldValue": 7},
    ]}
    wrong = tmp_path / "call.json"
    wrong.write_text(json.dumps(payload), encoding="utf-8")
    res = run_cli("check", EXAMPLE_APP, str(wrong), "--workflows-dir", str(EXAMPLES))
    assert res.exit_code == 1
    assert "not_in_enum" in res.stdout and "unknown_field" in res.stdout
    assert f"FAILED: 2 error(s), 0 warning(s) in 2 entries for app {EXAMPLE_APP}" in res.stdout
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**payload, "webappId": "42"}), encoding="utf-8")
    res = run_cli("check", URL, str(other), "--workflows-dir", str(EXAMPLES))
    assert res.exit_code == 2 and "the payload is for app 42" in res.stderr
    # the saved apiCallDemo answer itself is a fine call
    res = run_cli("check", EXAMPLE_APP, str(PORTRAIT), "--workflows-dir", str(EXAMPLES))
    assert res.exit_code == 0, res.output


def test_scan_check_reports_changed_choices(run_cli: Any, tmp_path: Path) -> None:
    assert _scan(run_cli, tmp_path).exit_code == 0
    same = _scan(run_cli, tmp_path, "--check")
    assert same.exit_code == 0 and "profile matches the app's inputs" in same.stdout
    doc = load(PORTRAIT)
    entry = doc["data"]["nodeInfoList"][2]
    data = json.loads(entry["fieldData"])
    del data[1]
    entry["fieldData"] = json.dumps(data)
    doc["data"]["nodeInfoList"].pop()
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(doc), encoding="utf-8")
    res = run_cli("scan", EXAMPLE_APP, "--from-file", str(changed), "--check",
                  "--workflows-dir", str(tmp_path))  # the stored profile says: an app
    assert res.exit_code == 1, res.output
    assert "constraint changed: node 61 'style': choices" in res.stdout
    assert "input removed: node 70 'upscale'" in res.stdout


def test_gen_app_module(run_cli: Any, tmp_path: Path) -> None:
    assert run_cli("scan", "--app", "2", "--from-file", str(HOSTILE), "--workflows-dir",
                   str(tmp_path)).exit_code == 0
    res = run_cli("gen", "--all", "--workflows-dir", str(tmp_path), "-o", str(tmp_path / "m"))
    assert res.exit_code == 0, res.output
    source = (tmp_path / "m" / "app_2.py").read_text("utf-8")
    assert 'WEBAPP_ID = "2"' in source and "ModeChoice = Literal[" in source
    compile(source, "app_2.py", "exec")


@pytest.mark.parametrize("command", ["show", "gen"])
def test_app_profile_path_still_works(run_cli: Any, command: str) -> None:
    res = run_cli(command, str(EXAMPLES / f"{EXAMPLE_APP}.yaml"))
    assert res.exit_code == 0, res.output


def test_hostile_descriptions_stay_text_in_the_generated_module() -> None:
    import ast

    from rhconfig.codegen import generate
    from rhconfig.scan import scan_app_document

    source = generate(scan_app_document(load(HOSTILE), "2").profile)
    tree = ast.parse(source)
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    attrs = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert not {"__import__", "exec", "os"} & names and "system" not in attrs
    texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
             and isinstance(n.value, str)]
    # the 300-character description, the CJK one and the code are there, as text
    assert any("只有中文" in t for t in texts)
    assert any("__import__('os').system('id')" in t for t in texts)
    long = load(HOSTILE)["data"]["nodeInfoList"][3]["descriptionEn"]
    assert len(long) == 300 and any(long[:200] in " ".join(t.split()) for t in texts)
    literal_values = [n for n in ast.walk(tree) if isinstance(n, ast.Subscript)
                      and isinstance(n.value, ast.Name) and n.value.id == "Literal"]
    members = {c.value for s in literal_values for c in ast.walk(s) if isinstance(c, ast.Constant)}
    assert {'b"""x', "c\\", "a"} <= members  # LIST indexes exactly, quotes and backslash too


def test_schema_takes_an_app_url_too(run_cli: Any) -> None:
    res = run_cli("schema", URL, "--workflows-dir", str(EXAMPLES))
    assert res.exit_code == 0, res.output
    assert '"3:4"' in res.stdout and "aspect_ratio" in res.stdout
