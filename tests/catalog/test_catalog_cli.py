"""``rhconfig catalog import / list / show``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from rhconfig.catalog_files import load_catalog, user_catalog_dir
from rhconfig.classify import class_rules
from rhconfig.cli.catalog_cmd import sanitize_name

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "object_info_small.json"


def _one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


def test_import_then_load_catalog_sees_the_classes(run_cli: Any, tmp_path: Path) -> None:
    dump = tmp_path / "My Server (prod).json"
    shutil.copy(FIXTURE, dump)
    res = run_cli("catalog", "import", str(dump))
    assert res.exit_code == 0, res.output
    target = user_catalog_dir() / "My-Server-prod.json"
    assert target.is_file()
    assert "2 classes" in res.stdout and str(target) in res.stdout
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == 1 and sorted(document["classes"]) == ["MyLoadMedia", "MySampler"]
    catalog = load_catalog()
    assert "MySampler" in catalog and "KSampler" in catalog and "VHS_LoadVideo" in catalog
    assert catalog.spec("MyLoadMedia", "video") == {"type": "COMBO", "choices": [],
                                                     "upload": "video"}
    assert not list(target.parent.glob(".*.tmp")), "atomic write left a temp file"


def test_import_with_name_and_replace(run_cli: Any) -> None:
    assert run_cli("catalog", "import", str(FIXTURE), "--name", "srv").exit_code == 0
    res = run_cli("catalog", "import", str(FIXTURE), "--name", "srv")
    assert res.exit_code == 0 and res.stdout.startswith("replaced")
    assert [p.name for p in user_catalog_dir().glob("*.json")] == ["srv.json"]


def test_user_catalog_overrides_bundled_class(run_cli: Any, tmp_path: Path) -> None:
    dump = tmp_path / "override.json"
    dump.write_text(json.dumps({"KSampler": {"input": {"required": {"seed": ["INT", {}]}}}}))
    assert run_cli("catalog", "import", str(dump)).exit_code == 0
    catalog = load_catalog()
    assert list(catalog.inputs("KSampler") or {}) == ["seed"]
    # the class's compiled classification rules come from the layer that won, not the bundled
    assert catalog.rules["KSampler"] == class_rules("KSampler", catalog.inputs("KSampler") or {})
    assert set(catalog.rules["KSampler"]) == {"seed"}
    # a user layer's fields that are their own names join the bundled ones
    dump.write_text(json.dumps({"MyNode": {"input": {"required": {"my_knob": ["INT", {}]}}}}))
    assert run_cli("catalog", "import", str(dump), "--name", "mine").exit_code == 0
    assert {"my_knob", "steps"} <= load_catalog().own_names
    res = run_cli("catalog", "show", "KSampler", "--json")
    assert json.loads(res.stdout)["layer"] == "user:override"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[1, 2, 3]", "is not an /object_info dump"),
        ('{"A": {"no_input": 1}}', "holds no node classes"),
        ("\xff\xfe", "is not valid JSON"),
    ],
)
def test_bad_file_is_one_line_exit_2(
    run_cli: Any, tmp_path: Path, content: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content.encode("latin-1"))
    res = run_cli("catalog", "import", str(bad))
    assert res.exit_code == 2
    line = _one_error_line(res.output)
    assert message in line and line.startswith("rhconfig: error:")
    assert not user_catalog_dir().exists() or not list(user_catalog_dir().iterdir())


def test_missing_file_is_a_usage_error(run_cli: Any, tmp_path: Path) -> None:
    res = run_cli("catalog", "import", str(tmp_path / "nope.json"))
    assert res.exit_code == 2 and "Traceback" not in res.output


def test_list_shows_layers(run_cli: Any) -> None:
    res = run_cli("catalog", "list", "--json")
    layers = json.loads(res.stdout)["layers"]
    assert [(x["layer"], x["classes"] > 0) for x in layers] == [("core", True), ("curated", True)]
    assert run_cli("catalog", "import", str(FIXTURE), "--name", "mine").exit_code == 0
    res = run_cli("catalog", "list")
    assert res.exit_code == 0
    assert "user:mine" in res.stdout and "core" in res.stdout and "curated" in res.stdout


def test_show_table_and_json(run_cli: Any) -> None:
    res = run_cli("catalog", "show", "VHS_LoadVideo")
    assert res.exit_code == 0
    assert "upload video" in res.stdout and "[from curated]" in res.stdout
    data = json.loads(run_cli("catalog", "show", "ImageResize+", "--json").stdout)
    assert data["class_type"] == "ImageResize+" and data["inputs"]["width"]["type"] == "INT"
    assert data["source"].startswith("cubiq/ComfyUI_essentials")


def test_show_unknown_class(run_cli: Any) -> None:
    res = run_cli("catalog", "show", "KSamplr")
    assert res.exit_code == 2
    assert "did you mean KSampler" in _one_error_line(res.output)


def _error_line(output: str) -> str:
    [line] = [line for line in output.splitlines() if line.startswith("rhconfig: error:")]
    return line


@pytest.mark.parametrize(("typo", "meant"), [
    ("KSamplr", "KSampler"), ("XSampler", "KSampler"), ("oadImage", "LoadImage"),
    ("heckpointLoaderSimple", "CheckpointLoaderSimple"), ("VHS_LoadVidoe", "VHS_LoadVideo"),
    ("clipTextEncdoe", "CLIPTextEncode"),
])
def test_show_suggests_among_all_classes(run_cli: Any, typo: str, meant: str) -> None:
    line = _error_line(run_cli("catalog", "show", typo).output)
    assert line.split("did you mean ")[1].split(", ")[0].rstrip("?") == meant


def test_show_suggests_nothing_for_nonsense(run_cli: Any) -> None:
    line = _error_line(run_cli("catalog", "show", "Foo").output)
    assert "no node class 'Foo'" in line and "did you mean" not in line


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("comfy", "comfy"), ("My Server (prod)", "My-Server-prod"), ("../../etc/passwd", "etc-passwd"),
     (".hidden", "hidden"), ("a" * 100, "a" * 64), ("???", "")],
)
def test_sanitize_name(raw: str, expected: str) -> None:
    assert sanitize_name(raw) == expected
