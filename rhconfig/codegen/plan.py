"""Plan a generated module: a frozen, plain description of what to emit.

Every decision is taken here: parameter names (checked again, renamed when they would clash),
their types, their documentation, the embedded profile. Every piece of text that came from a
workflow is already escaped: ``*_literal`` fields are Python literals (see
:mod:`rhconfig.codegen.literals`), ``doc``-ish fields are safe docstring text. The renderer only
lays the plan out.
"""

from __future__ import annotations

import hashlib
import json
import keyword
from dataclasses import dataclass
from typing import Any

from rhconfig.codegen.literals import LiteralError, doc_text, py_scalar, py_str, py_value, short
from rhconfig.errors import ProfileError, RhconfigError
from rhconfig.ids import check_workflow_id
from rhconfig.media import MEDIA_KINDS
from rhconfig.naming import IDENTIFIER, RESERVED, as_identifier, slug
from rhconfig.profile import Profile, ProfileInput

# The macro file (templates/macros/NAME.jinja) documenting each kind of input.
MACROS: dict[str, str] = {
    "text": "string",
    "string": "string",
    "seed": "integer",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "choice": "choice",
    "model": "model",
    "image": "media",
    "video": "media",
    "audio": "media",
    "file": "media",
    "json": "json",
}

_TYPES: dict[str, str] = {
    "text": "str",
    "string": "str",
    "model": "str",
    "seed": "int",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "json": "dict[str, Any] | list[Any]",
}

# Names a generated module uses itself (globals, annotations, locals of its functions): an
# input may not take one as its parameter name.
MODULE_NAMES = frozenset(
    {
        "Any", "Arguments", "Iterable", "Literal", "NodeInfo", "Output", "Path", "PollPolicy",
        "PROFILE_SHA256", "RunningHub", "TypedDict", "WEBAPP_ID", "WORKFLOW_ID", "annotations",
        "bool",
        "calls", "dict", "float", "int", "list", "str", "tuple", "_PARAMS", "_PROFILE", "_rt",
        "_workflow",
    }
)
RESERVED_PARAMS = RESERVED | MODULE_NAMES

# Choices listed in a docstring (all of them are in the Literal type).
DOC_CHOICES = 12


class PlanError(RhconfigError):
    """The profile cannot be turned into a module (e.g. a NaN default)."""


@dataclass(frozen=True)
class Param:
    """One keyword argument: an exposed input."""

    name: str  # the parameter's identifier
    name_literal: str  # py_str(name)
    input_literal: str  # py_str(input name): the key the runtime gets
    kind: str
    macro: str
    build_type: str  # annotation in build_node_info, without "| None"
    run_type: str  # annotation in run (a Path is welcome for media)
    renamed_from: str  # doc text of the profile name when the parameter had to be renamed
    node_id: str  # doc text
    title: str  # doc text
    class_type: str  # doc text
    field: str  # doc text
    default: str  # doc text: the workflow's value as a literal, shortened
    minimum: str  # doc text or ""
    maximum: str
    step: str
    choices: tuple[str, ...]  # doc text, the first DOC_CHOICES
    choice_count: int
    description: str  # doc text or ""


@dataclass(frozen=True)
class ChoiceAlias:
    """``NAME = Literal[...]``: the type of a choice input."""

    name: str
    values: tuple[str, ...]  # Python literals
    # Its docstring (an AI app's LIST input: what each choice is), escaped text; "" for none.
    summary: str = ""
    choice_docs: tuple[str, ...] = ()  # one line per choice


@dataclass(frozen=True)
class ModulePlan:
    workflow_id: str  # an AI app's webappId for an app
    workflow_id_literal: str
    profile_sha256: str
    profile_literal: str  # the profile dict as a literal, starting at column 0
    params_literal: str  # {parameter name: input name} as a literal
    params: tuple[Param, ...]
    aliases: tuple[ChoiceAlias, ...]
    hidden: tuple[str, ...]  # doc text: names of the inputs reachable through ``extra``
    uses_path: bool
    uses_literal: bool
    notes: tuple[str, ...]  # what the planner had to change (for the CLI to show)
    is_app: bool = False
    id_name: str = "WORKFLOW_ID"  # the module's id constant: WEBAPP_ID for an app
    what: str = "workflow"  # "workflow" or "AI app", for docstrings
    app_name: str = ""  # doc text: an app's webappName


