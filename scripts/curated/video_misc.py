"""Video packs: Frame-Interpolation, LTXVideo, ToonCrafter.

Entries marked ``curated_from: corpus`` could not be checked against their source: their
inputs and types are what real workflows send, with no ranges and server-dependent choices.
"""

from __future__ import annotations

from .common import SERVER_FILES, ObjectInfo

REPO = ""  # each class names its own repository in "source"

# Fannovel16/ComfyUI-Frame-Interpolation vfi_models/rife/__init__.py CKPT_NAME_VER_DICT,
# sorted by version as INPUT_TYPES does
_RIFE_CKPTS = [
    "rife40.pth", "rife41.pth", "sudo_rife4_269.662_testV1_scale1.pth", "rife42.pth",
    "rife43.pth", "rife44.pth", "rife45.pth", "rife46.pth", "rife47.pth", "rife48.pth",
    "rife49.pth",
]

NODES: dict[str, ObjectInfo] = {
    # Fannovel16/ComfyUI-Frame-Interpolation vfi_models/rife/__init__.py RIFE_VFI
    "RIFE VFI": {
        "source": "Fannovel16/ComfyUI-Frame-Interpolation vfi_models/rife/__init__.py",
        "input": {
            "required": {
                "ckpt_name": (_RIFE_CKPTS, {"default": "rife47.pth"}),
                "frames": ("IMAGE",),
                "clear_cache_after_n_frames": ("INT", {"default": 10, "min": 1, "max": 1000}),
                "multiplier": ("INT", {"default": 2, "min": 1}),
                "fast_mode": ("BOOLEAN", {"default": True}),
                "ensemble": ("BOOLEAN", {"default": True}),
                "scale_factor": ([0.25, 0.5, 1.0, 2.0, 4.0], {"default": 1.0}),
            },
            "optional": {"optional_interpolation_states": ("INTERPOLATION_STATES",)},
        },
    },
    # Lightricks/ComfyUI-LTXVideo tiled_vae_decode.py LTXVSpatioTemporalTiledVAEDecode
    "LTXVSpatioTemporalTiledVAEDecode": {
        "source": "Lightricks/ComfyUI-LTXVideo tiled_vae_decode.py",
        "display_name": "🅛🅣🅧 LTXV Spatio Temporal Tiled VAE Decode",
        "input": {
            "required": {
                "vae": ("VAE",),
                "latents": ("LATENT",),
                "spatial_tiles": ("INT", {"default": 4, "min": 1, "max": 8}),
                "spatial_overlap": ("INT", {"default": 1, "min": 0, "max": 8}),
                "temporal_tile_length": ("INT", {"default": 16, "min": 2, "max": 1000}),
                "temporal_overlap": ("INT", {"default": 1, "min": 0, "max": 8}),
                "last_frame_fix": ("BOOLEAN", {"default": False}),
                "working_device": (["cpu", "auto"], {"default": "auto"}),
                # float16, float32, auto (newer releases add bfloat16): left open
                "working_dtype": (SERVER_FILES, {"default": "auto"}),
            },
        },
    },
    # Lightricks/ComfyUI-LTXVideo (Gemma prompt enhancer; source not found)
    "LTXVGemmaEnhancePrompt": {
        "source": "Lightricks/ComfyUI-LTXVideo",
        "curated_from": "corpus",
        "input": {
            "required": {
                "clip": ("CLIP",),
                "prompt": ("STRING", {}),
                "system_prompt": ("STRING", {}),
                "max_tokens": ("INT", {}),
                "bypass_i2v": ("BOOLEAN", {}),
                "seed": ("INT", {}),
            },
            "optional": {"image": ("IMAGE",)},
        },
    },
    # Lightricks/ComfyUI-LTXVideo (Gemma 3 loader; source not found)
    "LTXVGemmaCLIPModelLoader": {
        "source": "Lightricks/ComfyUI-LTXVideo",
        "curated_from": "corpus",
        "display_name": "🅛🅣🅧 Gemma 3 Model Loader",
        "input": {
            "required": {
                "gemma_path": (SERVER_FILES,),
                "ltxv_path": (SERVER_FILES,),
                "max_length": ("INT", {}),
            },
        },
    },
    # AIGODLIKE/ComfyUI-ToonCrafter (source not found)
    "ToonCrafterWithSketch": {
        "source": "AIGODLIKE/ComfyUI-ToonCrafter",
        "curated_from": "corpus",
        "input": {
            "required": {
                "image": ("IMAGE",),
                "image2": ("IMAGE",),
                "frame_guides": ("IMAGE",),
                "ckpt_name": (SERVER_FILES,),
                "vram_opt_strategy": (SERVER_FILES,),
                "prompt": ("STRING", {}),
                "seed": ("INT", {}),
                "eta": ("FLOAT", {}),
                "cfg_scale": ("FLOAT", {}),
                "steps": ("INT", {}),
                "frame_count": ("INT", {}),
                "fps": ("INT", {}),
                "control_scale": ("FLOAT", {}),
            },
        },
    },
}
