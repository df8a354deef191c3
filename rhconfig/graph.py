"""Parse a ComfyUI API-format graph: nodes, their literal inputs and their links.

Pure functions over plain data: no I/O. Accepts the shapes users actually hold:
a bare graph, ``{"prompt": {...}}``, ``{"prompt": "<json string>"}`` and a saved
``getJsonApiFormat`` response (``{"code": 0, "data": {"prompt": "<json string>"}}``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

from rhconfig import jsontext
from rhconfig.errors import GraphFormatError
from rhconfig.ids import node_sort_key
from rhconfig.ui_convert import from_ui, is_ui_document

__all__ = [
    "Graph", "Link", "Node", "canonical_graph", "extract_prompt", "from_ui", "graph_sha256",
    "is_link", "is_ui_document", "node_sort_key", "parse_graph", "parse_prompt",
]

UI_FORMAT_ADVICE = (
    "this is a ComfyUI UI-format workflow (top-level 'nodes'/'links'), not the API format: "
    "convert it first with rhconfig.graph.from_ui(document, catalog) or 'rhconfig convert FILE'"
)


@dataclass(frozen=True)
class Link:
    """An input fed by another node's output: ``[source_id, output_index]`` in the graph."""

    source: str
    index: int


class Node(NamedTuple):
    """One node of the graph (a named tuple: one is built per node of every scan)."""

    id: str
    class_type: str
    title: str
    inputs: Mapping[str, Any]

    @property
    def literals(self) -> dict[str, Any]:
        """Inputs holding a widget value (editable through nodeInfoList)."""
        return {k: v for k, v in self.inputs.items() if not is_link(v)}

    @property
    def links(self) -> dict[str, Link]:
        """Inputs fed by a link (not editable)."""
        return {k: Link(v[0], v[1]) for k, v in self.inputs.items() if is_link(v)}


# Node from a tuple of its fields: tuple.__new__ without the named tuple's Python constructor
# (one node is made per node of every scan).
_node = partial(tuple.__new__, Node)


@dataclass(frozen=True)
class Graph:
    nodes: Mapping[str, Node]
    ignored_keys: tuple[str, ...] = field(default=())

    def __iter__(self) -> Any:
        return iter(self.nodes.values())

    def __len__(self) -> int:
        return len(self.nodes)


def is_link(value: Any) -> bool:
    """True for ``[node_id, output_index]``: a two-element list of a string id and an int.

    Exact type tests (JSON data holds no subclasses; they also keep ``True`` from passing as
    an int): this runs once per input of every scan.
    """
    return (
        type(value) is list
        and len(value) == 2
        and type(value[0]) is str
        and type(value[1]) is int
    )


def loads(text: str | bytes, what: str = "file") -> Any:
    """``json.loads`` raising :class:`GraphFormatError` in one line naming what was read."""
    return jsontext.loads(text, what, GraphFormatError)


def extract_prompt(document: Any) -> dict[str, Any]:
    """Find the API graph inside any of the accepted document shapes."""
    if not isinstance(document, dict):
        raise GraphFormatError(
            f"expected a JSON object holding an API-format graph, got {type(document).__name__}"
        )
    if is_ui_document(document):
        raise GraphFormatError(UI_FORMAT_ADVICE)
    if "code" in document and "data" in document and "msg" in document:
        code = document.get("code")
        if code != 0:
            raise GraphFormatError(
                f"saved RunningHub response is an error (code {code}: {document.get('msg')})"
            )
        document = document.get("data")
        if not isinstance(document, dict):
            raise GraphFormatError("saved RunningHub response holds no 'data.prompt'")
    prompt = document.get("prompt") if "prompt" in document else None
    if prompt is not None and not _looks_like_node(prompt):
        if isinstance(prompt, str):
            prompt = loads(prompt, "the 'prompt' string")
        if isinstance(prompt, dict):
            if is_ui_document(prompt):
                raise GraphFormatError(UI_FORMAT_ADVICE)
            return prompt
        raise GraphFormatError("'prompt' must be an API-format graph (object or JSON string)")
    return document


def _looks_like_node(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("class_type"), str)


def parse_graph(document: Any) -> Graph:
    """Build a :class:`Graph`; keys whose values are not nodes are set aside, not fatal."""
    return parse_prompt(extract_prompt(document))


def parse_prompt(prompt: Mapping[str, Any]) -> Graph:
    """:func:`parse_graph` of the graph itself (what :func:`extract_prompt` found)."""
    nodes: dict[str, Node] = {}
    ignored: list[str] = []
    make = _node
    for key in _sorted_ids(prompt):
        value = prompt[key]
        class_type = value.get("class_type") if isinstance(value, dict) else None
        if not isinstance(class_type, str):  # not a node (_looks_like_node, inlined)
            ignored.append(key)
            continue
        inputs = value.get("inputs") or {}
        if not isinstance(inputs, dict):
            raise GraphFormatError(f"node {key}: 'inputs' must be an object")
        meta = value.get("_meta")
        title = meta.get("title") if isinstance(meta, dict) else None
        nodes[key] = make((key, class_type, title if type(title) is str else class_type, inputs))
    if not nodes:
        raise GraphFormatError(
            "no nodes found: an API-format graph maps node ids to objects with 'class_type'"
        )
    return Graph(nodes, tuple(ignored))


def _sorted_ids(prompt: Mapping[str, Any]) -> list[str]:
    """The node ids in :func:`node_sort_key` order; all-digit ids (the usual graph) sort by
    their value, which is that order, without a Python call per id: by length, then as text,
    when none has a leading zero (a lone "0" aside; a text sort puts those first)."""
    ids = list(prompt)
    joined = "".join(ids)
    if joined.isdigit() and joined.isascii() and "" not in prompt:
        ids.sort()
        if ids[0][0] != "0" or (ids[0] == "0" and (len(ids) == 1 or ids[1][0] != "0")):
            ids.sort(key=len)  # stable: each length's ids stay in text order
            return ids
        return sorted(prompt, key=int)  # equal values keep the graph's order
    return sorted(ids, key=node_sort_key)


def canonical_graph(document: Any) -> dict[str, Any]:
    """The graph as a plain dict of nodes only (what RunningHub stores and runs)."""
    prompt = extract_prompt(document)
    return {k: v for k, v in prompt.items() if _looks_like_node(v)}


def _canonical_encoder() -> Any:
    """``json.dumps(sort_keys=True, ensure_ascii=True, separators=(",", ":"), allow_nan=False)``
    as one C encoder made once (``json.dumps`` builds a new encoder on every call), or None
    where the C accelerator is missing. No circular check: parsed JSON holds no cycles."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return None
    return make(None, json.JSONEncoder().default, json.encoder.encode_basestring_ascii, None,
                ":", ",", True, False, False)


_ENCODE = _canonical_encoder()


def canonical_bytes(graph: Mapping[str, Any]) -> bytes:
    # ASCII escapes keep the bytes well defined even for text holding lone surrogates.
    if _ENCODE is not None:
        return "".join(_ENCODE(graph, 0)).encode("ascii")
    return json.dumps(
        graph, sort_keys=True, ensure_ascii=True, separators=(",", ":"), allow_nan=False
    ).encode("ascii")


def graph_sha256(graph: Mapping[str, Any]) -> str:
    import hashlib  # here, not at the top: commands that only read profiles never hash

    try:
        return hashlib.sha256(canonical_bytes(graph)).hexdigest()
    except ValueError:
        raise GraphFormatError(
            "the graph holds NaN or Infinity, which JSON (and RunningHub) cannot carry"
        ) from None
