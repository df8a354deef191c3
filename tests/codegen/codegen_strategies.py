"""Hypothesis strategies for the codegen tests: hostile text, data and whole profiles."""

from __future__ import annotations

from hypothesis import strategies as st

from rhconfig.naming import is_valid_name
from rhconfig.profile import Profile, ProfileInput, ProfileNode, Source

KINDS = ["text", "string", "image", "video", "audio", "file", "seed", "integer", "number",
         "boolean", "choice", "model", "json"]

# Every character, surrogates and controls included.
any_char = st.characters(exclude_categories=())
hostile = st.one_of(
    st.text(any_char, max_size=40),
    st.sampled_from(['"""', "'''", "\\", '"', "{{ x }}", "{% raw %}", "\r", "\x00", "\u2028",
                     "\ud800", "__import__('os').system('id')", "\n#", "\\N{BULLET}"]),
    st.lists(st.sampled_from(['"', "'", "\\", "\n", "{", "}", "%", "#", "\u2029", "é"]),
             max_size=12).map("".join),
)
scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), hostile
)
json_value = st.recursive(
    scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(hostile, inner, max_size=3)),
    max_leaves=8,
)
names = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,40}", fullmatch=True),
    st.sampled_from(["Path", "str", "_rt", "Arguments", "WORKFLOW_ID", "_PROFILE", "Literal",
                     "match", "_", "run", "x" * 200, "int", "dict", "_workflow"]),
).filter(is_valid_name)


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    count = draw(st.integers(1, 4))
    chosen = draw(st.lists(names, min_size=count, max_size=count, unique=True))
    inputs = []
    nodes = {}
    for n, name in enumerate(chosen):
        kind = draw(st.sampled_from(KINDS))
        node_id = draw(st.one_of(st.just(str(n + 1)), hostile.filter(bool)))
        title = draw(hostile)
        class_type = draw(hostile)
        nodes[node_id] = ProfileNode(node_id, class_type, title, known=draw(st.booleans()))
        inputs.append(ProfileInput(
            name=name, node_id=node_id, field=draw(hostile.filter(bool)),
            class_type=class_type, title=title, kind=kind,
            type=draw(st.sampled_from(["INT", "FLOAT", "STRING", "COMBO", "BOOLEAN", "ANY"])),
            default=draw(json_value), known=draw(st.booleans()), expose=draw(st.booleans()),
            choices=draw(st.none() | st.lists(scalar, max_size=5).map(tuple)),
            minimum=draw(st.none() | st.integers() | st.floats(allow_nan=False)),
            maximum=draw(st.none() | st.integers(-10, 10)),
            step=draw(st.none() | st.floats(0.001, 10)),
            description=draw(st.none() | hostile),
        ))
    # node ids must be unique per input key
    keys = {(i.node_id, i.field) for i in inputs}
    if len(keys) != len(inputs):
        inputs = [i for n, i in enumerate(inputs) if (i.node_id, i.field) not in
                  {(j.node_id, j.field) for j in inputs[:n]}]
    return Profile(
        workflow_id=draw(st.from_regex(r"[0-9]{1,19}", fullmatch=True)),
        source=Source(kind="file", graph_sha256="a" * 64),
        inputs=tuple(inputs),
        nodes=nodes,
    )
