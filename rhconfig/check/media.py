"""Rules for image/video/audio/file inputs: what RunningHub can load.

Accepted: an upload result (``openapi/<hash>.<ext>`` from v2, ``api/<hash>.<ext>`` from v1), an
http(s) URL and the workflow's own value.
Refused: a local path (absolute, ``./``, ``../``, ``~``, a Windows drive or UNC path, or a path
that exists on this machine) and a file of another media type. Any other bare name may or may not
exist in the server's input folder: a warning.

The only I/O in the checker is :func:`exists_locally`, called only when probing is on.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import Any

from rhconfig.check.findings import (
    ERROR,
    INVALID_MEDIA_VALUE,
    TYPE_MISMATCH,
    UNVERIFIED_MEDIA,
    WARNING,
    Issue,
    a_type,
    article,
    show,
)
from rhconfig.check.values import Rule
from rhconfig.media import EXTENSIONS, LOADER_ALSO, MEDIA_EXT, extension, uploadable

# The patterns compile on first use: a check of a list without media values never needs them.
UPLOAD_NAME = r"(open)?api/[A-Za-z0-9_-]+\.[A-Za-z0-9]{1,8}"
URL = r"https?://[^\s/]+"
LOCAL_PATH = r"(/|~|\.{1,2}[/\\]|[A-Za-z]:[/\\]|\\\\|file:)"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return (re.compile(UPLOAD_NAME), re.compile(URL, re.IGNORECASE),
            re.compile(LOCAL_PATH, re.IGNORECASE))


def is_url(value: str) -> bool:
    """An http(s) URL (RunningHub fetches it)."""
    return _patterns()[1].match(value) is not None


def is_remote(value: str) -> bool:
    """An upload result (``openapi/...`` or ``api/...``) or an http(s) URL."""
    upload, url, _ = _patterns()
    return upload.fullmatch(value) is not None or url.match(value) is not None


def looks_local(value: str) -> bool:
    """A path on this machine by its form: absolute, ``./``, ``../``, ``~``, a drive, UNC."""
    return _patterns()[2].match(value) is not None

UPLOAD_HINT = (
    "upload it first (rhconfig upload FILE) and pass the returned fileName (openapi/... or api/...)"
)

def exists_locally(value: str) -> bool:
    """True when ``value`` names a file or folder on this machine (a filesystem probe)."""
    if not value or len(value) > 4096 or "\x00" in value:
        return False
    try:
        return os.path.exists(value)
    except (OSError, ValueError):
        return False


def upload_hint(value: str) -> str:
    """How to get ``value`` onto RunningHub: upload it, or first convert what the upload refuses."""
    ext = extension(value)
    row = EXTENSIONS.get(ext)
    if row is not None and not row.upload:
        return (f"RunningHub's upload does not take .{ext} files: convert it to "
                f"{' or '.join(', '.join(uploadable(row.kind)).rsplit(', ', 1))}, then "
                "upload that (rhconfig upload FILE) and pass the returned fileName (api/...)")
    return UPLOAD_HINT


def media_of(value: str) -> str | None:
    return MEDIA_EXT.get(extension(value))


class MediaRule(Rule):
    """An input loading an image, video, audio clip or file."""

    __slots__ = ("kind", "strict")

    def __init__(self, default: Any, kind: str, known: bool) -> None:
        super().__init__(default)
        self.kind = kind
        # For unknown classes the kind was guessed from the current value: mismatches only warn.
        self.strict = known

    def check(self, value: Any, probe: bool = True) -> Issue | None:
        if not isinstance(value, str):
            return (ERROR, TYPE_MISMATCH, f"{show(value)} is {a_type(value)}; expected "
                    f"the name of {article(self.kind)} file (a string)", UPLOAD_HINT)
        if not value.strip():
            return (ERROR, INVALID_MEDIA_VALUE, f"an empty name is not {article(self.kind)} file",
                    UPLOAD_HINT)
        if is_remote(value):
            return self._type_issue(value)
        if looks_local(value):
            return (ERROR, INVALID_MEDIA_VALUE, f"{show(value)} is a path on your machine, which "
                    "RunningHub cannot read", upload_hint(value))
        if probe and exists_locally(value):
            return (ERROR, INVALID_MEDIA_VALUE, f"{show(value)} is a file on this machine, which "
                    "RunningHub cannot read", upload_hint(value))
        issue = self._type_issue(value)
        if issue is not None:
            return issue
        return (WARNING, UNVERIFIED_MEDIA, f"{show(value)} is neither an upload result nor a URL: "
                "it must already be in the server's input folder", upload_hint(value))

    def _type_issue(self, value: str) -> Issue | None:
        if self.kind == "file":
            return None
        ext = extension(value)
        found = MEDIA_EXT.get(ext)
        if found is None or found == self.kind or ext in LOADER_ALSO.get(self.kind, ()):
            return None
        text = (f"{show(value)} is {article(found)} file (.{ext}) but this input loads "
                f"{article(self.kind)}")
        if self.strict:
            return (ERROR, INVALID_MEDIA_VALUE, text, f"pass {article(self.kind)} file")
        return (WARNING, UNVERIFIED_MEDIA, text + " (as far as rhconfig can tell: the node class "
                "is unknown)", f"pass {article(self.kind)} file")
