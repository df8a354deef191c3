"""rgthree/rgthree-comfy.

Notes
- Power Lora Loader's optional inputs are a ``FlexibleOptionalInputType``: the frontend sends
  any number of ``lora_N`` inputs, each a dict ``{"on": bool, "lora": "file.safetensors",
  "strength": float[, "strengthTwo": float]}`` (plus UI-only keys such as
  ``"➕ Add Lora"`` and ``PowerLoraLoaderHeaderWidget``). Only model/clip are declared.
- Image Comparer's ``rgthree_comparer`` is a frontend-only widget serialized into API graphs
  as a dict of preview URLs; the server ignores it.
"""

from __future__ import annotations

from .common import ObjectInfo

REPO = "rgthree/rgthree-comfy"

NODES: dict[str, ObjectInfo] = {
    # py/power_lora_loader.py RgthreePowerLoraLoader
    "Power Lora Loader (rgthree)": {
        "source": "py/power_lora_loader.py",
        "input": {"required": {"model": ("MODEL",), "clip": ("CLIP",)}, "optional": {}},
        "dynamic_inputs": [{
            "pattern": "^lora_[0-9]+$",
            "value": "object {on: bool, lora: str (lora file), strength: float, "
            "strengthTwo?: float}",
        }],
    },
    # py/seed.py RgthreeSeed (-1/-2/-3 ask the server for a random seed)
    "Seed (rgthree)": {
        "source": "py/seed.py",
        "input": {
            "required": {
                "seed": ("INT", {
                    "default": 0, "min": -1125899906842624, "max": 1125899906842624,
                    "tooltip": "-1, -2, -3: the server picks a new random seed",
                }),
            },
        },
    },
    # py/image_comparer.py RgthreeImageComparer
    "Image Comparer (rgthree)": {
        "source": "py/image_comparer.py",
        "input": {"required": {}, "optional": {"image_a": ("IMAGE",), "image_b": ("IMAGE",)}},
        "dynamic_inputs": [{
            "pattern": "^rgthree_comparer$",
            "value": "frontend-only preview state {images: [...]}; not an input",
        }],
    },
}
