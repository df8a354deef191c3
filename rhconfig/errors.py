"""The exceptions rhconfig raises for bad input. Each carries one clear line for the user."""

from __future__ import annotations


class RhconfigError(Exception):
    """Base class: ``str(exc)`` is a single line fit to show a user (never holds the API key)."""

    exit_code = 2


class GraphFormatError(RhconfigError):
    """The file is not an API-format ComfyUI graph (UI format, invalid JSON, wrong shape)."""


class ProfileError(RhconfigError):
    """A profile file is missing, unreadable or does not match the profile schema."""


class CatalogError(RhconfigError):
    """A node catalog or object_info dump could not be read."""


class UsageError(RhconfigError):
    """The user asked for something that cannot be done (bad workflow id, missing option...)."""


class AppFormatError(RhconfigError):
    """An AI app's apiCallDemo answer (or a saved copy) is not usable: wrong shape, empty list."""
