"""Reading JOBS.jsonl: every line checked, all problems listed with line numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_helpers import IMG_WID, WID
from helpers import EXAMPLES

from rhconfig.batch import JobsError, read_jobs
from rhconfig.batch.jobs import inputs_digest
from rhconfig.client import expected_file_name
from rhconfig.store import load_profile


def profile(wid: str = WID):  # type: ignore[no-untyped-def]
    return load_profile(wid, EXAMPLES)


def test_named_values_and_node_info_lines(tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(
        '{"positive_prompt": "a red coat", "seed": 7}\n'
        "\n"
        '{"nodeInfoList": [{"nodeId": "3", "fieldName": "steps", "fieldValue": 12}]}\n',
        "utf-8",
    )
    first, second = read_jobs(jobs, profile())
    assert (first.line, second.line) == (1, 3)  # blank lines keep the file's numbering
    sent = {(e["nodeId"], e["fieldName"]): e["fieldValue"] for e in first.node_info}
    assert sent[("3", "seed")] == 7
    assert "a red coat" in sent.values()
    assert second.node_info == [{"nodeId": "3", "fieldName": "steps", "fieldValue": 12}]
    assert first.digest == inputs_digest(first.node_info) != second.digest


def test_every_bad_line_is_listed(tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(
        '{"positive_prompt": "fine"}\n'
        '{"sede": 7}\n'
        "not json\n"
        '{"steps": "many", "cfg": 1000}\n'
        "[1, 2]\n",
        "utf-8",
    )
    with pytest.raises(JobsError) as info:
        read_jobs(jobs, profile())
    lines = sorted({line for line, _ in info.value.problems})
    assert lines == [2, 3, 4, 5]
    text = "\n".join(info.value.report())
    assert "did you mean 'seed'" in text
    assert f"{jobs}:4:" in text and "cfg" in text and "steps" in text
    assert "nothing was sent" in str(info.value) and "\n" not in str(info.value)


def test_at_file_uploads_media_and_reads_text(tmp_path: Path) -> None:
    image = tmp_path / "cat.png"
    image.write_bytes(b"\x89PNG cat")
    (tmp_path / "prompt.txt").write_text("a cat on a mat", "utf-8")
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(
        json.dumps({"image": "@cat.png", "positive_prompt": "@prompt.txt"}) + "\n"
        + json.dumps({"positive_prompt": "@@handle"}) + "\n",
        "utf-8",
    )
    first, second = read_jobs(jobs, profile(IMG_WID))
    (upload,) = first.uploads
    assert upload.path == image and upload.expected == expected_file_name(image)
    values = [e["fieldValue"] for e in first.node_info]
    assert upload.expected in values and "a cat on a mat" in values
    assert [e["fieldValue"] for e in second.node_info] == ["@handle"]


def test_changed_file_content_changes_the_hash(tmp_path: Path) -> None:
    image = tmp_path / "cat.png"
    image.write_bytes(b"\x89PNG one")
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(json.dumps({"image": "@cat.png"}) + "\n", "utf-8")
    (before,) = read_jobs(jobs, profile(IMG_WID))
    image.write_bytes(b"\x89PNG two")
    (after,) = read_jobs(jobs, profile(IMG_WID))
    assert before.digest != after.digest


def test_missing_file_and_at_on_a_number_are_errors(tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(
        json.dumps({"image": "@nope.png"}) + "\n"
        + json.dumps({"steps": "@steps.txt"}) + "\n",
        "utf-8",
    )
    with pytest.raises(JobsError) as info:
        read_jobs(jobs, profile(IMG_WID))
    problems = dict(info.value.problems)
    assert "nope.png" in problems[1]
    assert "@FILE works for media inputs" in problems[2]


def test_a_tie_sets_every_member(tmp_path: Path) -> None:
    from rhconfig.profile import Tie

    base = profile()
    tied = base.replace(ties=(Tie("size", ("width", "height")),))
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text('{"size": 640}\n{"width": 512}\n', "utf-8")
    with pytest.raises(JobsError) as info:
        read_jobs(jobs, tied)
    ((line, message),) = info.value.problems
    assert line == 2 and "tied into 'size'" in message
    jobs.write_text('{"size": 640}\n', "utf-8")
    (job,) = read_jobs(jobs, tied)
    assert sorted(e["fieldName"] for e in job.node_info) == ["height", "width"]
    assert {e["fieldValue"] for e in job.node_info} == {640}
