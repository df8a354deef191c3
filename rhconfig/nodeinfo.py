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


def unknown_name(profile: Profile, name: str) -> UsageError:
    """``no input named 'stepz': did you mean 'steps'?`` (up to three names, ties included)."""
    from rhconfig.check.hints import closest  # the error path only: keeps imports light

    pool = tuple(profile.by_name) + tuple(t for t in profile.by_tie if t not in profile.by_name)
    near = closest(name, pool, n=3, cutoff=0.6)
    if near:
        quoted = [f"'{n}'" for n in near]
        tip = ": did you mean " + (" or ".join(quoted) if len(quoted) < 3
                                   else f"{quoted[0]}, {quoted[1]} or {quoted[2]}") + "?"
    else:
        tip = f" (run 'rhconfig show {profile.workflow_id} --all' to list the inputs)"
    return UsageError(f"{profile.what} has no input named {name!r:.60}{tip}")


def tied_member_error(profile: Profile, name: str) -> UsageError:
    tie = profile.tied[name]
    return UsageError(
        f"input '{name}' of workflow {profile.workflow_id} is tied into '{tie.name}': "
        f"set '{tie.name}' (it sets {', '.join(tie.members)})"
    )


class NodeInfo(TypedDict):
    """One nodeInfoList entry, as RunningHub's create endpoint takes it."""

    nodeId: str
    fieldName: str
    fieldValue: Any


def build_node_info(profile: Profile, values: Mapping[str, Any]) -> list[NodeInfo]:
    """``{name: value}`` to ``[{"nodeId", "fieldName", "fieldValue"}, ...]`` in profile order.

    A name is an input's or a tie's: a tie's value goes to every member (the one place ties
    are expanded). Unknown names raise :class:`~rhconfig.errors.UsageError` with the closest
    names, as does a tied member named directly. Values are passed as they are: check the
    result with :func:`rhconfig.validate`.
    """
    by_name = profile.by_name
    by_tie = profile.by_tie
    tied = profile.tied
    chosen: dict[str, Any] = {}
    for name, value in values.items():
        tie = by_tie.get(name)
        if tie is not None:
            for member in tie.members:
                chosen[member] = value
        elif name not in by_name:
            raise unknown_name(profile, name)
    for name, value in values.items():
        if name in by_tie:
            continue
        if name in tied:
            raise tied_member_error(profile, name)
        chosen[name] = value
    return [
        NodeInfo(nodeId=inp.node_id, fieldName=inp.field, fieldValue=chosen[inp.name])
        for inp in profile.inputs
        if inp.name in chosen
    ]


def target(profile: Profile, name: str) -> ProfileInput:
    """The input a name stands for: an input's own, or a tie's (its first member, whose kind
    all members share). Raises as :func:`build_node_info` does."""
    tie = profile.by_tie.get(name)
    if tie is not None:
        return profile.by_name[tie.members[0]]
    inp = profile.by_name.get(name)
    if inp is None:
        raise unknown_name(profile, name)
    if name in profile.tied:
        raise tied_member_error(profile, name)
    return inp


def example(inp: ProfileInput, fallback: str) -> str:
    """This workflow's own value of ``inp`` as command-line text, for "e.g." hints."""
    value = inp.default
    if inp.kind in ("integer", "seed"):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif inp.kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif inp.kind == "boolean":
        ok = isinstance(value, bool)
    else:
        ok = value is not None
    if not ok:
        return fallback
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    if inp.kind == "boolean":
        text = "true" if value else "false"
    return text if len(text) <= 40 else fallback


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
            raise _bad(inp, text, f"a whole number, e.g. {example(inp, '20')}") from None
    if kind == "number":
        try:
            number = float(text.strip())
        except ValueError:
            raise _bad(inp, text, f"a number, e.g. {example(inp, '7.5')}") from None
        if not math.isfinite(number):
            raise _bad(inp, text, f"a finite number, e.g. {example(inp, '7.5')}")
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
            shown = example(inp, "")
            tail = f", e.g. {shown}" if shown else ""
            raise _bad(inp, text, f"JSON ({getattr(exc, 'msg', exc)}){tail}") from None
    if kind == "choice" and inp.choices and text not in inp.choices:
        for choice in inp.choices:
            if not isinstance(choice, str) and str(choice) == text:
                return choice
    return text


def _bad(inp: ProfileInput, text: str, expected: str) -> UsageError:
    return UsageError(f"input '{inp.name}' ({inp.kind}): {text!r:.60} is not {expected}")
