"""Rough edges a new user meets: a closed pipe, CJK titles in tables."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

import rhconfig
from rhconfig.cli import cli
from rhconfig.cli.table import cell, display_width

SRC = str(Path(rhconfig.__file__).resolve().parents[1])


def big_graph(n: int) -> dict[str, object]:
    return {
        str(i): {
            "class_type": "KSampler",
            "inputs": {"seed": i, "steps": 20, "cfg": 7.0, "sampler_name": "euler",
                       "scheduler": "normal", "denoise": 1.0},
            "_meta": {"title": f"sampler {i}"},
        }
        for i in range(1, n + 1)
    }


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    graph = tmp_path / "g.json"
    graph.write_text(json.dumps(big_graph(400)), "utf-8")
    env = {**os.environ, "PYTHONPATH": SRC}
    rh = [sys.executable, "-m", "rhconfig"]
    subprocess.run([*rh, "scan", "123", "--from-file", str(graph), "--workflows-dir",
                    str(tmp_path)], check=True, env=env, capture_output=True, timeout=120)
    proc = subprocess.Popen(
        [*rh, "show", "123", "--all", "--workflows-dir", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == "", err


def test_display_width_and_cells() -> None:
    assert display_width("abc") == 3
    assert display_width("北京") == 4
    assert display_width("e\u0301") == 1
    cut = cell("提示词提示词提示词", 7)
    assert cut.endswith("…") and display_width(cut) <= 7


def test_show_aligns_cjk_titles(tmp_path: Path) -> None:
    graph = {
        "1": {"class_type": "CLIPTextEncode", "inputs": {"text": "a", "clip": ["2", 0]},
              "_meta": {"title": "正向提示词"}},
        "2": {"class_type": "CheckpointLoaderSimple",
              "inputs": {"ckpt_name": "x.safetensors"}, "_meta": {"title": "Load"}},
    }
    path = tmp_path / "g.json"
    path.write_text(json.dumps(graph, ensure_ascii=False), "utf-8")
    runner = CliRunner()
    scanned = runner.invoke(cli, ["scan", "5", "--from-file", str(path),
                                  "--workflows-dir", str(tmp_path)])
    assert scanned.exit_code == 0, scanned.output
    shown = runner.invoke(cli, ["show", "5", "--all", "--workflows-dir", str(tmp_path)])
    assert shown.exit_code == 0, shown.output
    header, *rows = shown.stdout.splitlines()[1:]
    column = header.index("field")
    for row in rows:
        prefix = row[: len(row)]
        # the field column starts at the same display column on every row
        at = next(n for n in range(len(prefix) + 1)
                  if display_width(prefix[:n]) >= column)
        assert display_width(row[:at]) == column and row[at - 2: at] == "  ", (header, row)
