"""The stages of ``benchmarks/scan_floor.py`` still fit the code they stand in for.

Speed is the benchmarks' business, not a test's; this only runs each stage once on the graphs
the benchmark reads (the corpus, else the bundled examples; no timing), so that a change to a
function a stage replaces (``resolve_names``, say) breaks a test rather than the benchmark,
and checks that what a stage leaves out is left out.
"""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType
from typing import Any

import pytest
from helpers import REPO

from rhconfig import build, scan
from rhconfig.catalog_files import load_catalog


def _scan_floor() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scan_floor", REPO / "benchmarks/scan_floor.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_stage_runs_and_puts_back_what_it_replaced() -> None:
    floor = _scan_floor()
    catalog = load_catalog()
    saved = build.resolve_names, build.apply_rule, build.class_rules
    stages = floor.stages(catalog)
    assert {"walk + sha", "scan", "scan without naming", "scan without either"} <= stages.keys()
    for path in floor.graphs():
        document = json.loads(path.read_bytes())
        for stage in stages.values():
            stage(document, catalog)
        assert (build.resolve_names, build.apply_rule, build.class_rules) == saved


def test_the_stage_without_naming_names_inputs_after_their_fields(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    floor = _scan_floor()
    catalog = load_catalog()
    documents = [json.loads(path.read_bytes()) for path in floor.graphs()]
    made: list[Any] = []
    original = scan.build_profile

    def keep(*args: Any, **kwargs: Any) -> Any:
        made.append(original(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(scan, "build_profile", keep)
    for document in documents:
        floor.stages(catalog)["scan without naming"](document, catalog)
    without = [i for profile in made for i in profile.inputs]
    assert without and all(i.name == i.field for i in without)
    made.clear()
    for document in documents:  # the real scan renames some (a clash, a generic field)
        scan.scan_document(document, catalog, "1")
    assert any(i.name != i.field for profile in made for i in profile.inputs)
