"""RunningHub workflow 1900000000000000001: a typed wrapper made by ``rhconfig gen``.

Do not edit: regenerate with ``rhconfig gen 1900000000000000001 -o FILE``. Calling ``run``
warns when the workflow's stored profile has changed since.

    from rhconfig.client import RunningHub

    with RunningHub() as client:
        outputs = run(client, seed=..., steps=...)

Inputs that are not arguments can be set through ``extra=[(name, value), ...]``:
sampler_name, scheduler, ckpt_name, filename_prefix
"""

from __future__ import annotations

from collections.abc import Iterable
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

WORKFLOW_ID = "1900000000000000001"
PROFILE_SHA256 = "a8b0ee25da7cf549985b04258d0ef14badcb43af7f2303f0d3e65b821b3b34ac"


class Arguments(TypedDict, total=False):
    """The keyword arguments of ``run``, one dict per call of ``run_many``."""

    seed: int | None
    steps: int | None
    cfg: float | None
    denoise: float | None
    width: int | None
    height: int | None
    batch_size: int | None
    positive_prompt: str | None
    negative_prompt: str | None
    extra: Iterable[tuple[str, Any]]


def build_node_info(
    *,
    seed: int | None = None,
    steps: int | None = None,
    cfg: float | None = None,
    denoise: float | None = None,
    width: int | None = None,
    height: int | None = None,
    batch_size: int | None = None,
    positive_prompt: str | None = None,
    negative_prompt: str | None = None,
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
            "width": width,
            "height": height,
            "batch_size": batch_size,
            "positive_prompt": positive_prompt,
            "negative_prompt": negative_prompt,
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
    width: int | None = None,
    height: int | None = None,
    batch_size: int | None = None,
    positive_prompt: str | None = None,
    negative_prompt: str | None = None,
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
            Default: 156680208700286. From 0 to 18446744073709551615.
            A seed: RunningHub picks a new one for each task unless you set it.
            The random seed used for creating the noise.
        steps: node 3 "KSampler", KSampler.steps.
            Default: 20. From 1 to 10000.
            The number of steps used in the denoising process.
        cfg: node 3 "KSampler", KSampler.cfg.
            Default: 7. From 0.0 to 100.0, step 0.1.
            The Classifier-Free Guidance scale balances creativity and adherence to the
            prompt. Higher values result in images more closely matching the prompt
            however too high values will negatively impact quality.
        denoise: node 3 "KSampler", KSampler.denoise.
            Default: 1. From 0.0 to 1.0, step 0.01.
            The amount of denoising applied, lower values will maintain the structure of
            the initial image allowing for image to image sampling.
        width: node 5 "Empty Latent Image", EmptyLatentImage.width.
            Default: 512. From 16 to 16384, step 8.
            The width of the latent images in pixels.
        height: node 5 "Empty Latent Image", EmptyLatentImage.height.
            Default: 512. From 16 to 16384, step 8.
            The height of the latent images in pixels.
        batch_size: node 5 "Empty Latent Image", EmptyLatentImage.batch_size.
            Default: 1. From 1 to 4096.
            The number of latent images in the batch.
        positive_prompt: node 6 "CLIP Text Encode (Prompt)", CLIPTextEncode.text.
            Default: \"a beautiful landscape with mountains and a lake, golden hour,
            highly detailed\".
            The text to be encoded.
        negative_prompt: node 7 "CLIP Text Encode (Prompt)", CLIPTextEncode.text.
            Default: \"blurry, low quality, watermark, text\".
            The text to be encoded.
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
            "width": width,
            "height": height,
            "batch_size": batch_size,
            "positive_prompt": positive_prompt,
            "negative_prompt": negative_prompt,
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
    "width": "width",
    "height": "height",
    "batch_size": "batch_size",
    "positive_prompt": "positive_prompt",
    "negative_prompt": "negative_prompt",
}

