"""Build a nodeInfoList from input names, and read command-line values into an input's JSON type.

Used by ``rhconfig run --set NAME=VALUE`` and by generated wrappers. Pure: no I/O.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any, TypedDict

from rhconfig.errors import UsageError
from rhconfig.profile import Profile, ProfileInput

TRUE_WORDS = frozenset({"true", "1", "yes"})
FALSE_WORDS = frozenset({"false", "0", "no"})


def _unknown_name(profile: Profile, name: str) -> UsageError:
    from rhconfig.check.hints import closest  # the error path only: keeps imports light

    near = closest(name, tuple(profile.by_name), n=1, cutoff=0.6)
    if near:
        tip = f": did you mean '{near[0]}'?"
    else:
        tip = f" (run 'rhconfig show {profile.workflow_id} --all' to list the inputs)"
    return UsageError(f"workflow {profile.workflow_id} has no input named {name!r:.60}{tip}")


class NodeInfo(TypedDict):
    """One nodeInfoList entry, as RunningHub's create endpoint takes it."""

    nodeId: str
    fieldName: str
    fieldValue: Any


def build_node_info(profile: Profile, values: Mapping[str, Any]) -> list[NodeInfo]:
    """``{name: value}`` to ``[{"nodeId", "fieldName", "fieldValue"}, ...]`` in profile order.

    Unknown names raise :class:`~rhconfig.errors.UsageError` with the closest name. Values are
    passed as they are: check the result with :func:`rhconfig.validate`.
    """
    by_name = profile.by_name
    for name in values:
        if name not in by_name:
            raise _unknown_name(profile, name)
    return [
        NodeInfo(nodeId=inp.node_id, fieldName=inp.field, fieldValue=values[inp.name])
        for inp in profile.inputs
        if inp.name in values
    ]


def parse_cli_value(inp: ProfileInput, text: str) -> Any:
    """A command-line string as the JSON value ``inp`` takes.

    integer/seed -> int, number -> float, boolean -> true/false/1/0/yes/no (any case),
    json -> ``json.loads``, anything else -> the string itself (a choice whose list holds a
    non-string value equal to ``text`` gives that value). Bad text raises UsageError.
    """
    kind = inp.kind
    if kind in ("integer", "seed"):
        try:
            return int(text.strip(), 10)
        except ValueError:
            raise _bad(inp, text, "a whole number, e.g. 20") from None
    if kind == "number":
        try:
            number = float(text.strip())
        except ValueError:
            raise _bad(inp, text, "a number, e.g. 7.5") from None
        if not math.isfinite(number):
            raise _bad(inp, text, "a finite number, e.g. 7.5")
        return number
    if kind == "boolean":
        word = text.strip().casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise _bad(inp, text, "true or false (also 1/0, yes/no)")
    if kind == "json":
        try:
            return json.loads(text)
        except ValueError as exc:
            raise _bad(inp, text, f"JSON ({getattr(exc, 'msg', exc)})") from None
    if kind == "choice" and inp.choices and text not in inp.choices:
        for choice in inp.choices:
            if not isinstance(choice, str) and str(choice) == text:
                return choice
    return text


def _bad(inp: ProfileInput, text: str, expected: str) -> UsageError:
    return UsageError(f"input '{inp.name}' ({inp.kind}): {text!r:.60} is not {expected}")
