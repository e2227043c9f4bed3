"""``factcheck report``: the self-contained HTML report (registered on the main app by cli.py)."""

# No ``from __future__ import annotations``: the command's option types are imported inside register()
# (factcheck.cli imports this module at its end), so its annotations must be evaluated where it is defined.

from pathlib import Path
from typing import Annotated

import typer

from factcheck.errors import FactcheckError

DEFAULT_OUTPUT = Path("report.html")
DEFAULT_TOP = 3


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(output: Path, claims: Path, sources: Path) -> None:
    """Refuse an output that is a folder or that would overwrite the claims file or write into the sources."""
    try:
        target = output.resolve()
        if target.is_dir():
            raise FactcheckError("is a folder; give a file name for the report (e.g. report.html)", path=output)
        if target == claims.resolve():
            raise FactcheckError("is the claims file; the report would overwrite it", path=output)
        if _inside(target, sources.resolve()):
            raise FactcheckError("is inside the sources folder; write the report somewhere else", path=output)
        if not target.parent.is_dir():
            raise FactcheckError(f"cannot write the report: no folder {output.parent}", path=output)
    except OSError as exc:  # a name too long, a loop of links, ...
        raise FactcheckError(f"cannot write the report: {exc.strerror or exc}", path=output) from None


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""
    from factcheck.cli import (
        DEFAULT_CLAIMS,
        DEFAULT_SOURCES,
        ClaimsOpt,
        MinScoreOpt,
        NoCacheOpt,
        SourcesOpt,
        _guard,
        _load,
    )

    @app.command("report")
    def report(
        claims: ClaimsOpt = DEFAULT_CLAIMS,
        sources: SourcesOpt = DEFAULT_SOURCES,
        output: Annotated[
            Path, typer.Option("--output", "-o", help="The HTML file to write (replaced if it exists).")
        ] = DEFAULT_OUTPUT,
        min_score: MinScoreOpt = None,
        top: Annotated[
            int,
            typer.Option("--top", min=1, help="Evidence sentences per source (a mixed source shows both voices)."),
        ] = DEFAULT_TOP,
        no_cache: NoCacheOpt = False,
    ) -> None:
        """Write the claims, verdicts and evidence as one self-contained HTML page (no scripts, works offline).

        A claims × sources matrix, each claim's evidence (matched words, speakers, reasons), each article.

        Example: factcheck report --claims claims.yaml --sources seeds --output report.html
        """

        def run() -> None:
            from factcheck.engine import Settings
            from factcheck.html_report import render_report  # only this command needs it

            check_output(output, claims, sources)
            claim_set, corpus = _load(claims, sources, claims_required=True, no_cache=no_cache)
            settings = Settings.with_min_score(min_score, top=top)
            results = corpus.check_all(claim_set.claims, claim_set.glossary, settings)
            page = render_report(
                results,
                corpus.units,
                corpus.sources,
                title="Fact-check report",
                subtitle=f"claims: {claims} · sources: {sources} · evidence per source: {top}"
                + (f" · min score: {min_score:g}" if min_score is not None else ""),
            )
            try:
                output.write_text(page, encoding="utf-8")
            except OSError as exc:
                raise FactcheckError(f"cannot write the report: {exc.strerror or exc}", path=output) from None
            typer.echo(str(output))

        _guard(run)
