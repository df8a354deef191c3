"""The core install works without the MCP SDK; ``rhconfig mcp`` then says how to get it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Run rhconfig with the SDK made unimportable, as in an install without the extra.
BLOCKED = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mcp", "mcp_types"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Block())
from rhconfig.cli import main
try:
    main(sys.argv[1:])
finally:
    assert not [m for m in sys.modules if m.split(".")[0] in ("mcp", "mcp_types")]
"""


def rhconfig(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKED, *args], cwd=REPO, capture_output=True, text=True,
        timeout=120,
    )


def test_core_commands_run_without_the_sdk() -> None:
    res = rhconfig("schema", "1900000000000000001", "--form", "args")
    assert res.returncode == 0, res.stderr
    assert '"$schema"' in res.stdout
    res = rhconfig("--help")
    assert res.returncode == 0 and " mcp " in res.stdout


def test_mcp_without_the_sdk_is_one_line() -> None:
    res = rhconfig("mcp", "--workflows-dir", "workflows")
    assert res.returncode == 2
    assert res.stderr == ("rhconfig: error: rhconfig mcp needs the MCP SDK: install "
                          "'rhconfig[mcp]'\n")


def test_mcp_without_a_workflows_dir_is_one_line(tmp_path: Path) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "rhconfig", "mcp", "--workflows-dir", str(tmp_path / "none")],
        cwd=REPO, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert res.returncode == 2, res.stderr
    assert res.stderr.startswith("rhconfig: error: no workflows dir ")
    assert res.stderr.count("\n") == 1
