"""``rhconfig mcp``: serve the workflows dir's profiles to AI agents over MCP (stdio).

The SDK is an extra (``pip install 'rhconfig[mcp]'``); it is imported only here, when the
command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from rhconfig.cli.options import workflows_dir_option


@click.command()
@workflows_dir_option()
def mcp(workflows_dir: Path | None) -> None:
    """Serve list_workflows, describe_workflow, check_inputs, run_workflow and task_status
    over MCP on stdin/stdout (for an MCP host: Claude Desktop, an IDE, an agent framework).

    The key comes from RUNNINGHUB_API_KEY (needed by run_workflow and task_status only), the
    host from RUNNINGHUB_BASE_URL.
    """
    from rhconfig.errors import UsageError

    try:
        from rhconfig.mcpserver.server import serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in ("mcp", "mcp_types", "anyio", "pydantic"):
            raise
        raise UsageError("rhconfig mcp needs the MCP SDK: install 'rhconfig[mcp]'") from None
    from rhconfig.mcpserver.tools import Toolbox
    from rhconfig.store import workflows_dir as default_dir

    folder = default_dir(workflows_dir)
    if not folder.is_dir():
        raise UsageError(f"no workflows dir {folder} (scan a workflow first, or pass "
                         "--workflows-dir)")
    serve(Toolbox(folder))
