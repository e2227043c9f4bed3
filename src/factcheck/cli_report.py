"""``factcheck report``: the self-contained HTML report (registered on the main app by cli.py)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""
