from __future__ import annotations

import keyword

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rhconfig.catalog import compact_spec
from rhconfig.classify import classify, media_kind_of_value
from rhconfig.naming import (
    NameRequest,
    assign_names,
    candidates,
    first_candidate,
    is_valid_name,
    slug,
    title_slug,
)


def req(node: str, field: str, title: str, cls: str = "X", role: str | None = None) -> NameRequest:
    return NameRequest(node, field, title, cls, None, role)


def test_names_follow_titles_and_fields() -> None:
    names = assign_names(
        [
            req("3", "seed", "KSampler", "KSampler"),
            req("6", "text", "Positive Prompt", "CLIPTextEncode"),
            req("10", "image", "Load Image", "LoadImage"),
        ]
    )
    assert names == ["seed", "positive_prompt", "load_image_image"]


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
        ("正向提示词", "text", "x_text"),
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
    assert slug("CLIPTextEncode (SDXL)") == "cliptext_encode_sdxl"


ROLES = st.sampled_from([None, "positive", "negative"])


@given(
    st.lists(
        st.tuples(st.text(max_size=12), st.text(min_size=1, max_size=12), ROLES), max_size=12
    )
)
def test_any_titles_give_unique_valid_names(items: list[tuple[str, str, str | None]]) -> None:
    requests = [
        req(str(i), field, title, role=role) for i, (title, field, role) in enumerate(items)
    ]
    names = assign_names(requests)
    assert len(set(names)) == len(names)
    # the fast path for the common case is the same as the full candidate list's head
    assert all(first_candidate(r) == candidates(r)[0] for r in requests)
    for name in names:
        assert name.isidentifier() and not keyword.iskeyword(name)


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
