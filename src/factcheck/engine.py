"""The pipeline: sources → sentences → analysed sentences → per-claim evidence → verdicts.

``Corpus`` does the per-article work once (segmentation, attribution, analysis,
the key index); ``Corpus.check`` then judges any number of claims against it.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.cache import AnalysisCache, source_key
from factcheck.dates import stated_current_year
from factcheck.explain import PhrasingExplanation, explain
from factcheck.match import AnalysedSentence, CorpusIndex, fuzzy_words, sentence_keys_and_words
from factcheck.models import (
    Claim,
    ClaimResult,
    ClaimSet,
    Evidence,
    EvidenceStance,
    LexiconExtension,
    Sentence,
    Source,
    SourceResult,
    SourceStance,
    Voice,
)
from factcheck.normalize import normalize
from factcheck.opposites import OppositeLexicon, build_default, load_opposites, use_default
from factcheck.polarity import cue_words, use_cue_words
from factcheck.query import Glossary, Query, build_query
from factcheck.stance import Thresholds, judge
from factcheck.verdict import claim_verdict, rank_evidence, source_stance


@dataclass(frozen=True)
class Settings:
    """Knobs of a check run."""

    thresholds: Thresholds = field(default_factory=Thresholds)
    top: int = 1  # evidence sentences kept per source (a mixed source keeps one per voice)

    @classmethod
    def with_min_score(cls, min_score: float | None, top: int = 1) -> Settings:
        """``min_score`` is the on-topic threshold; taking a side never needs less."""
        if min_score is None:
            return cls(top=top)
        base = Thresholds()
        return cls(
            Thresholds(mention=min_score, stance=max(base.stance, min_score), counter=max(base.counter, min_score)), top
        )


def _with_speakers(units: list[Sentence], actors: Mapping[str, Sequence[Any]] | None = None) -> list[Sentence]:
    """Attach who-said-it to evidence units, in reading order within the article."""
    from factcheck.attribution import attribute, load_actors  # only needed when an article is analysed

    evidence_units = [u for u in units if u.kind.is_evidence]
    found = attribute([u.text for u in evidence_units], actors=load_actors(actors) if actors else None)
    by_index = {u.index: a for u, a in zip(evidence_units, found, strict=True) if a is not None}
    return [
        dataclasses.replace(u, speaker=a.speaker, speaker_group=a.group, speaker_actor=a.actor)
        if (a := by_index.get(u.index))
        else u
        for u in units
    ]


def voices(evidence: Iterable[Evidence]) -> tuple[Voice, ...]:
    """Supporting and contradicting sentences counted by speaker group, most active first."""
    counts: dict[str, list[int]] = {}
    for e in evidence:
        if e.stance is EvidenceStance.MENTIONS:
            continue
        s = e.sentence
        group = s.speaker_group or ("unidentified" if s.speaker else "outlet")
        pair = counts.setdefault(group, [0, 0])
        pair[0 if e.stance is EvidenceStance.SUPPORTS else 1] += 1
    ordered = sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    return tuple(Voice(group, sup, con) for group, (sup, con) in ordered)


def _reference_date(value: str | None) -> datetime.date | None:
    """The article's date when sources.yaml gives a full one; relative dates resolve against it."""
    if value is None or len(value) != 10:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


@dataclass
class ArticleAnalysis:
    """One article analysed: what is cached for it and indexed from it."""

    units: list[Sentence]  # every unit, with speakers
    sentences: list[AnalysedSentence]  # the evidence sentences, repeats removed
    keys: list[tuple[str, ...]]  # each sentence's match keys (for the postings)
    words: set[str]  # the article's words (for spelling neighbours)


