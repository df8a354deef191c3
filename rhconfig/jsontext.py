"""Reading JSON text that users hand us: one helper, one-line errors naming what was read."""

from __future__ import annotations

import json
from typing import Any

from rhconfig.errors import RhconfigError


def loads(text: str | bytes, what: str, error: type[RhconfigError] = RhconfigError) -> Any:
    """``json.loads``; bad text raises ``error`` with one line naming ``what`` and the place."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f" (line {exc.lineno}, column {exc.colno})"
        raise error(f"{what} is not valid JSON: {exc.msg}{where}") from None
    except UnicodeDecodeError as exc:
        raise error(f"{what} is not valid JSON: not UTF-8 ({exc.reason})") from None
