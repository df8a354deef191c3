"""ComfyUI's own rules for widget values, one small rule class per type.

Measured on ComfyUI 0.33.0 (POST /prompt): a ``{"__value__": x}`` wrapper is unwrapped first; INT
values go through ``int()``, FLOAT through ``float()``, STRING through ``str()``, BOOLEAN through
``bool()``; ``min``/``max`` are enforced on the converted value, ``step`` is not; a combo value must
be one of the choices exactly. The rules below follow that and are stricter only where the
conversion is a trap: booleans where numbers are wanted, strings for a BOOLEAN (``bool("false")``
is true), ``null`` for a STRING (it becomes the text ``None``), and non-finite floats (NaN passes
ComfyUI's range check silently; NaN/Infinity are not JSON at all).

Each ``check(value)`` returns ``None`` (fine) or one :data:`Issue`; the value handed in is never the
workflow's own current value (the validator accepts that before calling a rule) and is already
unwrapped when the rule's ``unwrap`` is true.
"""

from __future__ import annotations

import math
from typing import Any

from rhconfig.check.findings import (
    ERROR,
    NOT_IN_ENUM,
    OUT_OF_RANGE,
    TYPE_MISMATCH,
    UNVERIFIED_CHOICE,
    VALUE_COERCED,
    WARNING,
    Issue,
    a_type,
    article,
    json_type,
    show,
)
from rhconfig.check.hints import closest_choices

Number = int | float


class Rule:
    """Base class: accepts everything."""

    __slots__ = ("default", "unwrap")

    def __init__(self, default: Any) -> None:
        self.default = default
        self.unwrap = True

    def check(self, value: Any) -> Issue | None:
        return None


def range_text(minimum: Number | None, maximum: Number | None) -> str:
    if minimum is not None and maximum is not None:
        return f" between {show(minimum)} and {show(maximum)}"
    if minimum is not None:
        return f" of at least {show(minimum)}"
    if maximum is not None:
        return f" of at most {show(maximum)}"
    return ""


def _structure(value: Any) -> bool:
    return isinstance(value, (dict, list, tuple))


class _Bounded(Rule):
    __slots__ = ("maximum", "minimum", "what")

    what_name = "a number"

    def __init__(self, default: Any, minimum: Number | None, maximum: Number | None) -> None:
        super().__init__(default)
        self.minimum = minimum
        self.maximum = maximum
        self.what = f"{self.what_name}{range_text(minimum, maximum)}"

    def want(self) -> str:
        return f"send {self.what} (the workflow has {show(self.default)})"

    def mismatch(self, value: Any, reason: str) -> Issue:
        return (ERROR, TYPE_MISMATCH, f"{show(value)} {reason}; expected {self.what}",
                f"e.g. {show(self.default)}, the workflow's own value")

    def bounds(self, value: Any, converted: Number, note: str) -> Issue | None:
        if self.minimum is not None and converted < self.minimum:
            side = f"below the minimum {show(self.minimum)}"
        elif self.maximum is not None and converted > self.maximum:
            side = f"above the maximum {show(self.maximum)}"
        else:
            return None
        return (ERROR, OUT_OF_RANGE, f"{show(value)}{note} is {side}", self.want())


class IntRule(_Bounded):
    """INT: ``int(value)``; a float is truncated, a numeric string converted."""

    __slots__ = ()
    what_name = "a whole number"

    def check(self, value: Any) -> Issue | None:
        kind = type(value)
        if kind is int:
            return self.bounds(value, value, "")
        if kind is bool:
            return self.mismatch(value, "is a boolean, not an integer (ComfyUI would read it as "
                                 f"{int(value)})")
        note = ""
        if kind is float:
            if not math.isfinite(value):
                return self.mismatch(value, "is not a finite number")
            converted = int(value)
            if converted != value:
                note = f" (truncated to {show(converted)})"
        elif kind is str:
            try:
                converted = int(value)
            except ValueError:
                return self.mismatch(value, "is not an integer (int() cannot read it)")
            note = f" (read as {show(converted)})"
        elif isinstance(value, int) and not isinstance(value, bool):
            converted = int(value)
        else:
            return self.mismatch(value, f"is {a_type(value)}, not an integer")
        issue = self.bounds(value, converted, note)
        if issue is not None or not note:
            return issue
        if kind is float:
            text = f"{show(value)} is not a whole number: ComfyUI truncates it to {converted}"
        else:
            text = f"{show(value)} is a string: ComfyUI converts it to the integer {converted}"
        return (WARNING, VALUE_COERCED, text, f"send the integer {converted}")


