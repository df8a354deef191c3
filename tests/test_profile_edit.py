"""``rhconfig expose``, ``rename`` and ``tie``: atomic, validated edits a rescan keeps; ties are
one input for run, check, gen and the wrapper runtime; rescans through the server of an
unchanged graph leave the profile's bytes alone."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rhconfig.check import validate
from rhconfig.cli import cli
from rhconfig.nodeinfo import build_node_info
from rhconfig.profile_io import load_yaml
from rhconfig.store import WorkflowStore, load_profile
from rhconfig.testing import FakeRunningHub, sample_graph

WID = "1900000000000000777"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def sheet_graph(samplers: int = 4) -> dict[str, Any]:
    """A character sheet in miniature: several samplers, each with its own seed and prompt."""
    graph = sample_graph()
    base = copy.deepcopy(graph["3"])
    for n in range(samplers - 1):
        node = copy.deepcopy(base)
        node["inputs"]["seed"] = 100 + n
        node["_meta"] = {"title": f"Pose {n + 2}"}
        graph[str(20 + n)] = node
    return graph


@pytest.fixture
def wf(tmp_path: Path) -> Path:
    folder = tmp_path / "wf"
    graph = tmp_path / "g.json"
    graph.write_text(json.dumps(sheet_graph()), "utf-8")
    res = invoke("scan", WID, "--from-file", str(graph), "--workflows-dir", str(folder))
    assert res.exit_code == 0, res.output
    return folder


def seeds(folder: Path) -> list[str]:
    profile = load_profile(WID, folder)
    return [i.name for i in profile.inputs if i.field == "seed"]


def test_tie_is_one_input_everywhere(wf: Path) -> None:
    members = seeds(wf)
    assert len(members) == 4
    res = invoke("tie", WID, "all_seeds", *members, "--workflows-dir", str(wf))
    assert res.exit_code == 0, res.output
    profile = load_profile(WID, wf)
    assert [t.name for t in profile.ties] == ["all_seeds"]
    # nodeinfo: the tie's value goes to every member, in profile order
    entries = build_node_info(profile, {"all_seeds": 7})
    assert [(e["nodeId"], e["fieldValue"]) for e in entries] == [
        ("3", 7), ("20", 7), ("21", 7), ("22", 7)
    ]
    # run: --set NAME=... with the tie's name; a member named directly is refused
    dry = invoke("run", WID, "--workflows-dir", str(wf), "--dry-run", "--set", "all_seeds=9")
    assert dry.exit_code == 0, dry.output
    sent = json.loads(dry.stdout)["nodeInfoList"]
    assert [e["fieldValue"] for e in sent] == [9, 9, 9, 9]
    member = invoke("run", WID, "--workflows-dir", str(wf), "--dry-run", "--set",
                    f"{members[1]}=1")
    assert member.exit_code == 2 and "is tied into 'all_seeds'" in member.stderr
    # check: a split tie is a warning
    split = [dict(e, fieldValue=n) for n, e in enumerate(entries)]
    assert "split_tie" in [f.code for f in validate(profile, split)]
    assert "split_tie" not in [f.code for f in validate(profile, entries)]
    assert "split_tie" in [f.code for f in validate(profile, entries[:2])]
    # show lists it
    shown = invoke("show", WID, "--workflows-dir", str(wf))
    assert f"tie all_seeds (seed): sets {', '.join(members)}" in shown.stdout


def test_tie_refusals(wf: Path) -> None:
    profile = load_profile(WID, wf)
    steps = next(i.name for i in profile.inputs if i.field == "steps")
    seed = seeds(wf)[0]
    before = (wf / f"{WID}.yaml").read_bytes()
    for args, message in [
        (("t", seed, steps), "tied inputs must share a kind"),
        (("t", seed), "a tie joins two inputs or more"),
        (("t", seed, "nope"), "no input named 'nope'"),
        (("class", seed, seeds(wf)[1]), "is not a valid name"),
        ((steps, seed, seeds(wf)[1]), f"'{steps}' is the name of node 3"),
    ]:
        res = invoke("tie", WID, *args, "--workflows-dir", str(wf))
        assert res.exit_code == 2 and message in res.stderr, (args, res.stderr)
        assert res.stderr.startswith("rhconfig: error: ")
    assert (wf / f"{WID}.yaml").read_bytes() == before


def test_edits_survive_a_rescan_and_a_vanished_member_is_reported(
    wf: Path, tmp_path: Path
) -> None:
    members = seeds(wf)
    steps = next(i.name for i in load_profile(WID, wf).inputs if i.field == "steps")
    assert invoke("tie", WID, "seed", *members, "--workflows-dir", str(wf)).exit_code == 0
    assert invoke("rename", WID, steps, "quality", "--workflows-dir", str(wf)).exit_code == 0
    assert invoke("expose", WID, "3:scheduler", "--workflows-dir", str(wf)).exit_code == 0
    assert invoke("expose", WID, "quality", "--hide", "--workflows-dir", str(wf)).exit_code == 0
    edited = (wf / f"{WID}.yaml").read_bytes()
    graph = tmp_path / "g.json"
    again = invoke("scan", WID, "--from-file", str(graph), "--workflows-dir", str(wf))
    assert again.exit_code == 0, again.output
    assert (wf / f"{WID}.yaml").read_bytes() == edited
    profile = load_profile(WID, wf)
    assert profile.by_name["quality"].field == "steps" and not profile.by_name["quality"].expose
    assert profile.by_key[("3", "scheduler")].expose
    # a sampler removed from the graph leaves the tie, and scan says so
    smaller = sheet_graph()
    del smaller["22"]
    graph.write_text(json.dumps(smaller), "utf-8")
    third = invoke("scan", WID, "--from-file", str(graph), "--workflows-dir", str(wf))
    assert third.exit_code == 0, third.output
    assert f"tie 'seed' lost {members[3]}" in third.output
    assert load_profile(WID, wf).by_tie["seed"].members == tuple(members[:3])


def test_rename_validates(wf: Path) -> None:
    seed, other = seeds(wf)[:2]
    for new, message in [("for", "not a valid name"), (other, "already the name of node"),
                         ("2x", "not a valid name")]:
        res = invoke("rename", WID, seed, new, "--workflows-dir", str(wf))
        assert res.exit_code == 2 and message in res.stderr, res.stderr
    typo = invoke("rename", WID, seed + "x", "y", "--workflows-dir", str(wf))
    assert typo.exit_code == 2 and f"did you mean '{seed}'" in typo.stderr


def test_profile_with_a_broken_tie_is_refused(wf: Path) -> None:
    path = wf / f"{WID}.yaml"
    text = path.read_text("utf-8")
    seed = seeds(wf)[0]
    steps = next(i.name for i in load_profile(WID, wf).inputs if i.field == "steps")
    ties = f"ties:\n- name: t\n  inputs:\n  - {seed}\n  - {steps}\n"
    bad = text.replace("nodes:\n", ties + "nodes:\n", 1)
    with pytest.raises(Exception, match="mixes kinds"):
        load_yaml(bad, "p")


def test_rescan_through_the_server_keeps_the_bytes(tmp_path: Path) -> None:
    graph = sample_graph()
    store = WorkflowStore(tmp_path)
    path = tmp_path / "g.json"
    path.write_text(json.dumps(graph), "utf-8")
    assert invoke("scan", WID, "--from-file", str(path), "--workflows-dir", str(tmp_path)
                  ).exit_code == 0
    before = store.profile_path(WID).read_bytes()
    with FakeRunningHub() as fake:
        fake.add_workflow(WID, graph)
        env = {"RUNNINGHUB_BASE_URL": fake.base_url, "RUNNINGHUB_API_KEY": "k" * 32}
        res = CliRunner().invoke(cli, ["scan", WID, "--workflows-dir", str(tmp_path)], env=env)
    assert res.exit_code == 0, res.output
    assert store.profile_path(WID).read_bytes() == before


def test_generated_wrapper_takes_the_tie(wf: Path, tmp_path: Path) -> None:
    members = seeds(wf)
    assert invoke("tie", WID, "seed", *members, "--workflows-dir", str(wf)).exit_code == 0
    out = tmp_path / "sheet.py"
    res = invoke("gen", WID, "-o", str(out), "--workflows-dir", str(wf))
    assert res.exit_code == 0, res.output
    sys.path.insert(0, str(tmp_path))
    try:
        import importlib

        module = importlib.import_module("sheet")
        entries = module.build_node_info(seed=5)
        assert [e["fieldValue"] for e in entries] == [5] * len(members)
        for member in members[1:]:
            with pytest.raises(TypeError):
                module.build_node_info(**{member: 1})
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("sheet", None)
