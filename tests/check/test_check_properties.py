"""Property-based: any JSON in, findings out, never an exception."""

from __future__ import annotations

import json
from typing import Any

from check_helpers import build_profile, entry, load_fixture
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhconfig.check import CODES, ERROR_CODES, WARNING_CODES, Finding, validate

PROFILE = build_profile(load_fixture("check-graph.api.json"))
IDS = sorted(PROFILE.nodes)
FIELDS = sorted({i.field for i in PROFILE.inputs} | {"model", "text", "images", "input"})

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["20", " 7.5 ", "false", "true", "nan", "inf", "1_000", "api/x.png",
                     "/tmp/x.png", "./a.mp4", "~/a.wav", "C:\\a.png", "https://x/y.mp3", "",
                     "euler", "Euler", "example.png"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8) | st.just("__value__"), inner, max_size=4),
    max_leaves=12,
)
node_ids = st.one_of(st.sampled_from(IDS), st.text(max_size=6), json_values)
field_names = st.one_of(st.sampled_from(FIELDS), st.text(max_size=10), json_values)
entries = st.one_of(
    st.builds(entry, node_ids, field_names, json_values),
    st.builds(lambda n, f: {"nodeId": n, "fieldName": f}, node_ids, field_names),
    st.dictionaries(st.sampled_from(["nodeId", "fieldName", "fieldValue", "node_id", "x"]),
                    json_values, max_size=4),
    json_values,
)
default_entries = st.sampled_from([entry(i.node_id, i.field, i.default) for i in PROFILE.inputs])


def well_formed(findings: list[Finding]) -> None:
    for f in findings:
        assert isinstance(f, Finding)
        assert f.code in CODES
        assert f.severity == ("error" if f.code in ERROR_CODES else "warning")
        assert f.code in ERROR_CODES or f.code in WARNING_CODES
        assert f.message and isinstance(f.hint, str)
        if f.severity == "error" and f.code != "malformed_entry":
            assert f.node_id is not None and f.field is not None, f
    json.dumps([f.to_json() for f in findings])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entries, max_size=8))
def test_any_list_of_anything(items: list[Any]) -> None:
    findings = validate(PROFILE, items, probe_paths=False)
    well_formed(findings)
    indexed = [f.index for f in findings if f.index is not None]
    assert indexed == sorted(indexed)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_any_json_as_the_list(document: Any) -> None:
    well_formed(validate(PROFILE, document, probe_paths=False))


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_any_json_as_a_value_of_every_input(value: Any) -> None:
    items = [entry(i.node_id, i.field, value) for i in PROFILE.inputs]
    findings = validate(PROFILE, items, probe_paths=False)
    well_formed(findings)
    # one verdict at most per entry
    assert len([f for f in findings if f.code != "unchanged_default"]) <= len(items)


@settings(max_examples=100, deadline=None)
@given(st.lists(default_entries, unique_by=lambda e: (e["nodeId"], e["fieldName"])))
def test_defaults_never_err(items: list[dict[str, Any]]) -> None:
    findings = validate(PROFILE, items)
    assert not [f for f in findings if f.severity == "error"]
    assert [f.code for f in findings] == ["unchanged_default"]


@settings(max_examples=100, deadline=None)
@given(st.lists(entries, max_size=5))
def test_deterministic(items: list[Any]) -> None:
    assert validate(PROFILE, items, probe_paths=False) == validate(PROFILE, items,
                                                                   probe_paths=False)
