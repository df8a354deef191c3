"""How an AI app's values are written: apiCallDemo gives every value as a string.

Shared by the app profile builder (:mod:`rhconfig.app`) and ``check``, which reads an app call's
values the way RunningHub does; kept apart so that ``check`` needs no builder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["BOOLEAN_WORDS", "typed_value"]

_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})
BOOLEAN_WORDS = _TRUE | _FALSE  # how an app's boolean may be written (any case)


def typed_value(kind: str, value: Any, choices: Sequence[Any] | None = None) -> Any:
    """apiCallDemo gives every ``fieldValue`` as a string: read it as the kind's JSON type."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        if kind in ("integer", "seed"):
            return int(text)
        if kind == "number":
            return float(text)
    except ValueError:
        return value
    if kind == "boolean":
        word = text.casefold()
        return True if word in _TRUE else False if word in _FALSE else value
    if kind == "choice" and choices and value not in choices:
        for c in choices:
            if str(c) == value:
                return c
    return value
