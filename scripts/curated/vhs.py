"""Kosinkadink/ComfyUI-VideoHelperSuite (VHS).

Notes
- VHS declares the upload combos as plain file lists (``(sorted(files),)``); the upload button
  is added by its frontend (web/js/VHS.core.js). The catalog records them as uploads
  (``video_upload`` / ``audio_upload``) with server-dependent choices.
- ``frame_rate`` / ``force_rate`` use VHS' ``floatOrInt``, which /object_info reports as FLOAT.
- VHS_VideoCombine's ``format`` widgets (pix_fmt, crf, save_metadata, trim_to_audio...) are
  added per format from ``video_formats/*.json``; the h264-mp4 ones are listed as optional.
"""

from __future__ import annotations

from .common import SERVER_FILES, VHS_BIGMAX, VHS_DIMMAX, ObjectInfo

REPO = "Kosinkadink/ComfyUI-VideoHelperSuite"

_FORCE_SIZE = [
    "Disabled", "Custom Height", "Custom Width", "Custom",
    "256x?", "?x256", "256x256", "512x?", "?x512", "512x512",
]
_LOAD_FORMATS = ["None", "AnimateDiff", "Mochi", "LTXV", "Hunyuan", "Cosmos", "Wan"]

_LOAD_VIDEO_COMMON: ObjectInfo = {
    "force_rate": ("FLOAT", {"default": 0, "min": 0, "max": 60, "step": 1}),
    "force_size": (_FORCE_SIZE,),
    "custom_width": ("INT", {"default": 512, "min": 0, "max": VHS_DIMMAX, "step": 8}),
    "custom_height": ("INT", {"default": 512, "min": 0, "max": VHS_DIMMAX, "step": 8}),
    "frame_load_cap": ("INT", {"default": 0, "min": 0, "max": VHS_BIGMAX, "step": 1}),
    "skip_first_frames": ("INT", {"default": 0, "min": 0, "max": VHS_BIGMAX, "step": 1}),
    "select_every_nth": ("INT", {"default": 1, "min": 1, "max": VHS_BIGMAX, "step": 1}),
}
_LOAD_VIDEO_OPTIONAL: ObjectInfo = {
    "meta_batch": ("VHS_BatchManager",),
    "vae": ("VAE",),
    # newer VHS: nodes.VHSLoadFormats keys; packs may register more
    "format": (_LOAD_FORMATS, {"default": "AnimateDiff"}),
}

