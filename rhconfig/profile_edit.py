"""Edits a user makes to a profile without touching its YAML: expose or hide inputs, rename an
input or a tie, tie several inputs under one name. Pure: a Profile in, a Profile out (or a
:class:`~rhconfig.errors.UsageError` naming every problem); the CLI writes the result
atomically, and a rescan keeps it (names, ``expose`` and ties are carried by the merge)."""

from __future__ import annotations

from collections.abc import Sequence

from rhconfig.errors import UsageError
from rhconfig.naming import is_valid_name
from rhconfig.profile import Profile, ProfileInput, Tie


def resolve_input(profile: Profile, word: str) -> ProfileInput:
    """An input by its name or by ``NODE:FIELD``; unknown words suggest the closest names."""
    if ":" in word:
        node_id, _, field = word.partition(":")
        inp = profile.by_key.get((node_id, field))
        if inp is None:
            raise UsageError(f"workflow {profile.workflow_id} has no input {word!r:.60}")
        return inp
    inp = profile.by_name.get(word)
    if inp is None:
        from rhconfig.nodeinfo import unknown_name

        raise unknown_name(profile, word)
    return inp


def set_exposed(profile: Profile, words: Sequence[str], expose: bool) -> Profile:
    """Expose (or hide) the inputs named; a tie's name stands for all its members."""
    chosen: set[str] = set()
    problems: list[str] = []
    for word in words:
        tie = profile.by_tie.get(word)
        if tie is not None:
            chosen.update(tie.members)
            continue
        try:
            chosen.add(resolve_input(profile, word).name)
        except UsageError as exc:
            problems.append(str(exc))
    _raise(problems)
    inputs = tuple(i._replace(expose=expose) if i.name in chosen else i for i in profile.inputs)
    return profile.replace(inputs=inputs)


def _check_new_name(profile: Profile, new: str, allowed: frozenset[str] = frozenset()) -> None:
    if not is_valid_name(new):
        raise UsageError(
            f"{new!r:.60} is not a valid name: letters, digits and _, not starting with a digit, "
            "and not a Python keyword or reserved word"
        )
    if new in allowed:
        return
    if new in profile.by_name:
        inp = profile.by_name[new]
        raise UsageError(f"'{new}' is already the name of node {inp.node_id} '{inp.field}'")
    if new in profile.by_tie:
        raise UsageError(f"'{new}' is already the name of a tie")


def rename(profile: Profile, old: str, new: str) -> Profile:
    """Rename an input (by name or NODE:FIELD) or a tie; ties follow their members' names."""
    if old in profile.by_tie and old not in profile.by_name:
        _check_new_name(profile, new)
        ties = tuple(Tie(new, t.members) if t.name == old else t for t in profile.ties)
        return profile.replace(ties=ties)
    inp = resolve_input(profile, old)
    if new == inp.name:
        return profile
    tie = profile.tied.get(inp.name)
    # a tie named after this member keeps its name; the new name must be free
    _check_new_name(profile, new)
    inputs = tuple(i._replace(name=new) if i.key == inp.key else i for i in profile.inputs)
    ties = tuple(
        Tie(t.name, tuple(new if m == inp.name else m for m in t.members)) if t is tie else t
        for t in profile.ties
    )
    return profile.replace(inputs=inputs, ties=ties)


def tie(profile: Profile, name: str, words: Sequence[str]) -> Profile:
    """Tie the inputs named (names or NODE:FIELD) under ``name``: one value for all of them.

    Tying again under an existing tie's name replaces its members. Members must share a kind
    and belong to no other tie; the tie is exposed (its members' ``expose`` becomes True).
    """
    problems: list[str] = []
    members: list[ProfileInput] = []
    for word in words:
        try:
            inp = resolve_input(profile, word)
        except UsageError as exc:
            problems.append(str(exc))
            continue
        if inp in members:
            problems.append(f"input '{inp.name}' is listed twice")
            continue
        other = profile.tied.get(inp.name)
        if other is not None and other.name != name:
            problems.append(f"input '{inp.name}' is already tied into '{other.name}'")
        members.append(inp)
    _raise(problems)
    if len(members) < 2:
        raise UsageError(f"a tie joins two inputs or more (got {len(members)})")
    kinds = sorted({m.kind for m in members})
    if len(kinds) > 1:
        detail = ", ".join(f"{m.name} ({m.kind})" for m in members)
        raise UsageError(f"tied inputs must share a kind: {detail}")
    member_names = tuple(m.name for m in members)
    existing = profile.by_tie.get(name)
    if name in profile.by_name and name not in member_names:
        inp = profile.by_name[name]
        raise UsageError(
            f"'{name}' is the name of node {inp.node_id} '{inp.field}', which the tie does not "
            "hold: pick another name, or rename that input first"
        )
    if existing is None and name not in profile.by_name:
        _check_new_name(profile, name)
    elif not is_valid_name(name):
        _check_new_name(profile, name)
    new_tie = Tie(name, member_names)
    ties = [t for t in profile.ties if t.name != name]
    at = next((n for n, t in enumerate(profile.ties) if t.name == name), len(ties))
    ties.insert(at, new_tie)
    inputs = tuple(
        i._replace(expose=True) if i.name in member_names else i for i in profile.inputs
    )
    return profile.replace(inputs=inputs, ties=tuple(ties))


def untie(profile: Profile, name: str) -> Profile:
    if name not in profile.by_tie:
        raise UsageError(f"workflow {profile.workflow_id} has no tie named {name!r:.60}")
    return profile.replace(ties=tuple(t for t in profile.ties if t.name != name))


def _raise(problems: list[str]) -> None:
    if len(problems) == 1:
        raise UsageError(problems[0])
    if problems:
        error = UsageError(f"{len(problems)} problems: nothing was changed")
        error.lines = problems  # type: ignore[attr-defined]
        raise error
