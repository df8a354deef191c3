"""RunningHub AI app 1950000000000000001: a typed wrapper made by ``rhconfig gen``.

App: Anime portrait (example).

Do not edit: regenerate with ``rhconfig gen 1950000000000000001 -o FILE``. Calling ``run``
warns when the app's stored profile has changed since.

    from rhconfig.client import RunningHub

    with RunningHub() as client:
        outputs = run(client, portrait_photo=..., aspect_ratio=...)

Every input of the AI app is an argument.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, TypedDict

from rhconfig import runtime as _rt
from rhconfig.client import Output, PollPolicy, RunningHub
from rhconfig.runtime import NodeInfo

__all__ = [
    "PROFILE_SHA256",
    "WEBAPP_ID",
    "Arguments",
    "AspectRatioChoice",
    "StyleChoice",
    "build_node_info",
    "run",
    "run_many",
]

WEBAPP_ID = "1950000000000000001"
PROFILE_SHA256 = "10a7862314a7099213cc6e43baf3c54a6e33d47fbb8ec716818f037c0aabfea0"
AspectRatioChoice = Literal[
    "1:1",
    "3:4",
    "16:9",
]
"""The choices of ``aspect_ratio``:

- \"1:1\" (1:1 square): Square, for avatars
- \"3:4\" (3:4 portrait): Upright, for phone wallpapers
- \"16:9\" (16:9 wide): Wide, for banners
"""
StyleChoice = Literal[
    "anime",
    "watercolor",
    "sketch",
]
"""The choices of ``style``:

