"""The frozen records (Profile, Finding): what a frozen dataclass gave, kept."""

from __future__ import annotations

import pytest

from rhconfig.check import Finding
from rhconfig.profile import Profile, Source


def _profile(**changes: object) -> Profile:
    base = Profile("1", Source("file", "0" * 64), (), {})
    return base.replace(**changes) if changes else base


def test_fields_defaults_equality_and_repr() -> None:
    p = _profile()
    assert (p.schema_version, p.ties, p.target, p.app_name) == (1, (), "workflow", None)
    assert p == _profile() and p != _profile(workflow_id="2") and p != "1"
    assert repr(Finding("error", "unknown_node", "6", "text", "m")) == (
        "Finding(severity='error', code='unknown_node', node_id='6', field='text', "
        "message='m', hint='', index=None)")
    f = Finding("error", "x", None, None, "m", index=3)
    assert f == Finding("error", "x", None, None, "m", "", 3)
    assert hash(f) == hash(Finding("error", "x", None, None, "m", "", 3))
    assert len({f, Finding("error", "x", None, None, "m", "", 3)}) == 1


def test_frozen_and_replace() -> None:
    p = _profile()
    with pytest.raises(AttributeError):
        p.workflow_id = "2"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.inputs
    f = Finding("error", "x", None, None, "m")
    with pytest.raises(AttributeError):
        f.index = 1  # type: ignore[misc]
    changed = p.replace(target="app", app_name="A")
    assert (changed.target, changed.app_name, changed.workflow_id) == ("app", "A", "1")
    assert (p.target, p.app_name) == ("workflow", None)  # the original is untouched
    with pytest.raises(TypeError, match="no field 'nope'"):
        p.replace(nope=1)


def test_copy_and_pickle_rebuild_the_record() -> None:
    import copy
    import pickle

    f = Finding("warning", "x", "6", "text", "m", "h", 2)
    p = _profile(app_name="A")
    for record in (f, p):
        assert pickle.loads(pickle.dumps(record)) == record
        assert copy.copy(record) == record and copy.deepcopy(record) == record


def test_lookups_are_kept_per_profile() -> None:
    p = _profile()
    assert p.by_key is p.by_key  # worked out once
    assert p.replace(workflow_id="2").by_key == {}