def profile_sha256(yaml_text: str) -> str:
    return hashlib.sha256(yaml_text.encode("utf-8")).hexdigest()


def _doc_value(value: Any, limit: int = 120) -> str:
    try:
        text = py_scalar(value)
    except LiteralError:
        text = json.dumps(value, ensure_ascii=False, default=str, allow_nan=True)
    return doc_text(short(text, limit))


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part) or "Input"


def _usable(name: str) -> bool:
    return bool(IDENTIFIER.match(name)) and name.isascii() and not (
        keyword.iskeyword(name) or name in RESERVED_PARAMS
    )


def _param_name(inp: ProfileInput, taken: set[str]) -> str:
    """The input's name, or (when the module uses that name itself) a slug not yet taken."""
    if _usable(inp.name):
        return inp.name
    name = as_identifier(slug(inp.name))
    while name in taken or not _usable(name):
        name += "_"
    taken.add(name)
    return name


def parameter_names(profile: Profile) -> dict[str, ProfileInput]:
    """``{parameter name: input}`` for the exposed inputs, in profile order: the keyword
    arguments of the module ``gen`` writes (an input's name, unless the module uses that name
    itself). ``rhconfig schema --form args`` and the MCP tools name their arguments the same way.
    """
    taken = {i.name for i in profile.exposed if _usable(i.name)}
    return {_param_name(inp, taken): inp for inp in profile.exposed}


def _with_ties(profile: Profile) -> dict[str, ProfileInput]:
    """:func:`parameter_names` with each tie as one parameter (named as the tie, in its first
    exposed member's place, typed and documented as that member) and its members as none."""
    out: dict[str, ProfileInput] = {}
    for name, inp in parameter_names(profile).items():
        tie = profile.tied.get(inp.name)
        if tie is None:
            out[name] = inp
        elif tie.name not in out:
            note = f"Tied: sets {', '.join(tie.members)}."
            description = note + (" " + inp.description if inp.description else "")
            out[tie.name] = inp._replace(name=tie.name, description=description)
    return out


def _literal_choices(choices: tuple[Any, ...] | None) -> tuple[str, ...] | None:
    """The choices as Literal members, or None when some cannot be one (floats, objects)."""
    if not choices:
        return None
    out: list[str] = []
    for choice in choices:
        if choice is not None and not isinstance(choice, (str, int)):
            return None
        text = py_scalar(choice)
        if text not in out:
            out.append(text)
    return tuple(out)


def _alias_doc(param: str, inp: ProfileInput) -> tuple[str, tuple[str, ...]]:
    """An AI app's LIST input: its alias's docstring, one line per choice (escaped text)."""
    if inp.app is None or not inp.app.choices:
        return "", ()
    lines = []
    for choice in inp.app.choices[:DOC_CHOICES * 4]:
        try:
            value = py_scalar(choice.value)
        except LiteralError:
            value = repr(choice.value)
        text = f"- {short(value, 60)}"
        if choice.name and choice.name != choice.value:
            text += f" ({short(choice.name, 60)})"
        if choice.description:
            text += f": {short(choice.description, 200)}"
        lines.append(doc_text(text))
    if len(inp.app.choices) > DOC_CHOICES * 4:
        lines.append(doc_text(f"- ... ({len(inp.app.choices)} choices in all)"))
    return doc_text(f"The choices of ``{param}``:"), tuple(lines)


def _number(value: int | float | None) -> str:
    return "" if value is None else _doc_value(value)


