"""Score claim phrasings against analysed sentences.

A phrasing's score is the IDF-weighted share of its terms found in the sentence
(0-100), where a word is found when its match keys (normalised form, Snowball
stem, clitic-stripped forms) meet a sentence word's keys, or, for spelling
variants no key catches (الأميركية / الأمريكية), when rapidfuzz's ``ratio`` on
the normalised forms reaches ``FUZZY_CUTOFF`` — credited at that ratio. Fuzzy
neighbours are looked up once per claim word against the corpus vocabulary, so
scoring a sentence is only dictionary lookups.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process

from factcheck.models import Sentence
from factcheck.normalize import Token, match_keys, tokenize
from factcheck.numbers import Quantity, extract_quantities
from factcheck.polarity import Cue, find_cues
from factcheck.query import Phrasing, Term

FUZZY_CUTOFF = 85.0  # rapidfuzz ratio for two spellings of one word
FUZZY_MIN_LENGTH = 5  # shorter words differ by one letter too often to guess


@dataclass
class AnalysedSentence:
    """A sentence with everything matching needs, computed once per corpus."""

    sentence: Sentence
    tokens: list[Token]  # offsets relative to the sentence text
    keys: dict[str, list[int]]  # match key -> token positions
    quantities: list[Quantity]  # source role, offsets relative to the sentence text
    quantity_spans: list[tuple[int, int]]  # token ranges of the quantities
    cues: list[Cue]
    speaker_keys: frozenset[str] = frozenset()

    @classmethod
    def build(cls, sentence: Sentence) -> AnalysedSentence:
        tokens = tokenize(sentence.text)
        keys: dict[str, list[int]] = defaultdict(list)
        for i, tok in enumerate(tokens):
            if tok.is_word and not tok.is_number:
                for key in match_keys(tok.norm):
                    keys[key].append(i)
        quantities = extract_quantities(sentence.text, role="source")
        spans = [token_range(tokens, q.start, q.end) for q in quantities]
        return cls(sentence, tokens, dict(keys), quantities, spans, find_cues(tokens, masked=spans))

    def with_speaker(self, speaker: str | None) -> None:
        if speaker:
            self.speaker_keys = frozenset(k for t in tokenize(speaker) if t.is_word for k in match_keys(t.norm))

    def absolute(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens [first, last] in the article text."""
        base = self.sentence.start
        return base + self.tokens[first].start, base + self.tokens[last].end


def token_range(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """Token index range [a, b) covering characters [start, end)."""
    idx = [k for k, t in enumerate(tokens) if t.start < end and t.end > start]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


@dataclass
class TermHit:
    term: Term
    similarity: float  # 0..1
    positions: list[int]  # token positions in the sentence (empty when found only in the speaker)


@dataclass
class PhrasingMatch:
    phrasing: Phrasing
    score: float  # 0-100
    hits: list[TermHit]

    @property
    def positions(self) -> list[int]:
        return sorted({p for h in self.hits if h.similarity > 0 for p in h.positions})

    @property
    def matched_terms(self) -> list[Term]:
        return [h.term for h in self.hits if h.similarity > 0]

    @property
    def missing_terms(self) -> list[Term]:
        return [h.term for h in self.hits if h.similarity == 0]


@dataclass
class CorpusIndex:
    """The analysed evidence sentences of all sources, with document frequencies over them."""

    sentences: list[AnalysedSentence]
    postings: dict[str, set[int]] = field(default_factory=dict)  # key -> sentence numbers
    _expansions: dict[str, dict[str, float]] = field(default_factory=dict)
    _idf: dict[Term, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        postings: dict[str, set[int]] = defaultdict(set)
        for n, s in enumerate(self.sentences):
            for key in s.keys:
                postings[key].add(n)
        self.postings = dict(postings)

    @cached_property
    def vocabulary(self) -> list[str]:
        words = {t.norm for s in self.sentences for t in s.tokens if t.is_word and not t.is_number}
        return sorted(words)

    def expand(self, word: str) -> dict[str, float]:
        """Keys under which ``word`` is found, with the credit each earns (1.0 exact, ratio/100 fuzzy)."""
        cached = self._expansions.get(word)
        if cached is not None:
            return cached
        out = dict.fromkeys(match_keys(word), 1.0)
        if len(word) >= FUZZY_MIN_LENGTH:
            for other, ratio, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
            ):
                for key in match_keys(other):
                    if len(key) >= FUZZY_MIN_LENGTH - 1 and out.get(key, 0.0) < ratio / 100:
                        out[key] = ratio / 100
        self._expansions[word] = out
        return out

    @cached_property
    def unseen_weight(self) -> float:
        """Weight of a claim word no sentence contains: the median word's, not the rarest's.

        A word absent from every source is as often a paraphrase (تحقق for
        التأكد) as missing content, so it should not outweigh the words that do
        match; names and numbers missing from the sources still cost their share.
        """
        n = len(self.sentences)
        values = sorted(math.log((n + 1) / (len(docs) + 0.5)) for docs in self.postings.values())
        return values[len(values) // 2] if values else 1.0

    def idf(self, term: Term) -> float:
        """Inverse sentence frequency of a term (its rarest reading), smoothed."""
        cached = self._idf.get(term)
        if cached is not None:
            return cached
        n = len(self.sentences)
        best = 0.0
        for alt in term.alternatives:
            values = []
            for word in alt:
                docs: set[int] = set()
                for key in match_keys(word):
                    docs |= self.postings.get(key, set())
                values.append(math.log((n + 1) / (len(docs) + 0.5)) if docs else self.unseen_weight)
            best = max(best, sum(values) / len(values))
        self._idf[term] = best
        return best

    def candidates(self, phrasings: Iterable[Phrasing]) -> set[int]:
        """Sentences sharing at least one key with any term of the phrasings."""
        out: set[int] = set()
        for p in phrasings:
            for term in p.terms:
                for alt in term.alternatives:
                    for word in alt:
                        for key in self.expand(word):
                            out |= self.postings.get(key, set())
        return out


def _word_hit(index: CorpusIndex, word: str, sentence: AnalysedSentence) -> tuple[float, list[int]]:
    best, positions = 0.0, []
    for key, credit in index.expand(word).items():
        found = sentence.keys.get(key)
        if found and credit >= best:
            if credit > best:
                positions = []
            best = credit
            positions.extend(found)
    if best == 0.0 and any(k in sentence.speaker_keys for k in match_keys(word)):
        return 1.0, []
    return best, sorted(set(positions))


def match_term(index: CorpusIndex, term: Term, sentence: AnalysedSentence) -> TermHit:
    best = TermHit(term, 0.0, [])
    for alt in term.alternatives:
        sims, positions = [], []
        for word in alt:
            sim, pos = _word_hit(index, word, sentence)
            sims.append(sim)
            positions.extend(pos)
        sim = sum(sims) / len(sims) if min(sims) > 0 else 0.0  # a multi-word name counts only whole
        if sim > best.similarity:
            best = TermHit(term, sim, positions)
    return best


def score_phrasing(index: CorpusIndex, phrasing: Phrasing, sentence: AnalysedSentence) -> PhrasingMatch:
    hits = [match_term(index, t, sentence) for t in phrasing.terms]
    weights = [index.idf(t) for t in phrasing.terms]
    total = sum(weights)
    score = 100.0 * sum(w * h.similarity for w, h in zip(weights, hits, strict=True)) / total if total else 0.0
    return PhrasingMatch(phrasing, round(score, 1), hits)
