"""Inspire Pack sampler, Advanced-ControlNet and ComfyMath classes used by real workflows."""

from __future__ import annotations

from .common import SEED_MAX, SERVER_FILES, ObjectInfo, samplers

REPO = ""  # each class names its own repository in "source"

NODES: dict[str, ObjectInfo] = {
    # ltdrdata/ComfyUI-Inspire-Pack inspire/a1111_compat.py KSampler_inspire
    "KSampler //Inspire": {
        "source": "ltdrdata/ComfyUI-Inspire-Pack inspire/a1111_compat.py",
        "display_name": "KSampler (inspire)",
        "input": {
            "required": {
                "model": ("MODEL",),
                "seed": ("INT", {"default": 0, "min": 0, "max": SEED_MAX}),
                "steps": ("INT", {"default": 20, "min": 1, "max": 10000}),
                "cfg": ("FLOAT", {"default": 8.0, "min": 0.0, "max": 100.0}),
                "sampler_name": (samplers(),),
                # inspire common.SCHEDULERS: ComfyUI's + AYS/GITS/... (depends on the version)
                "scheduler": (SERVER_FILES, {
                    "tooltip": "ComfyUI schedulers plus Inspire's AYS SD1, AYS SDXL, AYS SVD, "
                    "GITS[coeff=1.2] ... (depends on the installed version)",
                }),
                "positive": ("CONDITIONING",),
                "negative": ("CONDITIONING",),
                "latent_image": ("LATENT",),
                "denoise": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 1.0, "step": 0.01}),
                "noise_mode": (["GPU(=A1111)", "CPU"],),
                "batch_seed_mode": (["incremental", "comfy", "variation str inc:0.01",
                                     "variation str inc:0.05"],),
                "variation_seed": ("INT", {"default": 0, "min": 0, "max": SEED_MAX}),
                "variation_strength": ("FLOAT", {"default": 0.0, "min": 0.0, "max": 1.0,
                                                 "step": 0.01}),
            },
            "optional": {
                # newer releases; values as seen in real workflows
                "variation_method": (["linear", "slerp"],),
                "scheduler_func_opt": ("SCHEDULER_FUNC",),
            },
        },
    },
    # Kosinkadink/ComfyUI-Advanced-ControlNet (source not found)
    "ACN_AdvancedControlNetApply": {
        "source": "Kosinkadink/ComfyUI-Advanced-ControlNet adv_control/nodes_main.py",
        "curated_from": "corpus",
        "display_name": "Apply Advanced ControlNet 🛂🅐🅒🅝",
        "input": {
            "required": {
                "positive": ("CONDITIONING",),
                "negative": ("CONDITIONING",),
                "control_net": ("CONTROL_NET",),
                "image": ("IMAGE",),
                "strength": ("FLOAT", {}),
                "start_percent": ("FLOAT", {}),
                "end_percent": ("FLOAT", {}),
            },
        },
    },
    # Kosinkadink/ComfyUI-Advanced-ControlNet (source not found)
    "ACN_ControlNet++InputNode": {
        "source": "Kosinkadink/ComfyUI-Advanced-ControlNet adv_control/nodes_plusplus.py",
        "curated_from": "corpus",
        "display_name": "ControlNet++ Input 🛂🅐🅒🅝",
        "input": {
            "required": {"image": ("IMAGE",), "control_type": (SERVER_FILES,)},
        },
    },
    # Kosinkadink/ComfyUI-Advanced-ControlNet (source not found)
    "ACN_ControlNet++LoaderAdvanced": {
        "source": "Kosinkadink/ComfyUI-Advanced-ControlNet adv_control/nodes_plusplus.py",
        "curated_from": "corpus",
        "display_name": "Load ControlNet++ Model (Multi) 🛂🅐🅒🅝",
        "input": {
            "required": {"plus_input": ("*",), "name": (SERVER_FILES,)},
        },
    },
    # evanspearman/ComfyMath (source not checked)
    "CM_FloatToInt": {
        "source": "evanspearman/ComfyMath",
        "curated_from": "corpus",
        "input": {"required": {"a": ("FLOAT", {})}},
    },
}
