"""yolain/ComfyUI-Easy-Use (py/nodes/*.py).

Notes
- Seeds use Easy-Use's ``config.MAX_SEED_NUM`` (1125899906842624).
- Left open (``[]``): the loaders' ``resolution`` (``config.BASE_RESOLUTIONS`` strings such as
  "512 x 512", changed across releases), the samplers' ``scheduler`` (comfy's schedulers plus
  Easy-Use's ``NEW_SCHEDULERS``) and easy kSampler's ``image_output`` (options added and removed
  across releases: "Preview&Choose", "None").
- easy showAnything's input is Easy-Use's any-type proxy, which /object_info reports as "*".
"""

from __future__ import annotations

from .common import MAX_RESOLUTION, SERVER_FILES, ObjectInfo, samplers

REPO = "yolain/ComfyUI-Easy-Use"

_EASY_SEED_MAX = 1125899906842624  # config.MAX_SEED_NUM
_STRENGTH = ("FLOAT", {"default": 1.0, "min": -10.0, "max": 10.0, "step": 0.01})
_NORMALIZATION = ["none", "mean", "length", "length+mean"]
_INTERPRETATION = ["comfy", "A1111", "comfy++", "compel", "fixed attention"]
_BATCH = ("INT", {"default": 1, "min": 1, "max": 4096,
                  "tooltip": "The number of latent images in the batch."})
_LATENT_SIDE = ("INT", {"default": 512, "min": 64, "max": MAX_RESOLUTION, "step": 8})


def _loader_common() -> ObjectInfo:
    """vae_name ... empty_latent_height, shared by the simple loaders (INPUT_TYPES order)."""
    return {
        "vae_name": (SERVER_FILES,),  # "Baked VAE" + vae files
        "clip_skip": ("INT", {"default": -2, "min": -24, "max": 0, "step": 1}),
        "lora_name": (SERVER_FILES,),  # "None" + lora files
        "lora_model_strength": _STRENGTH,
        "lora_clip_strength": _STRENGTH,
        "resolution": (SERVER_FILES, {"default": "512 x 512"}),
        "empty_latent_width": _LATENT_SIDE,
        "empty_latent_height": _LATENT_SIDE,
    }


_POSITIVE = ("STRING", {"default": "", "multiline": True})
_NEGATIVE = ("STRING", {"default": "", "multiline": True})
_STACKS: ObjectInfo = {"optional_lora_stack": ("LORA_STACK",),
                       "optional_controlnet_stack": ("CONTROL_NET_STACK",)}

