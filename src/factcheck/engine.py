"""The pipeline: sources → sentences → analysed sentences → per-claim evidence → verdicts.

``Corpus`` does the per-article work once (segmentation, attribution, analysis,
the key index); ``Corpus.check`` then judges any number of claims against it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import gc
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.cache import AnalysisCache, engine_fingerprint, source_key
from factcheck.dates import stated_current_year
from factcheck.explain import PhrasingExplanation, explain
from factcheck.match import GROUP_UNKNOWN, AnalysedSentence, CorpusIndex, fuzzy_words, sentence_keys_and_words
from factcheck.models import (
    Claim,
    ClaimResult,
    ClaimSet,
    Evidence,
    EvidenceStance,
    LexiconExtension,
    Reason,
    Sentence,
    Source,
    SourceResult,
    SourceResults,
    SourceStance,
    Voice,
)
from factcheck.normalize import forget_tokens, normalize
from factcheck.opposites import OppositeLexicon, build_default, load_opposites, use_default
from factcheck.polarity import cue_words, use_cue_words
from factcheck.query import Glossary, Query, build_query
from factcheck.stance import Thresholds, judge, place_slot_floor
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
    gazetteer = load_actors(actors) if warm else None
    analysed = []
    seen: set[str] = set()
    for unit in units:
        key = normalize(unit.text)
        if not unit.kind.is_evidence or key in seen:
            continue  # repeated headlines/captions would count twice
        seen.add(key)
        sentence = AnalysedSentence.build(unit, reference)
        if gazetteer is not None:
            sentence.named_group = gazetteer.group_of(unit.text)
            sentence.warm()
        else:
            sentence.named_group = GROUP_UNKNOWN  # looked up when a claim about a group's words needs it
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


# A corpus of up to this many sentences keeps the full analysis (tokens, match keys) of every
# sentence once judged; a larger one forgets it after judging (see ``Corpus.findings_many``).
KEEP_ANALYSED = 25_000
WARM_UP_TO = 200  # sources: a corpus this small has every sentence fully analysed before it is cached


@contextlib.contextmanager
def fewer_collections(*, none: bool = False) -> Iterator[None]:
    """Run a block that builds many long-lived objects with the cyclic garbage collector mostly idle.

    Reading a corpus and checking claims against it allocate millions of objects that
    live to the end (sentences, postings, evidence); the collector would walk them over
    and over, a fifth of the checking time on an archive. Objects that exist already are
    set aside (``gc.freeze``) and collections made rarer until the block ends.

    With ``none``, there is no collection at all until the block ends: for blocks that make
    no reference cycles, which reading a corpus, judging and reading answers do not (a full
    collection after judging 10,000 articles, or reading 1,500 afresh, finds nothing to free,
    and ``test_reading_and_judging_leave_no_cycles`` keeps it so); even rare collections cost
    judging 3 % of its time.
    """
    old, was_enabled = gc.get_threshold(), gc.isenabled()
    gc.freeze()
    gc.set_threshold(max(old[0], 50_000), max(old[1], 20), max(old[2], 100))
    if none:
        gc.disable()
    try:
        yield
    finally:
        if none and was_enabled:
            gc.enable()
        gc.set_threshold(*old)
        gc.unfreeze()


_READ_BATCH = 256  # sources whose analyses are read from the cache in one query
_FACTS = "facts:"  # cache entries of the facts of an article's sentences, by the article's key
_TERMS = "terms:"  # cache entries of an article's sentences' match keys and its words, by the article's key
_INDEX = "index:"  # cache snapshots of an archive's index, by ``_joint_key`` of its articles' keys


def _joint_key(keys: Sequence[str]) -> str:
    """One key for the articles with these cache keys, in this order."""
    return hashlib.sha256("\0".join(keys).encode()).hexdigest()


def _as_stored(analysed: Mapping[str, ArticleAnalysis]) -> dict[str, Any]:
    """Cache entries of some articles' analyses: the sentences' keys and the words apart (under ``_TERMS``).

    They are most of an analysis, and only building the index needs them: an archive whose
    index is read back whole (a snapshot) never reads them.
    """
    out: dict[str, Any] = {}
    for key, analysis in analysed.items():
        out[key] = dataclasses.replace(analysis, keys=[], words=set())
        out[_TERMS + key] = (analysis.keys, analysis.words)
    return out


def _add_terms(cache: AnalysisCache, keys: Sequence[str], found: list[Any]) -> None:
    """Give the analyses read back (``found``, by ``keys``) their sentences' keys and words; an analysis
    whose are not stored is dropped from ``found`` (analysed again)."""
    wanted = [i for i, stored in enumerate(found) if isinstance(stored, ArticleAnalysis)]
    for i, terms in zip(wanted, cache.get_many([_TERMS + keys[i] for i in wanted], count=False), strict=True):
        if isinstance(terms, tuple) and len(terms) == 2:
            found[i] = dataclasses.replace(found[i], keys=terms[0], words=terms[1])
        else:
            found[i] = None


def _stored_facts(
    cache: AnalysisCache | None, keys: Sequence[str], found: Sequence[Any]
) -> list[list[bytes | None] | None]:
    """Facts stored for the articles read from the cache whose sentences lack some (None elsewhere)."""
    wanted = [
        i
        for i, stored in enumerate(found)
        if isinstance(stored, ArticleAnalysis) and any(s.facts is None for s in stored.sentences)
    ]
    out: list[list[bytes | None] | None] = [None] * len(keys)
    if cache is None or not wanted:
        return out
    for i, facts in zip(wanted, cache.get_many([_FACTS + keys[i] for i in wanted], count=False), strict=True):
        out[i] = facts if isinstance(facts, list) else None
    return out


class _SharedValues:
    """One copy of each equal value the evidence of a run holds: highlighted spans, their offsets, scores.

    The evidence of a thousand claims on an archive is hundreds of thousands of sentences, each
    with its spans (pairs of offsets) and score; equal ones made one object each take less memory,
    and pickled once each (the answer a worker sends is pickled), less time and space on the way.
    """

    def __init__(self) -> None:
        self._numbers: dict[int, int] = {}
        self._pairs: dict[tuple[int, int], tuple[int, int]] = {}
        self._spans: dict[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]] = {}
        self._scores: dict[float, float] = {}

    def spans(self, highlights: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
        found = self._spans.get(highlights)
        if found is None:
            pairs = tuple(self._pair(span) for span in highlights)
            same = all(a is b for a, b in zip(pairs, highlights, strict=True))
            found = self._spans[highlights] = highlights if same else pairs
        return found

    def _pair(self, span: tuple[int, int]) -> tuple[int, int]:
        found = self._pairs.get(span)
        if found is None:
            start, end = span
            first, last = self._numbers.setdefault(start, start), self._numbers.setdefault(end, end)
            found = self._pairs[span] = span if first is start and last is end else (first, last)
        return found

    def score(self, value: float) -> float:
        # Zero is left as it is: 0.0 and -0.0 are equal as keys but are written differently.
        return self._scores.setdefault(value, value) if value else value


@dataclass(frozen=True, slots=True)
class SourceFinding:
    """What one source says on one claim when it says anything: its position among the corpus's sources."""

    position: int
    stance: SourceStance
    shown: tuple[Evidence, ...]  # the top evidence
    evidence: tuple[Evidence, ...]  # all of it, in reading order

    def __reduce__(self) -> tuple[type[SourceFinding], tuple[Any, ...]]:
        return SourceFinding, (self.position, self.stance, self.shown, self.evidence)


