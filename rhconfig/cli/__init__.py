"""The ``rhconfig`` command: a thin click group that loads each command's module on demand.

Commands live in small modules beside this one; this file only routes and reports errors.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from rhconfig import __version__

# command name -> "module:attribute"; modules are imported only when the command runs.
COMMANDS: dict[str, str] = {
    "scan": "rhconfig.cli.scan_cmd:scan",
    "show": "rhconfig.cli.show_cmd:show",
    "check": "rhconfig.cli.check_cmd:check",
    "schema": "rhconfig.cli.schema_cmd:schema",
    "mcp": "rhconfig.cli.mcp_cmd:mcp",
    "gen": "rhconfig.cli.gen_cmd:gen",
    "catalog": "rhconfig.cli.catalog_cmd:catalog",
    "convert": "rhconfig.cli.convert_cmd:convert",
    "run": "rhconfig.cli.remote:run",
    "upload": "rhconfig.cli.remote:upload",
    "account": "rhconfig.cli.remote:account",
    "cancel": "rhconfig.cli.remote:cancel",
    "webhook": "rhconfig.cli.remote:webhook",
    "fake-server": "rhconfig.cli.remote:fake_server",
    "batch": "rhconfig.cli.batch_cmd:batch",
    "expose": "rhconfig.cli.edit_cmd:expose",
    "rename": "rhconfig.cli.edit_cmd:rename",
    "tie": "rhconfig.cli.edit_cmd:tie",
}

# Commands that never reach RunningHub: they skip the client's retry messages (and the import
# of logging that those need), which keeps a ``check`` process close to ``import click``.
NO_CLIENT = frozenset(
    {"show", "check", "schema", "gen", "catalog", "convert", "expose", "rename", "tie",
     "fake-server"}
)


def fail(message: str, code: int = 2) -> None:
    """Print one line on stderr and exit with ``code``."""
    click.echo(f"rhconfig: error: {message}", err=True)
    raise SystemExit(code)


def _maybe_traceback(ctx: click.Context) -> None:
    if ctx.obj and ctx.obj.get("verbose"):
        import traceback  # only on errors: keeps start-up light

        traceback.print_exc()


def _retry_messages(ctx: click.Context) -> None:
    """While the command runs, the client's retries (host, attempt, next wait) go to stderr."""
    import logging

    class _Echo(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            click.echo(record.getMessage(), err=True)  # the current stderr, whatever it is

    logger = logging.getLogger("rhconfig.client.retry")
    handler = _Echo()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    def restore() -> None:
        logger.removeHandler(handler)
        logger.setLevel(level)

    ctx.call_on_close(restore)


def _quiet_broken_pipe() -> None:
    """The reader went away (``rhconfig show ID --all | head``): end quietly. Python would
    complain again when it flushes stdout at exit, so stdout now points at /dev/null."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (e.g. a test runner's buffer)
        pass
    raise SystemExit(1)


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if name is not None and name not in NO_CLIENT:
            _retry_messages(ctx)
        return name, command, rest

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return None
        command: click.Command = getattr(module, attr)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        from rhconfig.errors import RhconfigError

        try:
            return super().invoke(ctx)
        except RhconfigError as exc:
            _maybe_traceback(ctx)
            lines = getattr(exc, "lines", ())
            if len(lines) > 1:  # several problems at once: one line each, then the verdict
                for line in lines:
                    click.echo(f"rhconfig: error: {line}", err=True)
            fail(str(exc), exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            _quiet_broken_pipe()
        except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks
            _maybe_traceback(ctx)
            fail(f"unexpected {type(exc).__name__}: {exc} (run 'rhconfig -v ...' for details)", 1)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="rhconfig")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks on errors.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Profiles, pre-flight checks, typed wrappers and a client for RunningHub workflows."""
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="rhconfig")
