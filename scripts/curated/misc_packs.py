"""Small packs with one or two popular classes each (REPO is per class here)."""

from __future__ import annotations

from .common import ObjectInfo

REPO = ""  # each class names its own repository in "source"

NODES: dict[str, ObjectInfo] = {
    # ZHO-ZHO-ZHO/ComfyUI-BRIA_AI-RMBG BRIA_RMBG.py BRIA_RMBG_ModelLoader_Zho
    "BRIA_RMBG_ModelLoader_Zho": {
        "source": "ZHO-ZHO-ZHO/ComfyUI-BRIA_AI-RMBG BRIA_RMBG.py",
        "display_name": "🧹BRIA_RMBG Model Loader",
        "input": {"required": {}},
    },
    # ZHO-ZHO-ZHO/ComfyUI-BRIA_AI-RMBG BRIA_RMBG.py BRIA_RMBG_Zho
    "BRIA_RMBG_Zho": {
        "source": "ZHO-ZHO-ZHO/ComfyUI-BRIA_AI-RMBG BRIA_RMBG.py",
        "display_name": "🧹BRIA RMBG",
        "input": {"required": {"rmbgmodel": ("RMBGMODEL",), "image": ("IMAGE",)}},
    },
    # Fannovel16/ComfyUI-Video-Matting comfyui_vidmatt/robust_video_matting/__init__.py
    "Robust Video Matting": {
        "source": "Fannovel16/ComfyUI-Video-Matting "
        "comfyui_vidmatt/robust_video_matting/__init__.py",
        "input": {
            "required": {
                "video_frames": ("IMAGE",),
                "backbone": (["mobilenetv3", "resnet50"], {"default": "resnet50"}),
                "fp16": ("BOOLEAN", {"default": True}),
                "bg_color": ("STRING", {"default": "green"}),
                "batch_size": ("INT", {"min": 1, "max": 64, "default": 4}),
            },
        },
    },
}
