"""Curated custom-node definitions, one module per pack, in ComfyUI ``/object_info`` form.

Each module has ``REPO`` ("owner/name", or "" when every class names its own repository)
and ``NODES``: ``{class_type: {"input": {"required": ..., "optional": ...},
"display_name": ..., "source": "path in REPO" or "owner/name path", ...}}``.
Optional extra keys per class: ``curated_from`` ("corpus" when the source could not be
checked) and ``dynamic_inputs`` (inputs the frontend adds that INPUT_TYPES does not declare).
"""

PACKS = (
    "vhs",
    "rgthree",
    "supir",
    "reactor",
    "kjnodes",
    "essentials",
    "pysssss",
    "efficiency",
    "controlnet_aux",
    "xlabs",
    "misc_packs",
    "video_misc",
    "samplers_cn",
    "impact",
    "wanvideo",
    "easy_use",
)
