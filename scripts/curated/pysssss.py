"""pythongosssss/ComfyUI-Custom-Scripts.

ShowText's frontend stores the shown text back into the graph as extra widgets
(``text2``, ``text3``...): they are display state, not inputs.
"""

from __future__ import annotations

from .common import ObjectInfo

REPO = "pythongosssss/ComfyUI-Custom-Scripts"

NODES: dict[str, ObjectInfo] = {
    # py/show_text.py ShowText
    "ShowText|pysssss": {
        "source": "py/show_text.py",
        "display_name": "Show Text 🐍",
        "input": {"required": {"text": ("STRING", {"forceInput": True})}},
        "dynamic_inputs": [{
            "pattern": "^text[0-9]+$",
            "value": "frontend display of the shown text; not an input",
        }],
    },
    # py/string_function.py StringFunction
    "StringFunction|pysssss": {
        "source": "py/string_function.py",
        "display_name": "String Function 🐍",
        "input": {
            "required": {
                "action": (["append", "replace"], {}),
                "tidy_tags": (["yes", "no"], {}),
            },
            "optional": {
                "text_a": ("STRING", {"multiline": True, "dynamicPrompts": False}),
                "text_b": ("STRING", {"multiline": True, "dynamicPrompts": False}),
                "text_c": ("STRING", {"multiline": True, "dynamicPrompts": False}),
            },
        },
    },
    # py/math_expression.py MathExpression
    "MathExpression|pysssss": {
        "source": "py/math_expression.py",
        "display_name": "Math Expression 🐍",
        "input": {
            "required": {"expression": ("STRING", {"multiline": True, "dynamicPrompts": False})},
            "optional": {
                "a": ("FLOAT", {"forceInput": True}),
                "b": ("FLOAT", {"forceInput": True}),
                "c": ("FLOAT", {"forceInput": True}),
            },
        },
    },
}
