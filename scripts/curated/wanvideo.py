"""kijai/ComfyUI-WanVideoWrapper.

Notes
- Read from the stored nodes_model_loading.py, nodes.py and nodes_sampler.py (late 2025).
- Version-dependent lists are left open (``[]``): the model loader's ``attention_mode``
  (``attention_modes``, grows with new kernels) and ``quantization`` (options renamed across
  releases), and the sampler's ``scheduler`` (``wanvideo.schedulers.scheduler_list``; it may
  also be linked from a scheduler node).
- Model, VAE, LoRA and text-encoder names are server files.
"""

from __future__ import annotations

from .common import SEED_MAX, SERVER_FILES, ObjectInfo

REPO = "kijai/ComfyUI-WanVideoWrapper"

_LOADING = "nodes_model_loading.py"
_NODES = "nodes.py"
_SAMPLER = "nodes_sampler.py"

_DEVICE = (["main_device", "offload_device"], {"default": "offload_device"})
_SIZE: ObjectInfo = {
    "width": ("INT", {"default": 832, "min": 64, "max": 8096, "step": 8,
                      "tooltip": "Width of the image to encode"}),
    "height": ("INT", {"default": 480, "min": 64, "max": 8096, "step": 8,
                       "tooltip": "Height of the image to encode"}),
    "num_frames": ("INT", {"default": 81, "min": 1, "max": 10000, "step": 4,
                           "tooltip": "Number of frames to encode"}),
}

