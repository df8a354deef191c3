"""``rhconfig gen``: a typed Python module per workflow, from its profile.

>>> source = generate(profile)            # plan, then render
>>> plan = plan_module(profile)           # what to emit (frozen, escaped)
>>> source = render_module(plan, "my_templates/")

:mod:`~rhconfig.codegen.plan` decides, :mod:`~rhconfig.codegen.render` lays out with the Jinja
templates in ``rhconfig/templates``, :mod:`~rhconfig.codegen.literals` escapes. Generated modules
call :mod:`rhconfig.runtime`.
"""

from __future__ import annotations

import ast
import os

from rhconfig.codegen.plan import ModulePlan, PlanError, plan_module
from rhconfig.codegen.render import render_module
from rhconfig.profile import Profile

__all__ = [
    "ModulePlan",
    "PlanError",
    "RenderError",
    "generate",
    "module_file_name",
    "plan_module",
    "render_checked",
    "render_module",
]


class RenderError(PlanError):
    """The templates failed, or produced text that is not Python."""


def generate(profile: Profile, templates: str | os.PathLike[str] | None = None) -> str:
    """The source of ``profile``'s module (the same profile always gives the same text).

    Raises :class:`PlanError` when the profile has no module, :class:`RenderError` when the
    templates (a user's above all) fail or give text that does not parse.
    """
    return render_checked(plan_module(profile), templates)


def render_checked(plan: ModulePlan, templates: str | os.PathLike[str] | None = None) -> str:
    """:func:`render_module`, with template errors and unparsable output as RenderError."""
    import jinja2

    try:
        source = render_module(plan, templates)
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or getattr(exc, "name", None) or "template"
        line = getattr(exc, "lineno", None)
        at = f"{where}:{line}" if line else str(where)
        message = " ".join(str(exc.message or type(exc).__name__).split())
        raise RenderError(f"templates: {at}: {message}") from None
    try:
        ast.parse(source)
    except SyntaxError as exc:
        raise RenderError(
            f"workflow {plan.workflow_id}: the templates gave invalid Python "
            f"(line {exc.lineno}: {exc.msg})"
        ) from None
    return source


def module_file_name(workflow_id: str, *, app: bool = False) -> str:
    """The file name ``gen --all`` gives a module: ``workflow_<id>.py`` (``app_<id>.py``)."""
    from rhconfig.ids import check_workflow_id

    return f"{'app' if app else 'workflow'}_{check_workflow_id(workflow_id)}.py"
