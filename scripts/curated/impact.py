"""ltdrdata/ComfyUI-Impact-Pack (+ ltdrdata/ComfyUI-Impact-Subpack for the YOLO provider).

Notes
- Read from the stored ``modules/impact/*.py`` (ltdrdata@544a0b9 for impact_pack.py and the
  class mappings in ``__init__.py``; the newer options ``scheduler_func_opt`` / ``tiled_encode``
  / ``tiled_decode`` and the 512 ``guide_size`` default from the stored silveroxides fork, which
  tracks upstream). Tooltips are left out: the fork adds its own.
- ``scheduler`` on the detailers is ``core.SCHEDULERS``: comfy's schedulers plus Impact's extra
  schedulers (the ``extra_scheduler`` list of ImpactSchedulerAdapter). Newer releases may add more.
- ``BboxDetectorSEGS`` / ``SegmDetectorSEGS`` are the class_type names of ``detectors.py``
  BboxDetectorForEach / SegmDetectorForEach.
- "Select to add LoRA" / "Select to add Wildcard" are helper combos whose first entry is a
  placeholder ("Select the LoRA to add to the text") followed by server files; recorded as
  server-dependent.
"""

from __future__ import annotations

from .common import MAX_RESOLUTION, SEED_MAX, SERVER_FILES, ObjectInfo, samplers, schedulers

REPO = ""  # Impact Pack and Impact Subpack: each class names its repository in "source"

_PACK = "ltdrdata/ComfyUI-Impact-Pack"
_IMPACT = f"{_PACK} modules/impact/impact_pack.py"
_SEGS = f"{_PACK} modules/impact/segs_nodes.py"
_DETECTORS = f"{_PACK} modules/impact/detectors.py"
_PIPE = f"{_PACK} modules/impact/pipe.py"
_LOGICS = f"{_PACK} modules/impact/logics.py"

# impact.core.SCHEDULERS = comfy.samplers.KSampler.SCHEDULERS + these
_IMPACT_EXTRA_SCHEDULERS = [
    "AYS SDXL", "AYS SD1", "AYS SVD", "GITS[coeff=1.2]", "LTXV[default]", "OSS FLUX", "OSS Wan",
]
_SAM_HINTS = ["center-1", "horizontal-2", "vertical-2", "rect-4", "diamond-4", "mask-area",
              "mask-points", "mask-point-bbox", "none"]


def _on_off(default: bool) -> tuple[str, dict[str, bool]]:
    # BOOLEAN with label_on/label_off ("enabled"/"disabled") widgets
    return ("BOOLEAN", {"default": default})


def _sampling(denoise_default: float = 0.5) -> ObjectInfo:
    """guide_size ... denoise, shared by the detailers (in INPUT_TYPES order)."""
    return {
        "guide_size": ("FLOAT", {"default": 512, "min": 64, "max": MAX_RESOLUTION, "step": 8}),
        # label_on "bbox", label_off "crop_region"
        "guide_size_for": ("BOOLEAN", {"default": True}),
        "max_size": ("FLOAT", {"default": 1024, "min": 64, "max": MAX_RESOLUTION, "step": 8}),
        "seed": ("INT", {"default": 0, "min": 0, "max": SEED_MAX}),
        "steps": ("INT", {"default": 20, "min": 1, "max": 10000}),
        "cfg": ("FLOAT", {"default": 8.0, "min": 0.0, "max": 100.0}),
        "sampler_name": (samplers(),),
        "scheduler": (schedulers() + _IMPACT_EXTRA_SCHEDULERS,),
    }


_DENOISE = ("FLOAT", {"default": 0.5, "min": 0.0001, "max": 1.0, "step": 0.01})
_FEATHER = ("INT", {"default": 5, "min": 0, "max": 100, "step": 1})
_WILDCARD = ("STRING", {"multiline": True, "dynamicPrompts": False})
_CYCLE = ("INT", {"default": 1, "min": 1, "max": 10, "step": 1})
_NOISE_MASK_FEATHER = ("INT", {"default": 20, "min": 0, "max": 100, "step": 1})
_DROP_SIZE = ("INT", {"min": 1, "max": MAX_RESOLUTION, "step": 1, "default": 10})