NODES: dict[str, ObjectInfo] = {
    # nodes_model_loading.py WanVideoModelLoader
    "WanVideoModelLoader": {
        "source": _LOADING,
        "display_name": "WanVideo Model Loader",
        "input": {
            "required": {
                "model": (SERVER_FILES, {"tooltip": "These models are loaded from the "
                                         "'ComfyUI/models/diffusion_models' -folder"}),
                "base_precision": (["fp32", "bf16", "fp16", "fp16_fast"], {"default": "bf16"}),
                # disabled, fp8_e4m3fn[_fast|_scaled|_scaled_fast], fp8_e5m2...: version-dependent
                "quantization": (SERVER_FILES, {"default": "disabled"}),
                "load_device": _DEVICE,
            },
            "optional": {
                # sdpa, flash_attn_2/3, sageattn...: version-dependent
                "attention_mode": (SERVER_FILES, {"default": "sdpa"}),
                "compile_args": ("WANCOMPILEARGS",),
                "block_swap_args": ("BLOCKSWAPARGS",),
                "lora": ("WANVIDLORA",),
                "vram_management_args": ("VRAM_MANAGEMENTARGS",),
                "extra_model": ("VACEPATH",),
                "fantasytalking_model": ("FANTASYTALKINGMODEL",),
                "multitalk_model": ("MULTITALKMODEL",),
                "fantasyportrait_model": ("FANTASYPORTRAITMODEL",),
                "rms_norm_function": (["default", "pytorch"], {"default": "default"}),
            },
        },
    },
    # nodes_model_loading.py WanVideoVAELoader
    "WanVideoVAELoader": {
        "source": _LOADING,
        "display_name": "WanVideo VAE Loader",
        "input": {
            "required": {"model_name": (SERVER_FILES,)},
            "optional": {
                "precision": (["fp16", "fp32", "bf16"], {"default": "bf16"}),
                "compile_args": ("WANCOMPILEARGS",),
                "use_cpu_cache": ("BOOLEAN", {"default": False}),
                "verbose": ("BOOLEAN", {"default": False}),
            },
        },
    },
    # nodes_model_loading.py LoadWanVideoT5TextEncoder
    "LoadWanVideoT5TextEncoder": {
        "source": _LOADING,
        "display_name": "WanVideo T5 Text Encoder Loader",
        "input": {
            "required": {
                "model_name": (SERVER_FILES,),
                "precision": (["fp32", "bf16"], {"default": "bf16"}),
            },
            "optional": {
                "load_device": _DEVICE,
                "quantization": (["disabled", "fp8_e4m3fn"], {"default": "disabled"}),
            },
        },
    },
    # nodes_model_loading.py LoadWanVideoClipTextEncoder
    "LoadWanVideoClipTextEncoder": {
        "source": _LOADING,
        "display_name": "WanVideo CLIP Text Encoder Loader",
        "input": {
            "required": {
                "model_name": (SERVER_FILES,),
                "precision": (["fp16", "fp32", "bf16"], {"default": "fp16"}),
            },
            "optional": {"load_device": _DEVICE},
        },
    },
    # nodes_model_loading.py WanVideoBlockSwap
    "WanVideoBlockSwap": {
        "source": _LOADING,
        "display_name": "WanVideo Block Swap",
        "input": {
            "required": {
                "blocks_to_swap": ("INT", {"default": 20, "min": 0, "max": 48, "step": 1}),
                "offload_img_emb": ("BOOLEAN", {"default": False}),
                "offload_txt_emb": ("BOOLEAN", {"default": False}),
            },
            "optional": {
                "use_non_blocking": ("BOOLEAN", {"default": False}),
                "vace_blocks_to_swap": ("INT", {"default": 0, "min": 0, "max": 15, "step": 1}),
                "prefetch_blocks": ("INT", {"default": 0, "min": 0, "max": 40, "step": 1}),
                "block_swap_debug": ("BOOLEAN", {"default": False}),
            },
        },
    },
    # nodes_model_loading.py WanVideoTorchCompileSettings
    "WanVideoTorchCompileSettings": {
        "source": _LOADING,
        "display_name": "WanVideo Torch Compile Settings",
        "input": {
            "required": {
                "backend": (["inductor", "cudagraphs"], {"default": "inductor"}),
                "fullgraph": ("BOOLEAN", {"default": False}),
                "mode": (["default", "max-autotune", "max-autotune-no-cudagraphs",
                          "reduce-overhead"], {"default": "default"}),
                "dynamic": ("BOOLEAN", {"default": False}),
                "dynamo_cache_size_limit": ("INT", {"default": 64, "min": 0, "max": 1024,
                                                    "step": 1}),
                "compile_transformer_blocks_only": ("BOOLEAN", {"default": True}),
            },
            "optional": {
                "dynamo_recompile_limit": ("INT", {"default": 128, "min": 0, "max": 1024,
                                                   "step": 1}),
                "force_parameter_static_shapes": ("BOOLEAN", {"default": False}),
                "allow_unmerged_lora_compile": ("BOOLEAN", {"default": False}),
            },
        },
    },
    # nodes_model_loading.py WanVideoLoraSelect
    "WanVideoLoraSelect": {
        "source": _LOADING,
        "display_name": "WanVideo Lora Select",
        "input": {
            "required": {
                "lora": (SERVER_FILES,),
                "strength": ("FLOAT", {"default": 1.0, "min": -1000.0, "max": 1000.0,
                                       "step": 0.0001,
                                       "tooltip": "LORA strength, set to 0.0 to unmerge the LORA"}),
            },
            "optional": {
                "prev_lora": ("WANVIDLORA",),
                "blocks": ("SELECTEDBLOCKS",),
                "low_mem_load": ("BOOLEAN", {"default": False}),
                "merge_loras": ("BOOLEAN", {"default": True}),
            },
        },
    },
    # nodes.py WanVideoTextEncode
    "WanVideoTextEncode": {
        "source": _NODES,
        "display_name": "WanVideo TextEncode",
        "input": {
            "required": {
                "positive_prompt": ("STRING", {"default": "", "multiline": True}),
                "negative_prompt": ("STRING", {"default": "", "multiline": True}),
            },
            "optional": {
                "t5": ("WANTEXTENCODER",),
                "force_offload": ("BOOLEAN", {"default": True}),
                "model_to_offload": ("WANVIDEOMODEL",),
                "use_disk_cache": ("BOOLEAN", {"default": False}),
                "device": (["gpu", "cpu"], {"default": "gpu"}),
            },
        },
    },
    # nodes.py WanVideoClipVisionEncode
    "WanVideoClipVisionEncode": {
        "source": _NODES,
        "display_name": "WanVideo ClipVision Encode",
        "input": {
            "required": {
                "clip_vision": ("CLIP_VISION",),
                "image_1": ("IMAGE",),
                "strength_1": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 10.0, "step": 0.001}),
                "strength_2": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 10.0, "step": 0.001}),
                "crop": (["center", "disabled"], {"default": "center"}),
                "combine_embeds": (["average", "sum", "concat", "batch"], {"default": "average"}),
                "force_offload": ("BOOLEAN", {"default": True}),
            },
            "optional": {
                "image_2": ("IMAGE",),
                "negative_image": ("IMAGE",),
                "tiles": ("INT", {"default": 0, "min": 0, "max": 16, "step": 2}),
                "ratio": ("FLOAT", {"default": 0.5, "min": 0.0, "max": 1.0, "step": 0.01}),
            },
        },
    },
    # nodes.py WanVideoImageToVideoEncode
    "WanVideoImageToVideoEncode": {
        "source": _NODES,
        "display_name": "WanVideo ImageToVideo Encode",
        "input": {
            "required": {
                **_SIZE,
                "noise_aug_strength": ("FLOAT", {"default": 0.0, "min": 0.0, "max": 10.0,
                                                 "step": 0.001}),
                "start_latent_strength": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 10.0,
                                                    "step": 0.001}),
                "end_latent_strength": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 10.0,
                                                  "step": 0.001}),
                "force_offload": ("BOOLEAN", {"default": True}),
            },
            "optional": {
                "vae": ("WANVAE",),
                "clip_embeds": ("WANVIDIMAGE_CLIPEMBEDS",),
                "start_image": ("IMAGE",),
                "end_image": ("IMAGE",),
                "control_embeds": ("WANVIDIMAGE_EMBEDS",),
                "fun_or_fl2v_model": ("BOOLEAN", {"default": True}),
                "temporal_mask": ("MASK",),
                "extra_latents": ("LATENT",),
                "tiled_vae": ("BOOLEAN", {"default": False}),
                "add_cond_latents": ("ADD_COND_LATENTS",),
                "augment_empty_frames": ("FLOAT", {"default": 0.0, "min": 0.0, "max": 10.0,
                                                   "step": 0.01}),
                "empty_frame_pad_image": ("IMAGE",),
            },
        },
    },
    # nodes.py WanVideoEmptyEmbeds
    "WanVideoEmptyEmbeds": {
        "source": _NODES,
        "display_name": "WanVideo Empty Embeds",
        "input": {
            "required": dict(_SIZE),
            "optional": {"control_embeds": ("WANVIDIMAGE_EMBEDS",), "extra_latents": ("LATENT",)},
        },
    },
    # nodes_sampler.py WanVideoSampler
    "WanVideoSampler": {
        "source": _SAMPLER,
        "input": {
            "required": {
                "model": ("WANVIDEOMODEL",),
                "image_embeds": ("WANVIDIMAGE_EMBEDS",),
                "steps": ("INT", {"default": 30, "min": 1}),
                "cfg": ("FLOAT", {"default": 6.0, "min": 0.0, "max": 30.0, "step": 0.01}),
                "shift": ("FLOAT", {"default": 5.0, "min": 0.0, "max": 1000.0, "step": 0.01}),
                "seed": ("INT", {"default": 0, "min": 0, "max": SEED_MAX}),
                "force_offload": ("BOOLEAN", {"default": True}),
                # wanvideo.schedulers.scheduler_list: unipc, dpm++, euler, flowmatch_*...
                "scheduler": (SERVER_FILES, {"default": "unipc"}),
                "riflex_freq_index": ("INT", {"default": 0, "min": 0, "max": 1000, "step": 1}),
            },
            "optional": {
                "text_embeds": ("WANVIDEOTEXTEMBEDS",),
                "samples": ("LATENT",),
                "denoise_strength": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 1.0,
                                               "step": 0.01}),
                "feta_args": ("FETAARGS",),
                "context_options": ("WANVIDCONTEXT",),
                "cache_args": ("CACHEARGS",),
                "flowedit_args": ("FLOWEDITARGS",),
                "batched_cfg": ("BOOLEAN", {"default": False}),
                "slg_args": ("SLGARGS",),
                "rope_function": (["default", "comfy", "comfy_chunked"], {"default": "comfy"}),
                "loop_args": ("LOOPARGS",),
                "experimental_args": ("EXPERIMENTALARGS",),
                "sigmas": ("SIGMAS",),
                "unianimate_poses": ("UNIANIMATE_POSE",),
                "fantasytalking_embeds": ("FANTASYTALKING_EMBEDS",),
                "uni3c_embeds": ("UNI3C_EMBEDS",),
                "multitalk_embeds": ("MULTITALK_EMBEDS",),
                "freeinit_args": ("FREEINITARGS",),
                "start_step": ("INT", {"default": 0, "min": 0, "max": 10000, "step": 1}),
                "end_step": ("INT", {"default": -1, "min": -1, "max": 10000, "step": 1}),
                "add_noise_to_samples": ("BOOLEAN", {"default": False}),
            },
        },
    },
    # nodes.py WanVideoDecode
    "WanVideoDecode": {
        "source": _NODES,
        "display_name": "WanVideo Decode",
        "input": {
            "required": {
                "vae": ("WANVAE",),
                "samples": ("LATENT",),
                "enable_vae_tiling": ("BOOLEAN", {"default": False}),
                "tile_x": ("INT", {"default": 272, "min": 40, "max": 2048, "step": 8}),
                "tile_y": ("INT", {"default": 272, "min": 40, "max": 2048, "step": 8}),
                "tile_stride_x": ("INT", {"default": 144, "min": 32, "max": 2040, "step": 8}),
                "tile_stride_y": ("INT", {"default": 128, "min": 32, "max": 2040, "step": 8}),
            },
            "optional": {"normalization": (["default", "minmax", "none"],)},
        },
    },
    # nodes.py WanVideoEncode
    "WanVideoEncode": {
        "source": _NODES,
        "display_name": "WanVideo Encode",
        "input": {
            "required": {
                "vae": ("WANVAE",),
                "image": ("IMAGE",),
                "enable_vae_tiling": ("BOOLEAN", {"default": False}),
                "tile_x": ("INT", {"default": 272, "min": 64, "max": 2048, "step": 1}),
                "tile_y": ("INT", {"default": 272, "min": 64, "max": 2048, "step": 1}),
                "tile_stride_x": ("INT", {"default": 144, "min": 32, "max": 2048, "step": 32}),
                "tile_stride_y": ("INT", {"default": 128, "min": 32, "max": 2048, "step": 32}),
            },
            "optional": {
                "noise_aug_strength": ("FLOAT", {"default": 0.0, "min": 0.0, "max": 10.0,
                                                 "step": 0.001}),
                "latent_strength": ("FLOAT", {"default": 1.0, "min": 0.0, "max": 10.0,
                                              "step": 0.001}),
                "mask": ("MASK",),
            },
        },
    },
}
