"""A ``check`` process imports only what checking needs (issue 12's start-up target).

The wall-clock figure lives in ``benchmarks/bench_scan.py``; this test pins the cause: the heavy
modules a pre-flight check never uses stay unimported, in a real ``rhconfig check`` process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rhconfig.cli import COMMANDS, NO_CLIENT
from tests.helpers import EXAMPLES, REPO

# Modules a passing check has no use for: the YAML, schema, HTTP and template stacks, the
# client's logging, difflib and bisect (only a mistake needs a suggestion), and dataclasses
# (rhconfig.records: a dataclass compiles its methods when its class is made).
HEAVY = (
    "logging", "difflib", "bisect", "dataclasses", "yaml", "jsonschema", "requests", "urllib3",
    "jinja2", "hashlib",
    "rhconfig.client", "rhconfig.scan", "rhconfig.profile_io", "rhconfig.codegen",
)

PROBE = """
import sys
from rhconfig.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = {heavy!r}
loaded = sorted(m for m in heavy if m in sys.modules)
print("LOADED=" + ",".join(loaded), file=sys.stderr)
sys.exit(code)
"""


def _loaded_after(args: list[str], tmp_path: Path) -> tuple[int, list[str], str]:
    env = dict(os.environ, RHCONFIG_CACHE_DIR=str(tmp_path / "cache"))
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )
    marker = [ln for ln in result.stderr.splitlines() if ln.startswith("LOADED=")]
    assert marker, result.stderr
    names = [m for m in marker[-1].removeprefix("LOADED=").split(",") if m]
    return result.returncode, names, result.stdout


EXAMPLE = "1900000000000000001"  # the bundled txt2img example


def test_a_passing_check_imports_none_of_the_heavy_modules(tmp_path: Path) -> None:
    node_info = tmp_path / "node_info.json"
    node_info.write_text(json.dumps([]))
    args = ["check", EXAMPLE, str(node_info), "--workflows-dir", str(EXAMPLES)]
    # the first run reads the YAML profile and fills the profile cache; the usual run does not
    code, loaded, out = _loaded_after(args, tmp_path)
    assert code == 0, out
    assert "yaml" in loaded  # the cache was empty: the probe sees imports
    code, loaded, out = _loaded_after(args, tmp_path)
    assert code == 0, out
    assert "ok:" in out
    assert loaded == []


def test_a_mistake_still_gets_its_suggestion(tmp_path: Path) -> None:
    """difflib is imported when a suggestion is needed: the lazy import works."""
    node_info = tmp_path / "node_info.json"
    node_info.write_text(json.dumps([{"nodeId": "3", "fieldName": "sampler_name",
                                      "fieldValue": "eulr_ancestral"}]))
    code, loaded, out = _loaded_after(
        ["check", EXAMPLE, str(node_info), "--workflows-dir", str(EXAMPLES)],
        tmp_path)
    assert code == 1
    assert "did you mean 'euler_ancestral'" in out
    assert "difflib" in loaded


def test_no_client_names_only_real_commands() -> None:
    assert NO_CLIENT <= set(COMMANDS)
    # the commands that talk to RunningHub keep their retry messages
    for name in ("scan", "run", "upload", "account", "cancel", "batch", "mcp"):
        assert name not in NO_CLIENT
