"""Spot checks of the Impact Pack, WanVideoWrapper and Easy-Use curated entries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

CURATED_JSON = Path(__file__).resolve().parents[2] / "rhconfig" / "data" / "curated.json"


@pytest.fixture(scope="module")
def curated() -> dict[str, Any]:
    classes: dict[str, Any] = json.loads(CURATED_JSON.read_text(encoding="utf-8"))["classes"]
    return classes


def test_impact_schedulers_extend_comfy_ones(curated: dict[str, Any]) -> None:
    for name in ("FaceDetailer", "DetailerForEach", "SEGSDetailer", "FaceDetailerPipe"):
        choices = curated[name]["inputs"]["scheduler"]["choices"]
        assert "normal" in choices and "AYS SDXL" in choices, name


def test_impact_sources_name_the_right_repository(curated: dict[str, Any]) -> None:
    assert curated["FaceDetailer"]["source"].startswith("ltdrdata/ComfyUI-Impact-Pack ")
    subpack = curated["UltralyticsDetectorProvider"]["source"]
    assert subpack.startswith("ltdrdata/ComfyUI-Impact-Subpack ")


@pytest.mark.parametrize(
    ("class_type", "field"),
    [
        ("WanVideoModelLoader", "model"),
        ("WanVideoModelLoader", "attention_mode"),
        ("WanVideoModelLoader", "quantization"),
        ("WanVideoSampler", "scheduler"),
        ("WanVideoLoraSelect", "lora"),
        ("SAMLoader", "model_name"),
        ("UltralyticsDetectorProvider", "model_name"),
        ("easy fullLoader", "ckpt_name"),
        ("easy fullLoader", "resolution"),
        ("easy preSampling", "scheduler"),
        ("easy kSampler", "image_output"),
    ],
)
def test_server_or_version_dependent_lists_stay_open(
    curated: dict[str, Any], class_type: str, field: str
) -> None:
    spec = curated[class_type]["inputs"][field]
    assert spec["type"] == "COMBO" and spec["choices"] == []


def test_fixed_enums_and_ranges_are_kept(curated: dict[str, Any]) -> None:
    loader = curated["WanVideoModelLoader"]["inputs"]
    assert loader["base_precision"]["choices"] == ["fp32", "bf16", "fp16", "fp16_fast"]
    assert curated["WanVideoSampler"]["inputs"]["steps"] == {"type": "INT", "default": 30, "min": 1}
    assert curated["easy seed"]["inputs"]["seed"]["max"] == 1125899906842624
    assert curated["FaceDetailer"]["inputs"]["wildcard"]["multiline"] is True
