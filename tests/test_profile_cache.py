"""The cache of checked profiles: used only for the very text it checked, never a way around the
checks, and never a reason for a command to fail."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLES

from rhconfig import profile_cache
from rhconfig.errors import ProfileError
from rhconfig.store import WorkflowStore, load_profile

WID = "1900000000000000001"


@pytest.fixture
def store(tmp_path: Path) -> WorkflowStore:
    root = tmp_path / "workflows"
    root.mkdir()
    shutil.copy(EXAMPLES / f"{WID}.yaml", root)
    return WorkflowStore(root)


def _entries() -> list[Path]:
    root = profile_cache.cache_root()
    assert root is not None
    return sorted((root / "profiles").glob("*.json"))


def test_second_load_comes_from_the_cache_and_is_the_same(
    store: WorkflowStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = store.load_profile(WID)
    assert len(_entries()) == 1
    import rhconfig.profile_io as io

    def no_yaml(*_: object) -> None:
        raise AssertionError("the YAML was parsed again")

    monkeypatch.setattr(io, "load_yaml_data", no_yaml)
    assert store.load_profile(WID) == first


def test_an_edited_profile_is_read_and_checked_again(store: WorkflowStore) -> None:
    store.load_profile(WID)
    path = store.profile_path(WID)
    text = path.read_text("utf-8")
    path.write_text(text.replace("name: seed", "name: my_seed"), "utf-8")
    assert "my_seed" in store.load_profile(WID).by_name
    path.write_text(text.replace("name: seed", "name: class"), "utf-8")  # a keyword
    with pytest.raises(ProfileError, match="reserved word"):
        store.load_profile(WID)
    path.write_text(text.replace("kind: seed", "kind: banana", 1), "utf-8")
    with pytest.raises(ProfileError, match="invalid profile"):
        store.load_profile(WID)


def test_an_entry_for_other_text_is_not_used(store: WorkflowStore) -> None:
    store.load_profile(WID)
    (entry,) = _entries()
    cached = json.loads(entry.read_text("utf-8"))
    cached["yaml"] += "# another text\n"
    cached["data"]["inputs"][0]["name"] = "forged"
    entry.write_text(json.dumps(cached), "utf-8")
    assert "forged" not in store.load_profile(WID).by_name
    entry.write_text("{not json", "utf-8")
    assert "seed" in store.load_profile(WID).by_name


def test_a_new_schema_file_invalidates_entries(
    store: WorkflowStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.load_profile(WID)
    monkeypatch.setattr(profile_cache, "_stamp", lambda: ["another version", 0, 0])
    calls: list[str] = []
    import rhconfig.profile_io as io

    real = io.load_yaml_data
    monkeypatch.setattr(io, "load_yaml_data", lambda *a: calls.append("parsed") or real(*a))
    store.load_profile(WID)
    assert calls == ["parsed"]


def test_cache_off_and_unwritable_cache_are_ignored(
    store: WorkflowStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RHCONFIG_CACHE_DIR", "off")
    assert profile_cache.cache_root() is None
    assert "seed" in load_profile(store.profile_path(WID)).by_name
    blocker = tmp_path / "a-file"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("RHCONFIG_CACHE_DIR", str(blocker / "below-a-file"))
    assert "seed" in store.load_profile(WID).by_name
