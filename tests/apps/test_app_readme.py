"""The README's AI-app walk-through runs as written (against the local RunningHub)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from app_helpers import EXAMPLE_APP

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_readme_ai_app_block_runs_as_written(tmp_path: Path) -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("## AI apps", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    assert "rhconfig scan --app" in block and "rhconfig run" in block
    port = str(_free_port())
    script = block.replace("8767", port).replace("DEMO=$(mktemp -d)", f"DEMO={tmp_path}")
    script = "trap 'kill ${FAKE:-} 2>/dev/null || true' EXIT\n" + script  # never left running
    # `rhconfig` as the installed script would run it: this interpreter, this checkout
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "rhconfig").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m rhconfig "$@"\n')
    (shim / "rhconfig").chmod(0o755)
    (shim / "python").symlink_to(sys.executable)
    env = {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(REPO)}
    env.pop("RHCONFIG_WORKFLOWS_DIR", None)
    res = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=240)
    assert res.returncode == 0, res.stdout + res.stderr
    assert f"AI app {EXAMPLE_APP}" in res.stdout
    assert "not_in_enum" in res.stdout and "errors found, nothing sent" in res.stdout
    assert (tmp_path / "portrait.py").is_file() and (tmp_path / f"{EXAMPLE_APP}.app.json").is_file()
    saved = list((tmp_path / "out").iterdir())
    assert saved and saved[0].read_bytes().startswith(b"\x89PNG")
