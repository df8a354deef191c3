"""rhconfig: profiles, pre-flight checks, typed wrappers and a client for RunningHub workflows.

Heavy modules are imported lazily so that ``rhconfig --version`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from rhconfig.check import Finding, validate
    from rhconfig.profile import Profile
    from rhconfig.store import load_profile

__all__ = ["Finding", "Profile", "__version__", "load_profile", "validate"]

_LAZY = {
    "Finding": "rhconfig.check",
    "validate": "rhconfig.check",
    "Profile": "rhconfig.profile",
    "load_profile": "rhconfig.store",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rhconfig' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
