"""Local side of uploads and downloads: file type rules, size limit, saving output files."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rhconfig.client.errors import UploadError
from rhconfig.client.models import Output
from rhconfig.media import UPLOAD_EXT, UPLOAD_TYPES

MAX_UPLOAD_BYTES = 30 * 1024 * 1024  # RunningHub's documented limit (809 above it)



def check_upload(
    path: str | os.PathLike[str],
    file_type: str | None = None,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> tuple[Path, str]:
    """Refuse locally what RunningHub would refuse: returns ``(path, file_type)``."""
    p = Path(path)
    if not p.is_file():
        raise UploadError(f"no such file: {p}", name="LOCAL_CHECK", endpoint="upload")
    ext = p.suffix.lower().lstrip(".")
    if file_type is None:
        kind = UPLOAD_EXT.get(ext)
        if kind is None:
            known = ", ".join(sorted(UPLOAD_EXT))
            raise UploadError(
                f"{p.name}: unknown file type {ext or '(no extension)'!r}; "
                f"pass a file type ({', '.join(UPLOAD_TYPES)}) or use one of: {known}",
                name="LOCAL_CHECK",
                endpoint="upload",
            )
    elif file_type not in UPLOAD_TYPES:
        raise UploadError(
            f"file type {file_type!r} is not one of {', '.join(UPLOAD_TYPES)}",
            name="LOCAL_CHECK",
            endpoint="upload",
        )
    else:
        kind = file_type
    size = p.stat().st_size
    if size > max_bytes:
        raise UploadError(
            f"{p.name} is {human_size(size)}, over the {human_size(max_bytes)} "
            "upload limit (RunningHub would answer 809)",
            name="LOCAL_CHECK",
            endpoint="upload",
        )
    return p, kind


def human_size(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.1f} KB"
    return f"{n} bytes"


def expected_file_name(path: str | os.PathLike[str], api: str = "v2") -> str:
    """The name RunningHub gives an upload: ``openapi/<sha256 of the bytes>.<ext>`` (v2, the
    client's default), ``api/<sha256>.<ext>`` (v1)."""
    prefix = "api" if api == "v1" else "openapi"
    p = Path(path)
    digest = hashlib.sha256()
    with p.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return f"{prefix}/{digest.hexdigest()}{p.suffix.lower()}"


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def output_file_names(outputs: Iterable[Output]) -> list[str]:
    """A safe, distinct local file name for each output (URL basename, de-duplicated)."""
    names: list[str] = []
    used: set[str] = set()
    for i, out in enumerate(outputs):
        base = unquote(urlsplit(out.file_url).path.rsplit("/", 1)[-1])
        base = _UNSAFE.sub("_", base).strip("._")
        if not base:
            ext = _UNSAFE.sub("", out.file_type) or "bin"
            base = f"{out.node_id or 'output'}_{i}.{ext}"
        stem, dot, ext = base.rpartition(".")
        if not dot:
            stem, ext = base, ""
        name, n = base, 1
        while name.lower() in used:
            name = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
            n += 1
        used.add(name.lower())
        names.append(name)
    return names


def save_stream(chunks: Iterable[bytes], target: Path) -> None:
    """Write to a temp file beside ``target`` and rename: no half-written outputs."""
    from rhconfig.store import atomic_write_chunks

    atomic_write_chunks(target, chunks)
