"""rhconfig finds its templates and schemas however it runs: a wheel install (``pip install .``),
an editable install (``pip install -e .``) and a plain checkout (``python -m rhconfig`` from the
repository root). Each case runs a fresh interpreter that imports rhconfig from that place only,
writes a generated module (templates) and validates a profile (schema)."""

from __future__ import annotations

import configparser
import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from helpers import REPO

import rhconfig

# Prints where rhconfig, its templates and its schemas came from, after using both.
PROBE = r"""
import json, sys
import rhconfig
from rhconfig.resources import schemas_dir, templates_dir
from rhconfig.store import load_profile
from rhconfig.codegen import generate
profile = load_profile(sys.argv[1])
source = generate(profile)
assert "def build_node_info" in source, source[:200]
print(json.dumps({"package": rhconfig.__file__, "templates": str(templates_dir()),
                  "schemas": str(schemas_dir())}))
"""
EXAMPLE = REPO / "workflows" / "1900000000000000001.yaml"


def _probe(python: str, cwd: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    run_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run_env.update(env or {})
    res = subprocess.run(
        [python, "-c", PROBE, str(EXAMPLE)], cwd=cwd, env=run_env,
        capture_output=True, text=True, timeout=120,
    )
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def _pip(python: str, *args: str) -> None:
    res = subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", *args],
        capture_output=True, text=True, timeout=300,
    )
    assert res.returncode == 0, res.stdout + res.stderr


@pytest.fixture(scope="module")
def empty_venv(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A venv that sees this run's packages (pip, setuptools, the dependencies) but not rhconfig:
    a ``.pth`` line adds them after its own site-packages, where pip installs rhconfig."""
    root = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(root)
    python = root / "bin" / "python"
    inner = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    # This run's packages (pip, setuptools, the dependencies), less any rhconfig installed there
    # (CI installs one), linked into a folder that a .pth line puts on the venv's path.
    deps = root / "deps"
    deps.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.lower().startswith(("rhconfig", "__editable__", "_rhconfig")):
            (deps / entry.name).symlink_to(entry)
    Path(inner, "outer-site.pth").write_text(f"{deps}\n", encoding="utf-8")
    return str(python)


def test_plain_checkout_finds_the_top_level_folders(tmp_path: Path) -> None:
    found = _probe(sys.executable, tmp_path, {"PYTHONPATH": str(REPO)})
    assert Path(found["package"]).parent == REPO / "rhconfig"
    assert Path(found["templates"]) == REPO / "templates"
    assert Path(found["schemas"]) == REPO / "schemas"


def test_python_dash_m_from_the_repository_root() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    res = subprocess.run(
        [sys.executable, "-m", "rhconfig", "show", "1900000000000000001"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    assert res.returncode == 0, res.stderr
    assert "positive_prompt" in res.stdout


def test_wheel_carries_templates_and_schemas(tmp_path: Path, empty_venv: str) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist"), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    (wheel,) = (tmp_path / "dist").glob("rhconfig-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "rhconfig/templates/module.py.jinja" in names
    assert any(n.startswith("rhconfig/templates/macros/") for n in names)
    assert "rhconfig/schemas/profile.schema.json" in names
    assert {"rhconfig/py.typed", "rhconfig/data/core.json", "rhconfig/data/curated.json"} <= names
    assert not any(n.startswith(("templates/", "schemas/", "tests/")) for n in names)

    _pip(empty_venv, str(wheel))
    found = _probe(empty_venv, tmp_path)
    package = Path(found["package"]).parent
    assert "site-packages" in str(package)
    assert Path(found["templates"]) == package / "templates"
    assert Path(found["schemas"]) == package / "schemas"


def test_editable_install_finds_the_repository_folders(tmp_path: Path, empty_venv: str) -> None:
    _pip(empty_venv, "-e", str(REPO))
    try:
        found = _probe(empty_venv, tmp_path)
    finally:
        subprocess.run([empty_venv, "-m", "pip", "uninstall", "-q", "-y", "rhconfig"],
                       capture_output=True, timeout=120)
    assert Path(found["package"]).parent == REPO / "rhconfig"
    assert Path(found["templates"]) == REPO / "templates"
    assert Path(found["schemas"]) == REPO / "schemas"


def test_setup_cfg_lists_every_subpackage() -> None:
    cfg = configparser.ConfigParser()
    cfg.read(REPO / "setup.cfg")
    listed = set(cfg["options"]["packages"].split())
    on_disk = {
        ".".join(p.parent.relative_to(REPO).parts)
        for p in (REPO / "rhconfig").rglob("__init__.py")
    }
    assert on_disk | {"rhconfig.templates", "rhconfig.schemas"} == listed


def test_metadata_lives_in_setup_cfg() -> None:
    text = (REPO / "pyproject.toml").read_text("utf-8")
    assert "[project]" not in text
    cfg = configparser.ConfigParser()
    cfg.read(REPO / "setup.cfg")
    assert cfg["metadata"]["name"] == "rhconfig"


def test_version_is_exposed() -> None:
    assert rhconfig.__version__.count(".") == 2
