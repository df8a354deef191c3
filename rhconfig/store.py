"""The workflows directory: profiles (``ID.yaml``), workflow graphs (``ID.api.json``) and AI apps'
apiCallDemo answers (``ID.app.json``), written atomically.

This module is the edge where profiles and graphs meet the disk; the core stays pure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rhconfig.errors import ProfileError, UsageError
from rhconfig.ids import check_workflow_id, is_workflow_id

if TYPE_CHECKING:
    from rhconfig.profile import Profile

ENV_DIR = "RHCONFIG_WORKFLOWS_DIR"


def workflows_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--workflows-dir``, else ``$RHCONFIG_WORKFLOWS_DIR``, else ``./workflows``."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else Path("workflows")


def graph_text(graph: dict[str, Any]) -> str:
    """An API graph as rhconfig writes it: indented JSON, keys in graph order, one final newline."""
    return json.dumps(graph, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write_chunks`)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    atomic_write_chunks(path, (payload,))


def current_umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux); else
    by setting and restoring it."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_chunks(path: Path, chunks: Iterable[bytes]) -> None:
    """Write to a temp file in the same folder, fsync, then rename over the target: a crash
    leaves the old file or the new one, never half of either. The file gets the mode any new
    file of the user gets (0666 less the umask), not the temp file's private 0600."""
    import tempfile  # here: commands that only read never pay for its import

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


GRAPH_SUFFIX = ".api.json"
APP_SUFFIX = ".app.json"


class WorkflowStore:
    """A folder holding ``ID.yaml`` profiles, ``ID.api.json`` graphs and ``ID.app.json`` apps."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = workflows_dir(root)

    def profile_path(self, workflow_id: str) -> Path:
        return self.root / f"{check_workflow_id(workflow_id)}.yaml"

    def graph_path(self, workflow_id: str) -> Path:
        return self.root / f"{check_workflow_id(workflow_id)}.api.json"

    def app_path(self, webapp_id: str) -> Path:
        return self.root / f"{check_workflow_id(webapp_id)}{APP_SUFFIX}"

    def ids(self) -> list[str]:
        """Ids that have a profile, a graph or an app document here, sorted."""
        found: set[str] = set()
        if self.root.is_dir():
            for p in self.root.iterdir():
                stem = (
                    p.name.removesuffix(GRAPH_SUFFIX).removesuffix(APP_SUFFIX).removesuffix(".yaml")
                )
                if stem != p.name and is_workflow_id(stem):
                    found.add(stem)
        return sorted(found, key=lambda s: (len(s), s))

    def graph_ids(self) -> list[str]:
        return [i for i in self.ids() if self.graph_path(i).is_file()]

    def app_ids(self) -> list[str]:
        """Ids of the AI apps whose apiCallDemo answer is kept here (``ID.app.json``)."""
        return [i for i in self.ids() if self.app_path(i).is_file()]

    def read_app(self, webapp_id: str) -> Any:
        """The kept apiCallDemo ``data`` of an app, parsed (not yet checked)."""
        from rhconfig.jsontext import loads

        path = self.app_path(webapp_id)
        try:
            text = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(f"no stored app document for app {webapp_id} ({path})") from None
        return loads(text, str(path), UsageError)

    def write_app(self, webapp_id: str, document: dict[str, Any]) -> Path:
        """Keep an app's apiCallDemo ``data`` (the caller drops ``curl``: it holds the key)."""
        if "curl" in document:
            raise ValueError("an app document's 'curl' embeds the API key: drop it first")
        path = self.app_path(webapp_id)
        atomic_write(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return path

    def read_graph(self, workflow_id: str) -> dict[str, Any]:
        """The stored API graph (nodes only), parsed."""
        from rhconfig.graph import canonical_graph, loads

        path = self.graph_path(workflow_id)
        try:
            text = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(f"no stored graph for workflow {workflow_id} ({path})") from None
        return canonical_graph(loads(text, str(path)))

    def write_graph(self, workflow_id: str, graph: dict[str, Any]) -> Path:
        path = self.graph_path(workflow_id)
        atomic_write(path, graph_text(graph))
        return path

    def read_profile_text(self, workflow_id: str) -> str:
        path = self.profile_path(workflow_id)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ProfileError(
                f"no profile for workflow {workflow_id} in {self.root}/ (run 'rhconfig scan "
                f"{workflow_id}' first; for an AI app, 'rhconfig scan --app {workflow_id}')"
            ) from None

    def load_profile(self, workflow_id: str) -> Profile:
        text = self.read_profile_text(workflow_id)
        return profile_of_text(self.profile_path(workflow_id), text)

    def write_profile(self, profile: Profile) -> Path:
        from rhconfig.profile_io import dump_yaml

        path = self.profile_path(profile.workflow_id)
        atomic_write(path, dump_yaml(profile))
        return path

    def profiles(self) -> Iterator[Profile]:
        for wid in self.ids():
            if self.profile_path(wid).is_file():
                yield self.load_profile(wid)


def load_profile(
    path_or_workflow_id: str | os.PathLike[str],
    workflows_dir: str | os.PathLike[str] | None = None,
) -> Profile:
    """Load a profile from a ``.yaml`` path, or by workflow id from the workflows dir."""
    text_id = str(path_or_workflow_id)
    if is_workflow_id(text_id) and not Path(text_id).is_file():
        return WorkflowStore(workflows_dir).load_profile(text_id)
    path = Path(path_or_workflow_id)
    if (
        not isinstance(path_or_workflow_id, os.PathLike)
        and path.suffix.lower() not in (".yaml", ".yml")
        and not any(sep in text_id for sep in ("/", "\\"))
        and not path.is_file()
    ):
        check_workflow_id(text_id)  # 'show abc': an invalid id, not a missing file
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"cannot read profile {path}: {exc.strerror or exc}") from None
    return profile_of_text(path, text)


def profile_of_text(path: Path, text: str) -> Profile:
    """The profile whose YAML ``text`` was read from ``path``: parsed and checked, or taken from
    the cache of checked profiles when this very text was checked before."""
    from rhconfig import profile_cache
    from rhconfig.profile import profile_from_valid_dict

    cached = profile_cache.lookup(path, text)
    if cached is not None:
        return profile_from_valid_dict(cached)
    from rhconfig.profile_io import load_yaml_data, profile_from_dict

    data = load_yaml_data(text, str(path))
    profile = profile_from_dict(data, str(path))
    profile_cache.remember(path, text, data)
    return profile
