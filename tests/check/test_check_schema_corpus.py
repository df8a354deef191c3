"""Both schema forms agree with check on the corpus mutations, entry by entry.

For every known input of every graph in ../shared/corpus/api (and the bundled examples, so the
test also runs in a clone without the corpus): its own value and each mutation of
:func:`check_helpers.mutations` get the same verdict from the node-info schema as from
``validate``; for an exposed input, the args schema judges ``{parameter: value}`` as ``validate``
judges the nodeInfoList built from it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from check_helpers import REPO, build_profile, entry, mutations
from helpers import CORPUS_API, corpus_files
from jsonschema import Draft202012Validator

from rhconfig.check import has_errors, validate
from rhconfig.check.args_schema import args_schema
from rhconfig.check.jsonschema_export import node_info_schema
from rhconfig.codegen.plan import parameter_names
from rhconfig.nodeinfo import build_node_info
from rhconfig.profile import Profile
from rhconfig.store import WorkflowStore

EXAMPLES = WorkflowStore(REPO / "workflows")
CASES: list[Any] = [
    pytest.param(p, id=p.stem) if isinstance(p, Path) else p for p in corpus_files(CORPUS_API)
] + [pytest.param(i, id=f"example-{i}") for i in EXAMPLES.ids()]


def load(source: Any) -> Profile:
    if isinstance(source, Path):
        return build_profile(json.loads(source.read_text(encoding="utf-8")), "1")
    return EXAMPLES.load_profile(source)


def values_for(profile: Profile) -> list[tuple[int, Any]]:
    """(input index, value): each input's own value, then its mutations."""
    out: list[tuple[int, Any]] = []
    for n, inp in enumerate(profile.inputs):
        out.append((n, inp.default))
        out += [(n, bad) for bad, _ in mutations(inp)]
    return out


@pytest.mark.parametrize("source", CASES)
def test_node_info_form_agrees_with_check(source: Any) -> None:
    profile = load(source)
    schema = node_info_schema(profile)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    tried = 0
    for n, value in values_for(profile):
        inp = profile.inputs[n]
        items = [entry(inp.node_id, inp.field, value)]
        ours = not has_errors(validate(profile, items, probe_paths=False))
        assert ours == validator.is_valid(items), (inp, value)
        tried += 1
    linked = [entry(nid, field, "x") for nid, node in profile.nodes.items() for field in node.links]
    for item in linked:
        assert not validator.is_valid([item]), item
    assert tried


@pytest.mark.parametrize("source", CASES)
def test_args_form_agrees_with_check(source: Any) -> None:
    profile = load(source)
    schema = args_schema(profile)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    params = {inp.key: name for name, inp in parameter_names(profile).items()}
    tried = 0
    for n, value in values_for(profile):
        inp = profile.inputs[n]
        if inp.key not in params:
            continue
        values = {params[inp.key]: value}
        entries = build_node_info(profile, {inp.name: value})
        ours = not has_errors(validate(profile, entries, probe_paths=False))
        assert ours == validator.is_valid(values), (inp, value)
        tried += 1
    assert not validator.is_valid({"surely_not_an_input": 1})
    assert tried or not profile.exposed
