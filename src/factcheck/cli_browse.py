"""``factcheck sources``, ``show`` and ``lint``: browsing the sources and checking a claims file."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the ``sources``, ``show`` and ``lint`` commands to ``app``."""
