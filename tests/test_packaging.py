"""The installed package finds its data, schemas and templates (CI installs non-editable)."""

from __future__ import annotations

import json
import sys
from importlib import resources

from helpers import REPO

import rhconfig


def test_package_data_is_installed() -> None:
    root = resources.files("rhconfig")
    schema = json.loads((root / "schemas" / "profile.schema.json").read_text("utf-8"))
    assert schema["$schema"].endswith("2020-12/schema")
    core = json.loads((root / "data" / "core.json").read_text("utf-8"))
    assert len(core["classes"]) == 887
    assert (root / "data" / "curated.json").is_file()
    assert (root / "py.typed").is_file()
    templates = root / "templates"
    assert (templates / "module.py.jinja").is_file()
    assert any(p.name.endswith(".jinja") for p in (templates / "macros").iterdir())


def test_not_imported_from_the_source_tree_in_ci() -> None:
    """In CI (`pip install '.[test]'`, not editable) the package must come from site-packages."""
    location = str(resources.files("rhconfig"))
    if "site-packages" not in location:
        import pytest

        pytest.skip(f"development install ({location})")
    assert str(REPO / "src") not in location
    assert sys.prefix in location


def test_version_is_exposed() -> None:
    assert rhconfig.__version__.count(".") == 2
