"""RunningHub workflow 1900000000000000003: a typed wrapper made by ``rhconfig gen``.

Do not edit: regenerate with ``rhconfig gen 1900000000000000003 -o FILE``. Calling ``run``
warns when the workflow's stored profile has changed since.

    from rhconfig.client import RunningHub

    with RunningHub() as client:
        outputs = run(client, seed=..., steps=...)

Inputs that are not arguments can be set through ``extra=[(name, value), ...]``:
sampler_name, scheduler, filename_prefix, crop, strength, strength_type, clip_name,
style_model_name, unet_name, weight_dtype, clip_name1, clip_name2, type, device,
vae_name, guidance
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypedDict

from rhconfig import runtime as _rt
from rhconfig.client import Output, PollPolicy, RunningHub
from rhconfig.runtime import NodeInfo

__all__ = [
    "PROFILE_SHA256",
    "WORKFLOW_ID",
    "Arguments",
    "build_node_info",
    "run",
    "run_many",
]

WORKFLOW_ID = "1900000000000000003"
PROFILE_SHA256 = "666db512eabc7d5f3e81da3223a24f5407c1bd947dc3b7c695f1f1c0f7945338"


class Arguments(TypedDict, total=False):
    """The keyword arguments of ``run``, one dict per call of ``run_many``."""

    seed: int | None
    steps: int | None
    cfg: float | None
    denoise: float | None
    style_prompt: str | None
    content_image: str | Path | None
    style_image: str | Path | None
    extra: Iterable[tuple[str, Any]]


def build_node_info(
    *,
    seed: int | None = None,
    steps: int | None = None,
    cfg: float | None = None,
    denoise: float | None = None,
    style_prompt: str | None = None,
    content_image: str | None = None,
    style_image: str | None = None,
    extra: Iterable[tuple[str, Any]] = (),
) -> list[NodeInfo]:
    """The nodeInfoList for these arguments, checked; no I/O.

    Arguments are those of ``run``, except that media inputs take a str (an upload result or
    a URL), not a Path. Raises ``rhconfig.runtime.ArgumentsError`` listing every bad value.
    """
    return _rt.build_node_info(
        _workflow(),
        {
            "seed": seed,
            "steps": steps,
            "cfg": cfg,
            "denoise": denoise,
            "style_prompt": style_prompt,
            "content_image": content_image,
            "style_image": style_image,
        },
        extra,
    )


def run(
    client: RunningHub,
    *,
    seed: int | None = None,
    steps: int | None = None,
    cfg: float | None = None,
    denoise: float | None = None,
    style_prompt: str | None = None,
    content_image: str | Path | None = None,
    style_image: str | Path | None = None,
    extra: Iterable[tuple[str, Any]] = (),
    timeout: float = 1800.0,
    poll: PollPolicy | None = None,
) -> list[Output]:
    """Run the workflow on RunningHub and return its outputs.

    Every argument left at None keeps the workflow's own value. Bad values raise
    ``rhconfig.runtime.ArgumentsError`` (listing them all) before anything is sent.

    Args:
        client: the RunningHub client.
        seed: node 3 "KSampler", KSampler.seed.
            Default: 887766. From 0 to 18446744073709551615.
            A seed: RunningHub picks a new one for each task unless you set it.
            The random seed used for creating the noise.
        steps: node 3 "KSampler", KSampler.steps.
            Default: 25. From 1 to 10000.
            The number of steps used in the denoising process.
        cfg: node 3 "KSampler", KSampler.cfg.
            Default: 1. From 0.0 to 100.0, step 0.1.
            The Classifier-Free Guidance scale balances creativity and adherence to the
            prompt. Higher values result in images more closely matching the prompt
            however too high values will negatively impact quality.
        denoise: node 3 "KSampler", KSampler.denoise.
            Default: 0.75. From 0.0 to 1.0, step 0.01.
            The amount of denoising applied, lower values will maintain the structure of
            the initial image allowing for image to image sampling.
        style_prompt: node 6 "Style Prompt", CLIPTextEncode.text.
            Default: \"in the style of the reference image\".
            The text to be encoded.
        content_image: node 21 "Content Image", LoadImage.image.
            Default: \"content.png\". The image file: a Path (run uploads it first), an
            upload result (api/...) or a URL.
        style_image: node 24 "Style Image", LoadImage.image.
            Default: \"style.png\". The image file: a Path (run uploads it first), an
            upload result (api/...) or a URL.
        extra: (name, value) pairs for inputs that are not arguments.
        timeout: seconds to wait for the task.
        poll: how to poll the task's status (the client's policy by default).
    """
    return _rt.run(
        client,
        _workflow(),
        {
            "seed": seed,
            "steps": steps,
            "cfg": cfg,
            "denoise": denoise,
            "style_prompt": style_prompt,
            "content_image": content_image,
            "style_image": style_image,
        },
        extra,
        timeout=timeout,
        poll=poll,
    )


def run_many(
    client: RunningHub,
    calls: Iterable[Arguments],
    *,
    jobs: int | None = None,
    timeout: float = 1800.0,
    poll: PollPolicy | None = None,
) -> list[list[Output]]:
    """Run several calls (each a dict of ``run``'s arguments) on threads; outputs in order.

    Every call is checked before anything is sent. At most ``jobs`` tasks run at once (fewer
    when the account is already busy); see ``rhconfig.runtime.run_many``.
    """
    return _rt.run_many(
        client,
        _workflow(),
        calls,
        _PARAMS,
        jobs=jobs,
        timeout=timeout,
        poll=poll,
    )


def _workflow() -> _rt.Workflow:
    return _rt.Workflow(WORKFLOW_ID, PROFILE_SHA256, _PROFILE, __file__)


# Parameter name -> profile input name.
_PARAMS: dict[str, str] = {
    "seed": "seed",
    "steps": "steps",
    "cfg": "cfg",
    "denoise": "denoise",
    "style_prompt": "style_prompt",
    "content_image": "content_image",
    "style_image": "style_image",
}

_PROFILE: dict[str, Any] = {
    "schema_version": 1,
    "target": "workflow",
    "workflow_id": "1900000000000000003",
    "source": {
        "kind": "file",
        "graph_sha256": "d2c9d254c392324666bb6e915df12809a0450e41f8f8333f8d6868766607ebf6",
        "rhconfig_version": "0.1.0",
    },
    "inputs": [
        {
            "name": "seed",
            "node_id": "3",
            "field": "seed",
            "class_type": "KSampler",
            "title": "KSampler",
            "kind": "seed",
            "type": "INT",
            "default": 887766,
            "known": True,
            "expose": True,
            "minimum": 0,
            "maximum": 18446744073709551615,
            "description": "The random seed used for creating the noise.",
        },
        {
            "name": "steps",
            "node_id": "3",
            "field": "steps",
            "class_type": "KSampler",
            "title": "KSampler",
            "kind": "integer",
            "type": "INT",
            "default": 25,
            "known": True,
            "expose": True,
            "minimum": 1,
            "maximum": 10000,
            "description": "The number of steps used in the denoising process.",
        },
        {
            "name": "cfg",
            "node_id": "3",
            "field": "cfg",
            "class_type": "KSampler",
            "title": "KSampler",
            "kind": "number",
            "type": "FLOAT",
            "default": 1,
            "known": True,
            "expose": True,
            "minimum": 0.0,
            "maximum": 100.0,
            "step": 0.1,
            "description": "The Classifier-Free Guidance scale balances creativity and adherence to the prompt. Higher values result in images more closely matching the prompt however too high values will negatively impact quality.",
        },
        {
            "name": "sampler_name",
            "node_id": "3",
            "field": "sampler_name",
            "class_type": "KSampler",
            "title": "KSampler",
            "kind": "choice",
            "type": "COMBO",
            "default": "euler",
            "known": True,
            "expose": False,
            "choices": [
                "euler",
                "euler_cfg_pp",
                "euler_ancestral",
                "euler_ancestral_cfg_pp",
                "heun",
                "heunpp2",
                "exp_heun_2_x0",
                "exp_heun_2_x0_sde",
                "dpm_2",
                "dpm_2_ancestral",
                "lms",
                "dpm_fast",
                "dpm_adaptive",
                "dpmpp_2s_ancestral",
                "dpmpp_2s_ancestral_cfg_pp",
                "dpmpp_sde",
                "dpmpp_sde_gpu",
                "dpmpp_2m",
                "dpmpp_2m_cfg_pp",
                "dpmpp_2m_sde",
                "dpmpp_2m_sde_gpu",
                "dpmpp_2m_sde_heun",
                "dpmpp_2m_sde_heun_gpu",
                "dpmpp_3m_sde",
                "dpmpp_3m_sde_gpu",
                "ddpm",
                "lcm",
                "ipndm",
                "ipndm_v",
                "deis",
                "res_multistep",
                "res_multistep_cfg_pp",
                "res_multistep_ancestral",
                "res_multistep_ancestral_cfg_pp",
                "gradient_estimation",
                "gradient_estimation_cfg_pp",
                "er_sde",
                "seeds_2",
                "seeds_3",
                "sa_solver",
                "sa_solver_pece",
                "ddim",
                "uni_pc",
                "uni_pc_bh2",
            ],
            "description": "The algorithm used when sampling, this can affect the quality, speed, and style of the generated output.",
        },
        {
            "name": "scheduler",
            "node_id": "3",
            "field": "scheduler",
            "class_type": "KSampler",
            "title": "KSampler",
            "kind": "choice",
            "type": "COMBO",
            "default": "simple",
            "known": True,
            "expose": False,
            "choices": [
                "simple",
                "sgm_uniform",
                "karras",
                "exponential",
                "ddim_uniform",
                "beta",
                "normal",
                "linear_quadratic",
                "kl_optimal",
            ],
            "description": "The scheduler controls how noise is gradually removed to form the image.",
        },
        {
            "name": "denoise",
            "node_id": "3",
            "field": "denoise",
            "class_type": "KSampler",
            "title": "KSampler",
            "kind": "number",
            "type": "FLOAT",
            "default": 0.75,
            "known": True,
            "expose": True,
            "minimum": 0.0,
            "maximum": 1.0,
            "step": 0.01,
            "description": "The amount of denoising applied, lower values will maintain the structure of the initial image allowing for image to image sampling.",
        },
        {
            "name": "style_prompt",
            "node_id": "6",
            "field": "text",
            "class_type": "CLIPTextEncode",
            "title": "Style Prompt",
            "kind": "text",
            "type": "STRING",
            "default": "in the style of the reference image",
            "known": True,
            "expose": True,
            "multiline": True,
            "description": "The text to be encoded.",
        },
        {
            "name": "filename_prefix",
            "node_id": "9",
            "field": "filename_prefix",
            "class_type": "SaveImage",
            "title": "Save Image",
            "kind": "string",
            "type": "STRING",
            "default": "style_transfer",
            "known": True,
            "expose": False,
            "multiline": False,
            "description": "The prefix for the file to save. This may include formatting information such as %date:yyyy-MM-dd% or %Empty Latent Image.width% to include values from nodes.",
        },
        {
            "name": "content_image",
            "node_id": "21",
            "field": "image",
            "class_type": "LoadImage",
            "title": "Content Image",
            "kind": "image",
            "type": "COMBO",
            "default": "content.png",
            "known": True,
            "expose": True,
        },
        {
            "name": "style_image",
            "node_id": "24",
            "field": "image",
            "class_type": "LoadImage",
            "title": "Style Image",
            "kind": "image",
            "type": "COMBO",
            "default": "style.png",
            "known": True,
            "expose": True,
        },
        {
            "name": "crop",
            "node_id": "25",
            "field": "crop",
            "class_type": "CLIPVisionEncode",
            "title": "CLIP Vision Encode",
            "kind": "choice",
            "type": "COMBO",
            "default": "center",
            "known": True,
            "expose": False,
            "choices": [
                "center",
                "none",
            ],
        },
        {
            "name": "strength",
            "node_id": "26",
            "field": "strength",
            "class_type": "StyleModelApply",
            "title": "Apply Style Model",
            "kind": "number",
            "type": "FLOAT",
            "default": 1,
            "known": True,
            "expose": False,
            "minimum": 0.0,
            "maximum": 10.0,
            "step": 0.001,
        },
        {
            "name": "strength_type",
            "node_id": "26",
            "field": "strength_type",
            "class_type": "StyleModelApply",
            "title": "Apply Style Model",
            "kind": "choice",
            "type": "COMBO",
            "default": "multiply",
            "known": True,
            "expose": False,
            "choices": [
                "multiply",
                "attn_bias",
            ],
        },
        {
            "name": "clip_name",
            "node_id": "28",
            "field": "clip_name",
            "class_type": "CLIPVisionLoader",
            "title": "Load CLIP Vision",
            "kind": "model",
            "type": "COMBO",
            "default": "sigclip_vision_patch14_384.safetensors",
            "known": True,
            "expose": False,
        },
        {
            "name": "style_model_name",
            "node_id": "29",
            "field": "style_model_name",
            "class_type": "StyleModelLoader",
            "title": "Load Style Model",
            "kind": "model",
            "type": "COMBO",
            "default": "flux1-redux-dev.safetensors",
            "known": True,
            "expose": False,
        },
        {
            "name": "unet_name",
            "node_id": "30",
            "field": "unet_name",
            "class_type": "UNETLoader",
            "title": "Load Diffusion Model",
            "kind": "model",
            "type": "COMBO",
            "default": "flux1-dev-fp8.safetensors",
            "known": True,
            "expose": False,
        },
        {
            "name": "weight_dtype",
            "node_id": "30",
            "field": "weight_dtype",
            "class_type": "UNETLoader",
            "title": "Load Diffusion Model",
            "kind": "choice",
            "type": "COMBO",
            "default": "fp8_e4m3fn",
            "known": True,
            "expose": False,
            "choices": [
                "default",
                "fp8_e4m3fn",
                "fp8_e4m3fn_fast",
                "fp8_e5m2",
            ],
        },
        {
            "name": "clip_name1",
            "node_id": "31",
            "field": "clip_name1",
            "class_type": "DualCLIPLoader",
            "title": "DualCLIPLoader",
            "kind": "model",
            "type": "COMBO",
            "default": "clip_l.safetensors",
            "known": True,
            "expose": False,
        },
        {
            "name": "clip_name2",
            "node_id": "31",
            "field": "clip_name2",
            "class_type": "DualCLIPLoader",
            "title": "DualCLIPLoader",
            "kind": "model",
            "type": "COMBO",
            "default": "t5xxl_fp8_e4m3fn.safetensors",
            "known": True,
            "expose": False,
        },
        {
            "name": "type",
            "node_id": "31",
            "field": "type",
            "class_type": "DualCLIPLoader",
            "title": "DualCLIPLoader",
            "kind": "choice",
            "type": "COMBO",
            "default": "flux",
            "known": True,
            "expose": False,
            "choices": [
                "sdxl",
                "sd3",
                "flux",
                "hunyuan_video",
                "hidream",
                "hunyuan_image",
                "hunyuan_video_15",
                "kandinsky5",
                "kandinsky5_image",
                "ltxv",
                "newbie",
                "ace",
            ],
        },
        {
            "name": "device",
            "node_id": "31",
            "field": "device",
            "class_type": "DualCLIPLoader",
            "title": "DualCLIPLoader",
            "kind": "choice",
            "type": "COMBO",
            "default": "default",
            "known": True,
            "expose": False,
            "choices": [
                "default",
                "cpu",
            ],
        },
        {
            "name": "vae_name",
            "node_id": "32",
            "field": "vae_name",
            "class_type": "VAELoader",
            "title": "Load VAE",
            "kind": "model",
            "type": "COMBO",
            "default": "ae.safetensors",
            "known": True,
            "expose": False,
        },
        {
            "name": "guidance",
            "node_id": "33",
            "field": "guidance",
            "class_type": "FluxGuidance",
            "title": "FluxGuidance",
            "kind": "number",
            "type": "FLOAT",
            "default": 3.5,
            "known": True,
            "expose": False,
            "minimum": 0.0,
            "maximum": 100.0,
            "step": 0.1,
        },
    ],
    "nodes": {
        "3": {
            "class_type": "KSampler",
            "title": "KSampler",
            "known": True,
            "links": {
                "model": [
                    "30",
                    0,
                ],
                "positive": [
                    "26",
                    0,
                ],
                "negative": [
                    "27",
                    0,
                ],
                "latent_image": [
                    "22",
                    0,
                ],
            },
        },
        "6": {
            "class_type": "CLIPTextEncode",
            "title": "Style Prompt",
            "known": True,
            "links": {
                "clip": [
                    "31",
                    0,
                ],
            },
        },
        "8": {
            "class_type": "VAEDecode",
            "title": "VAE Decode",
            "known": True,
            "links": {
                "samples": [
                    "3",
                    0,
                ],
                "vae": [
                    "32",
                    0,
                ],
            },
        },
        "9": {
            "class_type": "SaveImage",
            "title": "Save Image",
            "known": True,
            "links": {
                "images": [
                    "8",
                    0,
                ],
            },
        },
        "21": {
            "class_type": "LoadImage",
            "title": "Content Image",
            "known": True,
        },
        "22": {
            "class_type": "VAEEncode",
            "title": "VAE Encode",
            "known": True,
            "links": {
                "pixels": [
                    "21",
                    0,
                ],
                "vae": [
                    "32",
                    0,
                ],
            },
        },
        "24": {
            "class_type": "LoadImage",
            "title": "Style Image",
            "known": True,
        },
        "25": {
            "class_type": "CLIPVisionEncode",
            "title": "CLIP Vision Encode",
            "known": True,
            "links": {
                "clip_vision": [
                    "28",
                    0,
                ],
                "image": [
                    "24",
                    0,
                ],
            },
        },
        "26": {
            "class_type": "StyleModelApply",
            "title": "Apply Style Model",
            "known": True,
            "links": {
                "conditioning": [
                    "33",
                    0,
                ],
                "style_model": [
                    "29",
                    0,
                ],
                "clip_vision_output": [
                    "25",
                    0,
                ],
            },
        },
        "27": {
            "class_type": "ConditioningZeroOut",
            "title": "Negative (zero)",
            "known": True,
            "links": {
                "conditioning": [
                    "6",
                    0,
                ],
            },
        },
        "28": {
            "class_type": "CLIPVisionLoader",
            "title": "Load CLIP Vision",
            "known": True,
        },
        "29": {
            "class_type": "StyleModelLoader",
            "title": "Load Style Model",
            "known": True,
        },
        "30": {
            "class_type": "UNETLoader",
            "title": "Load Diffusion Model",
            "known": True,
        },
        "31": {
            "class_type": "DualCLIPLoader",
            "title": "DualCLIPLoader",
            "known": True,
        },
        "32": {
            "class_type": "VAELoader",
            "title": "Load VAE",
            "known": True,
        },
        "33": {
            "class_type": "FluxGuidance",
            "title": "FluxGuidance",
            "known": True,
            "links": {
                "conditioning": [
                    "6",
                    0,
                ],
            },
        },
    },
}
