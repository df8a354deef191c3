"""The real graphs in ../shared/corpus/api: defaults pass, mutations get the expected code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_helpers import build_profile, defaults_list, entry, mutations
from helpers import CORPUS_API, corpus_files, needs_corpus

from rhconfig.check import validate
from rhconfig.profile import Profile

GRAPHS = corpus_files(CORPUS_API)
pytestmark = needs_corpus


def load(path: Path) -> Profile:
    return build_profile(json.loads(path.read_text(encoding="utf-8")), "1")


@pytest.mark.parametrize("path", GRAPHS, ids=lambda p: p.stem)
def test_defaults_pass(path: Path) -> None:
    profile = load(path)
    findings = validate(profile, defaults_list(profile))
    assert [f.code for f in findings] == ["unchanged_default"], findings


@pytest.mark.parametrize("path", GRAPHS, ids=lambda p: p.stem)
def test_mutations_get_their_code(path: Path) -> None:
    profile = load(path)
    base = defaults_list(profile)
    tried = 0
    for n, inp in enumerate(profile.inputs):
        for bad, code in mutations(inp):
            items = list(base)
            items[n] = entry(inp.node_id, inp.field, bad)
            found = validate(profile, items, probe_paths=False)
            assert [(f.code, f.node_id, f.field) for f in found] == [
                (code, inp.node_id, inp.field)
            ], (inp, bad, found)
            tried += 1
    assert tried or not [i for i in profile.inputs if i.known]


@pytest.mark.parametrize("path", GRAPHS, ids=lambda p: p.stem)
def test_every_linked_input_is_refused(path: Path) -> None:
    profile = load(path)
    items = [entry(nid, field, "x") for nid, node in profile.nodes.items() for field in node.links]
    found = validate(profile, items, probe_paths=False)
    assert [f.code for f in found] == ["linked_field"] * len(items)
    assert all(f.hint for f in found)
