"""RunningHub workflow 1900000000000000002: a typed wrapper made by ``rhconfig gen``.

Do not edit: regenerate with ``rhconfig gen 1900000000000000002 -o FILE``. Calling ``run``
warns when the workflow's stored profile has changed since.

    from rhconfig.client import RunningHub

    with RunningHub() as client:
        outputs = run(client, seed=..., steps=...)

Inputs that are not arguments can be set through ``extra=[(name, value), ...]``:
sampler_name, scheduler, ckpt_name, filename_prefix
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

WORKFLOW_ID = "1900000000000000002"
PROFILE_SHA256 = "3ab28c063047cf2cfb56d75132a5337b26f65ce22ba8ba3fff505ce031bc3df5"


class Arguments(TypedDict, total=False):
    """The keyword arguments of ``run``, one dict per call of ``run_many``."""

    seed: int | None
    steps: int | None
    cfg: float | None
    denoise: float | None
    positive_prompt: str | None
    negative_prompt: str | None
    image: str | Path | None
    extra: Iterable[tuple[str, Any]]


def build_node_info(
    *,
    seed: int | None = None,
    steps: int | None = None,
    cfg: float | None = None,
    denoise: float | None = None,
    positive_prompt: str | None = None,
    negative_prompt: str | None = None,
    image: str | None = None,
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
            "positive_prompt": positive_prompt,
            "negative_prompt": negative_prompt,
            "image": image,
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
    positive_prompt: str | None = None,
    negative_prompt: str | None = None,
    image: str | Path | None = None,
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
            Default: 42. From 0 to 18446744073709551615.
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
            Default: 0.6. From 0.0 to 1.0, step 0.01.
            The amount of denoising applied, lower values will maintain the structure of
            the initial image allowing for image to image sampling.
        positive_prompt: node 6 "Positive Prompt", CLIPTextEncode.text.
            Default: \"a watercolor painting of the same scene\".
            The text to be encoded.
        negative_prompt: node 7 "Negative Prompt", CLIPTextEncode.text.
            Default: \"blurry, low quality\".
            The text to be encoded.
        image: node 21 "Load Image", LoadImage.image.
            Default: \"example.png\". The image file: a Path (run uploads it first), an
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
            "positive_prompt": positive_prompt,
            "negative_prompt": negative_prompt,
            "image": image,
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
    "positive_prompt": "positive_prompt",
    "negative_prompt": "negative_prompt",
    "image": "image",
}

_PROFILE: dict[str, Any] = {
    "schema_version": 1,
    "target": "workflow",
    "workflow_id": "1900000000000000002",
    "source": {
        "kind": "file",
        "graph_sha256": "19bd75e80a324be3aaae3f8c39f5c43041efceec7e313c1fda7f346e1df3ac52",
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
            "default": 42,
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
            "default": 0.6,
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
            "name": "positive_prompt",
            "node_id": "6",
            "field": "text",
            "class_type": "CLIPTextEncode",
            "title": "Positive Prompt",
            "kind": "text",
            "type": "STRING",
            "default": "a watercolor painting of the same scene",
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
            "title": "Negative Prompt",
            "kind": "text",
            "type": "STRING",
            "default": "blurry, low quality",
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
        {
            "name": "image",
            "node_id": "21",
            "field": "image",
            "class_type": "LoadImage",
            "title": "Load Image",
            "kind": "image",
            "type": "COMBO",
            "default": "example.png",
            "known": True,
            "expose": True,
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
                    "22",
                    0,
                ],
            },
        },
        "4": {
            "class_type": "CheckpointLoaderSimple",
            "title": "Load Checkpoint",
            "known": True,
        },
        "6": {
            "class_type": "CLIPTextEncode",
            "title": "Positive Prompt",
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
            "title": "Negative Prompt",
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
        "21": {
            "class_type": "LoadImage",
            "title": "Load Image",
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
                    "4",
                    2,
                ],
            },
        },
    },
}