NODES: dict[str, ObjectInfo] = {
    # py/nodes/loaders.py fullLoader
    "easy fullLoader": {
        "source": "py/nodes/loaders.py",
        "input": {
            "required": {
                "ckpt_name": (SERVER_FILES,),  # checkpoints + "None"
                "config_name": (SERVER_FILES, {"default": "Default"}),  # "Default" + configs
                **_loader_common(),
                "positive": _POSITIVE,
                "positive_token_normalization": (_NORMALIZATION,),
                "positive_weight_interpretation": (_INTERPRETATION,),
                "negative": _NEGATIVE,
                "negative_token_normalization": (_NORMALIZATION,),
                "negative_weight_interpretation": (_INTERPRETATION,),
                "batch_size": _BATCH,
            },
            "optional": {
                "model_override": ("MODEL",),
                "clip_override": ("CLIP",),
                "vae_override": ("VAE",),
                **_STACKS,
                "a1111_prompt_style": ("BOOLEAN", {"default": False}),
            },
        },
    },
    # py/nodes/loaders.py a1111Loader
    "easy a1111Loader": {
        "source": "py/nodes/loaders.py",
        "input": {
            "required": {
                "ckpt_name": (SERVER_FILES,),
                **_loader_common(),
                "positive": _POSITIVE,
                "negative": _NEGATIVE,
                "batch_size": _BATCH,
            },
            "optional": {**_STACKS, "a1111_prompt_style": ("BOOLEAN", {"default": False})},
        },
    },
    # py/nodes/loaders.py comfyLoader
    "easy comfyLoader": {
        "source": "py/nodes/loaders.py",
        "input": {
            "required": {
                "ckpt_name": (SERVER_FILES,),
                **_loader_common(),
                "positive": _POSITIVE,
                "negative": _NEGATIVE,
                "batch_size": _BATCH,
            },
            "optional": dict(_STACKS),
        },
    },
    # py/nodes/seed.py easySeed
    "easy seed": {
        "source": "py/nodes/seed.py",
        "display_name": "EasySeed",
        "input": {"required": {"seed": ("INT", {"default": 0, "min": 0,
                                                "max": _EASY_SEED_MAX})}},
    },
    # py/nodes/prompt.py positivePrompt
    "easy positive": {
        "source": "py/nodes/prompt.py",
        "input": {"required": {"positive": _POSITIVE}},
    },
    # py/nodes/prompt.py negativePrompt
    "easy negative": {
        "source": "py/nodes/prompt.py",
        "input": {"required": {"negative": _NEGATIVE}},
    },
    # py/nodes/prompt.py wildcardsPrompt
    "easy wildcards": {
        "source": "py/nodes/prompt.py",
        "input": {
            "required": {
                "text": ("STRING", {"default": "", "multiline": True, "dynamicPrompts": False}),
                "Select to add LoRA": (SERVER_FILES,),  # placeholder + lora files
                "Select to add Wildcard": (SERVER_FILES,),  # placeholder + wildcard names
                "seed": ("INT", {"default": 0, "min": 0, "max": _EASY_SEED_MAX}),
                "multiline_mode": ("BOOLEAN", {"default": False}),
            },
        },
    },
    # py/nodes/preSampling.py samplerSettings
    "easy preSampling": {
        "source": "py/nodes/preSampling.py",
        "input": {
            "required": {
                "pipe": ("PIPE_LINE",),
                "steps": ("INT", {"default": 20, "min": 1, "max": 10000}),
                "cfg": ("FLOAT", {"default": 8.0, "min": 0.0, "max": 100.0}),
                "sampler_name": (samplers(),),
                "scheduler": (SERVER_FILES,),  # KSampler.SCHEDULERS + NEW_SCHEDULERS
                "denoise": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 1.0, "step": 0.01}),
                "seed": ("INT", {"default": 0, "min": 0, "max": _EASY_SEED_MAX}),
            },
            "optional": {"image_to_latent": ("IMAGE",), "latent": ("LATENT",)},
        },
    },
    # py/nodes/preSampling.py samplerSettingsAdvanced
    "easy preSamplingAdvanced": {
        "source": "py/nodes/preSampling.py",
        "input": {
            "required": {
                "pipe": ("PIPE_LINE",),
                "steps": ("INT", {"default": 20, "min": 1, "max": 10000}),
                "cfg": ("FLOAT", {"default": 8.0, "min": 0.0, "max": 100.0}),
                "sampler_name": (samplers(),),
                "scheduler": (SERVER_FILES,),
                "start_at_step": ("INT", {"default": 0, "min": 0, "max": 10000}),
                "end_at_step": ("INT", {"default": 10000, "min": 0, "max": 10000}),
                "add_noise": (["enable (CPU)", "enable (GPU=A1111)", "disable"],
                              {"default": "enable (CPU)"}),
                "seed": ("INT", {"default": 0, "min": 0, "max": _EASY_SEED_MAX}),
                "return_with_leftover_noise": (["disable", "enable"],),
            },
            "optional": {"image_to_latent": ("IMAGE",), "latent": ("LATENT",)},
        },
    },
    # py/nodes/samplers.py samplerSimple
    "easy kSampler": {
        "source": "py/nodes/samplers.py",
        "input": {
            "required": {
                "pipe": ("PIPE_LINE",),
                # Hide, Preview, Save, Hide&Save, Sender, Sender&Save[, Preview&Choose, None]
                "image_output": (SERVER_FILES, {"default": "Preview"}),
                "link_id": ("INT", {"default": 0, "min": 0, "max": 2**63 - 1, "step": 1}),
                "save_prefix": ("STRING", {"default": "ComfyUI"}),
            },
            "optional": {"model": ("MODEL",)},
        },
    },
    # py/nodes/logic.py showAnything
    "easy showAnything": {
        "source": "py/nodes/logic.py",
        "input": {"required": {}, "optional": {"anything": ("*", {})}},
    },
}
