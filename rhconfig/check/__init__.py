"""Pre-flight validation of a nodeInfoList against a workflow profile (``rhconfig check``).

>>> findings = validate(profile, [{"nodeId": "3", "fieldName": "steps", "fieldValue": 30}])

Modules: :mod:`~rhconfig.check.findings` (Finding and codes), :mod:`~rhconfig.check.values`
(ComfyUI's conversion rules per type), :mod:`~rhconfig.check.media` (media values),
:mod:`~rhconfig.check.hints` (suggestions, link following), :mod:`~rhconfig.check.index`
(per-profile precomputation) and :mod:`~rhconfig.check.validator` (the loop).
"""

from __future__ import annotations

from rhconfig.check.findings import (
    CODES,
    ERROR,
    ERROR_CODES,
    WARNING,
    WARNING_CODES,
    Finding,
)
from rhconfig.check.validator import validate

__all__ = [
    "CODES", "ERROR", "ERROR_CODES", "WARNING", "WARNING_CODES", "Finding", "has_errors",
    "validate",
]


def has_errors(findings: list[Finding]) -> bool:
    """True when at least one finding is an error (the list would fail or earn an 803)."""
    return any(f.severity == ERROR for f in findings)
