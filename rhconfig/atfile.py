"""``@FILE`` values, one rule for ``run --set`` and ``batch run``'s JOBS lines.

A media input (image, video, audio, file) uploads FILE: the value stands in as the name
RunningHub will give it (``api/<sha256>.<ext>``) until the upload answers, so the whole
nodeInfoList is checked before anything is sent. A text or string input takes FILE's UTF-8
text. Other kinds refuse ``@FILE``; ``@@`` starts a literal ``@``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rhconfig.errors import UsageError
from rhconfig.media import KIND_UPLOAD_TYPE, MEDIA_KINDS

if TYPE_CHECKING:
    from rhconfig.profile import ProfileInput

TEXT_KINDS = frozenset({"text", "string"})


@dataclass(frozen=True)
class PendingUpload:
    name: str
    path: Path
    file_type: str
    expected: str  # api/<sha256>.<ext>: what RunningHub will name it


def is_file_ref(text: Any) -> bool:
    """``"@path"`` (and not ``"@@..."``)."""
    return isinstance(text, str) and text.startswith("@") and not text.startswith("@@")


def unescape(text: Any) -> Any:
    """``"@@x"`` -> ``"@x"``; anything else as it is."""
    return text[1:] if isinstance(text, str) and text.startswith("@@") else text


def read_text(path: str | Path) -> str:
    """``@FILE`` for a text input: the file's UTF-8 text."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text (byte {exc.start})") from None


@lru_cache(maxsize=4096)
def _expected_name(path: str, mtime_ns: int, size: int) -> str:
    """The upload name of a file, hashed once per version of it (a batch may name one file on
    every line)."""
    from rhconfig.client.files import expected_file_name

    return expected_file_name(path)


def media_upload(inp: ProfileInput, name: str, path: Path) -> PendingUpload:
    """The upload of local file ``path`` for media input ``inp`` (named ``name``), checked as
    ``rhconfig upload`` checks it (exists, size, type) and named as RunningHub will name it.
    Raises :class:`~rhconfig.client.errors.UploadError` or :class:`OSError` (one line)."""
    from rhconfig.client.files import check_upload

    checked, kind = check_upload(path, KIND_UPLOAD_TYPE.get(inp.kind))
    stat = checked.stat()
    expected = _expected_name(str(checked.resolve()), stat.st_mtime_ns, stat.st_size)
    return PendingUpload(name, checked, kind, expected)


def file_value(
    inp: ProfileInput, name: str, ref: str, base: Path | None = None
) -> tuple[Any, PendingUpload | None]:
    """The value of ``name`` (input ``inp``) given as ``ref`` = ``"@path"`` (relative paths
    from ``base`` if given, else the current folder), and its upload if it needs one. Raises
    :class:`~rhconfig.errors.RhconfigError` (one line) for a missing, unreadable or unfit file."""
    path = Path(ref[1:]).expanduser()
    if base is not None and not path.is_absolute():
        path = base / path
    if inp.kind in MEDIA_KINDS:
        pending = media_upload(inp, name, path)
        return pending.expected, pending
    if inp.kind in TEXT_KINDS:
        return read_text(path), None
    raise UsageError(
        f"input '{name}' ({inp.kind}): @FILE works for media inputs (upload) and text inputs "
        f"(the file's text), not {inp.kind}; write @@ for a literal @"
    )