NODES: dict[str, ObjectInfo] = {
    # videohelpersuite/load_video_nodes.py LoadVideoUpload
    "VHS_LoadVideo": {
        "source": "videohelpersuite/load_video_nodes.py",
        "display_name": "Load Video (Upload) 🎥🅥🅗🅢",
        "input": {
            "required": {
                "video": (SERVER_FILES, {"video_upload": True}),
                **_LOAD_VIDEO_COMMON,
            },
            "optional": _LOAD_VIDEO_OPTIONAL,
        },
    },
    # videohelpersuite/load_video_nodes.py LoadVideoPath
    "VHS_LoadVideoPath": {
        "source": "videohelpersuite/load_video_nodes.py",
        "display_name": "Load Video (Path) 🎥🅥🅗🅢",
        "input": {
            "required": {
                "video": ("STRING", {"placeholder": "X://insert/path/here.mp4"}),
                **_LOAD_VIDEO_COMMON,
            },
            "optional": _LOAD_VIDEO_OPTIONAL,
        },
    },
    # videohelpersuite/load_images_nodes.py LoadImagesFromDirectoryUpload
    "VHS_LoadImages": {
        "source": "videohelpersuite/load_images_nodes.py",
        "display_name": "Load Images (Upload) 🎥🅥🅗🅢",
        "input": {
            "required": {"directory": (SERVER_FILES,)},
            "optional": {
                "image_load_cap": ("INT", {"default": 0, "min": 0, "max": VHS_BIGMAX, "step": 1}),
                "skip_first_images": (
                    "INT", {"default": 0, "min": 0, "max": VHS_BIGMAX, "step": 1},
                ),
                "select_every_nth": ("INT", {"default": 1, "min": 1, "max": VHS_BIGMAX, "step": 1}),
                "meta_batch": ("VHS_BatchManager",),
            },
        },
    },
    # videohelpersuite/load_images_nodes.py LoadImagesFromDirectoryPath
    "VHS_LoadImagesPath": {
        "source": "videohelpersuite/load_images_nodes.py",
        "display_name": "Load Images (Path) 🎥🅥🅗🅢",
        "input": {
            "required": {"directory": ("STRING", {"default": "X://path/to/images"})},
            "optional": {
                "image_load_cap": ("INT", {"default": 0, "min": 0, "max": VHS_BIGMAX, "step": 1}),
                "skip_first_images": (
                    "INT", {"default": 0, "min": 0, "max": VHS_BIGMAX, "step": 1},
                ),
                "select_every_nth": ("INT", {"default": 1, "min": 1, "max": VHS_BIGMAX, "step": 1}),
                "meta_batch": ("VHS_BatchManager",),
            },
        },
    },
    # videohelpersuite/nodes.py LoadAudio
    "VHS_LoadAudio": {
        "source": "videohelpersuite/nodes.py",
        "display_name": "Load Audio (Path)🎥🅥🅗🅢",
        "input": {
            "required": {"audio_file": ("STRING", {"default": "input/"})},
            "optional": {
                "seek_seconds": ("FLOAT", {"default": 0, "min": 0}),
                "duration": ("FLOAT", {"default": 0, "min": 0, "max": 10000000, "step": 0.01}),
            },
        },
    },
    # videohelpersuite/nodes.py LoadAudioUpload
    "VHS_LoadAudioUpload": {
        "source": "videohelpersuite/nodes.py",
        "display_name": "Load Audio (Upload)🎥🅥🅗🅢",
        "input": {
            "required": {
                "audio": (SERVER_FILES, {"audio_upload": True}),
                "start_time": ("FLOAT", {"default": 0, "min": 0, "max": 10000000, "step": 0.01}),
                "duration": ("FLOAT", {"default": 0, "min": 0, "max": 10000000, "step": 0.01}),
            },
        },
    },
    # videohelpersuite/nodes.py VideoCombine (+ video_formats/h264-mp4.json format widgets)
    "VHS_VideoCombine": {
        "source": "videohelpersuite/nodes.py",
        "display_name": "Video Combine 🎥🅥🅗🅢",
        "input": {
            "required": {
                "images": ("IMAGE",),
                "frame_rate": ("FLOAT", {"default": 8, "min": 1, "step": 1}),
                "loop_count": ("INT", {"default": 0, "min": 0, "max": 100, "step": 1}),
                "filename_prefix": ("STRING", {"default": "AnimateDiff"}),
                # ["image/gif", "image/webp"] + one "video/<name>" per format file the server
                # has (and ffmpeg/gifski can run): server dependent.
                "format": (SERVER_FILES, {
                    "tooltip": "image/gif, image/webp or video/<format> from VHS video_formats: "
                    "video/h264-mp4, video/h265-mp4, video/webm, video/av1-webm, "
                    "video/ProRes, video/ffmpeg-gif, video/8bit-png, video/16bit-png, "
                    "video/nvenc_h264-mp4, video/nvenc_hevc-mp4 ...",
                }),
                "pingpong": ("BOOLEAN", {"default": False}),
                "save_output": ("BOOLEAN", {"default": True}),
            },
            "optional": {
                "audio": ("AUDIO",),
                "meta_batch": ("VHS_BatchManager",),
                "vae": ("VAE",),
                # format widgets of video/h264-mp4 (present only with formats that declare them)
                "pix_fmt": (["yuv420p", "yuv420p10le"],),
                "crf": ("INT", {"default": 19, "min": 0, "max": 100, "step": 1}),
                "save_metadata": ("BOOLEAN", {"default": True}),
                "trim_to_audio": ("BOOLEAN", {"default": False}),
            },
        },
    },
    # videohelpersuite/image_latent_nodes.py SelectImages
    "VHS_SelectImages": {
        "source": "videohelpersuite/image_latent_nodes.py",
        "display_name": "Select Images 🎥🅥🅗🅢",
        "input": {
            "required": {
                "image": ("IMAGE",),
                "indexes": ("STRING", {"default": "0"}),
                "err_if_missing": ("BOOLEAN", {"default": True}),
                "err_if_empty": ("BOOLEAN", {"default": True}),
            },
        },
    },
    # videohelpersuite/image_latent_nodes.py SelectEveryNthImage
    "VHS_SelectEveryNthImage": {
        "source": "videohelpersuite/image_latent_nodes.py",
        "display_name": "Select Every Nth Image 🎥🅥🅗🅢",
        "input": {
            "required": {
                "images": ("IMAGE",),
                "select_every_nth": ("INT", {"default": 1, "min": 1, "max": VHS_BIGMAX, "step": 1}),
                "skip_first_images": (
                    "INT", {"default": 0, "min": 0, "max": VHS_BIGMAX, "step": 1},
                ),
            },
        },
    },
    # videohelpersuite/image_latent_nodes.py GetImageCount
    "VHS_GetImageCount": {
        "source": "videohelpersuite/image_latent_nodes.py",
        "display_name": "Get Image Count 🎥🅥🅗🅢",
        "input": {"required": {"images": ("IMAGE",)}},
    },
    # videohelpersuite/nodes.py VideoInfo
    "VHS_VideoInfo": {
        "source": "videohelpersuite/nodes.py",
        "display_name": "Video Info 🎥🅥🅗🅢",
        "input": {"required": {"video_info": ("VHS_VIDEOINFO",)}},
    },
}
