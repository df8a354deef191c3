"""The real graphs in ../shared/corpus/api: defaults pass, mutations get the expected code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from check_helpers import CORPUS_API, build_profile, defaults_list, entry

from rhconfig.check import validate
from rhconfig.profile import Profile, ProfileInput

GRAPHS = sorted(CORPUS_API.glob("*.json")) if CORPUS_API.is_dir() else []
pytestmark = pytest.mark.skipif(not GRAPHS, reason="../shared/corpus/api is absent")


def load(path: Path) -> Profile:
    return build_profile(json.loads(path.read_text(encoding="utf-8")), "1")


def mutations(inp: ProfileInput) -> list[tuple[Any, str]]:
    """(bad value, expected code) pairs for one known input."""
    out: list[tuple[Any, str]] = []
    if not inp.known or inp.kind == "json":
        return out
    if inp.type in ("INT", "FLOAT"):
        out.append(("abc", "type_mismatch"))
        out.append(({"x": 1}, "type_mismatch"))
        if inp.maximum is not None:
            above = inp.maximum + 1 if inp.type == "INT" else inp.maximum + abs(inp.maximum) + 1
            out.append((above, "out_of_range"))
        if inp.minimum is not None:
            below = inp.minimum - 1 if inp.type == "INT" else inp.minimum - abs(inp.minimum) - 1
            out.append((below, "out_of_range"))
    elif inp.type == "BOOLEAN":
        out.append(("false", "type_mismatch"))
    elif inp.kind == "choice":
        out.append(("surely-not-a-choice", "not_in_enum"))
        out.append((None, "type_mismatch"))
    elif inp.kind in ("image", "video", "audio"):
        out.append(("/home/me/input.bin", "invalid_media_value"))
    elif inp.type == "STRING":
        out.append(([1, 2, 3], "type_mismatch"))
    return out


@pytest.mark.parametrize("path", GRAPHS, ids=[p.stem for p in GRAPHS])
def test_defaults_pass(path: Path) -> None:
    profile = load(path)
    findings = validate(profile, defaults_list(profile))
    assert [f.code for f in findings] == ["unchanged_default"], findings


@pytest.mark.parametrize("path", GRAPHS, ids=[p.stem for p in GRAPHS])
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


@pytest.mark.parametrize("path", GRAPHS, ids=[p.stem for p in GRAPHS])
def test_every_linked_input_is_refused(path: Path) -> None:
    profile = load(path)
    items = [entry(nid, field, "x") for nid, node in profile.nodes.items() for field in node.links]
    found = validate(profile, items, probe_paths=False)
    assert [f.code for f in found] == ["linked_field"] * len(items)
    assert all(f.hint for f in found)