def assemble(
    claim: Claim,
    sources: Sequence[Source],
    findings: Iterable[SourceFinding],
    silent: Sequence[SourceResult] | None = None,
) -> ClaimResult:
    """A claim's result from the sources that say something on it; every other source is silent.

    ``silent`` (from ``silent_results``) shares one silent result per source across claims.
    """
    base = silent if silent is not None else silent_results(sources)
    said: dict[int, SourceResult] = {}
    everything: list[Evidence] = []
    for found in sorted(findings, key=lambda f: f.position):
        everything += found.evidence
        said[found.position] = SourceResult(sources[found.position], found.stance, found.shown)
    verdict = claim_verdict([r.stance for r in said.values() if r.stance is not SourceStance.SILENT])
    return ClaimResult(claim, verdict, SourceResults(base, said), voices(everything), tuple(everything))


def silent_results(sources: Sequence[Source]) -> tuple[SourceResult, ...]:
    return tuple(SourceResult(source, SourceStance.SILENT, ()) for source in sources)


def _give_facts(sentences: Sequence[AnalysedSentence], known: Any) -> None:
    """Give an article's sentences the facts stored for them (a list, one per sentence) where they lack any."""
    if isinstance(known, list) and len(known) == len(sentences):
        for sentence, blob in zip(sentences, known, strict=True):
            if sentence.facts is None:
                sentence.facts = blob