def analyse_source(
    source: Source, *, warm: bool = False, actors: Mapping[str, Sequence[Any]] | None = None
) -> ArticleAnalysis:
    """One article's units (with speakers) and its analysed evidence sentences.

    ``warm`` computes the parts otherwise left until a claim needs them
    (tokens, quantities, dates, cues), worth it before a small corpus is cached.
    """
    from factcheck.attribution import load_actors  # only needed when an article is analysed, not when cached
    from factcheck.segment import segment

    reference = _reference_date(source.meta.date)
    if reference is None and (year := stated_current_year(source.text)) is not None:
        # An undated article that names its own year ("العام الجاري 2021") is read as written
        # by its end: "يوليو الماضي" is July of that year. Nothing else is guessed.
        reference = datetime.date(year, 12, 31)
    units = _with_speakers(segment(source.id, source.text), actors)
    gazetteer = load_actors(actors)
    analysed = []
    seen: set[str] = set()
    for unit in units:
        key = normalize(unit.text)
        if not unit.kind.is_evidence or key in seen:
            continue  # repeated headlines/captions would count twice
        seen.add(key)
        sentence = AnalysedSentence.build(unit, reference)
        sentence.named_group = gazetteer.group_of(unit.text)
        if warm:
            sentence.warm()
        analysed.append(sentence)
    keys, words = sentence_keys_and_words(analysed)
    return ArticleAnalysis(units, analysed, keys, words)


@functools.lru_cache(maxsize=1)
def _builtin_opposites() -> OppositeLexicon:
    return build_default()


def use_vocabularies(lexicon: LexiconExtension, cache: AnalysisCache | None = None) -> None:
    """Make the cue and opposite words of ``lexicon`` (a claims file's ``lexicon:``) the ones in use."""
    use_cue_words(cue_words(lexicon.framing, lexicon.denial, lexicon.rebuttal))
    if lexicon.opposites:
        use_default(load_opposites(lexicon.opposites))
    elif cache is not None:
        use_default(cache.resource("opposites", build_default))
    else:
        use_default(_builtin_opposites())


# Sentences whose full analysis (tokens, numbers, dates, cues) stays in memory between claims:
# enough for every sentence of a small corpus, a bound on memory for an archive.
KEEP_ANALYSED = 25_000
WARM_UP_TO = 200  # sources: a corpus this small has every sentence fully analysed before it is cached


@dataclass(frozen=True)
class SourceFinding:
    """What one source says on one claim when it says anything: its position among the corpus's sources."""

    position: int
    stance: SourceStance
    shown: tuple[Evidence, ...]  # the top evidence
    evidence: tuple[Evidence, ...]  # all of it, in reading order


def assemble(
    claim: Claim,
    sources: Sequence[Source],
    findings: Iterable[SourceFinding],
    silent: Sequence[SourceResult] | None = None,
) -> ClaimResult:
    """A claim's result from the sources that say something on it; every other source is silent.

    ``silent`` (from ``silent_results``) shares one silent result per source across claims.
    """
    results = list(silent) if silent is not None else silent_results(sources)
    everything: list[Evidence] = []
    for found in sorted(findings, key=lambda f: f.position):
        everything += found.evidence
        results[found.position] = SourceResult(sources[found.position], found.stance, found.shown)
    verdict = claim_verdict([r.stance for r in results if r.stance is not SourceStance.SILENT])
    return ClaimResult(claim, verdict, tuple(results), voices(everything), tuple(everything))


def silent_results(sources: Sequence[Source]) -> list[SourceResult]:
    return [SourceResult(source, SourceStance.SILENT, ()) for source in sources]


