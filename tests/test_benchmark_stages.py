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


def _profiles(monkeypatch: pytest.MonkeyPatch, stage: str) -> list[Any]:
    """The profiles a stage's scans make, over the graphs the benchmark reads."""
    floor = _scan_floor()
    catalog = load_catalog()
    run = floor.stages(catalog)[stage]
    made: list[Any] = []
    original = scan.build_profile

    def keep(*args: Any, **kwargs: Any) -> Any:
        made.append(original(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(scan, "build_profile", keep)
    for path in floor.graphs():
        run(json.loads(path.read_bytes()), catalog)
    return made


def test_the_stages_leave_out_what_they_say(monkeypatch: pytest.MonkeyPatch) -> None:
    def inputs(stage: str) -> list[Any]:
        return [i for profile in _profiles(monkeypatch, stage) for i in profile.inputs]

    scanned = inputs("scan")  # the real scan renames some (a clash, a generic field) ...
    assert any(i.name != i.field for i in scanned)
    assert len({i.kind for i in scanned}) > 3  # ... and finds kinds
    without_naming = inputs("scan without naming")
    assert without_naming and all(i.name == i.field for i in without_naming)
    assert [i.kind for i in without_naming] == [i.kind for i in scanned]
    without_kinds = inputs("scan without classification")
    assert {i.kind for i in without_kinds} == {"string"}
    assert [i.key for i in without_kinds] == [i.key for i in scanned]
