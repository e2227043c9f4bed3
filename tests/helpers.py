"""Running the CLI in-process and reading its JSON."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from factcheck.cli import app
from tests.conftest import CLAIMS, SEEDS

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    """Invoke factcheck with the bundled claims and seeds unless the args name others."""
    argv = list(args)
    if "--claims" not in argv:
        argv += ["--claims", str(CLAIMS)]
    if "--sources" not in argv:
        argv += ["--sources", str(SEEDS)]
    return runner.invoke(app, argv, catch_exceptions=False, env=env)


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def only_result(*args: str) -> dict[str, Any]:
    (result,) = run_json("verify", *args)["results"]
    return result


def by_source(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Source entries keyed by the three-digit prefix of the file stem ("000" ... "004")."""
    return {s["source"][:3]: s for s in result["sources"]}
