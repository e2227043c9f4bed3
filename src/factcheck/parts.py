"""Checking a corpus split in parts: on all cores of one machine, or on a Dask cluster.

Each part (a run of consecutive sources) is analysed, indexed and checked where
it lives: in a worker process of this machine (``ProcessRunner``) or on a Dask
worker (``factcheck.dask_engine``). It stays there; only claims, counts and
findings travel. Word weights and spelling neighbours are taken over the whole
corpus (``corpus_stats``), so the results are the ones a single in-process
``Corpus`` gives.

A run has three rounds: the parts report their sizes, words and key
frequencies; then their share of the counts the claims need; then, with the
totals, what each of their sources says on each claim.
"""

from __future__ import annotations

import ctypes
import dataclasses
import os
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from factcheck.cache import AnalysisCache, engine_fingerprint
from factcheck.corpus_stats import CorpusStats, PartSummary, add_counts, count_requests
from factcheck.engine import (
    Corpus,
    Settings,
    SourceFinding,
    assemble,
    cached_queries,
    fewer_collections,
    silent_results,
    use_vocabularies,
)
from factcheck.match import CorpusIndex, expanded_words, unseen_weight
from factcheck.models import Claim, ClaimResult, LexiconExtension, Source
from factcheck.query import Glossary, Query, build_query

PARALLEL_FROM = 300  # sources: fewer are checked in-process, where starting workers would cost more than it saves


@dataclasses.dataclass(frozen=True)
class PartSpec:
    """What a worker needs to build its part."""

    sources: tuple[Source, ...]
    first: int  # position of the part's first source in the whole corpus
    cache_dir: Path | None  # None: no analysis cache
    actors: Mapping[str, Sequence[Any]] | None
    lexicon: LexiconExtension


class Part:
    """Some consecutive sources of a corpus, analysed and indexed, answering the three rounds."""

    def __init__(self, spec: PartSpec) -> None:
        cache = AnalysisCache(spec.cache_dir) if spec.cache_dir is not None else None
        self.spec = spec
        self.corpus = Corpus(spec.sources, cache, actors=spec.actors, lexicon=spec.lexicon, keep_units=False)
        if cache is not None:
            cache.close()
            self.corpus.cache = None
        give_back_free_memory()

    def summary(self) -> PartSummary:
        return self.corpus.index.summary()

    def counts(self, queries: Sequence[Query]) -> tuple[dict, dict]:
        return self.corpus.index.local_counts(count_requests(queries))

    def findings(self, queries: Sequence[Query], stats: CorpusStats, settings: Settings) -> list[list[SourceFinding]]:
        """Per query, what this part's sources say, numbered by position in the whole corpus."""
        use_vocabularies(self.spec.lexicon)  # process-wide: another part may have run here before
        self.corpus.index.share(stats)
        first = self.spec.first
        # The cache is open while judging: sentence facts are read from it and written to it as judging goes.
        cache = AnalysisCache(self.spec.cache_dir) if self.spec.cache_dir is not None else None
        self.corpus.cache = cache
        try:
            found = [
                [dataclasses.replace(f, position=f.position + first) for f in claim]
                for claim in self.corpus.findings_many(queries, settings)
            ]
            self.corpus.store_facts(cache)
        finally:
            self.corpus.cache = None
            if cache is not None:
                cache.close()
        give_back_free_memory()  # before the answer is pickled, when a machine's processes are at their largest
        return found


