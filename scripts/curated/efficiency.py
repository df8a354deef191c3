"""jags111/efficiency-nodes-comfyui (efficiency_nodes.py)."""

from __future__ import annotations

from .common import MAX_RESOLUTION, SEED_MAX, SERVER_FILES, ObjectInfo, samplers, schedulers

REPO = "jags111/efficiency-nodes-comfyui"
_SRC = "efficiency_nodes.py"
_STRENGTH = ("FLOAT", {"default": 1.0, "min": -10.0, "max": 10.0, "step": 0.01})


def _lora_stacker() -> ObjectInfo:
    required: ObjectInfo = {
        "input_mode": (["simple", "advanced"],),
        "lora_count": ("INT", {"default": 3, "min": 0, "max": 50, "step": 1}),
    }
    for i in range(1, 51):
        required[f"lora_name_{i}"] = (SERVER_FILES,)  # "None" + loras
        required[f"lora_wt_{i}"] = _STRENGTH
        required[f"model_str_{i}"] = _STRENGTH
        required[f"clip_str_{i}"] = _STRENGTH
    return {"required": required, "optional": {"lora_stack": ("LORA_STACK",)}}


NODES: dict[str, ObjectInfo] = {
    # efficiency_nodes.py TSC_EfficientLoader
    "Efficient Loader": {
        "source": _SRC,
        "input": {
            "required": {
                "ckpt_name": (SERVER_FILES,),
                "vae_name": (SERVER_FILES,),  # "Baked VAE" + vae files
                "clip_skip": ("INT", {"default": -1, "min": -24, "max": -1, "step": 1}),
                "lora_name": (SERVER_FILES,),  # "None" + lora files
                "lora_model_strength": _STRENGTH,
                "lora_clip_strength": _STRENGTH,
                "positive": ("STRING", {"default": "CLIP_POSITIVE", "multiline": True}),
                "negative": ("STRING", {"default": "CLIP_NEGATIVE", "multiline": True}),
                "token_normalization": (["none", "mean", "length", "length+mean"],),
                "weight_interpretation": (["comfy", "A1111", "compel", "comfy++",
                                           "down_weight"],),
                "empty_latent_width": ("INT", {"default": 512, "min": 64, "max": MAX_RESOLUTION,
                                               "step": 64}),
                "empty_latent_height": ("INT", {"default": 512, "min": 64, "max": MAX_RESOLUTION,
                                                "step": 64}),
                "batch_size": ("INT", {"default": 1, "min": 1, "max": 262144}),
            },
            "optional": {"lora_stack": ("LORA_STACK",), "cnet_stack": ("CONTROL_NET_STACK",)},
        },
    },
    # efficiency_nodes.py TSC_KSampler
    "KSampler (Efficient)": {
        "source": _SRC,
        "input": {
            "required": {
                "model": ("MODEL",),
                "seed": ("INT", {"default": 0, "min": 0, "max": SEED_MAX}),
                "steps": ("INT", {"default": 20, "min": 1, "max": 10000}),
                "cfg": ("FLOAT", {"default": 7.0, "min": 0.0, "max": 100.0}),
                "sampler_name": (samplers(),),
                "scheduler": (schedulers() + ["AYS SD1", "AYS SDXL", "AYS SVD", "GITS"],),
                "positive": ("CONDITIONING",),
                "negative": ("CONDITIONING",),
                "latent_image": ("LATENT",),
                "denoise": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 1.0, "step": 0.01}),
                "preview_method": (["auto", "latent2rgb", "taesd", "vae_decoded_only", "none"],),
                "vae_decode": (["true", "true (tiled)", "false"],),
            },
            "optional": {"optional_vae": ("VAE",), "script": ("SCRIPT",)},
        },
    },
    # efficiency_nodes.py TSC_LoRA_Stacker (lora_name_1..50 and their weights)
    "LoRA Stacker": {"source": _SRC, "input": _lora_stacker()},
    # efficiency_nodes.py TSC_Control_Net_Stacker
    "Control Net Stacker": {
        "source": _SRC,
        "input": {
            "required": {
                "control_net": ("CONTROL_NET",),
                "image": ("IMAGE",),
                "strength": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 10.0, "step": 0.01}),
                "start_percent": ("FLOAT", {"default": 0.0, "min": 0.0, "max": 1.0,
                                            "step": 0.001}),
                "end_percent": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 1.0, "step": 0.001}),
            },
            "optional": {"cnet_stack": ("CONTROL_NET_STACK",)},
        },
    },
}
