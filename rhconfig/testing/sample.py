"""A small, realistic API-format graph (SD 1.5 text-to-image with an image input) for tests."""

from __future__ import annotations

import copy
from typing import Any

SAMPLE_WORKFLOW_ID = "1904136902449209346"
SAMPLE_KEY = "0123456789abcdef0123456789abcdef"  # 32 characters, like a real key

_GRAPH: dict[str, Any] = {
    "3": {
        "class_type": "KSampler",
        "inputs": {
            "seed": 669816362794144,
            "steps": 20,
            "cfg": 8,
            "sampler_name": "euler",
            "scheduler": "normal",
            "denoise": 1,
            "model": ["4", 0],
            "positive": ["6", 0],
            "negative": ["7", 0],
            "latent_image": ["5", 0],
        },
        "_meta": {"title": "KSampler"},
    },
    "4": {
        "class_type": "CheckpointLoaderSimple",
        "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"},
        "_meta": {"title": "Load Checkpoint"},
    },
    "5": {
        "class_type": "EmptyLatentImage",
        "inputs": {"width": 512, "height": 512, "batch_size": 1},
        "_meta": {"title": "Empty Latent Image"},
    },
    "6": {
        "class_type": "CLIPTextEncode",
        "inputs": {"text": "a photo of a cat", "clip": ["4", 1]},
        "_meta": {"title": "Positive Prompt"},
    },
    "7": {
        "class_type": "CLIPTextEncode",
        "inputs": {"text": "blurry, watermark", "clip": ["4", 1]},
        "_meta": {"title": "Negative Prompt"},
    },
    "8": {
        "class_type": "VAEDecode",
        "inputs": {"samples": ["3", 0], "vae": ["4", 2]},
        "_meta": {"title": "VAE Decode"},
    },
    "9": {
        "class_type": "SaveImage",
        "inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]},
        "_meta": {"title": "Save Image"},
    },
    "10": {
        "class_type": "LoadImage",
        "inputs": {"image": "example.png", "upload": "image"},
        "_meta": {"title": "Reference"},
    },
}


def sample_graph() -> dict[str, Any]:
    """A fresh deep copy of the sample graph."""
    return copy.deepcopy(_GRAPH)
