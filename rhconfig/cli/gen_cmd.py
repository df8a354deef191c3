"""``rhconfig gen``: write a typed wrapper module for a workflow (or for every workflow).

``rhconfig gen ID -o my_app/text2img.py`` writes one module (``-o`` left out: standard output);
``rhconfig gen --all -o DIR`` writes ``DIR/workflow_<id>.py`` for every profile in the
workflows dir. ``--check`` writes nothing and exits 1 when a module is missing or differs.
"""

from __future__ import annotations

from pathlib import Path

import click

from rhconfig.cli.options import workflows_dir_option
from rhconfig.errors import UsageError


@click.command()
@click.argument("workflow_id", required=False)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path),
    help="The module file to write (a folder with --all). Default: standard output.",
)
@click.option("--all", "gen_all", is_flag=True, help="A module for every profile.")
@workflows_dir_option()
@click.option(
    "--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A folder of templates to use before the built-in ones (e.g. macros/integer.jinja).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a module is not current.")
def gen(
    workflow_id: str | None,
    output: Path | None,
    gen_all: bool,
    workflows_dir: Path | None,
    templates: Path | None,
    check: bool,
) -> None:
    """Generate a typed Python module (run, run_many, build_node_info) for a workflow."""
    from rhconfig.codegen import module_file_name, plan_module, render_checked
    from rhconfig.profile import Profile
    from rhconfig.store import WorkflowStore, load_profile

    if gen_all == (workflow_id is not None):
        raise UsageError("give a WORKFLOW_ID or --all (not both)")
    if gen_all:
        if output is None:
            raise UsageError("--all needs -o DIR, the folder to write the modules to")
        if output.exists() and not output.is_dir():
            raise UsageError(f"-o {output}: with --all, -o must be a folder")
        store = WorkflowStore(workflows_dir)
        ids = [i for i in store.ids() if store.profile_path(i).is_file()]
        if not ids:
            raise UsageError(f"no profiles in {store.root}/ (run 'rhconfig scan' first)")
        loaded = [store.load_profile(i) for i in ids]
        jobs: list[tuple[Profile, Path | None]] = [
            (p, output / module_file_name(p.workflow_id, app=p.is_app)) for p in loaded
        ]
    else:
        assert workflow_id is not None
        from rhconfig.ids import page_id

        profile = load_profile(page_id(workflow_id), workflows_dir)
        if output is not None and output.is_dir():
            raise UsageError(f"-o {output} is a folder: give the module's file name")
        jobs = [(profile, output)]

    stale = 0
    for profile, target in jobs:
        plan = plan_module(profile)
        for note in plan.notes:
            click.echo(f"rhconfig: note: {profile.what}: {note}", err=True)
        source = render_checked(plan, templates)
        if target is None:
            if check:
                raise UsageError("--check needs -o")
            click.echo(source, nl=False)
            continue
        current = target.read_bytes() if target.is_file() else None
        if check:
            if current != source.encode("utf-8"):
                stale += 1
                click.echo(f"{target}: {'differs' if current else 'missing'}")
            continue
        if current == source.encode("utf-8"):
            click.echo(f"{target}: unchanged", err=True)
            continue
        from rhconfig.store import atomic_write

        atomic_write(target, source)
        click.echo(f"wrote {target} ({profile.what})", err=True)
    if stale:
        raise SystemExit(1)