_FACE_DETECTION: ObjectInfo = {
    "bbox_threshold": ("FLOAT", {"default": 0.5, "min": 0.0, "max": 1.0, "step": 0.01}),
    "bbox_dilation": ("INT", {"default": 10, "min": -512, "max": 512, "step": 1}),
    "bbox_crop_factor": ("FLOAT", {"default": 3.0, "min": 1.0, "max": 10, "step": 0.1}),
    "sam_detection_hint": (_SAM_HINTS,),
    "sam_dilation": ("INT", {"default": 0, "min": -512, "max": 512, "step": 1}),
    "sam_threshold": ("FLOAT", {"default": 0.93, "min": 0.0, "max": 1.0, "step": 0.01}),
    "sam_bbox_expansion": ("INT", {"default": 0, "min": 0, "max": 1000, "step": 1}),
    "sam_mask_hint_threshold": ("FLOAT", {"default": 0.7, "min": 0.0, "max": 1.0, "step": 0.01}),
    "sam_mask_hint_use_negative": (["False", "Small", "Outter"],),
    "drop_size": _DROP_SIZE,
}
_DETAIL_OPTIONAL: ObjectInfo = {
    "inpaint_model": _on_off(False),
    "noise_mask_feather": _NOISE_MASK_FEATHER,
    "scheduler_func_opt": ("SCHEDULER_FUNC",),
    "tiled_encode": _on_off(False),
    "tiled_decode": _on_off(False),
}
_DETECT_SEGS: ObjectInfo = {
    "threshold": ("FLOAT", {"default": 0.5, "min": 0.0, "max": 1.0, "step": 0.01}),
    "dilation": ("INT", {"default": 10, "min": -512, "max": 512, "step": 1}),
    "crop_factor": ("FLOAT", {"default": 3.0, "min": 1.0, "max": 100, "step": 0.1}),
    "drop_size": _DROP_SIZE,
    "labels": ("STRING", {"multiline": True, "default": "all"}),
}
_WILDCARD_MODES = ["populate", "fixed", "reproduce"]

