"""Text from strangers as safe Python source: string and data literals, docstring text.

Everything a workflow author controls (titles, class and field names, descriptions, choices,
defaults) reaches generated code only through these functions:

* :func:`py_str` / :func:`py_value` give literals that evaluate back to the exact value and are
  laid out as ``ruff format`` lays them out (double quotes unless the text holds more double than
  single quotes, lowercase hex escapes, exponents without ``+``, containers exploded one item
  per line with a trailing comma), so generated modules need no formatter;
* :func:`doc_text` gives one line of docstring text: whitespace runs (newlines, ``\\r``, U+2028...)
  collapse to one space, then backslashes, double quotes and every non-printable character
  (controls, NUL, surrogates, bidi overrides, line and paragraph separators) are escaped, so the
  text can neither end the docstring nor add a line to it;
* :func:`comment_text` is the same for ``#`` comments.

Printable non-ASCII text (CJK titles, accents) is kept as it is: modules are UTF-8.
"""

from __future__ import annotations

import math
from typing import Any

_SIMPLE_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class LiteralError(ValueError):
    """A value that has no Python literal (NaN, an object of an unknown type)."""


def _escape_char(ch: str, quote: str) -> str:
    if ch in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[ch]
    if ch == quote:
        return "\\" + ch
    if ch == " " or ch.isprintable():
        return ch
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escape(text: str, quote: str = '"') -> str:
    """``text`` as the body of a string literal delimited by ``quote``."""
    return "".join(_escape_char(ch, quote) for ch in text)


def py_str(text: str) -> str:
    """A string literal for ``text``; ``ast.literal_eval(py_str(t)) == t`` for every str."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    return quote + escape(text, quote) + quote


def py_float(number: float) -> str:
    if math.isnan(number):
        raise LiteralError("NaN has no Python literal")
    if math.isinf(number):
        return "1e999" if number > 0 else "-1e999"
    return repr(number).replace("e+", "e")


def py_scalar(value: Any) -> str:
    """The literal of None, a bool, an int, a float or a str."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return py_float(value)
    if isinstance(value, str):
        return py_str(value)
    raise LiteralError(f"no literal for a value of type {type(value).__name__}")


def py_value(value: Any, indent: int = 0) -> str:
    """A literal for JSON-like data, laid out as ``ruff format`` would (see module doc).

    ``indent`` is the column of the line the literal starts on; nested lines are indented from
    it by four spaces.
    """
    return "\n".join(_lines(value, " " * indent))


def _lines(value: Any, pad: str) -> list[str]:
    if isinstance(value, dict):
        if not value:
            return ["{}"]
        out = ["{"]
        for key, item in value.items():
            inner = _lines(item, pad + "    ")
            out.append(f"{pad}    {py_scalar(key)}: {inner[0]}")
            out.extend(inner[1:])
            out[-1] += ","
        out.append(pad + "}")
        return out
    if isinstance(value, (list, tuple)):
        opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
        if not value:
            return [opening + closing]
        out = [opening]
        for item in value:
            inner = _lines(item, pad + "    ")
            out.append(f"{pad}    {inner[0]}")
            out.extend(inner[1:])
            out[-1] += ","
        out.append(pad + closing)
        return out
    return [py_scalar(value)]


def doc_text(text: str) -> str:
    """One line of docstring text (inside ``\"\"\"...\"\"\"``): see the module doc."""
    return escape(" ".join(str(text).split()), '"')


def comment_text(text: str) -> str:
    """Text for a ``#`` comment: one line, non-printables escaped."""
    return escape(" ".join(str(text).split()), "")


def short(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters (before escaping), with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
