"""kijai/ComfyUI-KJNodes."""

from __future__ import annotations

from .common import MAX_RESOLUTION, ObjectInfo

REPO = "kijai/ComfyUI-KJNodes"

NODES: dict[str, ObjectInfo] = {
    # nodes/image_nodes.py ColorMatch
    "ColorMatch": {
        "source": "nodes/image_nodes.py",
        "display_name": "Color Match",
        "input": {
            "required": {
                "image_ref": ("IMAGE",),
                "image_target": ("IMAGE",),
                "method": (["mkl", "hm", "reinhard", "mvgd", "hm-mvgd-hm", "hm-mkl-hm"],
                           {"default": "mkl"}),
            },
            "optional": {
                "strength": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 10.0, "step": 0.01}),
            },
        },
    },
    # nodes/mask_nodes.py GrowMaskWithBlur
    "GrowMaskWithBlur": {
        "source": "nodes/mask_nodes.py",
        "display_name": "Grow Mask With Blur",
        "input": {
            "required": {
                "mask": ("MASK",),
                "expand": ("INT", {"default": 0, "min": -MAX_RESOLUTION, "max": MAX_RESOLUTION,
                                   "step": 1}),
                "incremental_expandrate": ("FLOAT", {"default": 0.0, "min": 0.0, "max": 100.0,
                                                     "step": 0.1}),
                "tapered_corners": ("BOOLEAN", {"default": True}),
                "flip_input": ("BOOLEAN", {"default": False}),
                "blur_radius": ("FLOAT", {"default": 0.0, "min": 0.0, "max": 100, "step": 0.1}),
                "lerp_alpha": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 1.0, "step": 0.01}),
                "decay_factor": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 1.0, "step": 0.01}),
            },
            "optional": {"fill_holes": ("BOOLEAN", {"default": False})},
        },
    },
    # nodes/image_nodes.py ImageResizeKJ
    "ImageResizeKJ": {
        "source": "nodes/image_nodes.py",
        "input": {
            "required": {
                "image": ("IMAGE",),
                "width": ("INT", {"default": 512, "min": 0, "max": MAX_RESOLUTION, "step": 1}),
                "height": ("INT", {"default": 512, "min": 0, "max": MAX_RESOLUTION, "step": 1}),
                "upscale_method": (["nearest-exact", "bilinear", "area", "bicubic", "lanczos"],),
                "keep_proportion": ("BOOLEAN", {"default": False}),
                "divisible_by": ("INT", {"default": 2, "min": 0, "max": 512, "step": 1}),
            },
            "optional": {
                "get_image_size": ("IMAGE",),
                # 0 is a legacy value kept for old widget orders
                "crop": (["disabled", "center", 0],),
            },
        },
    },
    # nodes/image_nodes.py GetImageSizeAndCount
    "GetImageSizeAndCount": {
        "source": "nodes/image_nodes.py",
        "input": {"required": {"image": ("IMAGE",)}},
    },
    # nodes/mask_nodes.py GetMaskSizeAndCount
    "GetMaskSizeAndCount": {
        "source": "nodes/mask_nodes.py",
        "input": {"required": {"mask": ("MASK",)}},
    },
}
