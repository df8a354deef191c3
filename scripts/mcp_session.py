"""An MCP session with ``rhconfig mcp``, printed as a transcript (requests and results).

Starts the local RunningHub on the bundled examples, spawns ``rhconfig mcp`` over stdio with the
MCP SDK's own client, and calls list_workflows, describe_workflow, check_inputs (a wrong value),
run_workflow (refused, then one that succeeds) and task_status. No account, no network:

    python scripts/mcp_session.py            # needs the SDK: pip install '.[mcp]'
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import anyio  # noqa: E402
from mcp import ClientSession, StdioServerParameters, stdio_client  # noqa: E402

from rhconfig.testing import FakeRunningHub  # noqa: E402

WORKFLOW = "1900000000000000001"
CALLS: list[tuple[str, dict[str, Any]]] = [
    ("list_workflows", {}),
    ("describe_workflow", {"id": WORKFLOW}),
    ("check_inputs", {"id": WORKFLOW, "values": {"steps": 0, "sampler_name": "Euler"}}),
    ("run_workflow", {"id": WORKFLOW, "values": {"steps": 10001}}),
    ("run_workflow", {"id": WORKFLOW, "values": {"steps": 12, "seed": 7}}),
    ("task_status", {"task_id": "<the taskId above>"}),
]


def short(value: Any, depth: int = 0) -> Any:
    """Long lists and texts cut down, for a readable transcript."""
    if isinstance(value, list) and len(value) > 3 and depth:
        return [short(v, depth + 1) for v in value[:3]] + [f"... {len(value) - 3} more"]
    if isinstance(value, list):
        return [short(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: short(v, depth + 1) for k, v in value.items()}
    if isinstance(value, str) and len(value) > 160:
        return value[:157] + "..."
    return value


async def session(base_url: str, workflows: Path) -> None:
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "rhconfig", "mcp", "--workflows-dir", str(workflows)],
        env={"RUNNINGHUB_API_KEY": "k" * 32, "RUNNINGHUB_BASE_URL": base_url,
             "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])},
    )
    with anyio.fail_after(120):
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as client:
                init = await client.initialize()
                print(f"# initialize -> {init.server_info.name} {init.server_info.version}")
                tools = await client.list_tools()
                print(f"# tools/list -> {[t.name for t in tools.tools]}")
                task_id = None
                for name, args in CALLS:
                    if name == "task_status":
                        args = {"task_id": task_id}
                    result = await client.call_tool(name, args)
                    data = result.structured_content or {}
                    task_id = data.get("taskId", task_id)
                    print(f"\n> tools/call {name} {json.dumps(args)}")
                    print(f"< isError={result.is_error}")
                    print(json.dumps(short(data), indent=2, ensure_ascii=False))


def main() -> None:
    workflows = ROOT / "workflows"
    with FakeRunningHub(workflows_dir=workflows, queue_seconds=0.05, run_seconds=0.2) as fake:
        anyio.run(session, fake.base_url, workflows)
        sent = [r.path for r in fake.requests]
    print(f"\n# the local RunningHub received: {sent}")


if __name__ == "__main__":
    main()
