"""Benchmark: rhconfig.validate against an equivalent JSON Schema checked by jsonschema.

Run from the repository root:

    python benchmarks/bench_check.py            # corpus profiles (../shared), else examples
    python benchmarks/bench_check.py --lists 300 --rounds 5

For every profile it generates nodeInfoLists mixing valid and invalid entries (wrong types,
out of range, bad choices, unknown nodes and fields, linked fields, malformed entries), exports
the equivalent JSON Schema (rhconfig.check.jsonschema_export), compiles one Draft 2020-12
validator per profile, and checks both give the same ok/not-ok verdict for every entry. Then it
times both over the same lists (best of --rounds) and prints the time per entry and the ratio.
Exit status: 1 if any verdict differs, 2 if rhconfig is less than --min-ratio (10) times faster.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from rhconfig.catalog_files import bundled_catalog
from rhconfig.check import validate
from rhconfig.check.hints import clear_caches
from rhconfig.check.jsonschema_export import node_info_schema
from rhconfig.profile import Profile, ProfileInput
from rhconfig.scan import scan_document

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "api"
EXAMPLES = REPO / "workflows"
FIXTURE = REPO / "tests" / "check" / "fixtures" / "check-graph.api.json"

MEDIA_EXT = {"image": "png", "video": "mp4", "audio": "wav", "file": "png"}


def load_profiles() -> list[tuple[str, Profile]]:
    catalog = bundled_catalog()
    if CORPUS.is_dir():
        paths = sorted(CORPUS.glob("*.json"))
    else:
        paths = sorted(EXAMPLES.glob("*.api.json")) or [FIXTURE]
    out = []
    for path in paths:
        graph = json.loads(path.read_text(encoding="utf-8"))
        out.append((path.stem, scan_document(graph, catalog, "1").profile))
    return out


def good_value(inp: ProfileInput, rnd: random.Random) -> Any:
    """A value rhconfig and the schema both accept (maybe with a warning)."""
    lo, hi = inp.minimum, inp.maximum
    if inp.kind in MEDIA_EXT:
        ext = MEDIA_EXT[inp.kind]
        return rnd.choice([f"api/{rnd.getrandbits(64):016x}.{ext}",
                           f"https://example.com/in/{rnd.randrange(999)}.{ext}", inp.default])
    if not inp.known:
        return inp.default
    if inp.kind == "json":
        return inp.default
    if inp.type == "INT":
        a = int(lo) if lo is not None else -1000
        b = int(min(hi, a + 10**6)) if hi is not None else a + 1000
        n = rnd.randint(a, b)
        return rnd.choice([n, n, str(n), float(n)])
    if inp.type == "FLOAT":
        a = float(lo) if lo is not None else -100.0
        b = float(min(hi, a + 1000)) if hi is not None else a + 100
        x = round(rnd.uniform(a, b), 3)
        if (lo is not None and x < lo) or (hi is not None and x > hi):
            x = float(inp.default) if isinstance(inp.default, (int, float)) else 0.5
        # a numeric string's range is beyond JSON Schema: strings only where float() is exact
        text_ok = (lo is None or float(repr(x)) >= lo) and (hi is None or float(repr(x)) <= hi)
        return rnd.choice([x, x, repr(x) if text_ok else x])
    if inp.type == "BOOLEAN":
        return rnd.choice([True, False, 1])
    if inp.kind == "choice" and inp.choices:
        return rnd.choice(inp.choices)
    if inp.type == "COMBO":
        return "some-model.safetensors"
    return rnd.choice(["a red fox in the snow", "", 42])


def bad_value(inp: ProfileInput, rnd: random.Random) -> Any | None:
    """A value both call an error, or None when this input has no clear-cut bad value."""
    if inp.kind in MEDIA_EXT:
        return rnd.choice(["/home/me/input.png", "./x.png", 7])
    if not inp.known:
        if inp.default is None or isinstance(inp.default, (dict, list)):
            return None
        return [1, 2, 3]
    if inp.kind == "json":
        return ["1", 0]
    if inp.type in ("INT", "FLOAT"):
        options: list[Any] = ["abc", None, {"x": 1}]
        if inp.maximum is not None and inp.maximum < 10**15:
            options.append(inp.maximum + 1)
        if inp.minimum is not None and inp.minimum > -(10**15):
            options.append(inp.minimum - 1)
        return rnd.choice(options)
    if inp.type == "BOOLEAN":
        return rnd.choice(["false", "true", None])
    if inp.kind == "choice":
        return rnd.choice(["not-a-choice", None, 3])
    if inp.type == "COMBO":
        return rnd.choice([None, 5])
    return rnd.choice([None, {"a": 1}, [1]])


def make_entry(profile: Profile, rnd: random.Random) -> Any:
    inputs = profile.inputs
    roll = rnd.random()
    linked = [(n, f) for n, node in profile.nodes.items() for f in node.links]
    if roll < 0.6 or not inputs:
        inp = rnd.choice(inputs)
        return {"nodeId": inp.node_id, "fieldName": inp.field, "fieldValue": good_value(inp, rnd)}
    if roll < 0.85:
        inp = rnd.choice(inputs)
        bad = bad_value(inp, rnd)
        value = good_value(inp, rnd) if bad is None else bad
        return {"nodeId": inp.node_id, "fieldName": inp.field, "fieldValue": value}
    inp = rnd.choice(inputs)
    kind = rnd.randrange(6)
    if kind == 0:
        return {"nodeId": "999999", "fieldName": inp.field, "fieldValue": 1}
    if kind == 1:
        return {"nodeId": inp.node_id, "fieldName": inp.field + "_x", "fieldValue": 1}
    if kind == 2 and linked:
        node_id, field = rnd.choice(linked)
        return {"nodeId": node_id, "fieldName": field, "fieldValue": "x"}
    if kind == 3:
        return {"nodeId": int(inp.node_id) if inp.node_id.isdigit() else [inp.node_id],
                "fieldName": inp.field, "fieldValue": inp.default}
    if kind == 4:
        return {"nodeId": inp.node_id, "fieldName": inp.field}
    return rnd.choice(["junk", 5, None, [inp.node_id, inp.field, 1]])


def rh_verdicts(profile: Profile, items: list[Any]) -> list[bool]:
    bad = {f.index for f in validate(profile, items, probe_paths=False) if f.severity == "error"}
    return [i not in bad for i in range(len(items))]


def js_verdicts(validator: Draft202012Validator, items: list[Any]) -> list[bool]:
    bad = {e.path[0] for e in validator.iter_errors(items) if e.path}
    return [i not in bad for i in range(len(items))]


def best_time(fn: Callable[[], None], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=int, default=60, help="lists per profile")
    parser.add_argument("--size", type=int, default=12, help="entries per list")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--min-ratio", type=float, default=10.0)
    args = parser.parse_args(argv)

    rnd = random.Random(args.seed)
    total_entries = 0
    invalid_entries = 0
    rh_total = js_total = 0.0
    mismatches: list[str] = []
    print(f"{'profile':32} {'entries':>8} {'invalid':>8} {'rhconfig µs':>12} "
          f"{'jsonschema µs':>14} {'ratio':>7}")
    for name, profile in load_profiles():
        schema = node_info_schema(profile)
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        lists = [[make_entry(profile, rnd) for _ in range(args.size)] for _ in range(args.lists)]
        entries = sum(len(x) for x in lists)
        invalid = 0
        for items in lists:
            ours, theirs = rh_verdicts(profile, items), js_verdicts(validator, items)
            invalid += ours.count(False)
            for i, (a, b) in enumerate(zip(ours, theirs, strict=True)):
                if a != b:
                    mismatches.append(f"{name}: entry {items[i]!r:.200} rhconfig ok={a} "
                                      f"jsonschema ok={b}")
        validate(profile, lists[0], probe_paths=False)  # build the per-profile index once

        def run_rh(profile: Profile = profile, lists: list[list[Any]] = lists) -> None:
            clear_caches()  # every round starts with no memoised suggestions
            for items in lists:
                validate(profile, items, probe_paths=False)

        def run_js(validator: Draft202012Validator = validator,
                   lists: list[list[Any]] = lists) -> None:
            for items in lists:
                for _ in validator.iter_errors(items):
                    pass

        rh = best_time(run_rh, args.rounds)
        js = best_time(run_js, args.rounds)
        rh_total += rh
        js_total += js
        total_entries += entries
        invalid_entries += invalid
        print(f"{name[:32]:32} {entries:>8} {invalid:>8} {rh / entries * 1e6:>12.2f} "
              f"{js / entries * 1e6:>14.2f} {js / rh:>7.1f}")
    ratio = js_total / rh_total
    print(f"{'TOTAL':32} {total_entries:>8} {invalid_entries:>8} "
          f"{rh_total / total_entries * 1e6:>12.2f} {js_total / total_entries * 1e6:>14.2f} "
          f"{ratio:>7.1f}")
    print(f"per entry: rhconfig {rh_total / total_entries * 1e6:.2f} µs, jsonschema "
          f"{js_total / total_entries * 1e6:.2f} µs; rhconfig is {ratio:.1f}x faster "
          f"(target >= {args.min_ratio:g}x)")
    if mismatches:
        print(f"VERDICTS DIFFER on {len(mismatches)} entries:", file=sys.stderr)
        for line in mismatches[:20]:
            print("  " + line, file=sys.stderr)
        return 1
    print(f"verdicts identical on all {total_entries} entries")
    if ratio < args.min_ratio:
        print(f"ratio {ratio:.1f} is below {args.min_ratio:g}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
