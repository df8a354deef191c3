"""Properties of the small pure helpers: redaction, number parsing, output file names."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from rhconfig.client import Output
from rhconfig.client.errors import redact
from rhconfig.client.files import output_file_names
from rhconfig.client.models import parse_number

KEY = "Qz7" + "x" * 26 + "K9w"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20)
    | st.text(max_size=5).map(lambda t: t + KEY + t),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["a", "apiKey", "apikey", "msg", KEY[:5]]), inner,
                      max_size=4),
    max_leaves=12,
)  # fmt: skip


@given(json_values)
def test_redact_removes_the_key_everywhere(value: Any) -> None:
    assert KEY not in repr(redact(value, KEY))


@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_string_integers_parse_exactly(n: int) -> None:
    assert parse_number(str(n)) == n and isinstance(parse_number(str(n)), int)


@given(st.lists(st.text(max_size=30), max_size=8))
def test_output_names_are_safe_and_distinct(paths: list[str]) -> None:
    outputs = [Output(f"http://h/f/{p}", "png", str(i), None, None) for i, p in enumerate(paths)]
    names = output_file_names(outputs)
    assert len(names) == len(outputs)
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert name and "/" not in name and "\\" not in name and name not in (".", "..")
        assert not name.startswith(".")