_PROFILE: dict[str, Any] = {
    "schema_version": 1,
    "target": "workflow",
    "workflow_id": "1900000000000000001",
    "source": {
        "kind": "file",
        "graph_sha256": "2b94074c0799659bbd44676aa93d85e2c226418aee49b66feddcf8c31bc51acd",
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
            "default": 156680208700286,
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
            "default": 20,
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
            "default": 7,
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
            "default": "normal",
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
            "default": 1,
            "known": True,
            "expose": True,
            "minimum": 0.0,
            "maximum": 1.0,
            "step": 0.01,
            "description": "The amount of denoising applied, lower values will maintain the structure of the initial image allowing for image to image sampling.",
        },
        {
            "name": "ckpt_name",
            "node_id": "4",
            "field": "ckpt_name",
            "class_type": "CheckpointLoaderSimple",
            "title": "Load Checkpoint",
            "kind": "model",
            "type": "COMBO",
            "default": "v1-5-pruned-emaonly.safetensors",
            "known": True,
            "expose": False,
            "description": "The name of the checkpoint (model) to load.",
        },
        {
            "name": "width",
            "node_id": "5",
            "field": "width",
            "class_type": "EmptyLatentImage",
            "title": "Empty Latent Image",
            "kind": "integer",
            "type": "INT",
            "default": 512,
            "known": True,
            "expose": True,
            "minimum": 16,
            "maximum": 16384,
            "step": 8,
            "description": "The width of the latent images in pixels.",
        },
        {
            "name": "height",
            "node_id": "5",
            "field": "height",
            "class_type": "EmptyLatentImage",
            "title": "Empty Latent Image",
            "kind": "integer",
            "type": "INT",
            "default": 512,
            "known": True,
            "expose": True,
            "minimum": 16,
            "maximum": 16384,
            "step": 8,
            "description": "The height of the latent images in pixels.",
        },
        {
            "name": "batch_size",
            "node_id": "5",
            "field": "batch_size",
            "class_type": "EmptyLatentImage",
            "title": "Empty Latent Image",
            "kind": "integer",
            "type": "INT",
            "default": 1,
            "known": True,
            "expose": True,
            "minimum": 1,
            "maximum": 4096,
            "description": "The number of latent images in the batch.",
        },
        {
            "name": "positive_prompt",
            "node_id": "6",
            "field": "text",
            "class_type": "CLIPTextEncode",
            "title": "CLIP Text Encode (Prompt)",
            "kind": "text",
            "type": "STRING",
            "default": "a beautiful landscape with mountains and a lake, golden hour, highly detailed",
            "known": True,
            "expose": True,
            "multiline": True,
            "description": "The text to be encoded.",
        },
        {
            "name": "negative_prompt",
            "node_id": "7",
            "field": "text",
            "class_type": "CLIPTextEncode",
            "title": "CLIP Text Encode (Prompt)",
            "kind": "text",
            "type": "STRING",
            "default": "blurry, low quality, watermark, text",
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
            "default": "ComfyUI",
            "known": True,
            "expose": False,
            "multiline": False,
            "description": "The prefix for the file to save. This may include formatting information such as %date:yyyy-MM-dd% or %Empty Latent Image.width% to include values from nodes.",
        },
    ],
    "nodes": {
        "3": {
            "class_type": "KSampler",
            "title": "KSampler",
            "known": True,
            "links": {
                "model": [
                    "4",
                    0,
                ],
                "positive": [
                    "6",
                    0,
                ],
                "negative": [
                    "7",
                    0,
                ],
                "latent_image": [
                    "5",
                    0,
                ],
            },
        },
        "4": {
            "class_type": "CheckpointLoaderSimple",
            "title": "Load Checkpoint",
            "known": True,
        },
        "5": {
            "class_type": "EmptyLatentImage",
            "title": "Empty Latent Image",
            "known": True,
        },
        "6": {
            "class_type": "CLIPTextEncode",
            "title": "CLIP Text Encode (Prompt)",
            "known": True,
            "links": {
                "clip": [
                    "4",
                    1,
                ],
            },
        },
        "7": {
            "class_type": "CLIPTextEncode",
            "title": "CLIP Text Encode (Prompt)",
            "known": True,
            "links": {
                "clip": [
                    "4",
                    1,
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
                    "4",
                    2,
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
    },
}
