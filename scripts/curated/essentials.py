"""cubiq/ComfyUI_essentials."""

from __future__ import annotations

from .common import MAX_RESOLUTION, ObjectInfo

REPO = "cubiq/ComfyUI_essentials"

NODES: dict[str, ObjectInfo] = {
    # image.py ImageResize
    "ImageResize+": {
        "source": "image.py",
        "display_name": "🔧 Image Resize",
        "input": {
            "required": {
                "image": ("IMAGE",),
                "width": ("INT", {"default": 512, "min": 0, "max": MAX_RESOLUTION, "step": 1}),
                "height": ("INT", {"default": 512, "min": 0, "max": MAX_RESOLUTION, "step": 1}),
                "interpolation": (["nearest", "bilinear", "bicubic", "area", "nearest-exact",
                                   "lanczos"],),
                "method": (["stretch", "keep proportion", "fill / crop", "pad"],),
                "condition": (["always", "downscale if bigger", "upscale if smaller",
                               "if bigger area", "if smaller area"],),
                "multiple_of": ("INT", {"default": 0, "min": 0, "max": 512, "step": 1}),
            },
        },
    },
}
