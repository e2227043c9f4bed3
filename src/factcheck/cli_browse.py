"""``factcheck sources``, ``show`` and ``lint``: browsing the sources and checking a claims file."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from factcheck.cli import (
    DEFAULT_CLAIMS,
    DEFAULT_SOURCES,
    ClaimsOpt,
    DocumentFormat,
    JsonOpt,
    NoCacheOpt,
    Settings,
    SourcesOpt,
    _guard,
    _load,
)
from factcheck.errors import FactcheckError

if TYPE_CHECKING:
    from factcheck.engine import Corpus
    from factcheck.models import ClaimResult, Sentence, Source


BrowseFormatOpt = Annotated[DocumentFormat, typer.Option("--format", "-f", help="Output format.")]
SCHEMA_VERSION = 1


def source_rows(corpus: Corpus, results: list[ClaimResult]) -> list[dict[str, Any]]:
    """Per source: metadata, unit counts and how many claims it supports / contradicts (mixed: both)."""
    from factcheck.models import SourceStance

    rows = []
    for source in corpus.sources:
        units = corpus.units[source.id]
        stances = [s.stance for r in results for s in r.sources if s.source.id == source.id]
        m = source.meta
        rows.append(
            {
                "id": source.id,
                "label": source.label,
                "outlet": m.outlet,
                "date": m.date,
                "headline": m.headline,
                "url": m.url,
                "units": len(units),
                "sentences": sum(1 for u in units if u.kind.is_evidence),
                "supports": sum(1 for s in stances if s in (SourceStance.SUPPORTS, SourceStance.MIXED)),
                "contradicts": sum(1 for s in stances if s in (SourceStance.CONTRADICTS, SourceStance.MIXED)),
                "mixed": sum(1 for s in stances if s is SourceStance.MIXED),
            }
        )
    return rows


def _sources_table(rows: list[dict[str, Any]], claims: int) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Sources", caption=f"{claims} claims checked; a mixed source counts on both sides")
    table.add_column("source", style="cyan", no_wrap=True)
    table.add_column("sentences", justify="right", no_wrap=True)
    table.add_column("support", justify="right", no_wrap=True)
    table.add_column("contra", justify="right", no_wrap=True)
    table.add_column("outlet · date · headline", ratio=1)
    for row in rows:
        about = Text(" · ".join([row["outlet"] or "—", *([row["date"]] if row["date"] else [])]), style="bold")
        if row["headline"]:
            about.append("\n" + row["headline"])  # Text, not markup: a headline may hold [brackets]
        table.add_row(Text(row["id"]), str(row["sentences"]), str(row["supports"]), str(row["contradicts"]), about)
    return table


_UNIT_RE = re.compile(r"(.+):#?([+-]?\d+)")


def pick_source(arg: str, found: list[Source], folder: Path) -> tuple[Source, int | None]:
    """``SOURCE`` or ``SOURCE:N``: a source id or a unique prefix of one, and the unit wanted, if any."""
    by_id = {s.id: s for s in found}
    if arg in by_id:
        return by_id[arg], None
    name, unit = arg, None
    if (m := _UNIT_RE.fullmatch(arg)) is not None:
        name, unit = m[1], int(m[2])
    elif ":" in arg:
        raise FactcheckError(f"'{arg}': expected SOURCE or SOURCE:N, N a unit number (#N in verify)", path=folder)
    if name in by_id:
        return by_id[name], unit
    matches = [s for s in found if name and s.id.startswith(name)]
    if len(matches) == 1:
        return matches[0], unit
    if matches:
        raise FactcheckError(f"source prefix '{name}' is ambiguous: {', '.join(s.id for s in matches)}", path=folder)
    raise FactcheckError(f"unknown source '{name}' (sources: {', '.join(s.id for s in found)})", path=folder)


def unit_line(unit: Sentence, width: int, mark: str = "") -> str:
    """``#12 body  [speaker: ... · iraqi government]  text``: one unit, one line, text as written."""
    head = f"#{unit.index}".ljust(width + 1)
    who = ""
    if unit.speaker:
        group = f" · {unit.speaker_group.replace('_', ' ')}" if unit.speaker_group else ""
        who = f"  [speaker: {unit.speaker}{group}]"
    return f"{mark}{head} {unit.kind.value}{who}  {unit.text}"


