from __future__ import annotations

import keyword

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhconfig.catalog import compact_spec
from rhconfig.classify import STATIC, apply_rule, class_rules, classify, media_kind_of_value
from rhconfig.naming import (
    MAX_NAME,
    NameRequest,
    assign_names,
    candidates,
    first_candidate,
    is_valid_name,
    slug,
    title_slug,
    title_slugs,
)


def req(
    node: str,
    field: str,
    title: str,
    cls: str = "X",
    role: str | None = None,
    kind: str | None = None,
) -> NameRequest:
    return NameRequest(node, field, title, cls, None, role, kind)


def test_names_follow_titles_and_fields() -> None:
    names = assign_names(
        [
            req("3", "seed", "KSampler", "KSampler"),
            req("6", "text", "Positive Prompt", "CLIPTextEncode"),
            req("10", "image", "Load Image", "LoadImage"),
        ]
    )
    assert names == ["seed", "positive_prompt", "image"]


def load_image(node: str, title: str = "Load Image") -> NameRequest:
    return req(node, "image", title, "LoadImage", kind="image")


def test_a_lone_default_titled_media_field_gets_the_bare_name() -> None:
    assert assign_names([load_image("10")]) == ["image"]
    # LoadVideo's field is "file": a generic media field is named by its kind
    assert assign_names([req("1", "file", "Load Video", "LoadVideo", kind="video")]) == ["video"]
    display = "Load Video (Upload) 🎥🅥🅗🅢"  # the catalog's display name is the default title
    vhs = NameRequest("1", "video", display, "VHS_LoadVideo", display, kind="video")
    assert assign_names([vhs]) == ["video"]
    clip = "CLIP Text Encode (Prompt)"
    assert assign_names([NameRequest("1", "text", clip, "CLIPTextEncode", clip)]) == ["text"]
    # "value" and friends say nothing even alone: the owner names them
    assert assign_names([NameRequest("1", "value", "Int", "PrimitiveInt", "Int")]) == ["int_value"]


def test_bare_names_give_way() -> None:
    # two claims to "image": both fall back as before
    assert assign_names([load_image("10"), load_image("12")]) == [
        "load_image_image_10",
        "load_image_image_12",
    ]
    # a custom title wins, and the default-titled node takes the bare name
    assert assign_names([load_image("10", "Style Image"), load_image("12")]) == [
        "style_image",
        "image",
    ]
    # one stronger claim to the same name (a node titled "Image") keeps it
    assert assign_names([load_image("12"), load_image("10", "Image")]) == [
        "load_image_image",
        "image",
    ]
    # a kept name is never taken
    assert assign_names([load_image("12"), req("3", "seed", "KSampler")], [None, "image"]) == [
        "load_image_image",
        "image",
    ]
    # prompt roles do not compete for "text"
    title = "CLIP Text Encode (Prompt)"
    encoders = [req(n, "text", title, "CLIPTextEncode", "positive") for n in ("6", "8")]
    assert assign_names(encoders) == [
        "clip_text_encode_prompt_text_6",
        "clip_text_encode_prompt_text_8",
    ]


