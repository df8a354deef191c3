from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from helpers import load_graph_fixture

from rhconfig.catalog_files import load_catalog
from rhconfig.errors import ProfileError, UsageError
from rhconfig.ids import check_workflow_id
from rhconfig.scan import scan_document
from rhconfig.store import WorkflowStore, atomic_write, load_profile


@pytest.mark.parametrize("bad", ["../etc", "12/34", "", "1.yaml", "abc", "1 2", "1" * 40])
def test_workflow_ids_cannot_become_paths(bad: str) -> None:
    with pytest.raises(UsageError, match="digits only"):
        check_workflow_id(bad)


def test_atomic_write_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "1.yaml"
    target.write_text("old content")

    def boom(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "new content")
    assert target.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["1.yaml"]


def test_store_round_trip_and_listing(tmp_path: Path) -> None:
    store = WorkflowStore(tmp_path)
    result = scan_document(load_graph_fixture("minimal-txt2img.json"), load_catalog(), "77")
    store.write_profile(result.profile)
    store.write_graph("77", result.graph)
    (tmp_path / "notes.txt").write_text("x")
    assert store.ids() == ["77"]
    assert store.load_profile("77") == result.profile
    assert store.read_graph("77") == result.graph
    assert load_profile(str(tmp_path / "77.yaml")) == result.profile
    assert load_profile("77", tmp_path) == result.profile


def test_workflows_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RHCONFIG_WORKFLOWS_DIR", str(tmp_path))
    assert WorkflowStore().root == tmp_path
    assert WorkflowStore(tmp_path / "x").root == tmp_path / "x"


def test_missing_profile_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="run 'rhconfig scan 5' first"):
        load_profile("5", tmp_path)


def test_files_are_written_with_the_users_umask(tmp_path: Path) -> None:
    import stat

    from rhconfig.store import atomic_write

    for mask, mode in ((0o022, 0o644), (0o002, 0o664), (0o077, 0o600)):
        old = os.umask(mask)
        try:
            target = tmp_path / f"f{mask:o}.yaml"
            atomic_write(target, "x")
        finally:
            os.umask(old)
        assert stat.S_IMODE(target.stat().st_mode) == mode


def test_an_invalid_id_is_said_to_be_one(tmp_path: Path, run_cli: Any) -> None:
    res = run_cli("show", "abc", "--workflows-dir", str(tmp_path))
    assert res.exit_code == 2
    assert res.stderr.startswith("rhconfig: error: invalid workflow id 'abc'")
