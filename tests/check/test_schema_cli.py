"""``rhconfig schema``: deterministic text, both forms, -o, gen's argument names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from check_helpers import WORKFLOW_ID, entry
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from rhconfig.check import has_errors, validate
from rhconfig.check.args_schema import args_schema
from rhconfig.cli import cli
from rhconfig.codegen import plan_module
from rhconfig.profile import Profile
from rhconfig.store import WorkflowStore

EXAMPLES = Path(__file__).resolve().parents[2] / "workflows"


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["schema", *args], catch_exceptions=False)


def test_both_forms_are_valid_and_deterministic(workflows_dir: Path, tmp_path: Path) -> None:
    for form in ("node-info", "args"):
        first = run(WORKFLOW_ID, "--form", form, "--workflows-dir", str(workflows_dir))
        again = run(WORKFLOW_ID, "--form", form, "--workflows-dir", str(workflows_dir))
        assert first.exit_code == 0, first.output
        assert first.stdout == again.stdout
        schema = json.loads(first.stdout)
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert "numeric string" in schema["$comment"]
        out = tmp_path / f"{form}.json"
        res = run(WORKFLOW_ID, "--form", form, "-o", str(out), "--workflows-dir",
                  str(workflows_dir))
        assert res.exit_code == 0 and res.stdout == ""
        assert out.read_text("utf-8") == first.stdout


def test_default_form_is_node_info(workflows_dir: Path) -> None:
    res = run(WORKFLOW_ID, "--workflows-dir", str(workflows_dir))
    schema = json.loads(res.stdout)
    validator = Draft202012Validator(schema)
    assert schema["type"] == "array"
    assert validator.is_valid([entry("3", "steps", 30)])
    assert not validator.is_valid([entry("3", "steps", 10001)])


def test_bundled_examples_all_have_schemas() -> None:
    store = WorkflowStore(EXAMPLES)
    for workflow_id in store.ids():
        for form in ("node-info", "args"):
            res = run(workflow_id, "--form", form, "--workflows-dir", str(EXAMPLES))
            assert res.exit_code == 0, res.output
            Draft202012Validator.check_schema(json.loads(res.stdout))


def test_unknown_workflow_is_one_line(tmp_path: Path) -> None:
    res = run("42", "--workflows-dir", str(tmp_path))
    assert res.exit_code == 2
    assert res.stderr.startswith("rhconfig: error: no profile for workflow 42")
    assert "Traceback" not in res.output


def test_args_names_are_gens_even_when_renamed(profile: Profile) -> None:
    # an input named like something the generated module uses itself is renamed by gen
    first = profile.exposed[0]
    inputs = tuple(i._replace(name="dict") if i is first else i
                   for i in profile.inputs)
    renamed = profile.replace(inputs=inputs)
    schema = args_schema(renamed)
    names = [p.name for p in plan_module(renamed).params]
    assert list(schema["properties"]) == names
    assert "dict" not in schema["properties"]
    assert schema["properties"]["dict_"]["x-rhconfig"]["input"] == "dict"


def test_args_annotations(profile: Profile) -> None:
    schema = args_schema(profile)
    validator = Draft202012Validator(schema)
    for name, prop in schema["properties"].items():
        inp = profile.by_name[prop["x-rhconfig"]["input"]]
        assert prop["default"] == inp.default
        assert (prop["x-rhconfig"]["nodeId"], prop["x-rhconfig"]["fieldName"]) == inp.key
        assert inp.field in prop["description"]
        if inp.kind == "choice" and inp.choices:
            assert {"enum": list(inp.choices)} in prop["anyOf"]
        if inp.kind in ("image", "video", "audio"):
            assert prop["format"] == "uri-reference"
            assert prop["contentMediaType"] == f"{inp.kind}/*"
        if inp.minimum is not None and inp.type == "INT":
            assert prop["anyOf"][0] == {"type": "integer", "minimum": inp.minimum,
                                        **({"maximum": inp.maximum}
                                           if inp.maximum is not None else {})}
        # the own value passes, wrapped once too, not twice
        assert validator.is_valid({name: inp.default})
        if inp.kind != "json":
            assert validator.is_valid({name: {"__value__": inp.default}})
            items = [entry(*inp.key, {"__value__": {"__value__": inp.default}})]
            assert validator.is_valid({name: items[0]["fieldValue"]}) == (
                not has_errors(validate(profile, items, probe_paths=False))
            )


def test_a_tie_is_one_argument_that_suits_every_member(profile: Profile) -> None:
    from rhconfig.nodeinfo import build_node_info
    from rhconfig.profile import Tie

    texts = [i for i in profile.exposed if i.kind == "text"][:2]
    assert len(texts) == 2
    tied = profile.replace(ties=(Tie("prompts", tuple(i.name for i in texts)),))
    schema = args_schema(tied)
    validator = Draft202012Validator(schema)
    assert "prompts" in schema["properties"]
    assert not {i.name for i in texts} & set(schema["properties"])
    assert [m["input"] for m in schema["properties"]["prompts"]["x-rhconfig"]["members"]] == [
        i.name for i in texts
    ]
    for value in ("a cat", 5, None, [1], {"__value__": "x"}):
        entries = build_node_info(tied, {"prompts": value})
        assert len(entries) == 2
        ours = not has_errors(validate(tied, entries, probe_paths=False))
        assert validator.is_valid({"prompts": value}) == ours, value
    assert not validator.is_valid({texts[0].name: "a cat"})


def test_an_app_profile_has_both_forms_with_choice_descriptions() -> None:
    app = "1950000000000000001"
    profile = WorkflowStore(EXAMPLES).load_profile(app)
    assert profile.is_app
    node_info = json.loads(run(app, "--workflows-dir", str(EXAMPLES)).stdout)
    args = json.loads(run(app, "--form", "args", "--workflows-dir", str(EXAMPLES)).stdout)
    assert node_info["title"] == f"nodeInfoList for app {app}"
    assert args["title"] == f"arguments of app {app}"
    ratio = args["properties"]["aspect_ratio"]
    assert [c["value"] for c in ratio["x-rhconfig"]["choices"]] == ["1:1", "3:4", "16:9"]
    assert ratio["x-rhconfig"]["choices"][0]["description"] == "Square, for avatars"
    assert "'1:1' (1:1 square: Square, for avatars)" in ratio["description"]
    validator = Draft202012Validator(args)
    for value in ("16:9", "4:3", 5, None):
        entries = [entry("60", "aspect_ratio", value)]
        ours = not has_errors(validate(profile, entries, probe_paths=False))
        assert validator.is_valid({"aspect_ratio": value}) == ours, value
    assert not validator.is_valid({"aspect_ratio": "4:3"})