class _LaterFacts:
    """The sentence facts of an archive's articles, read from the cache as judging reaches them.

    Sentences are judged in corpus order; the facts of the next ``_READ_BATCH`` articles
    with sentences to judge are read in one query. When judging has passed them, the facts
    worked out for their sentences (those judged for the first time) are written back, and
    on a large corpus all of them are dropped: at most one batch of articles holds facts.
    """

    def __init__(self, corpus: Corpus, wanted: Iterable[int], drop: bool) -> None:
        self.corpus = corpus
        self.drop = drop
        self.cache = corpus.cache
        self.wanted = {corpus._source_of[n] for n in wanted}  # articles with sentences to judge
        self.held: list[int] = []  # positions of the articles whose facts are read now
        self.end = 0  # sentences below this number belong to read articles

    def reach(self, n: int) -> None:
        """Make sure the facts of sentence ``n``'s article are read (the batch before it is done)."""
        if n < self.end:
            return
        self.done()
        corpus = self.corpus
        position = corpus._source_of[n]
        last = min(position + _READ_BATCH, len(corpus.sources))
        self.held = [p for p in range(position, last) if p in self.wanted and corpus._facts_stored[p] is None]
        self.end = corpus._first[last] if last < len(corpus.sources) else len(corpus._source_of)
        keys = [_FACTS + corpus._article_keys[p] for p in self.held]
        found = self.cache.get_many(keys, count=False) if self.cache is not None else [None] * len(keys)
        sentences = corpus.index.sentences
        for p, known in zip(self.held, found, strict=True):
            first, end = corpus._sentence_span(p)
            _give_facts(sentences[first:end], known)
            corpus._facts_stored[p] = sum(1 for f in known if f is not None) if isinstance(known, list) else 0

    def done(self) -> None:
        """Write the new facts of the articles read, and drop them on a large corpus."""
        corpus = self.corpus
        sentences = corpus.index.sentences
        entries = {}
        for p in self.held:
            first, end = corpus._sentence_span(p)
            facts = [s.facts for s in sentences[first:end]]
            known = sum(1 for f in facts if f is not None)
            if known > corpus._facts_stored[p]:
                entries[_FACTS + corpus._article_keys[p]] = facts
            if self.drop:
                for s in sentences[first:end]:
                    s.facts = None
            corpus._facts_stored[p] = None if self.drop else known
        if self.cache is not None:
            self.cache.put_many(entries)
        self.held = []


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
        keep_units: bool = True,
    ) -> None:
        """``actors`` extends the actor gazetteer and ``lexicon`` the cue and opposite words (a claims file's
        ``actors:`` and ``lexicon:``); ``progress`` is called after each source is read or analysed.
        ``keep_units=False`` keeps only the evidence sentences, not every unit (``units`` stays empty):
        enough for checking claims.

        The cue and opposite vocabularies are process-wide: the corpus made last decides them.
        """
        self.sources = list(sources)
        self.actors = actors
        self._actor_gazetteer: Any = None
        self.lexicon = lexicon or LexiconExtension()
        self.cache = cache
        use_vocabularies(self.lexicon, cache)
        self.units: dict[str, list[Sentence]] = {}
        self._keys: list[str] = []  # what every source's analysis was cached under, for result keys
        self._article_keys: list[str] = []  # the cache key of every source's analysis
        self._first: list[int] = []  # position of a source -> number of its first sentence
        # Position of a source -> its sentences whose facts the cache holds; None while they are not read
        # (on an archive they are read when its sentences are judged, see ``_findings_many``).
        self._facts_stored: list[int | None] = []
        self.index = CorpusIndex([], [], set())
        self._source_of: list[int] = []  # sentence number -> position of its source
        warm = cache is not None and len(self.sources) <= WARM_UP_TO
        # On an archive each article's sentence facts are read from the cache when its sentences are
        # judged, and dropped after (written first when new): read up front they would all be held at once.
        self._facts_later = cache is not None and not warm
        extra = json.dumps(actors, ensure_ascii=False, sort_keys=True) if actors else ""
        extra += self.lexicon.as_key()
        with fewer_collections(none=True):
            self._read(cache, warm, extra, keep_units, progress)
        self._silent = silent_results(self.sources)

    def _read(
        self,
        cache: AnalysisCache | None,
        warm: bool,
        extra: str,
        keep_units: bool,
        progress: Callable[[], None] | None,
    ) -> None:
        """Read every source's analysis from the cache, or analyse it, and index its sentences."""
        actors = self.actors
        every_key = [source_key(s.id, s.text, s.meta.date, extra) if cache is not None else "" for s in self.sources]
        # An archive's index is kept whole in the cache: built again, it would cost more than reading it all.
        snapshot = _INDEX + _joint_key(every_key) if cache is not None and not warm else None
        restored = snapshot is not None and self.index.restore(cache.get_snapshot(snapshot))
        for first in range(0, len(self.sources), _READ_BATCH):
            batch = self.sources[first : first + _READ_BATCH]
            keys = every_key[first : first + _READ_BATCH]
            found = cache.get_many(keys) if cache is not None else [None] * len(batch)
            if cache is not None and not restored:
                _add_terms(cache, keys, found)
            facts = [None] * len(batch) if self._facts_later else _stored_facts(cache, keys, found)
            analysed: dict[str, ArticleAnalysis] = {}
            for i, (source, key) in enumerate(zip(batch, keys, strict=True)):
                if not isinstance(found[i], ArticleAnalysis):
                    found[i] = analysed[key] = analyse_source(source, warm=warm, actors=actors)
                if progress is not None:
                    progress()
            if cache is not None:
                cache.put_many(_as_stored(analysed))  # one transaction for the batch
            for position, source, key, stored, known in zip(
                range(first, first + len(batch)), batch, keys, found, facts, strict=True
            ):
                self._keys.append(f"{key}\0{source.path}\0{source.meta!r}")
                self._article_keys.append(key)
                _give_facts(stored.sentences, known)
                if keep_units:
                    self.units[source.id] = stored.units
                self._first.append(len(self._source_of))
                known_now = sum(1 for s in stored.sentences if s.facts is not None)
                later = self._facts_later and known_now < len(stored.sentences)
                self._facts_stored.append(None if later else known_now)
                self._source_of += [position] * len(stored.sentences)
                if restored:
                    self.index.sentences += stored.sentences
                else:
                    self.index.add(stored.sentences, stored.keys, stored.words)
        if restored and self.index.restored_size != len(self.index.sentences):  # not the sentences read: built anew
            self.index = CorpusIndex(self.index.sentences)
            restored = False
        if snapshot is not None and not restored:
            cache.put_snapshot(snapshot, self.index.snapshot())

    def _sentence_span(self, position: int) -> tuple[int, int]:
        """Numbers of the first sentence of the source at ``position`` and of the one after its last."""
        last = position + 1 < len(self._first)
        return self._first[position], self._first[position + 1] if last else len(self._source_of)

    def store_facts(self, cache: AnalysisCache | None = None) -> int:
        """Write to the analysis cache the facts (dates, quantities, cues) of the sentences judged since
        they were read, so that the next run over these articles reads them instead of working them out.

        Returns the number of articles written.
        """
        cache = cache or self.cache
        if cache is None:
            return 0
        sentences = self.index.sentences
        ends = [*self._first[1:], len(sentences)]
        entries = {}
        written = 0
        for position, (first, end) in enumerate(zip(self._first, ends, strict=True)):
            stored = self._facts_stored[position]
            if stored is None:
                continue  # read and written while judging (``_LaterFacts``)
            facts = [s.facts for s in sentences[first:end]]
            known = sum(1 for f in facts if f is not None)
            if known > stored:
                entries[_FACTS + self._article_keys[position]] = facts
                self._facts_stored[position] = known
                if len(entries) >= _READ_BATCH:  # written in batches: all of them pickled at once would be a peak
                    cache.put_many(entries)
                    written += len(entries)
                    entries = {}
        cache.put_many(entries)
        return written + len(entries)

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
        return self.findings_many([query], settings, exhaustive=exhaustive)[0]

    def findings_many(
        self, queries: Sequence[Query], settings: Settings, *, exhaustive: bool = False, first: int = 0
    ) -> list[list[SourceFinding]]:
        """``findings`` for many claims, judging sentence by sentence rather than claim by claim.

        The candidates of every claim are found first; then each candidate sentence is
        analysed once and judged against every claim it is a candidate for. On a large
        corpus its full analysis is then forgotten (its facts are kept): no sentence is
        analysed twice, and at most one is held fully analysed at a time. Sources are
        numbered from ``first`` (this corpus's place in a larger one).
        """
        with fewer_collections(none=True):
            return self._findings_many(queries, settings, exhaustive, first)

    def _findings_many(
        self, queries: Sequence[Query], settings: Settings, exhaustive: bool, first: int
    ) -> list[list[SourceFinding]]:
        sentences = self.index.sentences
        large = len(sentences) > KEEP_ANALYSED
        wanted: dict[int, list[int]] = {}  # sentence number -> the claims it is a candidate for
        for i, query in enumerate(queries):
            for n in range(len(sentences)) if exhaustive else self._candidates(query, settings):
                wanted.setdefault(n, []).append(i)
            if large:
                self.index.forget_terms(keep_sims=True)  # what a claim's terms found is not kept for the next
        by_claim: list[dict[int, list[Evidence]]] = [{} for _ in queries]
        thresholds = settings.thresholds
        reasons: dict[tuple[Reason, ...], tuple[Reason, ...]] = {}  # one copy of each list of reasons
        reason: dict[Reason, Reason] = {}  # one copy of each reason
        shared = _SharedValues()
        grouped = [query.speaker_group is not None for query in queries]
        facts = _LaterFacts(self, wanted, large) if self._facts_later else None
        for n in sorted(wanted):
            if facts is not None:
                facts.reach(n)
            sentence = sentences[n]
            claims = wanted[n]
            if sentence.named_group is GROUP_UNKNOWN and any(grouped[i] for i in claims):
                sentence.named_group = self._gazetteer().group_of(sentence.sentence.text)
            for i in claims:
                found = judge(queries[i], self.index, sentence, thresholds)
                if found is not None:
                    same = reasons.get(found.cues)
                    if same is None:  # each reason kept once too: fewer objects to send back and hold
                        same = reasons[found.cues] = tuple(reason.setdefault(r, r) for r in found.cues)
                    spans, score = shared.spans(found.highlights), shared.score(found.score)
                    if same is not found.cues or spans is not found.highlights or score is not found.score:
                        found = Evidence(found.sentence, score, found.stance, same, spans)
                    by_claim[i].setdefault(self._source_of[n], []).append(found)
            if large:
                sentence.forget()
        if facts is not None:
            facts.done()
        if large:
            self.index.forget_terms()
            # The tokens of the last few thousand sentences read (tens of MB on a news archive): the sentences
            # judged are forgotten, and holding their tokens past the end of judging only raises the peak.
            forget_tokens()
        top = settings.top
        return [
            [
                SourceFinding(first + position, source_stance(evidence), rank_evidence(evidence, top), tuple(evidence))
                for position, evidence in sorted(by_source.items())
            ]
            for by_source in by_claim
        ]

    def _gazetteer(self) -> Any:
        """The actor gazetteer of this corpus (the built-in one plus its ``actors``)."""
        if self._actor_gazetteer is None:
            from factcheck.attribution import load_actors

            self._actor_gazetteer = load_actors(self.actors)
        return self._actor_gazetteer

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
        return cached_queries(self.cache, [claim], glossary, self.actors, self.lexicon)[0]

    def _candidates(self, query: Query, settings: Settings) -> set[int]:
        """Sentences that can be evidence: on topic for a phrasing or one of the facts it joins (or close enough
        to it but for its place phrase), or matching a counter phrasing."""
        out: set[int] = set()
        for p in (*query.phrasings, *query.parts):
            at_least = settings.thresholds.mention
            floor = place_slot_floor(self.index, p)  # another place for the claim's place phrase may refute it
            out.update(self.index.candidates(p, at_least if floor is None else min(at_least, floor)))
        for p in query.counters:
            out.update(self.index.candidates(p, settings.thresholds.counter))
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
        queries = cached_queries(self.cache, claims, glossary, self.actors, self.lexicon)
        words = {w for q in queries for w in fuzzy_words((*q.phrasings, *q.counters))}
        self.index.prepare(words, self.cache, engine_fingerprint() if self.cache is not None else "")
        findings = self.findings_many(queries, settings)
        results = [assemble(c, self.sources, f, self._silent) for c, f in zip(claims, findings, strict=True)]
        self.store_facts()
        return results


