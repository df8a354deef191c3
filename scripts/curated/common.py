"""Shared constants for the curated node definitions (object_info form).

Values that custom node packs import from ComfyUI itself (sampler and scheduler names,
``MAX_RESOLUTION``) are taken from the bundled core catalog (ComfyUI 0.33.0), so the curated
layer agrees with the core layer it sits on.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

CORE = Path(__file__).resolve().parents[2] / "rhconfig" / "data" / "core.json"

# nodes.MAX_RESOLUTION in ComfyUI
MAX_RESOLUTION = 16384
# 0xffffffffffffffff: the usual seed maximum
SEED_MAX = 0xFFFFFFFFFFFFFFFF
# VideoHelperSuite utils.BIGMAX / DIMMAX
VHS_BIGMAX = 2**53 - 1
VHS_DIMMAX = 8192

# An input whose choices are files on the server (models, inputs): the catalog stores
# ``"choices": []``, which the classifier reads as "depends on the server".
SERVER_FILES: list[str] = []

ObjectInfo = dict[str, Any]


@lru_cache(maxsize=1)
def _core_ksampler() -> dict[str, Any]:
    classes: dict[str, Any] = json.loads(CORE.read_bytes())["classes"]
    inputs: dict[str, Any] = classes["KSampler"]["inputs"]
    return inputs


def samplers() -> list[str]:
    """comfy.samplers.KSampler.SAMPLERS as of the bundled core catalog."""
    return list(_core_ksampler()["sampler_name"]["choices"])


def schedulers() -> list[str]:
    """comfy.samplers.KSampler.SCHEDULERS as of the bundled core catalog."""
    return list(_core_ksampler()["scheduler"]["choices"])
