"""kijai/ComfyUI-SUPIR (nodes_v2.py)."""

from __future__ import annotations

from .common import SEED_MAX, SERVER_FILES, ObjectInfo

REPO = "kijai/ComfyUI-SUPIR"
_SRC = "nodes_v2.py"
_TILE = ("INT", {"default": 512, "min": 64, "max": 8192, "step": 64})
_ENC_DTYPE = (["bf16", "fp32", "auto"], {"default": "auto"})

NODES: dict[str, ObjectInfo] = {
    # nodes_v2.py SUPIR_encode
    "SUPIR_encode": {
        "source": _SRC,
        "display_name": "SUPIR Encode",
        "input": {
            "required": {
                "SUPIR_VAE": ("SUPIRVAE",),
                "image": ("IMAGE",),
                "use_tiled_vae": ("BOOLEAN", {"default": True}),
                "encoder_tile_size": _TILE,
                "encoder_dtype": _ENC_DTYPE,
            },
        },
    },
    # nodes_v2.py SUPIR_decode
    "SUPIR_decode": {
        "source": _SRC,
        "display_name": "SUPIR Decode",
        "input": {
            "required": {
                "SUPIR_VAE": ("SUPIRVAE",),
                "latents": ("LATENT",),
                "use_tiled_vae": ("BOOLEAN", {"default": True}),
                "decoder_tile_size": _TILE,
            },
        },
    },
    # nodes_v2.py SUPIR_first_stage
    "SUPIR_first_stage": {
        "source": _SRC,
        "display_name": "SUPIR First Stage (Denoiser)",
        "input": {
            "required": {
                "SUPIR_VAE": ("SUPIRVAE",),
                "image": ("IMAGE",),
                "use_tiled_vae": ("BOOLEAN", {"default": True}),
                "encoder_tile_size": _TILE,
                "decoder_tile_size": _TILE,
                "encoder_dtype": _ENC_DTYPE,
            },
        },
    },
    # nodes_v2.py SUPIR_sample
    "SUPIR_sample": {
        "source": _SRC,
        "display_name": "SUPIR Sampler",
        "input": {
            "required": {
                "SUPIR_model": ("SUPIRMODEL",),
                "latents": ("LATENT",),
                "positive": ("SUPIR_cond_pos",),
                "negative": ("SUPIR_cond_neg",),
                "seed": ("INT", {"default": 123, "min": 0, "max": SEED_MAX, "step": 1}),
                "steps": ("INT", {"default": 45, "min": 3, "max": 4096, "step": 1}),
                "cfg_scale_start": ("FLOAT", {"default": 4.0, "min": 0.0, "max": 100.0,
                                              "step": 0.01}),
                "cfg_scale_end": ("FLOAT", {"default": 4.0, "min": 0, "max": 100.0, "step": 0.01}),
                "EDM_s_churn": ("INT", {"default": 5, "min": 0, "max": 40, "step": 1}),
                "s_noise": ("FLOAT", {"default": 1.003, "min": 1.0, "max": 1.1, "step": 0.001}),
                "DPMPP_eta": ("FLOAT", {"default": 1.0, "min": 0, "max": 10.0, "step": 0.01}),
                "control_scale_start": ("FLOAT", {"default": 1.0, "min": 0, "max": 10.0,
                                                  "step": 0.01}),
                "control_scale_end": ("FLOAT", {"default": 1.0, "min": 0, "max": 10.0,
                                                "step": 0.01}),
                "restore_cfg": ("FLOAT", {"default": -1.0, "min": -1.0, "max": 20.0,
                                          "step": 0.01}),
                "keep_model_loaded": ("BOOLEAN", {"default": False}),
                "sampler": ([
                    "RestoreDPMPP2MSampler",
                    "RestoreEDMSampler",
                    "TiledRestoreDPMPP2MSampler",
                    "TiledRestoreEDMSampler",
                ], {"default": "RestoreEDMSampler"}),
            },
            "optional": {
                "sampler_tile_size": ("INT", {"default": 1024, "min": 64, "max": 4096,
                                              "step": 32}),
                "sampler_tile_stride": ("INT", {"default": 512, "min": 32, "max": 2048,
                                                "step": 32}),
            },
        },
    },
    # nodes_v2.py SUPIR_conditioner
    "SUPIR_conditioner": {
        "source": _SRC,
        "display_name": "SUPIR Conditioner",
        "input": {
            "required": {
                "SUPIR_model": ("SUPIRMODEL",),
                "latents": ("LATENT",),
                "positive_prompt": ("STRING", {"multiline": True,
                                               "default": "high quality, detailed"}),
                "negative_prompt": ("STRING", {"multiline": True,
                                               "default": "bad quality, blurry, messy"}),
            },
            "optional": {
                "captions": ("STRING", {"forceInput": True, "multiline": False, "default": ""}),
            },
        },
    },
    # nodes_v2.py SUPIR_model_loader_v2
    "SUPIR_model_loader_v2": {
        "source": _SRC,
        "display_name": "SUPIR Model Loader (v2)",
        "input": {
            "required": {
                "model": ("MODEL",),
                "clip": ("CLIP",),
                "vae": ("VAE",),
                "supir_model": (SERVER_FILES,),
                "fp8_unet": ("BOOLEAN", {"default": False}),
                "diffusion_dtype": (["fp16", "bf16", "fp32", "auto"], {"default": "auto"}),
            },
            "optional": {"high_vram": ("BOOLEAN", {"default": False})},
        },
    },
}