def cached_queries(
    cache: AnalysisCache | None,
    claims: Sequence[Claim],
    glossary: Glossary,
    actors: Mapping[str, Sequence[Any]] | None,
    lexicon: LexiconExtension,
) -> list[Query]:
    """The claims analysed, read back from the cache (in one query) when the claim, glossary, actors and
    lexicon are unchanged, and analysed and stored otherwise."""
    if cache is None:
        return [build_query(claim, glossary, actors) for claim in claims]
    shared = (repr(glossary.entries), json.dumps(actors, ensure_ascii=False, sort_keys=True), lexicon.as_key())
    salt = engine_fingerprint()
    keys = [
        "query:" + hashlib.sha256("\0".join((repr(claim), *shared)).encode("utf-8")).hexdigest() + ":" + salt
        for claim in claims
    ]
    found = cache.get_many(keys)
    new = {}
    for i, (claim, key) in enumerate(zip(claims, keys, strict=True)):
        if not isinstance(found[i], Query):
            found[i] = new[key] = build_query(claim, glossary, actors)
    cache.put_many(new)
    return found


def check(claim_set: ClaimSet, sources: Sequence[Source], settings: Settings | None = None) -> list[ClaimResult]:
    """Check every claim of ``claim_set`` against ``sources``."""
    corpus = Corpus(sources, actors=claim_set.actors, lexicon=claim_set.lexicon)
    return corpus.check_all(claim_set.claims, claim_set.glossary, settings or Settings())
