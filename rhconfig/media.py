"""The one table of media facts: which extensions are images, videos and audio clips, which of
them RunningHub's upload takes, and the kinds of profile input that load a file.

Everything else derives from :data:`EXTENSIONS`: ``classify`` and ``check`` read a value's media
kind from it, ``client`` refuses locally what the upload would refuse, the local RunningHub
accepts the same ``fileType`` values, and ``codegen``/``runtime`` know which inputs take a file.
Pure data, no I/O: the core may import it.
"""

# No future annotations: typing.NamedTuple would compile each string one (see rhconfig.profile).
from typing import NamedTuple

# Profile input kinds whose value names a file that a loader node reads.
MEDIA_KINDS = frozenset({"image", "video", "audio", "file"})

# The ``fileType`` values of RunningHub's upload (``input``: a file that is not media, e.g. a zip).
UPLOAD_TYPES: tuple[str, ...] = ("image", "video", "audio", "input")


class Extension(NamedTuple):
    kind: str  # "image", "video", "audio", or "input" (not media: uploaded as fileType input)
    upload: bool  # RunningHub's upload accepts it (rhconfig refuses the others before sending)


def _rows(kind: str, uploaded: str, recognised: str = "") -> dict[str, Extension]:
    rows = {e: Extension(kind, True) for e in uploaded.split()}
    rows.update({e: Extension(kind, False) for e in recognised.split()})
    return rows


# extension (lower case, no dot) -> what it is. "recognised" ones are media (a loader's value may
# name one) that rhconfig does not upload: a check of such a value says to convert it first.
EXTENSIONS: dict[str, Extension] = {
    **_rows("image", "png jpg jpeg webp gif bmp tif tiff", recognised="heic avif"),
    **_rows("video", "mp4 mov webm avi mkv m4v", recognised="flv wmv mpeg mpg"),
    **_rows("audio", "mp3 wav flac ogg m4a aac", recognised="opus wma"),
    **_rows("input", "zip txt json csv srt"),
}

# extension -> media kind ("image"/"video"/"audio"), uploadable or not.
MEDIA_EXT: dict[str, str] = {e: x.kind for e, x in EXTENSIONS.items() if x.kind != "input"}
# extension -> the fileType an upload sends for it, for what the upload accepts.
UPLOAD_EXT: dict[str, str] = {e: x.kind for e, x in EXTENSIONS.items() if x.upload}

# Extensions a loader of this kind also takes although the table gives them another kind
# (video loaders read animated gif and webp).
LOADER_ALSO: dict[str, frozenset[str]] = {"video": frozenset({"gif", "webp"})}

# The fileType to upload a file as for an input of this kind (a "file" input: from its extension).
KIND_UPLOAD_TYPE: dict[str, str] = {"image": "image", "video": "video", "audio": "audio"}


def extension(value: str) -> str:
    """The lower-case extension of a file name, path or URL (query string ignored), or ``""``."""
    if "." not in value:  # most texts that are not file names
        return ""
    base = value.rsplit("?", 1)[0].rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def uploadable(kind: str) -> list[str]:
    """The extensions of this media kind that RunningHub's upload accepts, sorted."""
    return sorted(e for e, x in EXTENSIONS.items() if x.kind == kind and x.upload)
