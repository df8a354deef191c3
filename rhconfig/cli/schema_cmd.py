"""``rhconfig schema``: a JSON Schema (Draft 2020-12) of a profile, for tools in any language.

``--form node-info`` (default) describes the nodeInfoList; ``--form args`` the named arguments
(as ``gen`` names them). The same profile always gives the same bytes, so the files can be
committed; ``-o`` writes atomically.
"""

from __future__ import annotations

from pathlib import Path

import click

from rhconfig.cli.options import workflows_dir_option


@click.command()
@click.argument("workflow_id")
@click.option(
    "--form",
    type=click.Choice(["node-info", "args"]),
    default="node-info",
    show_default=True,
    help="node-info: the nodeInfoList; args: an object of named arguments.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
    help="Write the schema to this file (default: standard output).",
)
@workflows_dir_option()
def schema(workflow_id: str, form: str, output: Path | None, workflows_dir: Path | None) -> None:
    """Print a JSON Schema of WORKFLOW_ID's inputs that agrees with 'rhconfig check'.

    What a schema cannot express (a numeric string's range, files on this machine, duplicates)
    is listed in the schema's $comment; 'rhconfig check' still catches it.
    """
    from rhconfig.check.jsonschema_export import dump
    from rhconfig.ids import any_id
    from rhconfig.store import atomic_write, load_profile

    workflow_id = any_id(workflow_id)  # an id, or an app or workflow page URL
    profile = load_profile(workflow_id, workflows_dir)
    if form == "args":
        from rhconfig.check.args_schema import args_schema

        document = args_schema(profile)
    else:
        from rhconfig.check.jsonschema_export import node_info_schema

        document = node_info_schema(profile)
    text = dump(document)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        atomic_write(output, text)
    except OSError as exc:
        from rhconfig.errors import UsageError

        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {output}", err=True)
