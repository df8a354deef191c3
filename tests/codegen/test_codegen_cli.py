"""``rhconfig gen``: arguments, output, --check, --templates, and the plan it renders."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from codegen_helpers import EXAMPLES, GOLDEN, nasty_profile

from rhconfig.codegen import generate, plan_module
from rhconfig.store import load_profile

WID = "1900000000000000001"


def test_one_module_to_a_file(run_cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "my_app" / "text2img.py"
    res = run_cli("gen", WID, "--workflows-dir", str(EXAMPLES), "-o", str(target))
    assert res.exit_code == 0, res.output
    assert target.read_bytes() == (GOLDEN / f"workflow_{WID}.py").read_bytes()
    again = run_cli("gen", WID, "--workflows-dir", str(EXAMPLES), "-o", str(target))
    assert "unchanged" in again.stderr


def test_stdout_and_env_workflows_dir(run_cli: Any) -> None:
    res = run_cli("gen", WID, env={"RHCONFIG_WORKFLOWS_DIR": str(EXAMPLES)})
    assert res.exit_code == 0 and res.stdout.startswith('"""RunningHub workflow ' + WID)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give a WORKFLOW_ID or --all"),
        ((WID, "--all"), "give a WORKFLOW_ID or --all"),
        (("--all",), "--all needs -o DIR"),
        (("../etc/passwd",), "cannot read profile"),
        (("42",), "no profile for workflow 42"),
    ],
)
def test_usage_errors(run_cli: Any, args: tuple[str, ...], message: str) -> None:
    res = run_cli("gen", *args, "--workflows-dir", str(EXAMPLES))
    assert res.exit_code == 2
    assert message in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_check_reports_a_stale_module(run_cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "m.py"
    target.write_text("# old\n", encoding="utf-8")
    res = run_cli("gen", WID, "--check", "--workflows-dir", str(EXAMPLES), "-o", str(target))
    assert res.exit_code == 1 and "differs" in res.stdout
    assert target.read_text(encoding="utf-8") == "# old\n"


def test_user_template_overrides_one_macro(run_cli: Any, tmp_path: Path) -> None:
    mine = tmp_path / "tpl" / "macros"
    mine.mkdir(parents=True)
    (mine / "integer.jinja").write_text(
        '{% import "macros/common.jinja" as common %}\n'
        "{% macro doc(p) %}\n{{ common.head(p) }}\nWHOLE NUMBER, default {{ p.default }}.\n"
        "{% endmacro %}\n",
        encoding="utf-8",
    )
    templates = str(tmp_path / "tpl")
    res = run_cli("gen", WID, "--workflows-dir", str(EXAMPLES), "--templates", templates)
    assert res.exit_code == 0, res.output
    assert "WHOLE NUMBER, default 20." in res.stdout  # steps: the user's macro
    assert "From 0.0 to 100.0, step 0.1." in res.stdout  # cfg: the built-in number macro


def test_broken_user_template_is_one_line(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "module.py.jinja").write_text("{{ plan.nope }}\n", encoding="utf-8")
    res = run_cli("gen", WID, "--workflows-dir", str(EXAMPLES), "--templates", str(tmp_path))
    assert res.exit_code == 2 and "templates" in res.stderr
    (tmp_path / "module.py.jinja").write_text("def (:\n", encoding="utf-8")
    res = run_cli("gen", WID, "--workflows-dir", str(EXAMPLES), "--templates", str(tmp_path))
    assert res.exit_code == 2 and "invalid Python" in res.stderr


def test_plan_types_per_kind() -> None:
    plan = plan_module(load_profile("1900000000000000003", EXAMPLES))
    types = {p.name: (p.kind, p.build_type, p.run_type) for p in plan.params}
    assert {k for k, *_ in types.values()} >= {"image", "integer", "number", "seed", "text"}
    for kind, build, run in types.values():
        expected = {"image": "str", "integer": "int", "seed": "int", "number": "float",
                    "text": "str"}.get(kind)
        if expected:
            assert build == expected
        assert run == ("str | Path" if kind == "image" else build)


def test_choice_inputs_get_a_literal_type() -> None:
    profile = load_profile(WID, EXAMPLES)
    inputs = tuple(i._replace(expose=True) if i.kind in ("choice", "model") else i
                   for i in profile.inputs)
    plan = plan_module(profile.replace(inputs=inputs))
    by_name = {p.name: p for p in plan.params}
    assert by_name["sampler_name"].build_type == "SamplerNameChoice"
    assert by_name["ckpt_name"].build_type == "str"  # model files: str
    (alias,) = [a for a in plan.aliases if a.name == "SamplerNameChoice"]
    assert alias.values[0] == '"euler"' and len(alias.values) == 44
    source = generate(profile.replace(inputs=inputs))
    assert "sampler_name: SamplerNameChoice | None = None," in source
    ast.parse(source)


def test_clashing_names_are_renamed_and_noted() -> None:
    plan = plan_module(nasty_profile())
    renamed = {p.name: p.input_literal for p in plan.params if p.renamed_from}
    assert renamed["rt_"] == '"_rt"' and renamed["path_"] == '"Path"'
    assert any("is the parameter" in n for n in plan.notes)
    assert len({p.name for p in plan.params}) == len(plan.params)


def test_nan_default_is_refused() -> None:
    from rhconfig.codegen import PlanError

    profile = load_profile(WID, EXAMPLES)
    bad = profile.inputs[2]._replace(default=float("nan"))
    with pytest.raises(PlanError, match="NaN"):
        plan_module(profile.replace(inputs=(bad, *profile.inputs[3:])))