class FloatRule(_Bounded):
    """FLOAT: ``float(value)``; integers are natural, numeric strings converted."""

    __slots__ = ()
    what_name = "a number"

    def check(self, value: Any) -> Issue | None:
        kind = type(value)
        note = ""
        if kind is float or (kind is int):
            try:
                converted = float(value)
            except OverflowError:
                return self.mismatch(value, "is too large for a float")
            if not math.isfinite(converted):
                return self.mismatch(value, "is not a finite number")
            return self.bounds(value, value, "")
        if kind is bool:
            return self.mismatch(value, "is a boolean, not a number (ComfyUI would read it as "
                                 f"{float(value)})")
        if kind is str:
            try:
                converted = float(value)
            except ValueError:
                return self.mismatch(value, "is not a number (float() cannot read it)")
            if not math.isfinite(converted):
                return self.mismatch(value, "is not a finite number")
            note = f" (read as {show(converted)})"
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            converted = float(value)
        else:
            return self.mismatch(value, f"is {a_type(value)}, not a number")
        issue = self.bounds(value, converted, note)
        if issue is not None or not note:
            return issue
        return (WARNING, VALUE_COERCED, f"{show(value)} is a string: ComfyUI converts it "
                f"to the number {show(converted)}", f"send the number {show(converted)}")


class StringRule(Rule):
    """STRING: ``str(value)``. Numbers and booleans convert (warning); null and structures don't."""

    __slots__ = ()

    def check(self, value: Any) -> Issue | None:
        if type(value) is str:
            return None
        want = "send a JSON string"
        if value is None:
            return (ERROR, TYPE_MISMATCH, "null is not text: ComfyUI would use the text 'None'",
                    want + ' (use "" for empty text)')
        if isinstance(value, float) and not math.isfinite(value):
            return (ERROR, TYPE_MISMATCH, f"{show(value)} is not valid JSON, let alone text", want)
        if isinstance(value, (bool, int, float)):
            try:
                text = str(value)
            except ValueError:
                return (ERROR, TYPE_MISMATCH, f"{show(value)} is too long a number to turn into "
                        "text", want)
            return (WARNING, VALUE_COERCED, f"{show(value)} is {a_type(value)}, not "
                    f"text: ComfyUI turns it into the string {show(text)}",
                    f'send "{show(text)[1:-1]}" as a string')
        if isinstance(value, str):
            return None
        return (ERROR, TYPE_MISMATCH, f"{show(value)} is {a_type(value)}; expected "
                "text", want)


class BoolRule(Rule):
    """BOOLEAN: ``bool(value)``, where any non-empty string (even "false") is true."""

    __slots__ = ()

    def check(self, value: Any) -> Issue | None:
        if type(value) is bool:
            return None
        want = "send the JSON boolean true or false (without quotes)"
        if isinstance(value, str):
            return (ERROR, TYPE_MISMATCH, f"the string {show(value)} is not a boolean: ComfyUI "
                    f"would read it as {show(bool(value))} (any non-empty string is true)", want)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if isinstance(value, float) and math.isnan(value):
                return (ERROR, TYPE_MISMATCH, f"{show(value)} is not a boolean", want)
            return (WARNING, VALUE_COERCED, f"{show(value)} is a number, not a boolean: ComfyUI "
                    f"turns it into {show(bool(value))}", f"send {show(bool(value))}")
        return (ERROR, TYPE_MISMATCH, f"{show(value)} is {a_type(value)}, not a "
                "boolean", want)


class ChoiceRule(Rule):
    """COMBO with a fixed, server-independent list: exact match only."""

    __slots__ = ("by_text", "choices", "members", "strings", "texts")

    def __init__(self, default: Any, choices: tuple[Any, ...]) -> None:
        super().__init__(default)
        self.choices = choices
        self.by_text = {str(c): c for c in choices}
        self.texts = tuple(self.by_text)
        self.strings = frozenset(c for c in choices if type(c) is str)
        self.members = frozenset(
            (type(c), c) for c in choices if isinstance(c, (str, int, float, bool))
        )

    def check(self, value: Any) -> Issue | None:
        if type(value) is str:
            if value in self.strings:
                return None
        elif isinstance(value, (int, float, bool)) and (type(value), value) in self.members:
            return None
        if value is None:
            return (ERROR, TYPE_MISMATCH, f"null is not a choice; expected one of the "
                    f"{len(self.choices)} choices", self.hint(value))
        if _structure(value):
            return (ERROR, TYPE_MISMATCH, f"{show(value)} is {a_type(value)}, not "
                    f"one of the {len(self.choices)} choices", self.hint(value))
        return (ERROR, NOT_IN_ENUM, f"{show(value)} is not one of the {len(self.choices)} "
                "choices", self.hint(value))

    def hint(self, value: Any) -> str:
        near = closest_choices(value, self.texts, self.by_text)
        if near:
            return "did you mean " + " or ".join(show(c) for c in near) + "?"
        shown = ", ".join(show(c) for c in self.choices[:6])
        more = ", ..." if len(self.choices) > 6 else ""
        return f"choose one of {shown}{more} (the workflow has {show(self.default)})"


