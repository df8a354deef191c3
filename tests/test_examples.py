"""The bundled example workflows: their committed profiles are what a scan produces today."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import EXAMPLES

from rhconfig.catalog_files import load_catalog
from rhconfig.profile_io import dump_yaml
from rhconfig.scan import scan_document

GRAPHS = sorted(EXAMPLES.glob("*.api.json"))
EXPECTED = {
    "1900000000000000001": {("6", "text"): "text"},
    "1900000000000000002": {("21", "image"): "image"},
    "1900000000000000003": {("21", "image"): "image", ("24", "image"): "image"},
    "1900000000000000004": {("184", "video"): "video"},
}


def test_the_four_guide_workflows_are_bundled() -> None:
    assert sorted(p.name.split(".")[0] for p in GRAPHS) == sorted(EXPECTED)


@pytest.mark.parametrize("graph_path", GRAPHS, ids=[p.name for p in GRAPHS])
def test_committed_profile_is_current(graph_path: Path) -> None:
    """Golden file: regenerate with `rhconfig scan ID --from-file workflows/ID.api.json`."""
    wid = graph_path.name.split(".")[0]
    doc: Any = json.loads(graph_path.read_bytes())
    stored = (EXAMPLES / f"{wid}.yaml").read_text(encoding="utf-8")
    previous = None
    result = scan_document(doc, load_catalog(), wid, previous=previous)
    assert dump_yaml(result.profile) == stored
    for key, kind in EXPECTED[wid].items():
        item = result.profile.by_key[key]
        assert item.kind == kind and item.expose, key
