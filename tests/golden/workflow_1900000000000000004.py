"""RunningHub workflow 1900000000000000004: a typed wrapper made by ``rhconfig gen``.

Do not edit: regenerate with ``rhconfig gen 1900000000000000004 -o FILE``. Calling ``run``
warns when the workflow's stored profile has changed since.

    from rhconfig.client import RunningHub

    with RunningHub() as client:
        outputs = run(client, watermarked_video=..., watermark_mask=...)

Inputs that are not arguments can be set through ``extra=[(name, value), ...]``:
force_rate, custom_width, custom_height, frame_load_cap, skip_first_frames,
select_every_nth, watermarked_video_format, channel, expand, tapered_corners,
num_inference_steps, guidance_scale, mask_dilation_iter, video_length, loop_count,
filename_prefix, video_combine_format, pix_fmt, crf, save_metadata, trim_to_audio,
pingpong, save_output
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

WORKFLOW_ID = "1900000000000000004"
PROFILE_SHA256 = "8119e02f51cf2aa2c94ef4fd43d9c1aa7c44ef54315259908cc4b75a3d8e50c7"


class Arguments(TypedDict, total=False):
    """The keyword arguments of ``run``, one dict per call of ``run_many``."""

    watermarked_video: str | Path | None
    watermark_mask: str | Path | None
    seed: int | None
    frame_rate: float | None
    extra: Iterable[tuple[str, Any]]


def build_node_info(
    *,
    watermarked_video: str | None = None,
    watermark_mask: str | None = None,
    seed: int | None = None,
    frame_rate: float | None = None,
    extra: Iterable[tuple[str, Any]] = (),
) -> list[NodeInfo]:
    """The nodeInfoList for these arguments, checked; no I/O.

    Arguments are those of ``run``, except that media inputs take a str (an upload result or
    a URL), not a Path. Raises ``rhconfig.runtime.ArgumentsError`` listing every bad value.
    """
    return _rt.build_node_info(
        _workflow(),
        {
            "watermarked_video": watermarked_video,
            "watermark_mask": watermark_mask,
            "seed": seed,
            "frame_rate": frame_rate,
        },
        extra,
    )


def run(
    client: RunningHub,
    *,
    watermarked_video: str | Path | None = None,
    watermark_mask: str | Path | None = None,
    seed: int | None = None,
    frame_rate: float | None = None,
    extra: Iterable[tuple[str, Any]] = (),
    timeout: float = 1800.0,
    poll: PollPolicy | None = None,
) -> list[Output]:
    """Run the workflow on RunningHub and return its outputs.

    Every argument left at None keeps the workflow's own value. Bad values raise
    ``rhconfig.runtime.ArgumentsError`` (listing them all) before anything is sent.

    Args:
        client: the RunningHub client.
        watermarked_video: node 184 "Watermarked Video", VHS_LoadVideo.video.
            Default: \"watermarked.mp4\". The video file: a Path (run uploads it first),
            an upload result (api/...) or a URL.
        watermark_mask: node 185 "Watermark Mask", LoadImage.image.
            Default: \"watermark_mask.png\". The image file: a Path (run uploads it
            first), an upload result (api/...) or a URL.
        seed: node 188 "Remove Watermark (DiffuEraser)", DiffuEraserSampler.seed.
            Default: 1234.
            A seed: RunningHub picks a new one for each task unless you set it.
        frame_rate: node 190 "Video Combine", VHS_VideoCombine.frame_rate.
            Default: 24. At least 1, step 1.
        extra: (name, value) pairs for inputs that are not arguments.
        timeout: seconds to wait for the task.
        poll: how to poll the task's status (the client's policy by default).
    """
    return _rt.run(
        client,
        _workflow(),
        {
            "watermarked_video": watermarked_video,
            "watermark_mask": watermark_mask,
            "seed": seed,
            "frame_rate": frame_rate,
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
    "watermarked_video": "watermarked_video",
    "watermark_mask": "watermark_mask",
    "seed": "seed",
    "frame_rate": "frame_rate",
}

_PROFILE: dict[str, Any] = {
    "schema_version": 1,
    "target": "workflow",
    "workflow_id": "1900000000000000004",
    "source": {
        "kind": "file",
        "graph_sha256": "3026fff99bd2076157190d93270ed111071165efaa58fe07a5a43fc65cbad3e9",
        "rhconfig_version": "0.1.0",
    },
    "inputs": [
        {
            "name": "watermarked_video",
            "node_id": "184",
            "field": "video",
            "class_type": "VHS_LoadVideo",
            "title": "Watermarked Video",
            "kind": "video",
            "type": "COMBO",
            "default": "watermarked.mp4",
            "known": True,
            "expose": True,
        },
        {
            "name": "force_rate",
            "node_id": "184",
            "field": "force_rate",
            "class_type": "VHS_LoadVideo",
            "title": "Watermarked Video",
            "kind": "number",
            "type": "FLOAT",
            "default": 0,
            "known": True,
            "expose": False,
            "minimum": 0,
            "maximum": 60,
            "step": 1,
        },
        {
            "name": "custom_width",
            "node_id": "184",
            "field": "custom_width",
            "class_type": "VHS_LoadVideo",
            "title": "Watermarked Video",
            "kind": "integer",
            "type": "INT",
            "default": 0,
            "known": True,
            "expose": False,
            "minimum": 0,
            "maximum": 8192,
            "step": 8,
        },
        {
            "name": "custom_height",
            "node_id": "184",
            "field": "custom_height",
            "class_type": "VHS_LoadVideo",
            "title": "Watermarked Video",
            "kind": "integer",
            "type": "INT",
            "default": 0,
            "known": True,
            "expose": False,
            "minimum": 0,
            "maximum": 8192,
            "step": 8,
        },
        {
            "name": "frame_load_cap",
            "node_id": "184",
            "field": "frame_load_cap",
            "class_type": "VHS_LoadVideo",
            "title": "Watermarked Video",
            "kind": "integer",
            "type": "INT",
            "default": 0,
            "known": True,
            "expose": False,
            "minimum": 0,
            "maximum": 9007199254740991,
            "step": 1,
        },
        {
            "name": "skip_first_frames",
            "node_id": "184",
            "field": "skip_first_frames",
            "class_type": "VHS_LoadVideo",
            "title": "Watermarked Video",
            "kind": "integer",
            "type": "INT",
            "default": 0,
            "known": True,
            "expose": False,
            "minimum": 0,
            "maximum": 9007199254740991,
            "step": 1,
        },
        {
            "name": "select_every_nth",
            "node_id": "184",
            "field": "select_every_nth",
            "class_type": "VHS_LoadVideo",
            "title": "Watermarked Video",
            "kind": "integer",
            "type": "INT",
            "default": 1,
            "known": True,
            "expose": False,
            "minimum": 1,
            "maximum": 9007199254740991,
            "step": 1,
        },
        {
            "name": "watermarked_video_format",
            "node_id": "184",
            "field": "format",
            "class_type": "VHS_LoadVideo",
            "title": "Watermarked Video",
            "kind": "choice",
            "type": "COMBO",
            "default": "AnimateDiff",
            "known": True,
            "expose": False,
            "choices": [
                "None",
                "AnimateDiff",
                "Mochi",
                "LTXV",
                "Hunyuan",
                "Cosmos",
                "Wan",
            ],
        },
        {
            "name": "watermark_mask",
            "node_id": "185",
            "field": "image",
            "class_type": "LoadImage",
            "title": "Watermark Mask",
            "kind": "image",
            "type": "COMBO",
            "default": "watermark_mask.png",
            "known": True,
            "expose": True,
        },
        {
            "name": "channel",
            "node_id": "186",
            "field": "channel",
            "class_type": "ImageToMask",
            "title": "Convert Image to Mask",
            "kind": "choice",
            "type": "COMBO",
            "default": "red",
            "known": True,
            "expose": False,
            "choices": [
                "red",
                "green",
                "blue",
                "alpha",
            ],
        },
        {
            "name": "expand",
            "node_id": "187",
            "field": "expand",
            "class_type": "GrowMask",
            "title": "GrowMask",
            "kind": "integer",
            "type": "INT",
            "default": 8,
            "known": True,
            "expose": False,
            "minimum": -16384,
            "maximum": 16384,
            "step": 1,
        },
        {
            "name": "tapered_corners",
            "node_id": "187",
            "field": "tapered_corners",
            "class_type": "GrowMask",
            "title": "GrowMask",
            "kind": "boolean",
            "type": "BOOLEAN",
            "default": True,
            "known": True,
            "expose": False,
        },
        {
            "name": "num_inference_steps",
            "node_id": "188",
            "field": "num_inference_steps",
            "class_type": "DiffuEraserSampler",
            "title": "Remove Watermark (DiffuEraser)",
            "kind": "integer",
            "type": "INT",
            "default": 4,
            "known": False,
            "expose": False,
        },
        {
            "name": "guidance_scale",
            "node_id": "188",
            "field": "guidance_scale",
            "class_type": "DiffuEraserSampler",
            "title": "Remove Watermark (DiffuEraser)",
            "kind": "number",
            "type": "FLOAT",
            "default": 0.0,
            "known": False,
            "expose": False,
        },
        {
            "name": "seed",
            "node_id": "188",
            "field": "seed",
            "class_type": "DiffuEraserSampler",
            "title": "Remove Watermark (DiffuEraser)",
            "kind": "seed",
            "type": "INT",
            "default": 1234,
            "known": False,
            "expose": True,
        },
        {
            "name": "mask_dilation_iter",
            "node_id": "188",
            "field": "mask_dilation_iter",
            "class_type": "DiffuEraserSampler",
            "title": "Remove Watermark (DiffuEraser)",
            "kind": "integer",
            "type": "INT",
            "default": 8,
            "known": False,
            "expose": False,
        },
        {
            "name": "video_length",
            "node_id": "188",
            "field": "video_length",
            "class_type": "DiffuEraserSampler",
            "title": "Remove Watermark (DiffuEraser)",
            "kind": "integer",
            "type": "INT",
            "default": 10,
            "known": False,
            "expose": False,
        },
        {
            "name": "frame_rate",
            "node_id": "190",
            "field": "frame_rate",
            "class_type": "VHS_VideoCombine",
            "title": "Video Combine",
            "kind": "number",
            "type": "FLOAT",
            "default": 24,
            "known": True,
            "expose": True,
            "minimum": 1,
            "step": 1,
        },
        {
            "name": "loop_count",
            "node_id": "190",
            "field": "loop_count",
            "class_type": "VHS_VideoCombine",
            "title": "Video Combine",
            "kind": "integer",
            "type": "INT",
            "default": 0,
            "known": True,
            "expose": False,
            "minimum": 0,
            "maximum": 100,
            "step": 1,
        },
        {
            "name": "filename_prefix",
            "node_id": "190",
            "field": "filename_prefix",
            "class_type": "VHS_VideoCombine",
            "title": "Video Combine",
            "kind": "string",
            "type": "STRING",
            "default": "no_watermark",
            "known": True,
            "expose": False,
            "multiline": False,
        },
        {
            "name": "video_combine_format",
            "node_id": "190",
            "field": "format",
            "class_type": "VHS_VideoCombine",
            "title": "Video Combine",
            "kind": "model",
            "type": "COMBO",
            "default": "video/h264-mp4",
            "known": True,
            "expose": False,
            "description": "image/gif, image/webp or video/<format> from VHS video_formats: video/h264-mp4, video/h265-mp4, video/webm, video/av1-webm, video/ProRes, video/ffmpeg-gif, video/8bit-png, video/16bit-png, video/nvenc_h264-mp4, video/nvenc_hevc-mp4 ...",
        },
        {
            "name": "pix_fmt",
            "node_id": "190",
            "field": "pix_fmt",
            "class_type": "VHS_VideoCombine",
            "title": "Video Combine",
            "kind": "choice",
            "type": "COMBO",
            "default": "yuv420p",
            "known": True,
            "expose": False,
            "choices": [
                "yuv420p",
                "yuv420p10le",
            ],
        },
        {
            "name": "crf",
            "node_id": "190",
            "field": "crf",
            "class_type": "VHS_VideoCombine",
            "title": "Video Combine",
            "kind": "integer",
            "type": "INT",
            "default": 19,
            "known": True,
            "expose": False,
            "minimum": 0,
            "maximum": 100,
            "step": 1,
        },
        {
            "name": "save_metadata",
            "node_id": "190",
            "field": "save_metadata",
            "class_type": "VHS_VideoCombine",
            "title": "Video Combine",
            "kind": "boolean",
            "type": "BOOLEAN",
            "default": True,
            "known": True,
            "expose": False,
        },
        {
            "name": "trim_to_audio",
            "node_id": "190",
            "field": "trim_to_audio",
            "class_type": "VHS_VideoCombine",
            "title": "Video Combine",
            "kind": "boolean",
            "type": "BOOLEAN",
            "default": False,
            "known": True,
            "expose": False,
        },
        {
            "name": "pingpong",
            "node_id": "190",
            "field": "pingpong",
            "class_type": "VHS_VideoCombine",
            "title": "Video Combine",
            "kind": "boolean",
            "type": "BOOLEAN",
            "default": False,
            "known": True,
            "expose": False,
        },
        {
            "name": "save_output",
            "node_id": "190",
            "field": "save_output",
            "class_type": "VHS_VideoCombine",
            "title": "Video Combine",
            "kind": "boolean",
            "type": "BOOLEAN",
            "default": True,
            "known": True,
            "expose": False,
        },
    ],
    "nodes": {
        "184": {
            "class_type": "VHS_LoadVideo",
            "title": "Watermarked Video",
            "known": True,
        },
        "185": {
            "class_type": "LoadImage",
            "title": "Watermark Mask",
            "known": True,
        },
        "186": {
            "class_type": "ImageToMask",
            "title": "Convert Image to Mask",
            "known": True,
            "links": {
                "image": [
                    "185",
                    0,
                ],
            },
        },
        "187": {
            "class_type": "GrowMask",
            "title": "GrowMask",
            "known": True,
            "links": {
                "mask": [
                    "186",
                    0,
                ],
            },
        },
        "188": {
            "class_type": "DiffuEraserSampler",
            "title": "Remove Watermark (DiffuEraser)",
            "known": False,
            "links": {
                "images": [
                    "184",
                    0,
                ],
                "masks": [
                    "187",
                    0,
                ],
            },
        },
        "190": {
            "class_type": "VHS_VideoCombine",
            "title": "Video Combine",
            "known": True,
            "links": {
                "images": [
                    "188",
                    0,
                ],
                "audio": [
                    "184",
                    2,
                ],
            },
        },
    },
}
