"""The MCP wiring: the official SDK's low-level server over stdio, calling the Toolbox.

Every result is the tool's JSON data twice, as MCP wants it: ``structuredContent`` and one text
block; a result that says something went wrong (a refused run, an unknown id, a RunningHub
error) has ``isError: true``. The key never leaves: results pass through :func:`tools.scrub`.
"""

from __future__ import annotations

import json
import os
from typing import Any

import anyio
import mcp.types as types
from mcp.server import Server
from mcp.server.stdio import stdio_server

from rhconfig import __version__
from rhconfig.mcpserver.definitions import tool_definitions
from rhconfig.mcpserver.tools import DEFAULT_TIMEOUT, Toolbox, scrub

INSTRUCTIONS = (
    "rhconfig checks and runs ComfyUI workflows and AI apps on RunningHub. Call list_workflows, "
    "then describe_workflow(id); check_inputs(id, values) before run_workflow(id, values): "
    "values are named arguments ({\"steps\": 30}) or a raw nodeInfoList. run_workflow refuses "
    "values with an error finding and sends nothing."
)


def _error_in(result: dict[str, Any]) -> bool:
    return result.get("ok") is False and "findings" not in result or result.get("sent") is False


async def _call(box: Toolbox, name: str, args: dict[str, Any]) -> dict[str, Any]:
    if name == "list_workflows":
        return box.list_workflows()
    if name == "describe_workflow":
        return box.describe_workflow(args.get("id"))
    if name == "check_inputs":
        return box.check_inputs(args.get("id"), args.get("values"))
    if name == "run_workflow":
        wait = args.get("wait", True) is not False
        timeout = args.get("timeout", DEFAULT_TIMEOUT)
        if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout < 1:
            timeout = DEFAULT_TIMEOUT
        return await anyio.to_thread.run_sync(
            lambda: box.run_workflow(args.get("id"), args.get("values"), wait, float(timeout))
        )
    if name == "task_status":
        return await anyio.to_thread.run_sync(lambda: box.task_status(args.get("task_id")))
    return {"ok": False, "error": f"no tool {name!r:.40}"}


def build_server(box: Toolbox) -> Server[Any]:
    async def list_tools(
        ctx: Any, params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        tools = [
            types.Tool(name=d["name"], description=d["description"], input_schema=d["inputSchema"])
            for d in tool_definitions(box.profiles())
        ]
        return types.ListToolsResult(tools=tools)

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        args = params.arguments if isinstance(params.arguments, dict) else {}
        try:
            result = await _call(box, params.name, args)
        except Exception as exc:  # noqa: BLE001 - a tool answers, it does not crash the server
            result = {"ok": False, "error": f"unexpected {type(exc).__name__}: {exc}"}
        result = scrub(result, os.environ.get("RUNNINGHUB_API_KEY", "").strip())
        text = json.dumps(result, ensure_ascii=False, default=str)
        return types.CallToolResult(
            content=[types.TextContent(type="text", text=text)],
            structured_content=json.loads(text),
            is_error=_error_in(result),
        )

    return Server(
        "rhconfig",
        version=__version__,
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )


def serve(box: Toolbox) -> None:
    """Serve ``box`` over stdin/stdout until the client closes the connection."""
    server = build_server(box)

    async def main() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    anyio.run(main)
