"""What ``rhconfig check`` reports: a :class:`Finding` per problem, with a stable code.

Findings are data: the validator collects them all, the CLI prints them. The codes below are the
complete, stable vocabulary (scripts match on them); messages and hints are for people.
"""

from __future__ import annotations

import math
import reprlib
from typing import Any, Final

from rhconfig.records import Record

ERROR: Final = "error"
WARNING: Final = "warning"

# Errors: the server would reject the entry (803) or the task would fail.
MALFORMED_ENTRY: Final = "malformed_entry"
UNKNOWN_NODE: Final = "unknown_node"
UNKNOWN_FIELD: Final = "unknown_field"
LINKED_FIELD: Final = "linked_field"
TYPE_MISMATCH: Final = "type_mismatch"
NOT_IN_ENUM: Final = "not_in_enum"
OUT_OF_RANGE: Final = "out_of_range"
INVALID_MEDIA_VALUE: Final = "invalid_media_value"

# Warnings: it will run, but maybe not as meant.
VALUE_COERCED: Final = "value_coerced"
UNVERIFIED_MEDIA: Final = "unverified_media"
UNVERIFIED_CHOICE: Final = "unverified_choice"
DUPLICATE_OVERRIDE: Final = "duplicate_override"
UNCHANGED_DEFAULT: Final = "unchanged_default"
SPLIT_TIE: Final = "split_tie"

ERROR_CODES: Final = frozenset({
    MALFORMED_ENTRY, UNKNOWN_NODE, UNKNOWN_FIELD, LINKED_FIELD, TYPE_MISMATCH, NOT_IN_ENUM,
    OUT_OF_RANGE, INVALID_MEDIA_VALUE,
})
WARNING_CODES: Final = frozenset({
    VALUE_COERCED, UNVERIFIED_MEDIA, UNVERIFIED_CHOICE, DUPLICATE_OVERRIDE, UNCHANGED_DEFAULT,
    SPLIT_TIE,
})
CODES: Final = ERROR_CODES | WARNING_CODES


class Finding(Record):
    """One problem with a nodeInfoList (frozen).

    ``node_id``/``field`` name the entry's target when it has one (``None`` for findings about
    the whole list or an entry with no usable ids); ``index`` is the entry's position in the list.
    """

    __slots__ = ("severity", "code", "node_id", "field", "message", "hint", "index")
    _fields = __slots__
    severity: str
    code: str
    node_id: str | None
    field: str | None
    message: str
    hint: str
    index: int | None

    def __init__(
        self,
        severity: str,
        code: str,
        node_id: str | None,
        field: str | None,
        message: str,
        hint: str = "",
        index: int | None = None,
    ) -> None:
        self._init(severity, code, node_id, field, message, hint, index)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` form: ``{severity, code, nodeId, fieldName, message, hint}``."""
        return {
            "severity": self.severity,
            "code": self.code,
            "nodeId": self.node_id,
            "fieldName": self.field,
            "message": self.message,
            "hint": self.hint,
        }


# An Issue is a rule's verdict on one value before it is placed on a node:
# (severity, code, text, hint).
Issue = tuple[str, str, str, str]

_REPR = reprlib.Repr()
_REPR.maxstring = 60
_REPR.maxother = 60
_REPR.maxlong = 40
_REPR.maxlist = 4
_REPR.maxdict = 4
_REPR.maxlevel = 2


def show(value: Any) -> str:
    """A value as the user would recognise it in JSON-ish terms, shortened when long."""
    kind = type(value)
    if kind is str and len(value) <= 60:
        return repr(value)
    if kind is int and -(10**30) < value < 10**30:
        return repr(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    try:
        return _REPR.repr(value)
    except (ValueError, RecursionError):  # ints beyond sys.get_int_max_str_digits, deep nesting
        if isinstance(value, int):
            return f"<an integer of about {int(value.bit_length() * 0.30103)} digits>"
        return f"<a {type(value).__name__}>"


def json_type(value: Any) -> str:
    """The JSON name of a value's type: string, integer, number, boolean, null, object, array."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    return type(value).__name__


def article(word: str) -> str:
    """``an integer``, ``a string``, ``null``: a type or kind name with its article."""
    if word == "null":
        return "null"
    return ("an " if word[:1] in "aeiou" else "a ") + word


def a_type(value: Any) -> str:
    """``an integer``, ``a string``, ``null``...: the JSON type of a value, with its article."""
    return article(json_type(value))


def short_title(title: str, limit: int = 40) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1] + "…"