class ModelRule(Rule):
    """COMBO listing files on the server (models, folders): any string, but unverifiable."""

    __slots__ = ()

    def check(self, value: Any) -> Issue | None:
        if not isinstance(value, str):
            return (ERROR, TYPE_MISMATCH, f"{show(value)} is {a_type(value)}; "
                    "expected a file name (a string)", f"the workflow has {show(self.default)}")
        return (WARNING, UNVERIFIED_CHOICE, f"{show(value)} cannot be checked: the choices are "
                "files on the RunningHub server (models), unknown to rhconfig",
                f"make sure the server has it (the workflow uses {show(self.default)})")


class UnknownRule(Rule):
    """An input of a node class rhconfig does not know: only the shape can be checked.

    A structure (object/array) where the workflow holds a scalar is an error: a list would be
    read as a link and an object converts to nothing useful. Anything else that differs from the
    current value is a warning, unless it is plainly of the same JSON type as a number/boolean/
    prompt text (what custom nodes take without surprises).
    """

    __slots__ = ("quiet", "what")

    def __init__(self, default: Any, kind: str) -> None:
        super().__init__(default)
        self.what = json_type(default)
        # Same-typed numbers, booleans and free text are taken as they come.
        self.quiet = kind in ("integer", "seed", "number", "boolean", "text")

    def check(self, value: Any) -> Issue | None:
        if isinstance(value, float) and not math.isfinite(value):
            return (ERROR, TYPE_MISMATCH, f"{show(value)} is not valid JSON",
                    "send a finite number")
        if self.default is not None and not _structure(self.default) and _structure(value):
            return (ERROR, TYPE_MISMATCH, f"{show(value)} is {a_type(value)} where "
                    f"the workflow holds {article(self.what)} ({show(self.default)})",
                    f"send {article(self.what)}")
        same = json_type(value) == self.what or (
            self.what in ("integer", "number") and json_type(value) in ("integer", "number")
        )
        if same and self.quiet:
            return None
        hint = f"the workflow has {show(self.default)}"
        if not same and self.default is not None:
            return (WARNING, UNVERIFIED_CHOICE, f"{show(value)} is {a_type(value)} "
                    f"where the workflow holds {article(self.what)}; the node class is unknown "
                    "to rhconfig, so it cannot be checked", hint)
        return (WARNING, UNVERIFIED_CHOICE, f"{show(value)} cannot be checked: the node class is "
                "unknown to rhconfig (its type, choices and range are not known)", hint)


class JsonRule(Rule):
    """A structured widget value (``kind: json``): objects and arrays are accepted as they are.

    Scalars go to ``inner`` (the declared type's rule) when the class is known. An array shaped
    like a link (``["4", 0]``) is refused: ComfyUI would wire the input to node 4.
    """

    __slots__ = ("inner",)

    def __init__(self, default: Any, inner: Rule | None) -> None:
        super().__init__(default)
        self.inner = inner
        self.unwrap = False

    def check(self, value: Any) -> Issue | None:
        if isinstance(value, list):
            if (len(value) == 2 and isinstance(value[0], str) and type(value[1]) is int):
                return (ERROR, TYPE_MISMATCH, f"{show(value)} looks like a link "
                        "[node_id, output]: ComfyUI would wire the input to that node",
                        'wrap a list value as {"__value__": [...]}')
            return None
        if isinstance(value, dict):
            if self.inner is not None and "__value__" in value:
                inner = value["__value__"]
                return None if _structure(inner) else self.inner.check(inner)
            return None
        if self.inner is not None:
            return self.inner.check(value)
        return (WARNING, UNVERIFIED_CHOICE, f"{show(value)} cannot be checked: the workflow holds "
                "structured data here and the node class is unknown to rhconfig",
                f"the workflow has {show(self.default)}")
