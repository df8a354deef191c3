"""Where the package's templates and schemas are, however rhconfig was installed.

The repository keeps them at its top level (``templates/``, ``schemas/``) so that a reader sees
them beside the code; ``setup.cfg`` maps both folders into the package (``rhconfig.templates``,
``rhconfig.schemas``), so a wheel carries them inside ``rhconfig/``. One lookup serves all three
ways of running rhconfig: the folder inside the package (a wheel, or a strict editable install),
else the folder beside the package (a plain checkout, or an ordinary editable install, where
``rhconfig/`` is the repository's own folder).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """The folder ``name`` (``"templates"`` or ``"schemas"``) as the running code sees it."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"rhconfig is incomplete: no {name}/ folder in {_PACKAGE} or beside it (reinstall it)"
    )


def templates_dir() -> Path:
    return resource_dir("templates")


def schemas_dir() -> Path:
    return resource_dir("schemas")
