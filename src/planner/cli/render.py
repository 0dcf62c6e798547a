"""`planner` subcommands: (being written)."""

from __future__ import annotations

from .registry import Registry


def register(registry: Registry) -> None:
    """Add this module's subcommands."""
