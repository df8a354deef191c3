"""Where a scan's time goes, and the floor under it: every figure a ratio to ``json.loads`` of
the same text (median and worst over the corpus), all measured in one run.

    python benchmarks/scan_floor.py            # corpus from ../shared if present, else bundled
    python benchmarks/scan_floor.py --quick    # fewer repeats

Floor (the least work a scan needs):
  walk, dict per literal    the issue's bare walk: sorted node ids, links told from literals,
                            one dict per literal input
  walk, ProfileInput each   the same walk making the real model object (a 17-field tuple)
  canonical sha256          the graph's canonical JSON bytes and their sha256 (in C)
  walk + sha                the two together: a scan can not do less
  rules as lookups          walk + sha, each input's classification looked up in a table made
                            beforehand (what a catalog compiled per field would give), and names
                            the fields, with a clash settled by the node's title slug (cold):
                            the least a scan with these rules could do in Python

The scan, stage by stage (``scan_document`` with one stage replaced by a constant; the
difference to the whole scan is that stage's cost):
  scan                      scan_document, caches cleared before each scan (as bench_scan.py)
  without naming            names = field names (no title slugs, no clash rounds)
  without classification    every input ruled a plain string (its STATIC rule looked up and
                            joined as usual, none worked out from a spec or a value)
  without either            the scan's own walk: parse, canonical sha, model objects
CPU time (time.process_time), best of the repeats; json.loads and each stage are measured
graph by graph, interleaved, so a slower stretch of the machine affects both.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import sys
import time
import timeit
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from rhconfig import build, classify, naming  # noqa: E402
from rhconfig.catalog import Catalog  # noqa: E402
from rhconfig.catalog_files import load_catalog  # noqa: E402
from rhconfig.graph import canonical_bytes, canonical_graph, node_sort_key  # noqa: E402
from rhconfig.profile import ProfileInput  # noqa: E402
from rhconfig.scan import scan_document  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "api"
_make = partial(tuple.__new__, ProfileInput)
_PLAIN = ("string", "STRING", True, False, None, None, None, None, None, None)


def graphs() -> list[Path]:
    if CORPUS.is_dir():
        return sorted(CORPUS.glob("*.json"))
    return sorted((REPO / "workflows").glob("*.api.json"))


def _literals(graph: dict[str, Any]) -> list[tuple[str, str, Any, dict[str, Any]]]:
    out = []
    for key in sorted(graph, key=node_sort_key):
        node = graph[key]
        for field, value in (node.get("inputs") or {}).items():
            if not (type(value) is list and len(value) == 2 and type(value[0]) is str
                    and type(value[1]) is int):
                out.append((key, field, value, node))
    return out


def walk_dicts(graph: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"node_id": k, "field": f, "value": v} for k, f, v, _ in _literals(graph)]


def walk_inputs(graph: dict[str, Any]) -> list[ProfileInput]:
    out = []
    for k, f, v, node in _literals(graph):
        ct = node["class_type"]
        out.append(_make((f, k, f, ct, ct, v, *_PLAIN, None)))
    return out


def sha(graph: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(graph)).hexdigest()


def lookup_table(catalog: Any) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Each (class, field) of the corpus classified beforehand, as a compiled catalog would."""
    table = {}
    for path in graphs():
        for node in canonical_graph(json.loads(path.read_bytes())).values():
            specs = (catalog.classes.get(node["class_type"]) or {}).get("inputs") or {}
            for field, value in (node.get("inputs") or {}).items():
                table[(node["class_type"], field)] = classify.classify_fields(
                    node["class_type"], field, value, specs.get(field))
    return table


def rules_as_lookups(document: Any, table: dict[tuple[str, str], tuple[Any, ...]]) -> object:
    naming.clear_caches()
    graph = canonical_graph(document)
    inputs = []
    for k, f, v, node in _literals(graph):
        ct = node["class_type"]
        title = (node.get("_meta") or {}).get("title") or ct
        inputs.append(_make((f, k, f, ct, title, v, *table[(ct, f)], None)))
    fields = [i[0] for i in inputs]
    if len(set(fields)) != len(fields):
        seen = Counter(fields)
        inputs = [i if seen[i[0]] == 1 else _make((f"{naming.slug(i[4])}_{i[0]}", *i[1:]))
                  for i in inputs]
    return inputs, sha(graph)


