"""``rhconfig convert``: UI file in, API graph out; errors are one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from helpers import FIXTURES, GRAPHS

UI = FIXTURES / "ui"


def test_convert_writes_the_twin(tmp_path: Path, run_cli: Any) -> None:
    out = tmp_path / "api.json"
    res = run_cli("convert", str(UI / "group-node.json"), "-o", str(out))
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text()) == json.loads((UI / "group-node.api.json").read_text())
    assert f"wrote {out} (6 nodes)" in res.stdout


def test_convert_is_deterministic_and_prints_to_stdout(run_cli: Any) -> None:
    first = run_cli("convert", str(UI / "subgraph.json"))
    second = run_cli("convert", str(UI / "subgraph.json"))
    assert first.exit_code == 0 and first.stdout == second.stdout
    assert json.loads(first.stdout)["5:11"]["inputs"]["seed"] == 777


def test_convert_unknown_class_is_one_line(tmp_path: Path, run_cli: Any) -> None:
    out = tmp_path / "api.json"
    res = run_cli("convert", str(UI / "unknown-class.json"), "-o", str(out))
    assert res.exit_code == 2 and not out.exists()
    (line,) = res.stderr.strip().splitlines()
    assert line.startswith("rhconfig: error:") and "MysteryUpscaler" in line
    assert "rhconfig catalog import OBJECT_INFO.json" in line and "Traceback" not in res.output


def test_convert_partial_says_what_it_could_not_name(run_cli: Any) -> None:
    res = run_cli("convert", str(UI / "unknown-class.json"), "--partial")
    assert res.exit_code == 0
    assert json.loads(res.stdout) == json.loads((UI / "unknown-class.partial.api.json").read_text())
    assert "node 30 (MysteryUpscaler): 3 widget values could not be named" in res.stderr
    assert "known: false" in res.stderr


def test_convert_refuses_an_api_graph(run_cli: Any) -> None:
    res = run_cli("convert", str(GRAPHS / "minimal-txt2img.json"))
    assert res.exit_code == 2 and "needs no conversion" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_the_readme_ui_commands_run_as_written(
    tmp_path: Path, run_cli: Any, monkeypatch: Any
) -> None:
    import shlex

    from helpers import REPO

    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("### UI-format files", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in section.splitlines() if line.startswith("rhconfig ")]
    assert len(commands) == 3
    monkeypatch.chdir(REPO)
    for command in commands:
        args = [a.replace("/tmp/", f"{tmp_path}/") for a in shlex.split(command)[1:]]
        res = run_cli(*args)
        assert res.exit_code == 0, (command, res.output)
    assert (tmp_path / "rh-ui" / "1900000000000000099.yaml").is_file()
    assert json.loads((tmp_path / "txt2img.api.json").read_text())["5"]["inputs"]["seed"] == 42
