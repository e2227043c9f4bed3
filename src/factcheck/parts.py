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

import copyreg
import ctypes
import dataclasses
import io
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
from factcheck.models import Claim, ClaimResult, LexiconExtension, Sentence, Source
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
    # Whether the findings leave out their sentences' texts, which the whole corpus's sources hold
    # (see ``answer_bytes``): only when the ids of those sources are unique.
    texts_elsewhere: bool = False


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

    def findings(self, queries: Sequence[Query], stats: CorpusStats, settings: Settings) -> bytes:
        """Per query, what this part's sources say, numbered by position in the whole corpus (``read_answer``)."""
        use_vocabularies(self.spec.lexicon)  # process-wide: another part may have run here before
        self.corpus.index.share(stats)
        first = self.spec.first
        # The cache is open while judging: sentence facts are read from it and written to it as judging goes.
        cache = AnalysisCache(self.spec.cache_dir) if self.spec.cache_dir is not None else None
        self.corpus.cache = cache
        try:
            found = self.corpus.findings_many(queries, settings, first=first)
            self.corpus.store_facts(cache)
        finally:
            self.corpus.cache = None
            if cache is not None:
                cache.close()
        give_back_free_memory()  # before the answer is pickled, when a machine's processes are at their largest
        return answer_bytes(found, self.spec.texts_elsewhere)


def _sentence_without_text(sentence: Sentence) -> tuple[Any, tuple[Any, ...]]:
    fields = (sentence.source_id, sentence.index, sentence.start, sentence.end, sentence.kind)
    return _sentence_in, (*fields, sentence.speaker, sentence.speaker_group, sentence.speaker_actor)


def _sentence_in(*_: Any) -> Sentence:
    raise RuntimeError("a part's answer read without its sources' texts")  # ``read_answer`` gives them


def answer_bytes(found: list[list[SourceFinding]], texts_elsewhere: bool) -> bytes:
    """A part's findings, pickled; without their sentences' texts when ``texts_elsewhere``.

    Evidence sentences are long (news sentences of 500 characters are common) and a run
    returns tens of thousands: their texts made most of an answer and most of the time
    spent pickling and unpickling it. The receiving side has every source's text and cuts
    each sentence out of it again.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    if texts_elsewhere:
        pickler.dispatch_table = {**copyreg.dispatch_table, Sentence: _sentence_without_text}
    pickler.dump(found)
    return buffer.getvalue()


class _AnswerReader(pickle.Unpickler):
    def __init__(self, blob: bytes, texts: Mapping[str, str]) -> None:
        super().__init__(io.BytesIO(blob))
        self.texts = texts

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == _sentence_in.__name__:
            texts = self.texts

            def sentence_in(source_id: str, index: int, start: int, end: int, *rest: Any) -> Sentence:
                return Sentence(source_id, index, start, end, texts[source_id][start:end], *rest)

            return sentence_in
        return super().find_class(module, name)


def read_answer(blob: bytes, texts: Mapping[str, str]) -> list[list[SourceFinding]]:
    """The findings ``answer_bytes`` pickled, the sentences' texts cut from ``texts`` (source id -> text)."""
    return _AnswerReader(blob, texts).load()


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
    """Where the parts live: ``start`` builds them, ``call`` runs one method on every part, in order.

    ``each``, when given, is applied here to every part's answer, and its result is returned in
    place of the answer; a runner may apply it to one answer while other parts are still working.
    """

    def start(self, specs: Sequence[PartSpec]) -> None: ...

    def call(self, method: str, *args: Any, each: Callable[[Any], Any] | None = None) -> list[Any]: ...

    def close(self) -> None: ...


_PART: Part | None = None  # the part a worker process holds


def _open_part(spec: PartSpec) -> None:
    global _PART
    _PART = Part(spec)


def _call_part(method: str, blob: bytes) -> Any:
    """Run ``method`` of this worker's part on the pickled ``blob`` of arguments.

    The arguments (pickled once for all the parts) are unpickled here, with the garbage
    collector held off: that builds many objects, and each collection it set off would
    walk the whole part. The answer goes back as it is (``findings`` pickles its own, see
    ``answer_bytes``).
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

    def call(self, method: str, *args: Any, each: Callable[[Any], Any] | None = None) -> list[Any]:
        from concurrent.futures import as_completed

        # The collector is held off while the answers are unpickled too (the pool does it in a
        # thread of this process, and the thresholds are the process's).
        with fewer_collections():
            blob = pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)  # once for all the parts
            futures = [pool.submit(_call_part, method, blob) for pool in self._pools]
            del blob
            if each is None:
                return [f.result() for f in futures]
            # Each answer taken as its part finishes: the first is read while the others still work.
            place = {future: i for i, future in enumerate(futures)}
            out: list[Any] = [None] * len(futures)
            for future in as_completed(futures):
                out[place[future]] = each(future.result())
            return out

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
        self._texts = {s.id: s.text for s in self.sources}
        elsewhere = len(self._texts) == len(self.sources)
        specs = [PartSpec(tuple(chunk), first, cache_dir, actors, self.lexicon, elsewhere) for first, chunk in chunks]
        runner.start(specs)
        summaries: list[PartSummary] = runner.call("summary")
        sentences = sum(s.sentences for s in summaries)
        key_docs: dict[str, int] = {}
        words: set[str] = set()
        for summary in summaries:
            # The keys new to the sum are taken whole; only those already in it are added up one by one.
            part = summary.key_docs
            added = {key: key_docs[key] + part[key] for key in part.keys() & key_docs.keys()}
            key_docs |= part
            key_docs |= added
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
        with fewer_collections(none=True):
            per_part = self.runner.call("findings", queries, stats, settings, each=self._read_answer)
            return [
                assemble(claim, self.sources, (f for part in per_part for f in part[i]), self._silent)
                for i, claim in enumerate(claims)
            ]

    def _read_answer(self, answer: bytes) -> list[list[SourceFinding]]:
        return read_answer(answer, self._texts)


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