- \"anime\" (Anime): Cel shading and clean lines
- \"watercolor\" (Watercolor): Soft washes of colour
- \"sketch\" (Pencil sketch): Graphite on paper
"""


class Arguments(TypedDict, total=False):
    """The keyword arguments of ``run``, one dict per call of ``run_many``."""

    portrait_photo: str | Path | None
    aspect_ratio: AspectRatioChoice | None
    style: StyleChoice | None
    prompt: str | None
    sampling_steps: int | None
    upscale: bool | None
    extra: Iterable[tuple[str, Any]]


def build_node_info(
    *,
    portrait_photo: str | None = None,
    aspect_ratio: AspectRatioChoice | None = None,
    style: StyleChoice | None = None,
    prompt: str | None = None,
    sampling_steps: int | None = None,
    upscale: bool | None = None,
    extra: Iterable[tuple[str, Any]] = (),
) -> list[NodeInfo]:
    """The nodeInfoList for these arguments, checked; no I/O.

    Arguments are those of ``run``, except that media inputs take a str (an upload result or
    a URL), not a Path. Raises ``rhconfig.runtime.ArgumentsError`` listing every bad value.
    """
    return _rt.build_node_info(
        _workflow(),
        {
            "portrait_photo": portrait_photo,
            "aspect_ratio": aspect_ratio,
            "style": style,
            "prompt": prompt,
            "sampling_steps": sampling_steps,
            "upscale": upscale,
        },
        extra,
    )


def run(
    client: RunningHub,
    *,
    portrait_photo: str | Path | None = None,
    aspect_ratio: AspectRatioChoice | None = None,
    style: StyleChoice | None = None,
    prompt: str | None = None,
    sampling_steps: int | None = None,
    upscale: bool | None = None,
    extra: Iterable[tuple[str, Any]] = (),
    timeout: float = 1800.0,
    poll: PollPolicy | None = None,
) -> list[Output]:
    """Run the AI app on RunningHub and return its outputs.

    Every argument left at None keeps the AI app's own value. Bad values raise
    ``rhconfig.runtime.ArgumentsError`` (listing them all) before anything is sent.

    Args:
        client: the RunningHub client.
        portrait_photo: node 52 "LoadImage", LoadImage.image.
            Default: \"example.png\". The image file: a Path (run uploads it first), an
            upload result (api/...) or a URL.
            Portrait photo
        aspect_ratio: node 60 "RH_AspectRatio", RH_AspectRatio.aspect_ratio.
            Default: \"3:4\".
            One of: \"1:1\", \"3:4\", \"16:9\".
            Aspect ratio
        style: node 61 "RH_StyleSelector", RH_StyleSelector.style.
            Default: \"anime\".
            One of: \"anime\", \"watercolor\", \"sketch\".
            Style
        prompt: node 6 "CLIPTextEncode", CLIPTextEncode.text.
            Default: \"a smiling person, soft light\".
            Prompt
        sampling_steps: node 3 "KSampler", KSampler.steps.
            Default: 20. From 1 to 60, step 1.
            Sampling steps
        upscale: node 70 "RH_Switch", RH_Switch.upscale.
            Default: False.
            Upscale the result 2x
        extra: (name, value) pairs for inputs that are not arguments.
        timeout: seconds to wait for the task.
        poll: how to poll the task's status (the client's policy by default).
    """
    return _rt.run(
        client,
        _workflow(),
        {
            "portrait_photo": portrait_photo,
            "aspect_ratio": aspect_ratio,
            "style": style,
            "prompt": prompt,
            "sampling_steps": sampling_steps,
            "upscale": upscale,
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
    return _rt.Workflow(WEBAPP_ID, PROFILE_SHA256, _PROFILE, __file__)


# Parameter name -> profile input name.
_PARAMS: dict[str, str] = {
    "portrait_photo": "portrait_photo",
    "aspect_ratio": "aspect_ratio",
    "style": "style",
    "prompt": "prompt",
    "sampling_steps": "sampling_steps",
    "upscale": "upscale",
}

_PROFILE: dict[str, Any] = {
    "schema_version": 1,
    "target": "app",
    "workflow_id": "1950000000000000001",
    "app_name": "Anime portrait (example)",
    "source": {
        "kind": "file",
        "graph_sha256": "59c692b9a3ee820e0aaf163241b416c415646e51f4a6d1a0c99e49472cd26e39",
        "rhconfig_version": "0.1.0",
    },
    "inputs": [
        {
            "name": "portrait_photo",
            "node_id": "52",
            "field": "image",
            "class_type": "LoadImage",
            "title": "LoadImage",
            "kind": "image",
            "type": "COMBO",
            "default": "example.png",
            "known": True,
            "expose": True,
            "description": "Portrait photo",
            "app": {
                "field_type": "IMAGE",
                "description": "上传人像照片",
                "description_en": "Portrait photo",
            },
        },
        {
            "name": "aspect_ratio",
            "node_id": "60",
            "field": "aspect_ratio",
            "class_type": "RH_AspectRatio",
            "title": "RH_AspectRatio",
            "kind": "choice",
            "type": "COMBO",
            "default": "3:4",
            "known": True,
            "expose": True,
            "choices": [
                "1:1",
                "3:4",
                "16:9",
            ],
            "description": "Aspect ratio",
            "app": {
                "field_type": "LIST",
                "description": "画面比例",
                "description_en": "Aspect ratio",
                "choices": [
                    {
                        "value": "1:1",
                        "name": "1:1 square",
                        "description": "Square, for avatars",
                    },
                    {
                        "value": "3:4",
                        "name": "3:4 portrait",
                        "description": "Upright, for phone wallpapers",
                    },
                    {
                        "value": "16:9",
                        "name": "16:9 wide",
                        "description": "Wide, for banners",
                    },
                ],
            },
        },
        {
            "name": "style",
            "node_id": "61",
            "field": "style",
            "class_type": "RH_StyleSelector",
            "title": "RH_StyleSelector",
            "kind": "choice",
            "type": "COMBO",
            "default": "anime",
            "known": True,
            "expose": True,
            "choices": [
                "anime",
                "watercolor",
                "sketch",
            ],
            "description": "Style",
            "app": {
                "field_type": "LIST",
                "description": "风格",
                "description_en": "Style",
                "choices": [
                    {
                        "value": "anime",
                        "name": "Anime",
                        "description": "Cel shading and clean lines",
                    },
                    {
                        "value": "watercolor",
                        "name": "Watercolor",
                        "description": "Soft washes of colour",
                    },
                    {
                        "value": "sketch",
                        "name": "Pencil sketch",
                        "description": "Graphite on paper",
                    },
                ],
            },
        },
        {
            "name": "prompt",
            "node_id": "6",
            "field": "text",
            "class_type": "CLIPTextEncode",
            "title": "CLIPTextEncode",
            "kind": "text",
            "type": "STRING",
            "default": "a smiling person, soft light",
            "known": True,
            "expose": True,
            "multiline": True,
            "description": "Prompt",
            "app": {
                "field_type": "STRING",
                "description": "提示词",
                "description_en": "Prompt",
            },
        },
        {
            "name": "sampling_steps",
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
            "maximum": 60,
            "step": 1,
            "description": "Sampling steps",
            "app": {
                "field_type": "INT",
                "description": "采样步数",
                "description_en": "Sampling steps",
            },
        },
        {
            "name": "upscale",
            "node_id": "70",
            "field": "upscale",
            "class_type": "RH_Switch",
            "title": "RH_Switch",
            "kind": "boolean",
            "type": "BOOLEAN",
            "default": False,
            "known": True,
            "expose": True,
            "description": "Upscale the result 2x",
            "app": {
                "field_type": "SWITCH",
                "description": "是否放大",
                "description_en": "Upscale the result 2x",
            },
        },
    ],
    "nodes": {
        "52": {
            "class_type": "LoadImage",
            "title": "LoadImage",
            "known": True,
        },
        "60": {
            "class_type": "RH_AspectRatio",
            "title": "RH_AspectRatio",
            "known": True,
        },
        "61": {
            "class_type": "RH_StyleSelector",
            "title": "RH_StyleSelector",
            "known": True,
        },
        "6": {
            "class_type": "CLIPTextEncode",
            "title": "CLIPTextEncode",
            "known": True,
        },
        "3": {
            "class_type": "KSampler",
            "title": "KSampler",
            "known": True,
        },
        "70": {
            "class_type": "RH_Switch",
            "title": "RH_Switch",
            "known": True,
        },
    },
}