NODES: dict[str, ObjectInfo] = {
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py FaceDetailer
    "FaceDetailer": {
        "source": _IMPACT,
        "input": {
            "required": {
                "image": ("IMAGE",),
                "model": ("MODEL",),
                "clip": ("CLIP",),
                "vae": ("VAE",),
                **_sampling(),
                "positive": ("CONDITIONING",),
                "negative": ("CONDITIONING",),
                "denoise": _DENOISE,
                "feather": _FEATHER,
                "noise_mask": _on_off(True),
                "force_inpaint": _on_off(True),
                **_FACE_DETECTION,
                "bbox_detector": ("BBOX_DETECTOR",),
                "wildcard": _WILDCARD,
                "cycle": _CYCLE,
            },
            "optional": {
                "sam_model_opt": ("SAM_MODEL",),
                "segm_detector_opt": ("SEGM_DETECTOR",),
                "detailer_hook": ("DETAILER_HOOK",),
                **_DETAIL_OPTIONAL,
            },
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py FaceDetailerPipe
    "FaceDetailerPipe": {
        "source": _IMPACT,
        "display_name": "FaceDetailer (pipe)",
        "input": {
            "required": {
                "image": ("IMAGE",),
                "detailer_pipe": ("DETAILER_PIPE",),
                **_sampling(),
                "denoise": _DENOISE,
                "feather": _FEATHER,
                "noise_mask": _on_off(True),
                "force_inpaint": _on_off(True),
                **_FACE_DETECTION,
                "refiner_ratio": ("FLOAT", {"default": 0.2, "min": 0.0, "max": 1.0}),
                "cycle": _CYCLE,
            },
            "optional": dict(_DETAIL_OPTIONAL),
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py DetailerForEach
    "DetailerForEach": {
        "source": _IMPACT,
        "display_name": "Detailer (SEGS)",
        "input": {
            "required": {
                "image": ("IMAGE",),
                "segs": ("SEGS",),
                "model": ("MODEL",),
                "clip": ("CLIP",),
                "vae": ("VAE",),
                **_sampling(),
                "positive": ("CONDITIONING",),
                "negative": ("CONDITIONING",),
                "denoise": _DENOISE,
                "feather": _FEATHER,
                "noise_mask": _on_off(True),
                "force_inpaint": _on_off(True),
                "wildcard": _WILDCARD,
                "cycle": _CYCLE,
            },
            "optional": {"detailer_hook": ("DETAILER_HOOK",), **_DETAIL_OPTIONAL},
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py DetailerForEachPipe
    "DetailerForEachPipe": {
        "source": _IMPACT,
        "display_name": "Detailer (SEGS/pipe)",
        "input": {
            "required": {
                "image": ("IMAGE",),
                "segs": ("SEGS",),
                **_sampling(),
                "denoise": _DENOISE,
                "feather": _FEATHER,
                "noise_mask": _on_off(True),
                "force_inpaint": _on_off(True),
                "basic_pipe": ("BASIC_PIPE",),
                "wildcard": _WILDCARD,
                "refiner_ratio": ("FLOAT", {"default": 0.2, "min": 0.0, "max": 1.0}),
                "cycle": _CYCLE,
            },
            "optional": {
                "detailer_hook": ("DETAILER_HOOK",),
                "refiner_basic_pipe_opt": ("BASIC_PIPE",),
                **_DETAIL_OPTIONAL,
            },
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/segs_nodes.py SEGSDetailer
    "SEGSDetailer": {
        "source": _SEGS,
        "input": {
            "required": {
                "image": ("IMAGE",),
                "segs": ("SEGS",),
                **_sampling(),
                # SEGSDetailer keeps the older 768 max_size default
                "max_size": ("FLOAT", {"default": 768, "min": 64, "max": MAX_RESOLUTION,
                                       "step": 8}),
                "denoise": _DENOISE,
                "noise_mask": _on_off(True),
                "force_inpaint": _on_off(True),
                "basic_pipe": ("BASIC_PIPE",),
                "refiner_ratio": ("FLOAT", {"default": 0.2, "min": 0.0, "max": 1.0}),
                "batch_size": ("INT", {"default": 1, "min": 1, "max": 100}),
                "cycle": _CYCLE,
            },
            "optional": {
                "refiner_basic_pipe_opt": ("BASIC_PIPE",),
                "inpaint_model": _on_off(False),
                "noise_mask_feather": _NOISE_MASK_FEATHER,
                "scheduler_func_opt": ("SCHEDULER_FUNC",),
            },
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/segs_nodes.py SEGSPaste
    "SEGSPaste": {
        "source": _SEGS,
        "input": {
            "required": {
                "image": ("IMAGE",),
                "segs": ("SEGS",),
                "feather": _FEATHER,
                "alpha": ("INT", {"default": 255, "min": 0, "max": 255, "step": 1}),
            },
            "optional": {"ref_image_opt": ("IMAGE",)},
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py SAMLoader
    "SAMLoader": {
        "source": _IMPACT,
        "input": {
            "required": {
                "model_name": (SERVER_FILES,),  # models/sams (no 'hq'), plus 'ESAM' if installed
                "device_mode": (["AUTO", "Prefer GPU", "CPU"],),
            },
        },
    },
    # ltdrdata/ComfyUI-Impact-Subpack modules/subpack_nodes.py UltralyticsDetectorProvider
    "UltralyticsDetectorProvider": {
        "source": "ltdrdata/ComfyUI-Impact-Subpack modules/subpack_nodes.py",
        # "bbox/<file>" and "segm/<file>" from models/ultralytics/{bbox,segm}
        "input": {"required": {"model_name": (SERVER_FILES,)}},
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/detectors.py BboxDetectorForEach
    "BboxDetectorSEGS": {
        "source": _DETECTORS,
        "display_name": "BBOX Detector (SEGS)",
        "input": {
            "required": {"bbox_detector": ("BBOX_DETECTOR",), "image": ("IMAGE",),
                         **_DETECT_SEGS},
            "optional": {"detailer_hook": ("DETAILER_HOOK",)},
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/detectors.py SegmDetectorForEach
    "SegmDetectorSEGS": {
        "source": _DETECTORS,
        "display_name": "SEGM Detector (SEGS)",
        "input": {
            "required": {"segm_detector": ("SEGM_DETECTOR",), "image": ("IMAGE",),
                         **_DETECT_SEGS},
            "optional": {"detailer_hook": ("DETAILER_HOOK",)},
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/detectors.py SAMDetectorCombined
    "SAMDetectorCombined": {
        "source": _DETECTORS,
        "display_name": "SAMDetector (combined)",
        "input": {
            "required": {
                "sam_model": ("SAM_MODEL",),
                "segs": ("SEGS",),
                "image": ("IMAGE",),
                "detection_hint": (_SAM_HINTS,),
                "dilation": ("INT", {"default": 0, "min": -512, "max": 512, "step": 1}),
                "threshold": ("FLOAT", {"default": 0.93, "min": 0.0, "max": 1.0, "step": 0.01}),
                "bbox_expansion": ("INT", {"default": 0, "min": 0, "max": 1000, "step": 1}),
                "mask_hint_threshold": ("FLOAT", {"default": 0.7, "min": 0.0, "max": 1.0,
                                                  "step": 0.01}),
                "mask_hint_use_negative": (["False", "Small", "Outter"],),
            },
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py ImpactWildcardProcessor
    "ImpactWildcardProcessor": {
        "source": _IMPACT,
        "input": {
            "required": {
                "wildcard_text": _WILDCARD,
                "populated_text": _WILDCARD,
                "mode": (_WILDCARD_MODES, {"default": "populate"}),
                "seed": ("INT", {"default": 0, "min": 0, "max": SEED_MAX}),
                "Select to add Wildcard": (SERVER_FILES,),
            },
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/impact_pack.py ImpactWildcardEncode
    "ImpactWildcardEncode": {
        "source": _IMPACT,
        "input": {
            "required": {
                "model": ("MODEL",),
                "clip": ("CLIP",),
                "wildcard_text": _WILDCARD,
                "populated_text": _WILDCARD,
                "mode": (_WILDCARD_MODES,),
                "Select to add LoRA": (SERVER_FILES,),
                "Select to add Wildcard": (SERVER_FILES,),
                "seed": ("INT", {"default": 0, "min": 0, "max": SEED_MAX}),
            },
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/pipe.py ToBasicPipe
    "ToBasicPipe": {
        "source": _PIPE,
        "input": {
            "required": {
                "model": ("MODEL",),
                "clip": ("CLIP",),
                "vae": ("VAE",),
                "positive": ("CONDITIONING",),
                "negative": ("CONDITIONING",),
            },
        },
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/pipe.py FromBasicPipe
    "FromBasicPipe": {"source": _PIPE, "input": {"required": {"basic_pipe": ("BASIC_PIPE",)}}},
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/logics.py ImpactInt (max sys.maxsize)
    "ImpactInt": {
        "source": _LOGICS,
        "input": {"required": {"value": ("INT", {"default": 0, "min": 0, "max": 2**63 - 1,
                                                 "step": 1})}},
    },
    # ltdrdata/ComfyUI-Impact-Pack modules/impact/logics.py ImpactFloat
    "ImpactFloat": {
        "source": _LOGICS,
        "input": {"required": {"value": ("FLOAT", {"default": 1.0, "min": -3.402823466e38,
                                                   "max": 3.402823466e38})}},
    },
}
