"""The tools' names, descriptions and input schemas.

The ``values`` of ``check_inputs`` and ``run_workflow`` are described per workflow by the args
schema of ``rhconfig schema --form args`` (:func:`rhconfig.check.args_schema.args_properties`,
with local file paths welcome for media, and ``clean``: the plainly typed branch of each value,
not the conversions ComfyUI would make, which ``check`` accepts with a warning), or a raw
nodeInfoList: ``if id is X then values is X's arguments``. The server does not enforce these
schemas itself: a wrong value comes back as a finding, which says more than a schema error
would.
"""

from __future__ import annotations

from typing import Any

from rhconfig.check.args_schema import args_properties
from rhconfig.profile import Profile

NODE_INFO_LIST = {
    "type": "array",
    "description": "a raw nodeInfoList: [{nodeId, fieldName, fieldValue}, ...] (any input, "
                   "exposed or not)",
    "items": {"type": "object", "required": ["nodeId", "fieldName", "fieldValue"]},
}


def _values(profiles: list[Profile]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The ``values`` property and one ``if id == X then values: X's arguments`` per workflow."""
    prop: dict[str, Any] = {
        "description": "named arguments (see describe_workflow; only those that change) or a "
                       "raw nodeInfoList",
        "type": ["object", "array"],
    }
    branches = []
    for profile in profiles:
        branches.append({
            "if": {"properties": {"id": {"const": profile.workflow_id}}, "required": ["id"]},
            "then": {"properties": {"values": {"anyOf": [
                {"type": "object", "additionalProperties": False,
                 "properties": args_properties(profile, local_files=True, clean=True)},
                NODE_INFO_LIST,
            ]}}},
        })
    return prop, branches


def _id(profiles: list[Profile]) -> dict[str, Any]:
    return {"type": "string", "description": "the workflow id (list_workflows lists them)",
            "enum": [p.workflow_id for p in profiles]}


def tool_definitions(profiles: list[Profile]) -> list[dict[str, Any]]:
    """``[{name, description, inputSchema}]`` for the five tools, in a stable order."""
    values, branches = _values(profiles)
    properties: dict[str, Any] = {"id": _id(profiles), "values": values}
    with_values: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": ["id", "values"],
        "additionalProperties": False,
        "allOf": branches,
    }
    run = {
        **with_values,
        "properties": {
            **properties,
            "wait": {"type": "boolean", "default": True,
                     "description": "wait for the outputs (else return the task id at once)"},
            "timeout": {"type": "number", "minimum": 1, "default": 600,
                        "description": "seconds to wait when wait is true"},
        },
    }
    return [
        {"name": "list_workflows",
         "description": "The workflows and apps this server can check and run: id, target, "
                        "argument names and input counts.",
         "inputSchema": {"type": "object", "properties": {}, "additionalProperties": False}},
        {"name": "describe_workflow",
         "description": "A workflow's arguments: kind, default, choices, range, description, "
                        "and the node and field each one sets.",
         "inputSchema": {"type": "object", "properties": {"id": _id(profiles)},
                         "required": ["id"], "additionalProperties": False}},
        {"name": "check_inputs",
         "description": "Check values for a workflow before running it (no request is sent): "
                        "returns ok and the findings (severity, code, nodeId, fieldName, "
                        "message, hint), and the nodeInfoList the values make.",
         "inputSchema": with_values},
        {"name": "run_workflow",
         "description": "Check the values, then (only if no finding is an error) upload the "
                        "local files they name, create the task on RunningHub and return its "
                        "outputs, or its taskId when wait is false. Costs coins.",
         "inputSchema": run},
        {"name": "task_status",
         "description": "The status of a task (QUEUED, RUNNING, SUCCESS, FAILED) and, once it "
                        "succeeded, its outputs.",
         "inputSchema": {"type": "object",
                         "properties": {"task_id": {"type": "string", "pattern": "^[0-9]+$"}},
                         "required": ["task_id"], "additionalProperties": False}},
    ]
