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
from factcheck.match import AnalysedSentence, CorpusIndex
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


def analyse_source(
    source: Source, *, warm: bool = False, actors: Mapping[str, Sequence[Any]] | None = None
) -> tuple[list[Sentence], list[AnalysedSentence]]:
    """One article's units (with speakers) and its analysed evidence sentences.

    ``warm`` computes the parts otherwise left until a claim needs them
    (quantities, dates, cues), as wanted before the analysis is cached.
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
    return units, analysed


@functools.lru_cache(maxsize=1)
def _builtin_opposites() -> OppositeLexicon:
    return build_default()


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
        use_cue_words(cue_words(self.lexicon.framing, self.lexicon.denial, self.lexicon.rebuttal))
        if self.lexicon.opposites:
            use_default(load_opposites(self.lexicon.opposites))
        elif cache is not None:
            use_default(cache.resource("opposites", build_default))
        else:
            use_default(_builtin_opposites())
        self.units: dict[str, list[Sentence]] = {}
        self._keys: list[str] = []  # what every source's analysis was cached under, for result keys
        analysed: list[AnalysedSentence] = []
        self._by_source: dict[str, list[int]] = {}
        for source in self.sources:
            extra = json.dumps(actors, ensure_ascii=False, sort_keys=True) if actors else ""
            extra += self.lexicon.as_key()
            key = source_key(source.id, source.text, source.meta.date, extra) if cache is not None else ""
            self._keys.append(f"{key}\0{source.path}\0{source.meta!r}")
            stored = cache.get(key) if cache is not None else None
            if stored is None:
                stored = analyse_source(source, warm=cache is not None, actors=actors)
                if cache is not None:
                    cache.put(key, stored)
            units, sentences = stored
            if progress is not None:
                progress()
            self.units[source.id] = units
            self._by_source[source.id] = list(range(len(analysed), len(analysed) + len(sentences)))
            analysed.extend(sentences)
        self.index = CorpusIndex(analysed)

    def check(
        self,
        claim: Claim,
        glossary: Mapping[str, Sequence[str]] | Glossary,
        settings: Settings,
        *,
        only: Sequence[str] | None = None,
    ) -> ClaimResult:
        """Judge ``claim`` against every source (or the sources named in ``only``)."""
        gloss = glossary if isinstance(glossary, Glossary) else Glossary.build(glossary)
        query = self._query(claim, gloss)
        candidates = self._candidates(query, settings)
        wanted = None if only is None else set(only)
        chosen = self.sources if wanted is None else [s for s in self.sources if s.id in wanted]
        results = []
        everything: list[Evidence] = []
        for source in chosen:
            evidence: list[Evidence] = []
            for n in self._by_source[source.id]:
                if n not in candidates:
                    continue
                found = judge(query, self.index, self.index.sentences[n], settings.thresholds)
                if found is not None:
                    evidence.append(found)
            everything += evidence
            results.append(SourceResult(source, source_stance(evidence), rank_evidence(evidence, settings.top)))
        verdict = claim_verdict([r.stance for r in results])
        return ClaimResult(claim, verdict, tuple(results), voices(everything), tuple(everything))

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
            return [self.check(c, gloss, settings) for c in claims]
        parts = (
            repr(claims),
            repr(gloss.entries),
            json.dumps(self.actors, ensure_ascii=False, sort_keys=True),
            self.lexicon.as_key(),
            repr(settings),
            *self._keys,
        )
        key = "results:" + hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
        return self.cache.resource(key, lambda: [self.check(c, gloss, settings) for c in claims])


def check(claim_set: ClaimSet, sources: Sequence[Source], settings: Settings | None = None) -> list[ClaimResult]:
    """Check every claim of ``claim_set`` against ``sources``."""
    corpus = Corpus(sources, actors=claim_set.actors, lexicon=claim_set.lexicon)
    return corpus.check_all(claim_set.claims, claim_set.glossary, settings or Settings())
