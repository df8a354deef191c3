"""The profile: a workflow's (or an AI app's) editable inputs and its link structure, as plain
frozen data.

:func:`rhconfig.build.build_profile` turns a parsed graph and a catalog into a :class:`Profile`;
:func:`rhconfig.app.build_app_profile` does the same for an AI app's apiCallDemo list (the one
place where apps and workflows differ). The YAML form and its schema live in
:mod:`rhconfig.profile_io`; rescans and ``--check`` in :mod:`rhconfig.merge`.
"""

# No ``from __future__ import annotations`` here (nor in the other modules on ``rhconfig
# check``'s path that define named tuples): ``typing.NamedTuple`` compiles each string
# annotation, which costs a process start more than evaluating the annotations does.
from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Any, NamedTuple

from rhconfig import __version__
from rhconfig.records import Record

SCHEMA_VERSION = 1
# What a profile describes: a workflow (run with create) or an AI app (run with ai-app/run).
WORKFLOW = "workflow"
APP = "app"
TARGETS = (WORKFLOW, APP)

# Optional input keys, in the order they are written.
OPTIONAL_KEYS = ("choices", "minimum", "maximum", "step", "multiline", "description")


# The small records below are named tuples (immutable, typed, and quicker to build and to import
# than frozen dataclasses); Profile is a Record (rhconfig.records) for its cached lookups.
class Source(NamedTuple):
    kind: str  # "api" (fetched from RunningHub), "file" or "ui-file" (converted from the UI format)
    graph_sha256: str  # of the canonical graph; for an app, of its apiCallDemo nodeInfoList
    rhconfig_version: str = __version__


class AppChoice(NamedTuple):
    """One choice of an app's LIST input: the value to send (``index``) and its labels."""

    value: Any
    name: str | None = None
    description: str | None = None


class AppField(NamedTuple):
    """What an AI app's apiCallDemo says of one input, kept as it came."""

    field_type: str  # the raw fieldType: LIST, STRING, IMAGE, INT, SWITCH, ...
    description: str | None = None  # the app's own (often Chinese) description
    description_en: str | None = None
    choices: tuple[AppChoice, ...] = ()  # LIST only


class ProfileInput(NamedTuple):
    """One literal input. A named tuple (immutable, typed): a scan builds one per input, and a
    frozen dataclass costs about six times as much to build; ``_replace`` makes a changed copy.
    Build it with keywords: the field order serves the scan (see ``build_profile``)."""

    name: str
    node_id: str
    field: str
    class_type: str
    title: str
    default: Any
    # from kind to description: the fields of rhconfig.classify.InputInfo, in its order
    kind: str
    type: str
    known: bool
    expose: bool
    choices: tuple[Any, ...] | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    step: int | float | None = None
    multiline: bool | None = None
    description: str | None = None
    app: AppField | None = None  # AI-app inputs only

    @property
    def key(self) -> tuple[str, str]:
        return (self.node_id, self.field)


class ProfileNode(NamedTuple):
    id: str
    class_type: str
    title: str
    known: bool
    links: Mapping[str, tuple[str, int]] = MappingProxyType({})


class Tie(NamedTuple):
    """One name that sets several inputs of the same kind (``members`` are input names)."""

    name: str
    members: tuple[str, ...]


class Profile(Record):
    """A workflow's or an app's profile: frozen (:meth:`replace` makes a changed copy), with
    its lookups (``by_key``, ``by_name``, ...) worked out on first use and kept."""

    _fields = ("workflow_id", "source", "inputs", "nodes", "schema_version", "ties", "target",
               "app_name")
    workflow_id: str
    source: Source
    inputs: tuple[ProfileInput, ...]
    nodes: Mapping[str, ProfileNode]
    schema_version: int
    ties: tuple[Tie, ...]
    target: str  # "app": workflow_id holds the webappId
    app_name: str | None  # an app's webappName

    def __init__(
        self,
        workflow_id: str,
        source: Source,
        inputs: tuple[ProfileInput, ...],
        nodes: Mapping[str, ProfileNode],
        schema_version: int = SCHEMA_VERSION,
        ties: tuple[Tie, ...] = (),
        target: str = WORKFLOW,
        app_name: str | None = None,
    ) -> None:
        # straight into the instance dict (where the cached lookups also go): one call, not
        # a frozen setter per field; a profile is made once per scan
        self.__dict__.update(
            workflow_id=workflow_id, source=source, inputs=inputs, nodes=nodes,
            schema_version=schema_version, ties=ties, target=target, app_name=app_name,
        )

    @property
    def is_app(self) -> bool:
        return self.target == APP

    @property
    def what(self) -> str:
        """``workflow 123`` or ``app 456``, for messages."""
        return f"{'app' if self.is_app else 'workflow'} {self.workflow_id}"

    @cached_property
    def by_key(self) -> dict[tuple[str, str], ProfileInput]:
        return {i.key: i for i in self.inputs}

    @cached_property
    def by_name(self) -> dict[str, ProfileInput]:
        return {i.name: i for i in self.inputs}

    @property
    def exposed(self) -> tuple[ProfileInput, ...]:
        return tuple(i for i in self.inputs if i.expose)

    @cached_property
    def by_tie(self) -> dict[str, Tie]:
        return {t.name: t for t in self.ties}

    @cached_property
    def tied(self) -> dict[str, Tie]:
        """Input name -> the tie it belongs to."""
        return {m: t for t in self.ties for m in t.members}

    def tie_kind(self, tie: Tie) -> str:
        """The members' shared kind (checked when the profile is loaded)."""
        return self.by_name[tie.members[0]].kind


def _app_from_dict(data: dict[str, Any]) -> AppField:
    return AppField(
        field_type=data["field_type"],
        description=data.get("description"),
        description_en=data.get("description_en"),
        choices=tuple(
            AppChoice(c["value"], c.get("name"), c.get("description"))
            for c in data.get("choices", ())
        ),
    )


def profile_from_valid_dict(data: dict[str, Any]) -> Profile:
    """The :class:`Profile` of plain data that already meets the schema and the name rules
    (:func:`rhconfig.profile_io.profile_from_dict` checks them first; the profile cache keeps
    only data that passed, so that reading an unchanged profile skips the checks)."""
    inputs = tuple(
        ProfileInput(
            **{k: v for k, v in item.items() if k not in ("choices", "app")},
            choices=tuple(item["choices"]) if "choices" in item else None,
            app=_app_from_dict(item["app"]) if "app" in item else None,
        )
        for item in data["inputs"]
    )
    nodes = {
        str(nid): ProfileNode(
            id=str(nid),
            class_type=n["class_type"],
            title=n["title"],
            known=n["known"],
            links={f: (ln[0], ln[1]) for f, ln in (n.get("links") or {}).items()},
        )
        for nid, n in data["nodes"].items()
    }
    return Profile(
        workflow_id=data["workflow_id"],
        source=Source(**data["source"]),
        inputs=inputs,
        nodes=nodes,
        schema_version=data["schema_version"],
        target=data.get("target", WORKFLOW),  # profiles written before apps: workflows
        app_name=data.get("app_name"),
        ties=tuple(Tie(t["name"], tuple(t["inputs"])) for t in data.get("ties") or ()),
    )