class Corpus:
    """Sources analysed once (or read back from the cache) and indexed for checking claims."""

    def __init__(
        self,
        sources: Sequence[Source],
        cache: AnalysisCache | None = None,
        *,
        actors: Mapping[str, Sequence[Any]] | None = None,
        lexicon: LexiconExtension | None = None,
        progress: Callable[[], None] | None = None,
    ) -> None:
        """``actors`` extends the actor gazetteer and ``lexicon`` the cue and opposite words (a claims file's
        ``actors:`` and ``lexicon:``); ``progress`` is called after each source is read or analysed.

        The cue and opposite vocabularies are process-wide: the corpus made last decides them.
        """
        self.sources = list(sources)
        self.actors = actors
        self.lexicon = lexicon or LexiconExtension()
        self.cache = cache
        use_vocabularies(self.lexicon, cache)
        self.units: dict[str, list[Sentence]] = {}
        self._keys: list[str] = []  # what every source's analysis was cached under, for result keys
        analysed: list[AnalysedSentence] = []
        keys: list[tuple[str, ...]] = []
        words: set[str] = set()
        self._source_of: list[int] = []  # sentence number -> position of its source
        warm = cache is not None and len(self.sources) <= WARM_UP_TO
        extra = json.dumps(actors, ensure_ascii=False, sort_keys=True) if actors else ""
        extra += self.lexicon.as_key()
        for position, source in enumerate(self.sources):
            key = source_key(source.id, source.text, source.meta.date, extra) if cache is not None else ""
            self._keys.append(f"{key}\0{source.path}\0{source.meta!r}")
            stored = cache.get(key) if cache is not None else None
            if not isinstance(stored, ArticleAnalysis):
                stored = analyse_source(source, warm=warm, actors=actors)
                if cache is not None:
                    cache.put(key, stored)
            if progress is not None:
                progress()
            self.units[source.id] = stored.units
            self._source_of += [position] * len(stored.sentences)
            analysed += stored.sentences
            keys += stored.keys
            words |= stored.words
        self.index = CorpusIndex(analysed, keys, words)
        self._silent = silent_results(self.sources)
        self._recent: dict[int, None] = {}  # sentences judged, oldest first

    def check(
        self,
        claim: Claim,
        glossary: Mapping[str, Sequence[str]] | Glossary,
        settings: Settings,
        *,
        only: Sequence[str] | None = None,
        exhaustive: bool = False,
    ) -> ClaimResult:
        """Judge ``claim`` against every source (or the sources named in ``only``).

        ``exhaustive`` scores every sentence instead of the candidates the postings
        give; the result is the same, only slower (it is there to show that).
        """
        gloss = glossary if isinstance(glossary, Glossary) else Glossary.build(glossary)
        query = self._query(claim, gloss)
        self.index.prepare(fuzzy_words((*query.phrasings, *query.counters)))
        return self._result(claim, query, settings, only=only, exhaustive=exhaustive)

    def _result(
        self,
        claim: Claim,
        query: Query,
        settings: Settings,
        *,
        only: Sequence[str] | None = None,
        exhaustive: bool = False,
    ) -> ClaimResult:
        findings = self.findings(query, settings, exhaustive=exhaustive)
        if only is None:
            return assemble(claim, self.sources, findings, self._silent)
        wanted = set(only)
        chosen = [p for p, s in enumerate(self.sources) if s.id in wanted]
        renumber = {old: new for new, old in enumerate(chosen)}
        kept = [dataclasses.replace(f, position=renumber[f.position]) for f in findings if f.position in renumber]
        return assemble(claim, [self.sources[p] for p in chosen], kept)

    def findings(self, query: Query, settings: Settings, *, exhaustive: bool = False) -> list[SourceFinding]:
        """Every source that says something on the claim ``query`` reads, with its evidence."""
        numbers = range(len(self.index.sentences)) if exhaustive else sorted(self._candidates(query, settings))
        by_source: dict[int, list[Evidence]] = {}
        for n in numbers:
            sentence = self.index.sentences[n]
            found = judge(query, self.index, sentence, settings.thresholds)
            if found is not None:
                by_source.setdefault(self._source_of[n], []).append(found)
            self._analysed_lately(n)
        if len(self.index.sentences) > KEEP_ANALYSED:
            self.index.forget_terms()  # on a large corpus, what a claim's terms found is not kept for the next
        return [
            SourceFinding(position, source_stance(evidence), rank_evidence(evidence, settings.top), tuple(evidence))
            for position, evidence in sorted(by_source.items())
        ]

    def _analysed_lately(self, n: int) -> None:
        """Keep the full analysis of the ``KEEP_ANALYSED`` sentences judged most recently; forget older ones."""
        recent = self._recent
        recent.pop(n, None)
        recent[n] = None
        if len(recent) > KEEP_ANALYSED:
            oldest = next(iter(recent))
            del recent[oldest]
            self.index.sentences[oldest].forget()

    def unreadable(self, claim: Claim, glossary: Mapping[str, Sequence[str]] | Glossary) -> bool:
        """Is the claim in a language no lexicon covers (no word of it could match the sources)?"""
        gloss = glossary if isinstance(glossary, Glossary) else Glossary.build(glossary)
        return self._query(claim, gloss).unreadable

    def explain(
        self, claim: Claim, glossary: Mapping[str, Sequence[str]] | Glossary, result: ClaimResult
    ) -> tuple[PhrasingExplanation, ...]:
        """What ``claim`` was matched as, and which parts of it each source's top evidence contains."""
        gloss = glossary if isinstance(glossary, Glossary) else Glossary.build(glossary)
        return explain(self._query(claim, gloss), self.index, result)

    def _query(self, claim: Claim, glossary: Glossary) -> Query:
        """The claim analysed, read back from the cache when the claim, glossary and actors are unchanged."""
        if self.cache is None:
            return build_query(claim, glossary, self.actors)
        parts = (
            repr(claim),
            repr(glossary.entries),
            json.dumps(self.actors, ensure_ascii=False, sort_keys=True),
            self.lexicon.as_key(),
        )
        key = "query:" + hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
        return self.cache.resource(key, lambda: build_query(claim, glossary, self.actors))

    def _candidates(self, query: Query, settings: Settings) -> set[int]:
        """Sentences that can be evidence: on topic for a phrasing, or matching a counter phrasing."""
        out: set[int] = set()
        for p in query.phrasings:
            out.update(n for n, score in self.index.scores(p).items() if score >= settings.thresholds.mention)
        for p in query.counters:
            out.update(n for n, score in self.index.scores(p).items() if score >= settings.thresholds.counter)
        return out

    def check_all(
        self, claims: Iterable[Claim], glossary: Mapping[str, Sequence[str]], settings: Settings
    ) -> list[ClaimResult]:
        """``check`` for every claim; with a cache, the answer is read back when nothing it depends on changed.

        The results depend on the claims, glossary, actors and lexicon, the settings, every
        article and its metadata, and the engine itself (through the articles' cache keys).
        """
        claims = list(claims)
        gloss = Glossary.build(glossary)
        if self.cache is None:
            return self._check_many(claims, gloss, settings)
        parts = (
            repr(claims),
            repr(gloss.entries),
            json.dumps(self.actors, ensure_ascii=False, sort_keys=True),
            self.lexicon.as_key(),
            repr(settings),
            *self._keys,
        )
        key = "results:" + hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
        return self.cache.resource(key, lambda: self._check_many(claims, gloss, settings))

    def _check_many(self, claims: Sequence[Claim], glossary: Glossary, settings: Settings) -> list[ClaimResult]:
        """``check`` each claim, after looking up the spelling neighbours of all their words in one batch."""
        queries = [self._query(claim, glossary) for claim in claims]
        self.index.prepare({w for q in queries for w in fuzzy_words((*q.phrasings, *q.counters))})
        return [self._result(c, q, settings) for c, q in zip(claims, queries, strict=True)]


def check(claim_set: ClaimSet, sources: Sequence[Source], settings: Settings | None = None) -> list[ClaimResult]:
    """Check every claim of ``claim_set`` against ``sources``."""
    corpus = Corpus(sources, actors=claim_set.actors, lexicon=claim_set.lexicon)
    return corpus.check_all(claim_set.claims, claim_set.glossary, settings or Settings())
