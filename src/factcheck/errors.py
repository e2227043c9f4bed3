"""Errors the user can fix, each rendered as one line naming the file and the place."""

from __future__ import annotations

from pathlib import Path


class FactcheckError(Exception):
    """Bad input: a missing or malformed claims file, sources folder or source file."""

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"