def test_names_are_cut_at_a_word_boundary() -> None:
    words = [f"word{i}" for i in range(60)]
    (name,) = assign_names([req("1", "text", " ".join(words), "X")])
    assert len(name) <= MAX_NAME and name == "_".join(words[: len(name.split("_"))])
    long_field = "_".join(words)
    two = assign_names([req("1", long_field, "A"), req("2", long_field, "A")])
    assert len(set(two)) == 2 and all(len(n) <= MAX_NAME for n in two)
    for name, node in zip(two, "12", strict=True):  # whole words, then the node id
        head, _, tail = name.rpartition("_")
        assert tail == node and head == "_".join(["a", *words][: len(head.split("_"))])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LoRA", "lora"),
        ("LoRA Stacker", "lora_stacker"),
        ("LoRALoader", "lora_loader"),
        ("LoraLoaderModelOnly", "lora_loader_model_only"),
        ("MyLoRAs", "my_loras"),
        ("ReActorFaceSwap", "reactor_face_swap"),
        ("MiDaS-DepthMapPreprocessor", "midas_depth_map_preprocessor"),
        ("CLIPTextEncode", "clip_text_encode"),
        ("DualCLIPLoader", "dual_clip_loader"),
        ("EmptySD3LatentImage", "empty_sd3_latent_image"),
        ("KSampler", "ksampler"),
        ("IPAdapter FaceID", "ip_adapter_face_id"),
        ("VHS_LoadVideo", "vhs_load_video"),
    ],
)
def test_acronyms_stay_whole(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_prompt_role_names_default_titled_encoders() -> None:
    title = "CLIP Text Encode (Prompt)"
    names = assign_names(
        [
            req("6", "text", title, "CLIPTextEncode", "positive"),
            req("7", "text", title, "CLIPTextEncode", "negative"),
        ]
    )
    assert names == ["positive_prompt", "negative_prompt"]


def test_collisions_resolve_deterministically_by_node() -> None:
    requests = [req("3", "seed", "KSampler"), req("10", "seed", "KSampler")]
    assert assign_names(requests) == ["ksampler_seed_3", "ksampler_seed_10"]
    assert assign_names(requests) == assign_names(list(requests))


def test_kept_names_win_and_others_move_around_them() -> None:
    requests = [req("3", "seed", "KSampler"), req("5", "steps", "KSampler")]
    assert assign_names(requests, ["steps", None]) == ["steps", "ksampler_steps"]


@pytest.mark.parametrize(
    ("title", "field", "expected"),
    [
        ("class", "text", "class_"),
        ("3D view", "text", "n_3d_view"),
        ("正向提示词", "text", "text"),  # a title that folds to nothing names nothing
        ("正向提示词", "steps", "steps"),
        ("Kサンプラー", "seed", "seed"),
        ("client", "text", "client_"),
    ],
)
def test_names_are_safe_identifiers(title: str, field: str, expected: str) -> None:
    (name,) = assign_names([req("1", field, title, "X")])
    assert name == expected
    assert is_valid_name(name)


def test_cjk_titles_fold_to_nothing() -> None:
    assert title_slug("正向提示词") == ""
    assert title_slug("Kサンプラー") == ""
    assert title_slug("Positive 提示") == "positive"
    assert slug("CLIPTextEncode (SDXL)") == "clip_text_encode_sdxl"


ROLES = st.sampled_from([None, "positive", "negative"])
KINDS = st.sampled_from([None, "image", "video", "audio", "text", "integer"])
WORDS = st.sampled_from(["image", "video", "text", "Load Image", "LoRA", "class", "3d", "_"])
TITLES = st.one_of(
    st.text(max_size=12),
    WORDS,
    st.lists(WORDS, max_size=40).map(" ".join),
    st.text(max_size=300),
)
FIELDS = st.one_of(st.text(min_size=1, max_size=12), WORDS, st.text(min_size=1, max_size=200))


@given(
    st.lists(st.tuples(TITLES, FIELDS, ROLES, KINDS, WORDS), max_size=12),
    st.lists(st.none() | st.sampled_from(["image", "text", "seed", "a" * 70]), max_size=4),
)
def test_any_titles_give_unique_valid_names(
    items: list[tuple[str, str, str | None, str | None, str]], fixed: list[str | None]
) -> None:
    requests = [
        req(str(i) * (i % 3 * 20 + 1), field, title, cls, role, kind)
        for i, (title, field, role, kind, cls) in enumerate(items)
    ]
    fixed = [f if f not in fixed[:i] else None for i, f in enumerate(fixed)][: len(requests)]
    names = assign_names(requests, fixed)
    assert len(set(names)) == len(names)
    assert all(n == f for n, f in zip(names, fixed, strict=False) if f)
    # the fast path for the common case is the same as the full candidate list's head
    assert all(first_candidate(r) == candidates(r)[0] for r in requests)
    for name, given_name in zip(names, fixed + [None] * len(names), strict=False):
        assert is_valid_name(name) and not keyword.iskeyword(name)
        assert given_name or len(name) <= MAX_NAME


def spec(raw: list[object]) -> dict[str, object]:
    out = compact_spec(raw)
    assert out is not None
    return out


def test_catalog_specs_give_kinds() -> None:
    seed = spec(["INT", {"default": 0, "min": 0, "max": 10, "control_after_generate": True}])
    assert classify("KSampler", "seed", 1, seed).kind == "seed"
    assert classify("PrimitiveInt", "value", 1, seed).kind == "integer"
    assert classify("PrimitiveInt", "value", 1, seed, "Seed").kind == "seed"
    info = classify("KSampler", "steps", 20, spec(["INT", {"min": 1, "max": 99}]))
    assert (info.kind, info.minimum, info.maximum, info.known) == ("integer", 1, 99, True)
    assert classify("X", "sampler", "a", spec([["a", "b"], {}])).choices == ("a", "b")
    assert classify("X", "ckpt_name", "m.safetensors", spec([[], {}])).kind == "model"
    assert classify("X", "mode", "a", spec(["COMBO", {"options": ["a"]}])).kind == "choice"
    assert (
        classify("LoadImage", "image", "x.png", spec([["x.png"], {"image_upload": True}])).kind
        == "image"
    )
    assert classify("X", "t", "", spec(["STRING", {"multiline": True}])).kind == "text"
    assert classify("X", "t", "", spec(["STRING", {}])).kind == "string"
    assert classify("X", "b", True, spec(["BOOLEAN", {}])).kind == "boolean"
    assert classify("X", "w", {"__value__": [1]}, spec(["FLOAT", {}])).kind == "json"


def test_rules_are_compiled_per_field_and_leave_the_value_its_say() -> None:
    # class_rules runs once per catalog class; what the spec cannot decide is left to the value
    rules = class_rules("LoadImageFromPath", {
        "path": spec(["STRING", {}]), "pixels": spec(["IMAGE", {}]),
        "value": spec(["INT", {"control_after_generate": True}]),
    })
    assert set(rules) == {"path", "value"}  # a link type declares no widget
    path = rules["path"]
    assert apply_rule(path, "LoadImageFromPath", "path", "in/a.png")[0] == "image"
    assert apply_rule(path, "LoadImageFromPath", "path", "notes")[0] == "string"
    assert apply_rule(path, "LoadImageFromPath", "path", {"a": 1})[0] == "json"
    value = rules["value"]
    assert apply_rule(value, "LoadImageFromPath", "value", 3, "Loader")[0] == "integer"
    assert apply_rule(value, "LoadImageFromPath", "value", 3, "Seed (fixed)")[0] == "seed"
    # a class whose name says seed needs no title: its rule is settled when compiled
    seeded = class_rules("SeedGenerator", {"value": spec(["INT", {"control_after_generate": 1}])})
    assert seeded["value"][0] == STATIC
    assert apply_rule(seeded["value"], "SeedGenerator", "value", 3)[0] == "seed"
    assert apply_rule(None, "Custom", "prompt", "a cat")[0] == "text"  # no spec: the value


def test_a_static_rule_holds_the_row_end_its_answer_gives() -> None:
    # a scan joins a STATIC rule's row end to an input's first fields instead of applying the
    # rule: for any scalar value it must be the rule's answer, then no AI-app field
    from rhconfig.catalog_files import load_catalog

    rules = [(c, f, r) for c, by_field in load_catalog().rules.items() for f, r in by_field.items()]
    assert any(r[4] is not None for _, _, r in rules) and any(r[4] is None for _, _, r in rules)
    for class_type, field, found in rules:
        assert (found[4] is not None) == (found[0] == STATIC)
        if found[4] is not None:
            for value in ("x", "in/a.png", 3, 1.5, True, None):
                assert found[4] == (*apply_rule(found, class_type, field, value, "Seed"), None)


@pytest.mark.parametrize(
    ("cls", "field", "value", "kind"),
    [
        ("Custom", "enabled", True, "boolean"),
        ("Custom", "noise_seed", 3, "seed"),
        ("Custom", "count", 3, "integer"),
        ("Custom", "scale", 1.5, "number"),
        ("Custom", "lora_1", {"on": True}, "json"),
        ("Custom", "value", None, "string"),
        ("VHS_LoadVideo", "video", "clip.mp4", "video"),
        ("LoadAudioFile", "audio", "voice.wav", "audio"),
        ("Custom", "image", "photo.jpg", "image"),
        ("Custom", "label", "photo.jpg", "string"),
        ("Custom", "unet", "flux.gguf", "model"),
        ("Custom", "prompt", "a cat", "text"),
        ("Custom", "notes", "two\nlines", "text"),
        ("Custom", "label", "hello", "string"),
    ],
)
def test_unknown_classes_are_profiled_from_values(
    cls: str, field: str, value: object, kind: str
) -> None:
    info = classify(cls, field, value, None)
    assert info.kind == kind
    assert info.known is False


def test_media_kind_of_value() -> None:
    assert media_kind_of_value("api/abc.PNG") == "image"
    assert media_kind_of_value("https://x.test/v.mp4?sig=1") == "video"
    assert media_kind_of_value("song.flac") == "audio"
    assert media_kind_of_value("model.safetensors") is None
    assert media_kind_of_value(3) is None


@settings(max_examples=2000)
@given(st.text(alphabet="aAbBcCdDiIlLoORrsS09 _-(é正", max_size=14)
       | st.sampled_from(["LoRA", "MiDaS", "CLIPText", "SD3Latent", "KSampler", "A3Bc"])
       .flatmap(lambda w: st.tuples(st.text("aA0 _", max_size=3), st.text("aA0 _", max_size=3))
                .map(lambda t: t[0] + w + t[1])))
def test_slug_shortcut_agrees_with_the_full_rules(text: str) -> None:
    """slug() skips the camelCase and acronym rules for text they cannot change (Title Case,
    lower case): whatever the text, the answer is the full rules' answer."""
    import unicodedata

    from rhconfig.naming import _slug_words

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    assert slug.__wrapped__(text) == _slug_words(folded)


SLUG_TEXT = (
    st.text(alphabet="aAbBcCdDiIlLoORrsS09 _-(é正\n", max_size=14)
    | st.sampled_from(["LoRA", "LoRAs", "MiDaS", "CLIPText", "SD3Latent", "KSampler", "A3Bc"])
)


@settings(max_examples=500)
@given(st.lists(SLUG_TEXT | st.lists(SLUG_TEXT, max_size=4).map("".join), max_size=30))
def test_title_slugs_made_together_are_each_texts_title_slug(texts: list[str]) -> None:
    # a catalog's class types and display names are slugged together, when the catalog is read
    assert title_slugs(texts) == {text: title_slug.__wrapped__(text) for text in texts}


def test_a_known_title_slug_gives_the_names_of_a_slugged_title() -> None:
    # a scan passes the catalog's slug of a usual title; the names are those of slugging it
    requests = [
        NameRequest("3", "seed", "KSampler", "KSampler"),
        NameRequest("9", "seed", "KSampler", "KSampler"),
        NameRequest("4", "image", "ReActor 🌌 Fast Face Swap", "ReActorFaceSwap"),
        NameRequest("5", "image", "ReActor 🌌 Fast Face Swap", "ReActorFaceSwap"),
        NameRequest("6", "upload", "Load Image", "LoadImage", "Load Image"),
    ]
    known = [r._replace(title_slug=title_slug(r.title)) for r in requests]
    assert assign_names(known) == assign_names(requests) == [
        "ksampler_seed_3", "ksampler_seed_9", "reactor_fast_face_swap_image_4",
        "reactor_fast_face_swap_image_5", "load_image_upload",
    ]
    # the known slug is the one used: a scan never passes another, so this only shows the path
    assert assign_names([requests[0], requests[1]._replace(title_slug="sampler")]) == [
        "ksampler_seed", "sampler_seed",
    ]


@given(st.from_regex(r"[a-z0-9]{1,40}(_[a-z0-9]{1,30}){0,2}", fullmatch=True),
       st.text("0123456789", min_size=1, max_size=45) | st.sampled_from(["3:12", "x", "١٢"]))
def test_last_candidate_shortcut_is_the_general_rule(tail: str, node_id: str) -> None:
    from rhconfig.naming import _last_candidate, as_identifier, with_node_id

    assert _last_candidate(tail, node_id) == as_identifier(with_node_id(tail, node_id))


_TITLE_TEXT = st.text(alphabet="aAbBkKsS09 _-(é正🎥", max_size=12) | st.sampled_from(
    ["KSampler", "Load Image", "LoadImage", "load_image", "Video Combine 🎥🅥🅗🅢", "Original"])


@settings(max_examples=2000)
@given(_TITLE_TEXT, _TITLE_TEXT, _TITLE_TEXT | st.none())
def test_default_title_shortcuts_agree_with_the_rule(
    title: str, class_type: str, display: str | None
) -> None:
    """A node's title is its default one when its slug is the display name's or the class
    type's; _owner settles most cases without those slugs, and must give the same answer."""
    from rhconfig.naming import _owner

    _owner.cache_clear()
    title_part = title_slug(title)
    display_part = slug(display) if display else ""
    default = not title_part or title_part in (display_part, slug(class_type))
    owner = title_part or display_part or slug(class_type) or "node"
    assert _owner(title, class_type, display) == (title_part, default, owner)


@settings(max_examples=500)
@given(st.lists(st.tuples(st.sampled_from(["1", "2", "3", "12"]),
                          st.sampled_from(["seed", "text", "image", "width", "a__b", "b_", "x" * 70,
                                           "class", "workflow_id", "1st", "seed\nwidth", "日本"]),
                          _TITLE_TEXT),
                min_size=1, max_size=12))
def test_names_are_unique_and_fields_name_themselves(items: list[tuple[str, str, str]]) -> None:
    """The first round's shortcut (one regex over all fields) and the candidates' shortcut
    (slugs are identifiers unless they start with a digit, are long or are reserved) still give
    unique valid names, and a lone plain field is its own name."""
    requests = [req(n, f, t, "Cls") for n, f, t in items]
    names = assign_names(requests)
    assert len(set(names)) == len(names)
    assert all(is_valid_name(n) for n in names)
    fields = [r.field for r in requests]
    for request, name in zip(requests, names, strict=True):
        if fields.count(request.field) == 1 and request.field in ("seed", "width"):
            assert name == request.field


_OWN_FIELDS = ["seed", "text", "image", "width", "a__b", "b_", "x" * 70, "class", "workflow_id",
               "1st", "seed\nwidth", "日本", "LoRA strength", "video-preview", "value", "end"]


@given(st.lists(st.sampled_from(_OWN_FIELDS) | st.text(alphabet="ab_1\nZ", max_size=6)))
def test_own_names_are_the_fields_that_name_themselves(fields: list[str]) -> None:
    from rhconfig.naming import GENERIC_FIELDS, as_identifier, own_names

    assert own_names(fields) == {
        f for f in fields
        if f and slug(f) == f and as_identifier(f) == f and f not in GENERIC_FIELDS
    }


@settings(max_examples=500)
@given(st.lists(st.tuples(st.sampled_from(["1", "2", "3", "12"]), st.sampled_from(_OWN_FIELDS),
                          _TITLE_TEXT, st.sampled_from([None, "positive"]),
                          st.sampled_from([None, "image", "integer"])),
                min_size=1, max_size=14),
       st.lists(st.sampled_from(_OWN_FIELDS)),
       st.lists(st.none() | st.sampled_from(["seed", "text", "width_2"]), max_size=5))
def test_fields_known_to_name_themselves_give_the_same_names(
    items: list[tuple[str, str, str, str | None, str | None]], known: list[str],
    fixed: list[str | None],
) -> None:
    """A scan passes its catalog's own names (naming.own_names of its fields): only the other
    fields are looked at, and the names are those of looking at all of them."""
    from rhconfig.naming import clear_caches, own_names, resolve_names

    requests = [tuple(req(n, f, t, "Cls", role, kind)) for n, f, t, role, kind in items]
    fields = [r[1] for r in requests]
    fixed = fixed[: len(requests)]
    clear_caches()
    plain = resolve_names(fields, requests.__getitem__, fixed)  # type: ignore[arg-type]
    clear_caches()
    assert resolve_names(
        fields, requests.__getitem__, fixed, own=own_names(known)  # type: ignore[arg-type]
    ) == plain


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(["1", "2", "3", "12"]), st.sampled_from(_OWN_FIELDS),
                          _TITLE_TEXT, st.sampled_from([None, "positive"]),
                          st.sampled_from([None, "image", "integer"])),
                min_size=1, max_size=10),
       st.lists(st.none() | st.sampled_from(["seed", "text", "width_2"]), max_size=5))
def test_a_large_graphs_clashes_get_a_small_graphs_names(
    items: list[tuple[str, str, str, str | None, str | None]], fixed: list[str | None]
) -> None:
    """Among hundreds of inputs a few clashes are settled by keeping count as the requests
    move, not by counting every name each round: the names must be the same."""
    requests = [req(n, f, t, "Cls", role, kind) for n, f, t, role, kind in items]
    fixed = fixed[: len(requests)]
    padding = [req(str(100 + i), f"zz_pad_{i}", "Pad", "Pad") for i in range(300)]
    small = assign_names(requests, fixed)
    assert assign_names(requests + padding, fixed) == small + [r.field for r in padding]


def test_the_fixed_candidates_are_identifiers_already() -> None:
    # a role's prompt, a media kind and a bare field name are candidates as they are
    from rhconfig.naming import BARE_FIELDS, MEDIA_KINDS, as_identifier

    fixed = BARE_FIELDS | MEDIA_KINDS | {"positive_prompt", "negative_prompt"}
    assert all(as_identifier(name) == name and is_valid_name(name) for name in fixed)
