"""Fannovel16/comfyui_controlnet_aux (node_wrappers/*.py).

Every preprocessor takes ``image`` and, optional, its own settings plus ``resolution``
(utils.create_node_input_types / define_preprocessor_inputs).
"""

from __future__ import annotations

from .common import MAX_RESOLUTION, ObjectInfo

REPO = "Fannovel16/comfyui_controlnet_aux"

_RESOLUTION = ("INT", {"default": 512, "min": 64, "max": MAX_RESOLUTION, "step": 64})
_ENABLE = (["enable", "disable"], {"default": "enable"})
_TWO_PI = 6.283185307179586  # np.pi * 2.0


def _preprocessor(**extra: object) -> ObjectInfo:
    return {"required": {"image": ("IMAGE",)}, "optional": {**extra, "resolution": _RESOLUTION}}


NODES: dict[str, ObjectInfo] = {
    # node_wrappers/canny.py Canny_Edge_Preprocessor
    "CannyEdgePreprocessor": {
        "source": "node_wrappers/canny.py",
        "display_name": "Canny Edge",
        "input": _preprocessor(
            low_threshold=("INT", {"default": 100, "min": 0, "max": 255, "step": 1}),
            high_threshold=("INT", {"default": 200, "min": 0, "max": 255, "step": 1}),
        ),
    },
    # node_wrappers/hed.py HED_Preprocessor
    "HEDPreprocessor": {
        "source": "node_wrappers/hed.py",
        "display_name": "HED Soft-Edge Lines",
        "input": _preprocessor(safe=_ENABLE),
    },
    # node_wrappers/hed.py Fake_Scribble_Preprocessor
    "FakeScribblePreprocessor": {
        "source": "node_wrappers/hed.py",
        "input": _preprocessor(safe=_ENABLE),
    },
    # node_wrappers/midas.py MIDAS_Depth_Map_Preprocessor
    "MiDaS-DepthMapPreprocessor": {
        "source": "node_wrappers/midas.py",
        "display_name": "MiDaS Depth Map",
        "input": _preprocessor(
            a=("FLOAT", {"default": _TWO_PI, "min": 0.0, "max": 15.707963267948966,
                         "step": 0.05}),
            bg_threshold=("FLOAT", {"default": 0.1, "min": 0, "max": 1, "step": 0.05}),
        ),
    },
    # node_wrappers/lineart.py LineArt_Preprocessor
    "LineArtPreprocessor": {
        "source": "node_wrappers/lineart.py",
        "display_name": "Realistic Lineart",
        "input": _preprocessor(coarse=(["disable", "enable"], {"default": "disable"})),
    },
    # node_wrappers/openpose.py OpenPose_Preprocessor
    "OpenposePreprocessor": {
        "source": "node_wrappers/openpose.py",
        "display_name": "OpenPose Pose Recognition",
        "input": _preprocessor(detect_hand=_ENABLE, detect_body=_ENABLE, detect_face=_ENABLE),
    },
    # node_wrappers/dwpose.py DWPose_Preprocessor
    "DWPreprocessor": {
        "source": "node_wrappers/dwpose.py",
        "display_name": "DWPose Estimator",
        "input": _preprocessor(
            detect_hand=(["enable", "disable"],),
            detect_body=(["enable", "disable"],),
            detect_face=(["enable", "disable"],),
            bbox_detector=(["None", "yolox_l.torchscript.pt", "yolox_l.onnx",
                            "yolo_nas_l_fp16.onnx", "yolo_nas_m_fp16.onnx",
                            "yolo_nas_s_fp16.onnx"], {"default": "yolox_l.onnx"}),
            pose_estimator=(["dw-ll_ucoco_384_bs5.torchscript.pt", "dw-ll_ucoco_384.onnx",
                             "dw-ll_ucoco.onnx"],
                            {"default": "dw-ll_ucoco_384_bs5.torchscript.pt"}),
            scale_stick_for_xinsr_cn=(["disable", "enable"],),
        ),
    },
    # node_wrappers/depth_anything_v2.py Depth_Anything_V2_Preprocessor
    "DepthAnythingV2Preprocessor": {
        "source": "node_wrappers/depth_anything_v2.py",
        "display_name": "Depth Anything V2 - Relative",
        "input": _preprocessor(
            ckpt_name=(["depth_anything_v2_vitg.pth", "depth_anything_v2_vitl.pth",
                        "depth_anything_v2_vitb.pth", "depth_anything_v2_vits.pth"],
                       {"default": "depth_anything_v2_vitl.pth"}),
        ),
    },
}
