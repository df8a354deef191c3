"""A cache of checked profiles, so that a command reading an unchanged profile skips PyYAML and
the schema check (their imports alone cost more than the rest of ``rhconfig check``).

An entry holds the profile's full YAML text and the plain data it parsed to, after that data
passed :func:`rhconfig.profile_io.profile_from_dict`. It is used only when the text read now is
the same text, byte for byte, and rhconfig's version and schema file are those that checked it;
otherwise the profile is read and checked as usual and the entry rewritten. The cache is an
optimisation only: an entry that cannot be read or written is ignored.

Where: ``$RHCONFIG_CACHE_DIR``, else ``$XDG_CACHE_HOME/rhconfig``, else ``~/.cache/rhconfig``
(``profiles/`` below it). ``RHCONFIG_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from rhconfig import __version__
from rhconfig.resources import schemas_dir


def cache_root() -> Path | None:
    explicit = os.environ.get("RHCONFIG_CACHE_DIR")
    if explicit:
        return None if explicit == "off" else Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "rhconfig"


def _entry_path(profile_path: Path) -> Path | None:
    root = cache_root()
    if root is None:
        return None
    where = str(profile_path.resolve())
    return root / "profiles" / (where.replace("%", "%25").replace(os.sep, "%2F") + ".json")


def _stamp() -> list[Any]:
    """What checked the entry: rhconfig's version and the schema file (size, mtime)."""
    stat = (schemas_dir() / "profile.schema.json").stat()
    return [__version__, stat.st_size, stat.st_mtime_ns]


def lookup(profile_path: Path, text: str) -> dict[str, Any] | None:
    """The checked data of ``text`` (the profile at ``profile_path``), or None."""
    entry = _entry_path(profile_path)
    if entry is None:
        return None
    try:
        cached = json.loads(entry.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(cached, dict) or cached.get("yaml") != text:
        return None
    if cached.get("stamp") != _stamp() or not isinstance(cached.get("data"), dict):
        return None
    data: dict[str, Any] = cached["data"]
    return data


def remember(profile_path: Path, text: str, data: dict[str, Any]) -> None:
    """Keep ``data`` (checked) for ``text``; silently skipped where the cache cannot be written."""
    entry = _entry_path(profile_path)
    if entry is None:
        return
    from rhconfig.store import atomic_write

    try:
        payload = json.dumps({"stamp": _stamp(), "yaml": text, "data": data}, allow_nan=True)
        atomic_write(entry, payload)
    except (OSError, TypeError, ValueError):
        pass