def _scan(document: Any, catalog: Any) -> None:
    naming.clear_caches()
    classify.clear_caches()
    scan_document(document, catalog, "1")


def _plain_rules(catalog: Catalog) -> Catalog:
    """``catalog`` with every field of the corpus's classes (and of its own) ruled a plain
    string: a STATIC rule, looked up and joined as a classified input's is, that decides
    nothing (what naming reads of the catalog, its title slugs and own names, kept)."""
    plain = (classify.STATIC, _PLAIN, _PLAIN, None, (*_PLAIN, None))
    fields: dict[str, set[str]] = {ct: set(entry.get("inputs") or ()) for ct, entry
                                   in catalog.classes.items()}
    for path in graphs():
        for node in canonical_graph(json.loads(path.read_bytes())).values():
            fields.setdefault(node["class_type"], set()).update(node.get("inputs") or ())
    bare = Catalog(catalog.classes)
    bare.rules = {ct: dict.fromkeys(names, plain) for ct, names in fields.items()}
    bare.title_slugs = catalog.title_slugs
    bare.own_names = catalog.own_names
    return bare


def _without(names: bool, kinds: bool) -> Callable[[Any, Any], None]:
    plain: dict[int, Catalog] = {}  # the catalog of plain rules (_plain_rules), made once

    def run(document: Any, catalog: Any) -> None:
        saved = build.resolve_names, build.apply_rule, build.class_rules
        if names:
            build.resolve_names = lambda fields, request_of, fixed=(), **_: list(fields)  # type: ignore[assignment,misc]
        if kinds:  # each input's rule is a plain string's, and none is applied
            catalog = plain.get(id(catalog)) or plain.setdefault(id(catalog),
                                                                 _plain_rules(catalog))
            build.class_rules = lambda *args: {}  # type: ignore[assignment]
            build.apply_rule = lambda *args: _PLAIN  # type: ignore[assignment]
        try:
            _scan(document, catalog)
        finally:
            build.resolve_names, build.apply_rule, build.class_rules = saved
    return run


def stages(catalog: Catalog) -> dict[str, Callable[[Any, Any], object]]:
    """Each stage, as a function of a graph document and the catalog."""
    table = lookup_table(catalog)
    return {
        "walk, dict per literal": lambda d, c: walk_dicts(canonical_graph(d)),
        "walk, ProfileInput each": lambda d, c: walk_inputs(canonical_graph(d)),
        "canonical sha256": lambda d, c: sha(canonical_graph(d)),
        "walk + sha": lambda d, c: (walk_inputs(g := canonical_graph(d)), sha(g)),
        "rules as lookups": lambda d, c: rules_as_lookups(d, table),
        "scan": _scan,
        "scan without naming": _without(True, False),
        "scan without classification": _without(False, True),
        "scan without either": _without(True, True),
    }


def stage_ratios(repeat: int) -> dict[str, tuple[float, float]]:
    """Each stage's (median, worst) ratio to json.loads over the corpus."""
    catalog = load_catalog()
    by_stage = stages(catalog)
    best: dict[tuple[str, str], float] = {}
    texts = {p.name: p.read_bytes() for p in graphs()}
    docs = {name: json.loads(text) for name, text in texts.items()}

    def once(fn: Callable[[], object], number: int) -> float:
        return timeit.timeit(fn, number=number, timer=time.process_time) / number

    for _ in range(repeat):
        for name, text in texts.items():
            doc = docs[name]
            runs = [("json.loads", lambda t=text: json.loads(t), 200)]  # type: ignore[misc]
            runs += [(s, lambda f=f, d=doc: f(d, catalog), 30) for s, f in by_stage.items()]  # type: ignore[misc]
            for stage, fn, number in runs:
                value = once(fn, number)
                best[(name, stage)] = min(best.get((name, stage), value), value)
    out = {}
    for stage in by_stage:
        ratios = [best[(n, stage)] / best[(n, "json.loads")] for n in texts]
        out[stage] = (statistics.median(ratios), max(ratios))
    return out


def main() -> int:
    ratios = stage_ratios(3 if "--quick" in sys.argv else 7)
    print(f"{'stage':30} {'median':>8} {'worst':>8}   (x json.loads, {len(graphs())} graphs)")
    for stage, (median, worst) in ratios.items():
        print(f"{stage:30} {median:7.2f}x {worst:7.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
