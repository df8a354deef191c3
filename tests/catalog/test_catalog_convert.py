"""catalog_from_object_info on a hand-written /object_info fixture."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rhconfig.catalog import catalog_from_object_info, compact_spec
from rhconfig.errors import CatalogError

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "object_info_small.json"


@pytest.fixture(scope="module")
def classes() -> dict[str, Any]:
    return catalog_from_object_info(json.loads(FIXTURE.read_text(encoding="utf-8"))).classes


def test_classes_without_an_input_section_are_skipped(classes: dict[str, Any]) -> None:
    assert sorted(classes) == ["MyLoadMedia", "MySampler"]


def test_display_name_kept_only_when_it_differs(classes: dict[str, Any]) -> None:
    assert classes["MySampler"]["display_name"] == "My Sampler"
    assert "display_name" not in classes["MyLoadMedia"]


def test_widget_and_link_specs(classes: dict[str, Any]) -> None:
    inputs = classes["MySampler"]["inputs"]
    assert inputs["model"] == {"type": "MODEL"}
    assert inputs["seed"] == {
        "type": "INT", "default": 0, "min": 0, "max": 18446744073709551615,
        "control_after_generate": True,
    }
    # unknown options (round, dynamicPrompts, label_on) are dropped
    assert inputs["cfg"] == {"type": "FLOAT", "default": 7.5, "min": 0.0, "max": 30.0,
                             "step": 0.5}
    assert inputs["prompt"] == {"type": "STRING", "default": "a cat", "multiline": True}
    assert inputs["enabled"] == {"type": "BOOLEAN", "default": True}


def test_both_combo_forms(classes: dict[str, Any]) -> None:
    inputs = classes["MySampler"]["inputs"]
    assert inputs["mode"] == {"type": "COMBO", "choices": ["fast", "slow", 2], "default": "fast"}
    assert inputs["scheduler"] == {
        "type": "COMBO", "choices": ["normal", "karras"], "tooltip": "How noise is removed.",
    }
    # an empty list means "depends on the server" (model files)
    assert inputs["ckpt_name"] == {"type": "COMBO", "choices": []}


def test_optional_inputs_are_marked(classes: dict[str, Any]) -> None:
    inputs = classes["MySampler"]["inputs"]
    assert inputs["mask"] == {"type": "MASK", "optional": True}
    # forceInput: a socket only in the UI, so it holds no widget value (ui_widgets.layout)
    assert inputs["strength"] == {
        "type": "FLOAT", "default": 1.0, "optional": True, "force_input": True
    }
    assert "optional" not in inputs["seed"]


def test_hidden_inputs_are_dropped(classes: dict[str, Any]) -> None:
    assert "prompt_id" not in classes["MySampler"]["inputs"]
    assert "unique_id" not in classes["MySampler"]["inputs"]


def test_upload_flags(classes: dict[str, Any]) -> None:
    inputs = classes["MyLoadMedia"]["inputs"]
    assert inputs["image"] == {"type": "COMBO", "choices": ["a.png", "b.png"], "upload": "image"}
    assert inputs["video"] == {"type": "COMBO", "choices": [], "upload": "video"}
    assert inputs["audio"] == {"type": "COMBO", "choices": [], "upload": "audio"}


def test_malformed_specs_are_not_inputs(classes: dict[str, Any]) -> None:
    inputs = classes["MyLoadMedia"]["inputs"]
    assert "weird" not in inputs and "empty" not in inputs
    assert compact_spec("INT") is None


@pytest.mark.parametrize("document", [[], {}, "x", {"A": {"no": "input"}}])
def test_not_an_object_info(document: Any) -> None:
    with pytest.raises(CatalogError):
        catalog_from_object_info(document)
