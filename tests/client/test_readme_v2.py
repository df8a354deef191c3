"""The README's "Which API" block runs as written against the local RunningHub: ``run`` speaks
v2 by default and v1 with ``--api v1``, as the fake's request log shows."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_readme_api_block_runs_as_written(tmp_path: Path) -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("## Which API", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    assert "--api v1" in block and "--log" in block and "upload --lora" in block
    script = block.replace("8768", str(_free_port()))
    script = script.replace("DEMO=$(mktemp -d)", f"DEMO={tmp_path}")
    script = "trap 'kill ${FAKE:-} 2>/dev/null || true' EXIT\n" + script  # never left running
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "rhconfig").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m rhconfig "$@"\n')
    (shim / "rhconfig").chmod(0o755)
    (shim / "python").symlink_to(sys.executable)
    env = {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(REPO)}  # fmt: skip
    for name in ("RHCONFIG_WORKFLOWS_DIR", "RUNNINGHUB_API"):
        env.pop(name, None)
    res = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=240)  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
    lines = [json.loads(x) for x in (tmp_path / "requests.log").read_text().splitlines()]
    runs = [x for x in lines if x["path"].endswith("/1900000000000000001") or "create" in x["path"]]
    assert [x["path"] for x in runs] == [
        "/openapi/v2/run/workflow/1900000000000000001",
        "/task/openapi/create",
    ]
    assert [x["auth"] for x in runs] == ["bearer", "body"]
    assert any(x["method"] == "PUT" and x["status"] == 200 for x in lines)  # the LoRA
    assert res.stdout.splitlines()[-1].strip().isdigit() and "api-lora-cn/" in res.stdout
    assert "k" * 32 not in (tmp_path / "requests.log").read_text()
