"""Gourieff/comfyui-reactor-node (nodes.py)."""

from __future__ import annotations

from .common import SERVER_FILES, ObjectInfo

REPO = "Gourieff/comfyui-reactor-node"
_SRC = "nodes.py"
_DETECTION = ["retinaface_resnet50", "retinaface_mobile0.25", "YOLOv5l", "YOLOv5n"]
_GENDER = (["no", "female", "male"], {"default": "no"})

NODES: dict[str, ObjectInfo] = {
    # nodes.py reactor
    "ReActorFaceSwap": {
        "source": _SRC,
        "display_name": "ReActor 🌌 Fast Face Swap",
        "input": {
            "required": {
                "enabled": ("BOOLEAN", {"default": True, "label_off": "OFF", "label_on": "ON"}),
                "input_image": ("IMAGE",),
                "swap_model": (SERVER_FILES,),
                "facedetection": (_DETECTION,),
                # "none" + models/facerestore_models/*.pth
                "face_restore_model": (SERVER_FILES,),
                "face_restore_visibility": ("FLOAT", {"default": 1, "min": 0.1, "max": 1,
                                                      "step": 0.05}),
                "codeformer_weight": ("FLOAT", {"default": 0.5, "min": 0.0, "max": 1,
                                                "step": 0.05}),
                "detect_gender_input": _GENDER,
                "detect_gender_source": _GENDER,
                "input_faces_index": ("STRING", {"default": "0"}),
                "source_faces_index": ("STRING", {"default": "0"}),
                "console_log_level": ([0, 1, 2], {"default": 1}),
            },
            "optional": {
                "source_image": ("IMAGE",),
                "face_model": ("FACE_MODEL",),
                "face_boost": ("FACE_BOOST",),
            },
        },
    },
    # nodes.py ReActorFaceBoost
    "ReActorFaceBoost": {
        "source": _SRC,
        "display_name": "ReActor 🌌 Face Booster",
        "input": {
            "required": {
                "enabled": ("BOOLEAN", {"default": True, "label_off": "OFF", "label_on": "ON"}),
                "boost_model": (SERVER_FILES,),
                "interpolation": (["Nearest", "Bilinear", "Bicubic", "Lanczos"],
                                  {"default": "Bicubic"}),
                "visibility": ("FLOAT", {"default": 1, "min": 0.1, "max": 1, "step": 0.05}),
                "codeformer_weight": ("FLOAT", {"default": 0.5, "min": 0.0, "max": 1,
                                                "step": 0.05}),
                "restore_with_main_after": ("BOOLEAN", {"default": False}),
            },
        },
    },
    # nodes.py MaskHelper
    "ReActorMaskHelper": {
        "source": _SRC,
        "display_name": "ReActor 🌌 Masking Helper",
        "input": {
            "required": {
                "image": ("IMAGE",),
                "swapped_image": ("IMAGE",),
                # "bbox/<ultralytics_bbox file>" or "segm/<ultralytics_segm file>"
                "bbox_model_name": (SERVER_FILES,),
                "bbox_threshold": ("FLOAT", {"default": 0.5, "min": 0.0, "max": 1.0,
                                             "step": 0.01}),
                "bbox_dilation": ("INT", {"default": 10, "min": -512, "max": 512, "step": 1}),
                "bbox_crop_factor": ("FLOAT", {"default": 3.0, "min": 1.0, "max": 100,
                                               "step": 0.1}),
                "bbox_drop_size": ("INT", {"min": 1, "max": 8192, "step": 1, "default": 10}),
                "sam_model_name": (SERVER_FILES,),
                "sam_dilation": ("INT", {"default": 0, "min": -512, "max": 512, "step": 1}),
                "sam_threshold": ("FLOAT", {"default": 0.93, "min": 0.0, "max": 1.0,
                                            "step": 0.01}),
                "bbox_expansion": ("INT", {"default": 0, "min": 0, "max": 1000, "step": 1}),
                "mask_hint_threshold": ("FLOAT", {"default": 0.7, "min": 0.0, "max": 1.0,
                                                  "step": 0.01}),
                "mask_hint_use_negative": (["False", "Small", "Outter"],),
                "morphology_operation": (["dilate", "erode", "open", "close"],),
                "morphology_distance": ("INT", {"default": 0, "min": 0, "max": 128, "step": 1}),
                "blur_radius": ("INT", {"default": 9, "min": 0, "max": 48, "step": 1}),
                "sigma_factor": ("FLOAT", {"default": 1.0, "min": 0.01, "max": 3.0,
                                           "step": 0.01}),
            },
            "optional": {"mask_optional": ("MASK",)},
        },
    },
    # nodes.py RestoreFace
    "ReActorRestoreFace": {
        "source": _SRC,
        "input": {
            "required": {
                "image": ("IMAGE",),
                "facedetection": (_DETECTION,),
                "model": (SERVER_FILES,),
                "visibility": ("FLOAT", {"default": 1, "min": 0.0, "max": 1, "step": 0.05}),
                "codeformer_weight": ("FLOAT", {"default": 0.5, "min": 0.0, "max": 1,
                                                "step": 0.05}),
            },
        },
    },
    # nodes.py LoadFaceModel
    "ReActorLoadFaceModel": {
        "source": _SRC,
        "input": {"required": {"face_model": (SERVER_FILES,)}},
    },
}
