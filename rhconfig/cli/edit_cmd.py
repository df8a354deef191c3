"""``rhconfig expose``, ``rename`` and ``tie``: edit a stored profile without hand-editing YAML.

Each loads the profile, applies one edit from :mod:`rhconfig.profile_edit`, and writes it back
atomically through the store (the same schema and name rules as a scan: a profile the schema
rejects is never written). A later ``rhconfig scan`` keeps the edit.
"""

from __future__ import annotations

from pathlib import Path

import click

from rhconfig.cli.options import workflows_dir_option


def _edit(workflow_id: str, workflows_dir: Path | None, how: str, edit: object) -> None:
    from rhconfig.ids import any_id
    from rhconfig.profile_io import tie_problem
    from rhconfig.store import WorkflowStore

    workflow_id = any_id(workflow_id)
    store = WorkflowStore(workflows_dir)
    profile = store.load_profile(workflow_id)
    edited = edit(profile)  # type: ignore[operator]
    problem = tie_problem(edited, edited.ties)
    if problem:
        from rhconfig.errors import UsageError

        raise UsageError(problem)
    if edited == profile:
        click.echo(f"{workflow_id}: unchanged", err=True)
        return
    path = store.write_profile(edited)
    click.echo(f"{workflow_id}: {how} ({path})", err=True)


@click.command()
@click.argument("workflow_id")
@click.argument("names", nargs=-1, required=True)
@click.option("--hide", is_flag=True, help="Hide the inputs instead (they keep their defaults).")
@workflows_dir_option()
def expose(
    workflow_id: str, names: tuple[str, ...], hide: bool, workflows_dir: Path | None
) -> None:
    """Expose the inputs NAMES (names, tie names or NODE:FIELD) of WORKFLOW_ID's profile.

    Exposed inputs are what 'show' lists and what generated wrappers take as arguments; every
    input can be set by 'run --set' either way. A scan exposes each node's main inputs (prompts,
    seeds, steps, media, ...) and hides the rest.
    """
    from rhconfig.profile_edit import set_exposed

    verb = "hid" if hide else "exposed"
    _edit(workflow_id, workflows_dir, f"{verb} {' '.join(names)}",
          lambda p: set_exposed(p, names, not hide))


@click.command()
@click.argument("workflow_id")
@click.argument("old")
@click.argument("new")
@workflows_dir_option()
def rename(workflow_id: str, old: str, new: str, workflows_dir: Path | None) -> None:
    """Rename the input (or tie) OLD of WORKFLOW_ID's profile to NEW; rescans keep NEW."""
    from rhconfig.profile_edit import rename as do_rename

    _edit(workflow_id, workflows_dir, f"renamed {old} to {new}",
          lambda p: do_rename(p, old, new))


@click.command()
@click.argument("workflow_id")
@click.argument("name")
@click.argument("inputs", nargs=-1)
@click.option("--remove", is_flag=True, help="Remove the tie NAME (its inputs stay).")
@workflows_dir_option()
def tie(
    workflow_id: str, name: str, inputs: tuple[str, ...], remove: bool, workflows_dir: Path | None
) -> None:
    """Tie INPUTS (names or NODE:FIELD, of one kind) under NAME: one value sets them all.

    'run --set NAME=...', 'check', generated wrappers and batch treat NAME as one input whose
    value goes to every member (e.g. one seed for all the samplers of a character sheet).
    """
    from rhconfig.errors import UsageError
    from rhconfig.profile_edit import tie as do_tie
    from rhconfig.profile_edit import untie

    if remove:
        if inputs:
            raise UsageError("--remove takes the tie's NAME only")
        _edit(workflow_id, workflows_dir, f"removed tie {name}", lambda p: untie(p, name))
        return
    _edit(workflow_id, workflows_dir, f"tied {' '.join(inputs)} as {name}",
          lambda p: do_tie(p, name, inputs))