def give_back_free_memory() -> None:
    """Return the C heap's free pages to the system (glibc's ``malloc_trim``; elsewhere nothing).

    Analysing and judging free most of what they build, but glibc keeps freed blocks for
    reuse: after them a worker held some 130 MB more than it used on a 10,000-article part,
    counted against the machine until the run ends. Dask's documentation on worker memory
    recommends the same call.
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library the process runs on
    except (AttributeError, OSError, TypeError):  # not glibc (musl, macOS, Windows)
        return
    trim(0)


class Runner(Protocol):
    """Where the parts live: ``start`` builds them, ``call`` runs one method on every part, in order."""

    def start(self, specs: Sequence[PartSpec]) -> None: ...

    def call(self, method: str, *args: Any) -> list[Any]: ...

    def close(self) -> None: ...


_PART: Part | None = None  # the part a worker process holds


def _open_part(spec: PartSpec) -> None:
    global _PART
    _PART = Part(spec)


def _call_part(method: str, blob: bytes) -> Any:
    """Run ``method`` of this worker's part on the pickled ``blob`` of arguments.

    The arguments (pickled once for all the parts) are unpickled here, with the garbage
    collector held off: that builds many objects, and each collection it set off would
    walk the whole part. The answer (a whole run's findings) goes back as it is: the pool
    pickles it once on the way, where a pickle made here would be a second copy held
    alongside the first.
    """
    if _PART is None:
        raise RuntimeError("this worker holds no part")
    with fewer_collections():
        return getattr(_PART, method)(*pickle.loads(blob))


class ProcessRunner:
    """One worker process per part on this machine; each keeps its part for the whole run."""

    def __init__(self) -> None:
        self._pools: list[Any] = []  # one single-process pool per part

    def start(self, specs: Sequence[PartSpec]) -> None:
        import multiprocessing  # here, not at start-up: most runs are in-process
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        # spawn, not fork: a forked worker would hold (and be charged for) whatever the parent
        # holds when it starts, such as the results of an earlier run; a spawned one gets only its part.
        context = multiprocessing.get_context("spawn")
        self._pools = [ProcessPoolExecutor(1, mp_context=context) for _ in specs]
        # The part goes as a task, not as the pool's initializer argument: a worker that fails to
        # start then breaks its pool (an error here) instead of leaving the sender waiting.
        built = [pool.submit(_open_part, spec) for pool, spec in zip(self._pools, specs, strict=True)]
        try:
            for future in built:
                future.result()  # every part built now, all at once
        except BrokenProcessPool as exc:
            self.close()
            raise RuntimeError(
                "a worker process could not start (a script that checks in worker processes must run its"
                " work under `if __name__ == '__main__':`, as worker processes import it)"
            ) from exc

    def call(self, method: str, *args: Any) -> list[Any]:
        # The collector is held off while the answers are unpickled too (the pool does it in a
        # thread of this process, and the thresholds are the process's).
        with fewer_collections():
            blob = pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)  # once for all the parts
            futures = [pool.submit(_call_part, method, blob) for pool in self._pools]
            del blob
            return [f.result() for f in futures]

    def close(self) -> None:
        for pool in self._pools:
            pool.shutdown(cancel_futures=True)
        self._pools = []


def split(sources: Sequence[Source], parts: int) -> list[tuple[int, list[Source]]]:
    """Consecutive runs of sources with about the same amount of text each, with their first positions."""
    parts = max(1, min(parts, len(sources)))
    total = sum(len(s.text) for s in sources) or 1
    out: list[tuple[int, list[Source]]] = [(0, [])]
    done = 0
    for position, source in enumerate(sources):
        if out[-1][1] and done >= total * len(out) / parts and len(out) < parts:
            out.append((position, []))
        out[-1][1].append(source)
        done += len(source.text)
    return out


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class PartedCorpus:
    """A corpus checked in parts by a ``Runner``; same results as ``Corpus``, same ``check_all``."""

    def __init__(
        self,
        sources: Sequence[Source],
        runner: Runner,
        *,
        parts: int,
        cache_dir: Path | None = None,
        actors: Mapping[str, Sequence[Any]] | None = None,
        lexicon: LexiconExtension | None = None,
    ) -> None:
        self.sources = list(sources)
        self._silent = silent_results(self.sources)
        self.actors = actors
        self.lexicon = lexicon or LexiconExtension()
        use_vocabularies(self.lexicon)  # claims are read here, with the claims file's words
        self.runner = runner
        self.cache_dir = cache_dir
        chunks = split(self.sources, parts)
        specs = [PartSpec(tuple(chunk), first, cache_dir, actors, self.lexicon) for first, chunk in chunks]
        runner.start(specs)
        summaries: list[PartSummary] = runner.call("summary")
        sentences = sum(s.sentences for s in summaries)
        key_docs: dict[str, int] = {}
        words: set[str] = set()
        for summary in summaries:
            for key, n in summary.key_docs.items():
                key_docs[key] = key_docs.get(key, 0) + n
            words |= summary.words
        self._base = CorpusStats(sentences, unseen_weight(key_docs, sentences), tuple(sorted(words)))
        # Spelling neighbours are looked up here, once, against the whole vocabulary.
        self._lookup = CorpusIndex([], [], set(), shared=self._base)

    def close(self) -> None:
        self.runner.close()

    def __enter__(self) -> PartedCorpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, claim: Claim, glossary: Glossary) -> Query:
        return build_query(claim, glossary, self.actors)

    def unreadable(self, claim: Claim, glossary: Mapping[str, Sequence[str]] | Glossary) -> bool:
        gloss = glossary if isinstance(glossary, Glossary) else Glossary.build(glossary)
        return self.query(claim, gloss).unreadable

    def check(self, claim: Claim, glossary: Mapping[str, Sequence[str]] | Glossary, settings: Settings) -> ClaimResult:
        return self.check_all([claim], glossary, settings)[0]

    def check_all(
        self, claims: Iterable[Claim], glossary: Mapping[str, Sequence[str]] | Glossary, settings: Settings
    ) -> list[ClaimResult]:
        claims = list(claims)
        gloss = glossary if isinstance(glossary, Glossary) else Glossary.build(glossary)
        cache = AnalysisCache(self.cache_dir) if self.cache_dir is not None else None
        queries = cached_queries(cache, claims, gloss, self.actors, self.lexicon)
        word_docs, pooled_docs = add_counts(self.runner.call("counts", queries))
        words = {w for q in queries for w in expanded_words((*q.phrasings, *q.counters, *q.parts))}
        self._lookup.prepare(words, cache, engine_fingerprint() if cache is not None else "")
        if cache is not None:
            cache.close()
        neighbours, names = self._lookup.neighbours_found()
        # The parts get the neighbours of every claim word, found here, and so not the vocabulary:
        # a copy of every word of the corpus in each worker, sent again with every run.
        stats = dataclasses.replace(
            self._base,
            vocabulary=None,
            word_docs=word_docs,
            pooled_docs=pooled_docs,
            neighbours=neighbours,
            names=names,
        )
        per_part: list[list[list[SourceFinding]]] = self.runner.call("findings", queries, stats, settings)
        with fewer_collections():
            return [
                assemble(claim, self.sources, (f for part in per_part for f in part[i]), self._silent)
                for i, claim in enumerate(claims)
            ]


def worker_count(jobs: int, sources: int) -> int:
    """Worker processes for ``jobs`` (0: one per core from ``PARALLEL_FROM`` sources up); 1 means in-process."""
    jobs = jobs or (default_jobs() if sources >= PARALLEL_FROM else 1)
    return 1 if sources < 2 else jobs


def open_corpus(
    sources: Sequence[Source],
    *,
    jobs: int,
    cache_dir: Path | None,
    actors: Mapping[str, Sequence[Any]] | None = None,
    lexicon: LexiconExtension | None = None,
    progress: Callable[[], None] | None = None,
) -> Corpus | PartedCorpus:
    """In-process or in worker processes, as ``worker_count`` decides."""
    jobs = worker_count(jobs, len(sources))
    if jobs == 1:
        cache = AnalysisCache(cache_dir) if cache_dir is not None else None
        return Corpus(sources, cache, actors=actors, lexicon=lexicon, progress=progress)
    return PartedCorpus(sources, ProcessRunner(), parts=jobs, cache_dir=cache_dir, actors=actors, lexicon=lexicon)
