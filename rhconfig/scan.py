"""From a graph document to a profile: parse, classify, name, merge the user's edits. Pure."""

from __future__ import annotations

from typing import Any, NamedTuple

from rhconfig.build import build_profile
from rhconfig.catalog import Catalog
from rhconfig.graph import extract_prompt, graph_sha256, parse_prompt
from rhconfig.merge import carry_ties, kept_names, merge_edits
from rhconfig.profile import Profile, ProfileInput


class ScanResult(NamedTuple):
    """What a scan gives: the profile, the graph (or app document) kept beside it, and what the
    merge with the previous profile found."""

    profile: Profile
    graph: dict[str, Any]
    vanished: list[ProfileInput]  # inputs of the previous profile that are gone
    ignored_keys: tuple[str, ...]  # top-level keys of the document that are not nodes
    tie_notes: tuple[str, ...]  # ties that lost a member since the last scan


def scan_document(
    document: Any,
    catalog: Catalog,
    workflow_id: str,
    *,
    source_kind: str = "file",
    previous: Profile | None = None,
) -> ScanResult:
    """Build the profile of ``document`` (any accepted graph shape), keeping earlier edits."""
    prompt = extract_prompt(document)
    graph = parse_prompt(prompt)
    # canonical_graph(document), from what parsing found: the keys that are not nodes
    ignored = graph.ignored_keys
    canonical = {k: v for k, v in prompt.items() if k not in ignored} if ignored else dict(prompt)
    fresh = build_profile(
        graph,
        catalog,
        workflow_id,
        source_kind=source_kind,
        graph_sha256=graph_sha256(canonical),
        keep_names=kept_names(previous),
    )
    profile, vanished = merge_edits(fresh, previous)
    notes = tuple(carry_ties(profile, previous)[1]) if previous is not None else ()
    return ScanResult(profile, canonical, vanished, graph.ignored_keys, notes)


def scan_app_document(
    document: Any,
    webapp_id: str,
    *,
    source_kind: str = "file",
    previous: Profile | None = None,
) -> ScanResult:
    """Build the profile of an AI app from its apiCallDemo answer, keeping earlier edits.

    ``ScanResult.graph`` holds what is kept beside the profile (``ID.app.json``): the answer's
    ``data`` without ``curl`` (it embeds the caller's key) and ``statisticsInfo``.
    """
    from rhconfig.app import build_app_profile, parse_app_document

    app = parse_app_document(document)
    fresh = build_app_profile(
        app, webapp_id, source_kind=source_kind, keep_names=kept_names(previous)
    )
    profile, vanished = merge_edits(fresh, previous)
    notes = tuple(carry_ties(profile, previous)[1]) if previous is not None else ()
    return ScanResult(profile, app.data, vanished, (), notes)