def plan_module(profile: Profile) -> ModulePlan:
    """The plan of ``profile``'s module. Raises :class:`PlanError` (or ProfileError, for a
    profile that breaks the profile rules) when it has none."""
    from rhconfig.profile_io import dump_yaml, profile_from_dict, profile_to_dict

    workflow_id = check_workflow_id(profile.workflow_id)
    data = profile_to_dict(profile)
    # The module rebuilds its profile with profile_from_dict: refuse what it would refuse
    # (names that are not identifiers, reserved or used twice; schema violations).
    profile_from_dict(data, f"profile of workflow {workflow_id}")
    notes: list[str] = []
    try:
        sha = profile_sha256(dump_yaml(profile))
    except ProfileError:
        # Schema and name rules were checked just above, so what dump_yaml refuses here is
        # lone surrogates: no YAML file can hold this profile, so none can match it either.
        sha = hashlib.sha256(json.dumps(data, ensure_ascii=True).encode("ascii")).hexdigest()
        notes.append("the profile cannot be written as YAML (lone surrogates): "
                     "PROFILE_SHA256 is the hash of its JSON form")
    try:
        profile_literal = py_value(data)
    except LiteralError as exc:
        raise PlanError(f"{profile.what}: the profile holds {exc}") from None
    alias_names = set(RESERVED_PARAMS) | {i.name for i in profile.inputs}
    params: list[Param] = []
    aliases: list[ChoiceAlias] = []
    targets: dict[str, str] = {}  # parameter -> the input (or tie) name the runtime gets
    for name, inp in _with_ties(profile).items():
        targets[name] = inp.name
        if name != inp.name:
            notes.append(f"input {inp.name!r} is the parameter {name!r}")
        kind = inp.kind if inp.kind in MACROS else "string"
        if kind == "choice":
            members = _literal_choices(inp.choices)
            if members is None:
                build_type = "Any"
                if inp.choices:
                    notes.append(f"input {name!r}: choices are not all str or int: typed Any")
                else:
                    build_type = "str"
            else:
                alias = _camel(name) + "Choice"
                while alias in alias_names:
                    alias += "_"
                alias_names.add(alias)
                summary, choice_docs = _alias_doc(name, inp)
                aliases.append(ChoiceAlias(alias, members, summary, choice_docs))
                build_type = alias
        elif kind in MEDIA_KINDS:
            build_type = "str"
        else:
            build_type = _TYPES[kind]
        run_type = "str | Path" if kind in MEDIA_KINDS else build_type
        choices = tuple(_doc_value(c, 60) for c in (inp.choices or ())[:DOC_CHOICES])
        params.append(
            Param(
                name=name,
                name_literal=py_str(name),
                input_literal=py_str(inp.name),
                kind=kind,
                macro=MACROS[kind],
                build_type=build_type,
                run_type=run_type,
                renamed_from=doc_text(inp.name) if name != inp.name else "",
                node_id=doc_text(inp.node_id),
                title=doc_text(short(inp.title, 80)),
                class_type=doc_text(short(inp.class_type, 80)),
                field=doc_text(short(inp.field, 80)),
                default=_doc_value(inp.default),
                minimum=_number(inp.minimum),
                maximum=_number(inp.maximum),
                step=_number(inp.step),
                choices=choices,
                choice_count=len(inp.choices or ()),
                description=doc_text(short(inp.description or "", 600)),
            )
        )
    hidden = tuple(
        doc_text(i.name) for i in profile.inputs if not i.expose and i.name not in profile.tied
    )
    return ModulePlan(
        workflow_id=workflow_id,
        workflow_id_literal=py_str(workflow_id),
        profile_sha256=sha,
        profile_literal=profile_literal,
        params_literal=py_value(targets),
        params=tuple(params),
        aliases=tuple(aliases),
        hidden=hidden,
        uses_path=any(p.kind in MEDIA_KINDS for p in params),
        uses_literal=bool(aliases),
        notes=tuple(notes),
        is_app=profile.is_app,
        id_name="WEBAPP_ID" if profile.is_app else "WORKFLOW_ID",
        what="AI app" if profile.is_app else "workflow",
        app_name=doc_text(short(profile.app_name or "", 120)),
    )