def register(app: typer.Typer) -> None:
    """Add the ``sources``, ``show`` and ``lint`` commands to ``app``."""

    @app.command("sources")
    def sources_command(
        claims: ClaimsOpt = DEFAULT_CLAIMS,
        sources: SourcesOpt = DEFAULT_SOURCES,
        fmt: BrowseFormatOpt = DocumentFormat.TABLE,
        as_json: JsonOpt = False,
        no_cache: NoCacheOpt = False,
    ) -> None:
        """Every source: outlet, date, headline, sentences, and how many claims it supports and contradicts.

        Example: factcheck sources --claims claims.yaml --sources seeds --format json
        """

        def run() -> None:
            claim_set, corpus = _load(claims, sources, claims_required=False, no_cache=no_cache)
            results = corpus.check_all(claim_set.claims, claim_set.glossary, Settings())
            rows = source_rows(corpus, results)
            if as_json or fmt is DocumentFormat.JSON:
                doc = {"version": SCHEMA_VERSION, "sources": rows}
                sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
            else:
                from rich.console import Console

                Console(highlight=False).print(_sources_table(rows, len(claim_set.claims)))

        _guard(run)

    @app.command("show")
    def show_command(
        source: Annotated[
            str,
            typer.Argument(
                metavar="SOURCE[:N]",
                help="Source id or a unique prefix of one (002); with :N, unit #N and its neighbours.",
            ),
        ],
        sources: SourcesOpt = DEFAULT_SOURCES,
        context: Annotated[int, typer.Option("--context", "-C", min=0, help="Units shown on each side of unit N.")] = 2,
        claims: Annotated[
            Path,
            typer.Option(
                "--claims", help="Claims file whose 'actors:' name more speakers (optional when it is the default)."
            ),
        ] = DEFAULT_CLAIMS,
        no_cache: NoCacheOpt = False,
    ) -> None:
        """An article's units (headline, body sentences, captions ...) numbered as verify's #N, with speakers.

        Examples: factcheck show 002 · factcheck show 002:9 --context 1
        """

        def run() -> None:
            from factcheck.cache import AnalysisCache
            from factcheck.claims import load_claims
            from factcheck.engine import Corpus
            from factcheck.models import ClaimSet
            from factcheck.sources import load_sources

            found = load_sources(sources)
            chosen, unit = pick_source(source, found, sources)
            optional = claims == DEFAULT_CLAIMS and not claims.exists()
            claim_set = ClaimSet(()) if optional else load_claims(claims)
            # Units are numbered within their article, so analysing this one alone gives verify's numbers.
            corpus = Corpus(
                [chosen],
                cache=None if no_cache else AnalysisCache(),
                actors=claim_set.actors,
                lexicon=claim_set.lexicon,
            )
            units = corpus.units[chosen.id]
            if unit is not None and not 0 <= unit < len(units):
                have = f"units #0-#{len(units) - 1}" if units else "no units"
                raise FactcheckError(f"unit #{unit} is out of range (the article has {have})", path=chosen.path)
            header = [chosen.id]
            if chosen.label != chosen.id:
                header.append(chosen.label)
            header.append(f"{len(units)} units")
            typer.echo(" · ".join(header))
            width = len(str(len(units) - 1)) if units else 1
            if unit is None:
                for u in units:
                    typer.echo(unit_line(u, width))
                return
            for u in units[max(0, unit - context) : unit + context + 1]:
                typer.echo(unit_line(u, width, "> " if u.index == unit else "  "))

        _guard(run)

    @app.command("lint")
    def lint_command(
        claims: ClaimsOpt = DEFAULT_CLAIMS,
        sources: SourcesOpt = DEFAULT_SOURCES,
        fmt: BrowseFormatOpt = DocumentFormat.TABLE,
        as_json: JsonOpt = False,
        no_cache: NoCacheOpt = False,
    ) -> None:
        """Check a claims file: schema errors, and claims, phrasings or glossary entries that find nothing.

        Schema errors exit 1; warnings alone exit 0.

        Warnings: claims no source mentions, match phrasings that find nothing, near-duplicates, unused glossary.

        Example: factcheck lint --claims claims.yaml --sources seeds
        """
        from factcheck import lint as checks  # only this command needs it

        outcome: dict[str, int] = {}

        def run() -> None:
            claim_set, lines, findings = checks.load(claims)
            extra = ""
            if claim_set is not None:
                _, corpus = _load(claims, sources, claims_required=True, no_cache=no_cache)
                findings = checks.lint(claim_set, lines, corpus)
                extra = f" ({len(claim_set.claims)} claims, {len(corpus.sources)} sources)"
            if as_json or fmt is DocumentFormat.JSON:
                sys.stdout.write(json.dumps(checks.document(findings, claims), ensure_ascii=False, indent=2) + "\n")
            else:
                for finding in findings:
                    typer.echo(checks.format_finding(finding, claims))
                typer.echo(checks.summary(findings, claims, extra))
            outcome["code"] = checks.exit_code(findings)

        _guard(run)
        if outcome.get("code"):
            raise typer.Exit(outcome["code"])
