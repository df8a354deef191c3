"""XLabs-AI/x-flux-comfyui (nodes.py)."""

from __future__ import annotations

from .common import SEED_MAX, SERVER_FILES, ObjectInfo

REPO = "XLabs-AI/x-flux-comfyui"
_SRC = "nodes.py"
_STRENGTH = ("FLOAT", {"default": 1.0, "min": 0.0, "max": 10.0, "step": 0.01})

NODES: dict[str, ObjectInfo] = {
    # nodes.py XlabsSampler
    "XlabsSampler": {
        "source": _SRC,
        "input": {
            "required": {
                "model": ("MODEL",),
                "conditioning": ("CONDITIONING",),
                "neg_conditioning": ("CONDITIONING",),
                "noise_seed": ("INT", {"default": 0, "min": 0, "max": SEED_MAX}),
                "steps": ("INT", {"default": 20, "min": 1, "max": 100}),
                "timestep_to_start_cfg": ("INT", {"default": 20, "min": 0, "max": 100}),
                "true_gs": ("FLOAT", {"default": 3, "min": 0, "max": 100}),
                "image_to_image_strength": ("FLOAT", {"default": 0.0, "min": 0.0, "max": 1.0,
                                                      "step": 0.01}),
                "denoise_strength": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 1.0,
                                               "step": 0.01}),
            },
            "optional": {
                "latent_image": ("LATENT", {"default": None}),
                "controlnet_condition": ("ControlNetCondition", {"default": None}),
            },
        },
    },
    # nodes.py LoadFluxControlNet
    "LoadFluxControlNet": {
        "source": _SRC,
        "input": {
            "required": {
                "model_name": (["flux-dev", "flux-dev-fp8", "flux-schnell"],),
                "controlnet_path": (SERVER_FILES,),  # models/xlabs/controlnets
            },
        },
    },
    # nodes.py ApplyFluxControlNet
    "ApplyFluxControlNet": {
        "source": _SRC,
        "input": {
            "required": {"controlnet": ("FluxControlNet",), "image": ("IMAGE",),
                         "strength": _STRENGTH},
            "optional": {"controlnet_condition": ("ControlNetCondition", {"default": None})},
        },
    },
    # nodes.py ApplyAdvancedFluxControlNet
    "ApplyAdvancedFluxControlNet": {
        "source": _SRC,
        "input": {
            "required": {
                "controlnet": ("FluxControlNet",),
                "image": ("IMAGE",),
                "strength": _STRENGTH,
                "start": ("FLOAT", {"default": 0.0, "min": 0.0, "max": 1.0, "step": 0.01}),
                "end": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 1.0, "step": 0.01}),
            },
            "optional": {"controlnet_condition": ("ControlNetCondition", {"default": None})},
        },
    },
    # nodes.py LoadFluxLora
    "LoadFluxLora": {
        "source": _SRC,
        "input": {
            "required": {
                "model": ("MODEL",),
                "lora_name": (SERVER_FILES,),  # models/xlabs/loras
                "strength_model": ("FLOAT", {"default": 1.0, "min": -100.0, "max": 100.0,
                                             "step": 0.01}),
            },
        },
    },
}
