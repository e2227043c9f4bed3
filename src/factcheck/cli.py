"""The ``factcheck`` command: parse options, call the engine, render. No decisions here."""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from factcheck import __version__
from factcheck.cache import CACHE_FILE, AnalysisCache, clear_cache, default_cache_dir
from factcheck.claims import load_claims
from factcheck.engine import Corpus, Settings
from factcheck.errors import FactcheckError
from factcheck.models import ClaimResult, ClaimSet, Source, Verdict
from factcheck.parts import PARALLEL_FROM, PartedCorpus, open_corpus, worker_count
from factcheck.render import claim_table, claims_table, explain_table, metrics_tables, speaker_table
from factcheck.report import document, lines
from factcheck.resolve import resolve
from factcheck.sources import load_sources

app = typer.Typer(
    help="Cross-check claims against source articles: which sources support each claim, which contradict it, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)

DEFAULT_CLAIMS = Path("claims.yaml")
DEFAULT_SOURCES = Path("seeds")


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"


class ResultFormat(StrEnum):
    """Formats of ``list`` and ``verify``: the others plus Markdown and CSV."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"
    CSV = "csv"


class DocumentFormat(StrEnum):
    """Commands that print one table or one JSON document: eval, sources, lint."""

    TABLE = "table"
    JSON = "json"


class RtlMode(StrEnum):
    LOGICAL = "logical"
    VISUAL = "visual"


class FailOn(StrEnum):
    REFUTED = "refuted"
    CONFLICTING = "conflicting"
    NOT_ENOUGH_INFO = "not_enough_info"


ClaimsOpt = Annotated[Path, typer.Option("--claims", help="Claims file (YAML).", show_default=True)]
SourcesOpt = Annotated[
    Path,
    typer.Option(
        "--sources",
        help="Folder of articles (.txt, .md and .jsonl corpora, searched recursively) or one .jsonl corpus.",
    ),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
ResultFormatOpt = Annotated[
    ResultFormat,
    typer.Option(
        "--format", "-f", help="Output format (csv: RFC 4180, one row per claim in list, per evidence in verify)."
    ),
]
BomOpt = Annotated[bool, typer.Option("--bom", help="CSV: start with a UTF-8 byte order mark (for spreadsheets).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Analyse every article afresh instead of reading the analysis cache.")
]
MinScoreOpt = Annotated[
    float | None,
    typer.Option("--min-score", min=0, max=100, help="Lowest match score (0-100) for a sentence to count as evidence."),
]


class EngineName(StrEnum):
    LOCAL = "local"
    DASK = "dask"


JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help=f"Worker processes for the local engine; 0: one per core when there are {PARALLEL_FROM}+ sources.",
    ),
]
EngineOpt = Annotated[
    EngineName,
    typer.Option("--engine", help="local (this machine) or dask (a Dask cluster, see --scheduler)."),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler", help="Dask scheduler address (tcp://host:8786); none: a local cluster, one worker per core."
    ),
]


@dataclass(frozen=True)
class EngineChoice:
    """Where the corpus is checked: in this process, in worker processes, or on a Dask cluster."""

    engine: EngineName = EngineName.LOCAL
    jobs: int = 1
    scheduler: str | None = None


def _fail(message: str, code: int = 2) -> NoReturn:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"factcheck: error: {message}", markup=False)
    raise typer.Exit(code)


def _corpus(
    sources: list[Source],
    *,
    no_cache: bool,
    claim_set: ClaimSet,
    progress: bool = True,
    engine: EngineChoice = EngineChoice(),
) -> Corpus | PartedCorpus:
    """The corpus, with the analysis cache open for the rest of the run (each write is committed at once).

    Many sources get a progress bar on stderr when it is a terminal (never in a pipe).
    The caller closes a ``PartedCorpus`` (its workers) with ``_closing``.
    """
    cache_dir = None if no_cache else default_cache_dir()
    if engine.engine is EngineName.DASK:
        from factcheck.dask_engine import DaskRunner, DaskUnavailable

        try:
            runner = DaskRunner(engine.scheduler, workers=engine.jobs or None)
        except DaskUnavailable as exc:
            _fail(str(exc))
        return PartedCorpus(
            sources,
            runner,
            parts=runner.workers,
            cache_dir=cache_dir,
            actors=claim_set.actors,
            lexicon=claim_set.lexicon,
        )
    if worker_count(engine.jobs, len(sources)) > 1:
        return open_corpus(
            sources, jobs=engine.jobs, cache_dir=cache_dir, actors=claim_set.actors, lexicon=claim_set.lexicon
        )
    with _progress(len(sources), "sources", enabled=progress, verb="reading") as advance:
        return Corpus(
            sources,
            cache=None if no_cache else AnalysisCache(),
            actors=claim_set.actors,
            lexicon=claim_set.lexicon,
            progress=advance,
        )


@contextmanager
def _closing(corpus: Corpus | PartedCorpus) -> Iterator[Corpus | PartedCorpus]:
    try:
        yield corpus
    finally:
        if isinstance(corpus, PartedCorpus):
            corpus.close()


def _load(
    claims_path: Path,
    sources_dir: Path,
    *,
    claims_required: bool,
    no_cache: bool,
    progress: bool = True,
    engine: EngineChoice = EngineChoice(),
) -> tuple[ClaimSet, Corpus | PartedCorpus]:
    """The claims file and the analysed sources; ``progress`` allows a progress bar (not for JSON or CSV)."""
    if not claims_required and claims_path == DEFAULT_CLAIMS and not claims_path.exists():
        claim_set = ClaimSet(())
    else:
        claim_set = load_claims(claims_path)
    articles = load_sources(sources_dir)
    return claim_set, _corpus(articles, no_cache=no_cache, claim_set=claim_set, progress=progress, engine=engine)


def _emit(
    results: list[ClaimResult],
    fmt: OutputFormat | ResultFormat,
    table: Any,
    explained: dict[str, Any] | None = None,
    *,
    per_evidence: bool = False,
    bom: bool = False,
) -> None:
    """Write the results in ``fmt``; ``per_evidence`` chooses verify's CSV/Markdown shape over list's."""
    if fmt == "json":
        sys.stdout.write(json.dumps(document(results, explained), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for line in lines(results, explained):
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    elif fmt in ("csv", "markdown"):
        from factcheck import tabular

        if fmt == "csv" and per_evidence:
            text = tabular.to_csv(tabular.EVIDENCE_COLUMNS, tabular.evidence_rows(results), bom=bom)
        elif fmt == "csv":
            text = tabular.to_csv(tabular.CLAIM_COLUMNS, tabular.claim_rows(results), bom=bom)
        else:
            text = tabular.verify_markdown(results) if per_evidence else tabular.claims_markdown(results)
        sys.stdout.write(text)
    else:
        console = Console(highlight=False)
        for renderable in table(results):
            console.print(renderable)


def _guard(run: Any) -> None:
    """Bad input → one line on stderr and exit 2; a bug → one line too, with the trace on request."""
    try:
        run()
    except FactcheckError as exc:
        _fail(str(exc))
    except (typer.Exit, typer.Abort, KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:
        if os.environ.get("FACTCHECK_DEBUG"):
            traceback.print_exc()
        _fail(f"internal error: {type(exc).__name__}: {exc} (set FACTCHECK_DEBUG=1 for the trace)", code=70)


@app.command("list")
def list_claims(
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    sources: SourcesOpt = DEFAULT_SOURCES,
    fmt: ResultFormatOpt = ResultFormat.TABLE,
    as_json: JsonOpt = False,
    min_score: MinScoreOpt = None,
    no_cache: NoCacheOpt = False,
    bom: BomOpt = False,
    jobs: JobsOpt = 0,
    engine: EngineOpt = EngineName.LOCAL,
    scheduler: SchedulerOpt = None,
) -> None:
    """Every claim with its verdict and how many sources support or contradict it.

    Example: factcheck list --claims claims.yaml --sources seeds
    """

    def run() -> None:
        table = fmt == "table" and not as_json
        choice = EngineChoice(engine, jobs, scheduler)
        claim_set, corpus = _load(
            claims, sources, claims_required=True, no_cache=no_cache, progress=table, engine=choice
        )
        with _closing(corpus):
            settings = Settings.with_min_score(min_score)
            results = corpus.check_all(claim_set.claims, claim_set.glossary, settings)
        _emit(results, ResultFormat.JSON if as_json else fmt, lambda rs: [claims_table(rs)], bom=bom)

    _guard(run)


@app.command()
def verify(
    claim: Annotated[
        list[str] | None,
        typer.Argument(help="Claim id, words of a claim's text, or any other text to check ad hoc. None: all claims."),
    ] = None,
    claims: ClaimsOpt = DEFAULT_CLAIMS,
    sources: SourcesOpt = DEFAULT_SOURCES,
    fmt: ResultFormatOpt = ResultFormat.TABLE,
    as_json: JsonOpt = False,
    min_score: MinScoreOpt = None,
    top: Annotated[
        int, typer.Option("--top", min=1, help="Evidence sentences per source (a mixed source shows one per voice).")
    ] = 1,
    fail_on: Annotated[
        list[FailOn] | None,
        typer.Option("--fail-on", help="Exit 1 when any checked claim gets this verdict (repeatable)."),
    ] = None,
    no_cache: NoCacheOpt = False,
    by_speaker: Annotated[
        bool,
        typer.Option(
            "--by-speaker", help="One row per speaker group (government, factions, ...) instead of per source."
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="After each claim, how it was read: terms, weights, the Arabic forms searched for."
        ),
    ] = False,
    bom: BomOpt = False,
    rtl: Annotated[
        RtlMode | None,
        typer.Option(
            "--rtl",
            help="Arabic in tables: logical (default; right for pipes and terminals with bidi support) or visual "
            "(shaped and reordered for terminals without it: xterm, iTerm2, kitty, Windows Terminal, tmux). "
            "Also FACTCHECK_RTL. Never applied when output is not a terminal.",
        ),
    ] = None,
    jobs: JobsOpt = 0,
    engine: EngineOpt = EngineName.LOCAL,
    scheduler: SchedulerOpt = None,
) -> None:
    """Per claim, every source's stance with the evidence sentence, the speaker and the reasons.

    Examples: factcheck verify advisers-ain-al-asad · factcheck verify "advisers at Ain al-Asad" ·
    factcheck verify "إجلاء 3000 شحنة" --format json
    """
    outcome: dict[str, list[ClaimResult]] = {}

    def run() -> None:
        table = fmt == "table" and not as_json
        if explain and (engine is EngineName.DASK or jobs > 1):
            _fail("--explain reads the whole index in this process: use it with the local engine and --jobs 1")
        # --explain needs the index here, so it keeps the corpus in this process.
        choice = EngineChoice(engine, 1 if explain else jobs, scheduler)
        claim_set, corpus = _load(
            claims, sources, claims_required=not claim, no_cache=no_cache, progress=table, engine=choice
        )
        with _closing(corpus):
            chosen = resolve(claim or [], claim_set)
            settings = Settings.with_min_score(min_score, top=top)
            results = corpus.check_all(chosen, claim_set.glossary, settings)
        outcome["results"] = results
        for r in results:
            # Only a claim no source says anything about can be unreadable; the others need no check.
            if not r.evidence and corpus.unreadable(r.claim, claim_set.glossary):
                typer.echo(
                    f"factcheck: notice: no word of '{r.claim.text}' is known to the Arabic or English lexicons "
                    "(claims are read in Arabic or English; add `match` phrasings in Arabic or glossary entries)",
                    err=True,
                )
        visual = (rtl or os.environ.get("FACTCHECK_RTL", "logical")) == "visual" and sys.stdout.isatty()
        width = Console().width
        draw = (
            (lambda r: speaker_table(r, top)) if by_speaker else (lambda r: claim_table(r, width=width, visual=visual))
        )
        explained = {}
        if explain and isinstance(corpus, Corpus):
            explained = {r.claim.id: corpus.explain(r.claim, claim_set.glossary, r) for r in results}

        def tables(rs: list[ClaimResult]) -> list[Any]:
            out: list[Any] = []
            for r in rs:
                out.append(draw(r))
                if r.claim.id in explained:
                    out.append(explain_table(r.claim.id, explained[r.claim.id]))
            return out

        _emit(results, ResultFormat.JSON if as_json else fmt, tables, explained, per_evidence=True, bom=bom)

    _guard(run)
    failing = {Verdict(f.value) for f in fail_on or []}
    if any(r.verdict in failing for r in outcome.get("results", [])):
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file: a claim set with 'expect' (YAML) or stance pairs (JSONL).")],
    sources: SourcesOpt = DEFAULT_SOURCES,
    fmt: Annotated[DocumentFormat, typer.Option("--format", "-f", help="Output format.")] = DocumentFormat.TABLE,
    predictions: Annotated[
        Path | None, typer.Option("--predictions", help="Write one JSON line per scored cell or pair to this file.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N claims or pairs.")] = None,
    min_score: MinScoreOpt = None,
    fail_under: Annotated[
        float | None,
        typer.Option("--fail-under", min=0, max=1, help="Exit 1 when macro-F1 is below this (a regression floor)."),
    ] = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Score the engine against labelled data.

    Examples: factcheck eval tests/gold/seeds.yaml ·
    factcheck eval ../shared/bench/ans/dev.jsonl --predictions ans-dev.jsonl
    """
    from factcheck import evaluate as ev  # only this command needs it

    outcome: dict[str, float] = {}

    def run() -> None:
        settings = Settings.with_min_score(min_score, top=ev.FEVER_TOP)
        if ev.is_pairs_file(gold):
            pairs = ev.load_pairs(gold)[:limit]
            with _progress(len(pairs), "pairs", enabled=fmt is DocumentFormat.TABLE) as tick:
                report = ev.evaluate_pairs(pairs, settings, tick)
            rows = [vars(r) for r in report.rows]
            figures = report.as_dict()
            outcome["macro_f1"] = figures["macro_f1_3"]
        else:
            articles = load_sources(sources)
            claim_set, items = ev.load_gold(gold, [s.id for s in articles])
            corpus = _corpus(articles, no_cache=no_cache, claim_set=claim_set)
            items = items[:limit]
            with _progress(len(items), "claims", enabled=fmt is DocumentFormat.TABLE) as tick:
                report = ev.evaluate_claim_set(items, corpus, claim_set.glossary, settings, tick)
            rows = [vars(r) for r in report.rows]
            figures = report.as_dict()
            outcome["macro_f1"] = figures["macro_f1"]
        if predictions is not None:
            try:
                with predictions.open("w", encoding="utf-8") as out:
                    for row in rows:
                        out.write(json.dumps(row, ensure_ascii=False) + "\n")
            except OSError as exc:
                raise FactcheckError(f"cannot write predictions: {exc.strerror or exc}", path=predictions) from None
        if fmt is DocumentFormat.JSON:
            sys.stdout.write(json.dumps({"version": 1, "gold": str(gold), **figures}, ensure_ascii=False, indent=2))
            sys.stdout.write("\n")
        else:
            console = Console(highlight=False)
            for table in metrics_tables(figures):
                console.print(table)

    _guard(run)
    if fail_under is not None and outcome.get("macro_f1", 0.0) < fail_under:
        Console(stderr=True, highlight=False).print(
            f"factcheck: macro-F1 {outcome['macro_f1']:.4f} is below the floor {fail_under:.4f}", markup=False
        )
        raise typer.Exit(1)


@contextmanager
def _progress(total: int, what: str, *, enabled: bool, verb: str = "checking") -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for long runs, only when stderr is a terminal."""
    err = Console(stderr=True)
    if not enabled or not err.is_terminal or total < 50:
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task(f"{verb} {what}", total=total)
        yield lambda: bar.advance(task)


cache_app = typer.Typer(help="The cache of analysed articles.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete the cached analyses (they are rebuilt on the next run).

    Example: factcheck cache clear
    """
    removed = clear_cache()
    typer.echo(f"removed {default_cache_dir() / CACHE_FILE}" if removed else "the cache was already empty")


@cache_app.command("path")
def cache_path() -> None:
    """Print where the cache lives (FACTCHECK_CACHE_DIR overrides it).

    Example: factcheck cache path
    """
    typer.echo(str(default_cache_dir() / CACHE_FILE))


# Commands defined in their own modules (they import what they share from here).
from factcheck.cli_browse import register as _register_browse  # noqa: E402
from factcheck.cli_report import register as _register_report  # noqa: E402

_register_report(app)
_register_browse(app)


def run() -> NoReturn:
    """The console entry point: run the command, flush the output, and leave at once.

    Every file the command writes is closed by then (the cache connection too),
    so the interpreter's teardown, freeing each of the many small objects a run
    creates one by one, only costs time (about 40 ms of a 0.4 s run); the
    operating system reclaims the memory in one go.
    """
    code: int = 0
    try:
        app(prog_name="factcheck")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BrokenPipeError:
        code = 0  # the reader (head, less) stopped early: not an error of ours
    for stream in (sys.stdout, sys.stderr):
        with suppress(BrokenPipeError, OSError):
            stream.flush()
    os._exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Cross-check claims against source articles."""
