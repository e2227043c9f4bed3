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

import datetime
import hashlib
import math
import pickle
from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import Any, NamedTuple, Protocol

from cachetools import LRUCache
from rapidfuzz import fuzz, process

from factcheck.concepts import load_concepts
from factcheck.corpus_stats import Alternatives, CorpusStats, CountRequests, PartSummary
from factcheck.dates import DateMention, extract_dates
from factcheck.models import Sentence
from factcheck.normalize import (
    MEMO_WORDS,
    WORD_KEYS,
    Token,
    WordMemo,
    is_arabic,
    is_word_form,
    match_keys,
    norms,
    token_span,
    tokenize,
)
from factcheck.numbers import Quantity, extract_quantities
from factcheck.opposites import OppositeLexicon, load_opposites
from factcheck.polarity import Cue, find_cues
from factcheck.query import LIGHT_WEIGHT, Phrasing, Term, outside_dates
from factcheck.transliterate import MIN_SKELETON, skeleton

_CLOSING = frozenset("\"'»”)]")
GROUP_UNKNOWN = "\x00"  # ``AnalysedSentence.named_group`` not looked up yet
_QUESTION_WORDS = frozenset({"هل", "وهل", "فهل"})
FUZZY_CUTOFF = 85.0  # rapidfuzz ratio for two spellings of one word
FUZZY_MIN_LENGTH = 5  # shorter words differ by one letter too often to guess
NAME_CREDIT = 0.9  # a name in Latin letters found through its consonant skeleton (Khafaji → الخفاجي)
# Alternatives credited at least this much are the claim's own word (its forms), not a paraphrase.
STRICT_CREDIT = 0.9
# Credit for another form of the claim word's lexeme that the stemmer does not relate
# (ارتفع / ارتفاع / يرتفع), as listed in the opposites lexicon.
LEXEME_CREDIT = 0.9


# Per-word memos for the on-demand analysis of sentences (``WordMemo``): a word's match keys
# (``WORD_KEYS``) and its sides in the opposites lexicon in use, both pure functions of the
# normalised word. Below: the lexicon in use (kept alive, so never mistaken for another) and its memo.
_NO_SIDES: frozenset[int] = frozenset()
_SIDES: list[tuple[OppositeLexicon, WordMemo]] = []


def token_key_sets(tokens: Sequence[Token]) -> tuple[tuple[str, ...] | None, ...]:
    """Per token, its match keys (None for numbers, which are compared as values, and punctuation)."""
    return tuple(map(WORD_KEYS.__getitem__, norms(tokens)))


def all_keys(key_sets: Iterable[tuple[str, ...] | None]) -> frozenset[str]:
    """The keys of all the tokens together."""
    return frozenset(chain.from_iterable(filter(None, key_sets)))


def token_keys(tokens: Sequence[Token]) -> dict[str, list[int]]:
    """Match key -> positions of the words that have it."""
    return key_positions(token_key_sets(tokens))


def key_positions(key_sets: Sequence[tuple[str, ...] | None]) -> dict[str, list[int]]:
    """Match key -> positions of the tokens whose ``token_key_sets`` have it."""
    keys: dict[str, list[int]] = {}
    for i, found in enumerate(key_sets):
        for key in found or ():
            keys.setdefault(key, []).append(i)
    return keys


def token_sides(tokens: Sequence[Token]) -> tuple[frozenset[int], ...]:
    """Per token, the opposites-lexicon sides it stands on (``OppositeLexicon.sides_of``, memoised per word)."""
    lexicon = load_opposites()
    if not _SIDES or _SIDES[0][0] is not lexicon:  # another lexicon is in use now

        def sides(norm: str) -> frozenset[int]:
            return (lexicon.sides_of(norm) or _NO_SIDES) if is_word_form(norm) else _NO_SIDES

        _SIDES[:] = [(lexicon, WordMemo(sides))]
    return tuple(map(_SIDES[0][1].__getitem__, norms(tokens)))


def speaker_keys_of(speaker: str | None) -> frozenset[str]:
    if not speaker:
        return frozenset()
    return frozenset(k for t in tokenize(speaker) if t.is_word for k in match_keys(t.norm))


@dataclass(eq=False)
class AnalysedSentence:
    """A sentence with everything matching needs, each part computed when first asked for.

    Most sentences are never a candidate for any claim, so only their match keys
    are taken (for the postings, see ``CorpusIndex``) and not kept; tokens,
    quantities, dates and negation cues are computed, and kept, for the
    sentences a claim makes candidates.
    """

    sentence: Sentence
    reference: datetime.date | None = None  # the article's date, for "الماضي" / "المقبل"
    # The actor group the sentence names, if any; ``GROUP_UNKNOWN`` until looked up (only a claim about
    # what a group says needs it, so it is looked up when such a claim judges the sentence).
    named_group: str | None = None
    # Its dates, quantities, negation cues and opposites-lexicon sides once worked out, pickled
    # (b"" when it has none): the costly part of the analysis, kept (and stored in the analysis
    # cache) when the rest is forgotten.
    facts: bytes | None = None

    @classmethod
    def build(cls, sentence: Sentence, reference: datetime.date | None = None) -> AnalysedSentence:
        return cls(sentence, reference)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Offsets relative to the sentence text."""
        if self.facts:
            return self._facts()[4]  # kept with the facts: rebuilt from offsets, not tokenised again
        return tokenize(self.sentence.text)

    @cached_property
    def key_sets(self) -> tuple[tuple[str, ...] | None, ...]:
        """Per token, its match keys (``token_key_sets``)."""
        return token_key_sets(self.tokens)

    @cached_property
    def key_set(self) -> frozenset[str]:
        """Every match key of the sentence."""
        return all_keys(self.key_sets)

    @cached_property
    def keys(self) -> dict[str, list[int]]:
        """Match key -> token positions."""
        return key_positions(self.key_sets)

    @cached_property
    def speaker_keys(self) -> frozenset[str]:
        return speaker_keys_of(self.sentence.speaker)

    @cached_property
    def dates(self) -> list[DateMention]:
        """Dates, with relative words resolved against the article's date when it is known."""
        return self._facts()[0]

    @cached_property
    def quantities(self) -> list[Quantity]:
        """Quantities in the source role (not those that are part of a date), offsets relative to the sentence."""
        return self._facts()[1]

    @cached_property
    def quantity_spans(self) -> list[tuple[int, int]]:
        return [token_span(self.tokens, q.start, q.end) for q in self.quantities]

    @cached_property
    def cues(self) -> list[Cue]:
        return self._facts()[2]

    @cached_property
    def sides(self) -> tuple[frozenset[int], ...]:
        """Per token, the opposites-lexicon sides it stands on (empty for most words)."""
        return self._facts()[3]

    @cached_property
    def loud(self) -> tuple[int, ...]:
        """The positions of the tokens the opposites lexicon looks at (``OppositeLexicon.loud_positions``)."""
        self._facts()
        return self.__dict__["loud"]

    @cached_property
    def side_set(self) -> frozenset[int]:
        """Every opposites-lexicon side some word of the sentence stands on."""
        return frozenset().union(*self.sides)

    def _facts(
        self,
    ) -> tuple[list[DateMention], list[Quantity], list[Cue], tuple[frozenset[int], ...], tuple[Token, ...]]:
        """Dates, quantities, cues, sides and tokens, read back from ``facts`` or worked out (and kept there),
        and the loud positions (``loud``)."""
        found = self.__dict__
        if self.facts:
            dates, quantities, cues, marked, loud, spans, norms = pickle.loads(self.facts)
            tokens = found.get("tokens") or found.setdefault("tokens", _tokens_from(self.sentence.text, spans, norms))
            listed = [_NO_SIDES] * len(tokens)
            for k, on in marked:
                listed[k] = on
            sides = tuple(listed)
        elif self.facts is not None:  # nothing at all
            dates, quantities, cues, tokens, loud = [], [], [], self.tokens, ()
            sides = (_NO_SIDES,) * len(tokens)
        else:
            tokens = self.tokens
            dates = found["dates"] = extract_dates(self.sentence.text, reference=self.reference)
            quantities = found["quantities"] = outside_dates(
                extract_quantities(self.sentence.text, role="source"), dates
            )
            cues = find_cues(tokens, masked=self.quantity_spans)
            sides = token_sides(tokens)
            marked = tuple((k, on) for k, on in enumerate(sides) if on)
            loud = load_opposites().loud_positions(tokens)
            stored = (dates, quantities, cues, marked, loud, *_tokens_as_text(tokens))
            self.facts = pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL) if any(stored) else b""
        found["dates"], found["quantities"], found["cues"], found["sides"] = dates, quantities, cues, sides
        found["loud"] = loud
        return dates, quantities, cues, sides, tokens

    @cached_property
    def places(self) -> tuple[tuple[str, str, str, int], ...]:
        """Places the sentence names: (concept id, level, the words as written, first token index)."""
        lexicon = load_concepts()
        words = [t.norm for t in self.tokens]
        out = []
        for i, tok in enumerate(self.tokens):
            found = lexicon.place_at(words, i) if tok.is_word else None
            if found is not None and found[1].place is not None:
                span, concept = found
                text = " ".join(t.text for t in self.tokens[i : i + span])
                out.append((concept.id, concept.place.level, text, i))
        return tuple(out)

    @cached_property
    def is_question(self) -> bool:
        """A question ("هل انسحبت القوات؟") asserts nothing, whichever way it is worded."""
        last = next((t.norm for t in reversed(self.tokens) if t.norm not in _CLOSING), "")
        first = next((t.norm for t in self.tokens if t.is_word), "")
        return last == "?" or first in _QUESTION_WORDS

    def forget(self) -> None:
        """Drop the parts computed on demand (they are computed again if asked for), and the
        opposites lexicon's reading of the sentence (it would keep the tokens alive)."""
        tokens = self.__dict__.get("tokens")
        if tokens is not None:
            load_opposites().forget(tokens)
        kept = self.__dict__
        for name in _ON_DEMAND:
            kept.pop(name, None)
        self.__dict__ = dict(kept)  # a dict does not shrink when emptied: a new one holds only what is kept

    def warm(self) -> None:
        """Compute the lazy parts now (before the analysis is cached)."""
        _ = self.key_set, self.cues, self.dates, self.sides

    def absolute(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens [first, last] in the article text."""
        base = self.sentence.start
        return base + self.tokens[first].start, base + self.tokens[last].end


_TOKEN_BREAK = "\x1f"  # joins the tokens' match forms (a whitespace character: never inside a token)


def _tokens_as_text(tokens: Sequence[Token]) -> tuple[bytes, str]:
    """Tokens kept compactly: their offsets, and their match forms ("" where it is the text itself)."""
    offsets = [v for t in tokens for v in (t.start, t.end)]
    kind = "H" if not offsets or offsets[-1] < 1 << 16 else "I"
    norms = _TOKEN_BREAK.join("" if t.norm == t.text else t.norm for t in tokens)
    return array(kind, offsets).tobytes(), norms


def _tokens_from(text: str, offsets: bytes, norms: str) -> tuple[Token, ...]:
    """The tokens ``_tokens_as_text`` keeps, rebuilt: equal to ``tokenize(text)``, in a third of its time."""
    forms = norms.split(_TOKEN_BREAK)
    spans = array("H" if len(offsets) == 4 * len(forms) else "I", offsets)
    ends = iter(spans)
    out = []
    for start, end, norm in zip(ends, ends, forms, strict=False):
        piece = text[start:end]
        out.append(Token(piece, norm or piece, start, end))
    return tuple(out)


_ON_DEMAND = (
    "tokens",
    "key_sets",
    "key_set",
    "keys",
    "speaker_keys",
    "dates",
    "quantities",
    "quantity_spans",
    "cues",
    "sides",
    "loud",
    "side_set",
    "places",
    "is_question",
)


def sentence_keys_and_words(sentences: Sequence[AnalysedSentence]) -> tuple[list[tuple[str, ...]], set[str]]:
    """Each sentence's match keys, and all their words, without keeping any sentence's tokens."""
    keys = []
    words: set[str] = set()
    for s in sentences:
        tokens = s.__dict__.get("tokens") or tokenize(s.sentence.text)
        keys.append(tuple(all_keys(token_key_sets(tokens))))
        words.update(t.norm for t in tokens if t.is_word and not t.is_number)
    return keys, words


# Sentences (ascending numbers, a numpy int64 array) and a value for each (a float64 array).
Sims = tuple[Any, Any]
Slot = tuple[int, int]  # (alternative, word) of a term


@dataclass
class TermHit:
    term: Term
    similarity: float  # 0..1
    positions: list[int]  # token positions in the sentence (empty when found only in the speaker)
    strict: float = 0.0  # similarity through the claim's own word and its forms only, not concept-mates


@dataclass
class PhrasingMatch:
    phrasing: Phrasing
    score: float  # 0-100
    hits: list[TermHit]
    strict_score: float = 0.0  # the score without concept-mates (خروج for انسحاب)

    @property
    def positions(self) -> list[int]:
        return sorted({p for h in self.hits if h.similarity > 0 for p in h.positions})

    @property
    def matched_terms(self) -> list[Term]:
        return [h.term for h in self.hits if h.similarity > 0]

    @property
    def missing_terms(self) -> list[Term]:
        return [h.term for h in self.hits if h.similarity == 0]


SIMS_KEPT = 2_000_000  # sentences a memo of word or term credits holds (16 bytes each), the least recently used dropped


def _sims_size(sims: Sims) -> int:
    return max(1, len(sims[0]))


def _sims_memo() -> LRUCache:
    return LRUCache(SIMS_KEPT, getsizeof=_sims_size)


def _keep_sims(memo: LRUCache, key: Any, sims: Sims) -> None:
    if _sims_size(sims) <= SIMS_KEPT:  # one larger than the whole budget is not kept
        memo[key] = sims


class IndexSnapshot(NamedTuple):
    """A built ``CorpusIndex`` without its sentences, as kept in the analysis cache."""

    sentences: int
    postings: dict[str, array]
    speaker_postings: dict[str, set[int]]
    words: set[str]
    word_keys: dict[str, tuple[str, ...] | None]  # the words' match keys (``token_key_sets``)


@dataclass
class CorpusIndex:
    """The analysed evidence sentences of all sources, with postings and document frequencies over them.

    ``sentence_keys`` gives each sentence's match keys when they were stored with
    the analysis (else they are computed). ``shared`` is set when these sentences
    are one part of a larger corpus (see ``parts``): word weights and spelling
    neighbours are then those of the whole corpus, so every part judges a
    sentence exactly as one index over everything would.
    """

    sentences: list[AnalysedSentence]
    sentence_keys: Sequence[Sequence[str]] | None = None
    words: set[str] | None = None  # the sentences' words (given with ``sentence_keys``)
    shared: CorpusStats | None = None
    postings: dict[str, array] = field(default_factory=dict)  # key -> sentence numbers, ascending
    speaker_postings: dict[str, set[int]] = field(default_factory=dict)  # key -> sentences whose speaker has it
    _expansions: dict[tuple[str, bool], dict[str, float]] = field(default_factory=dict)
    _idf: dict[Term, float] = field(default_factory=dict)
    # Kept from one claim to the next, within a budget: claims share many words (العراق, القوات).
    _word_sims: LRUCache = field(default_factory=_sims_memo)
    _term_sims: LRUCache = field(default_factory=_sims_memo)
    _speaker_arrays: dict[str, Any] = field(default_factory=dict)  # speaker_postings as sorted arrays
    _tables: dict[Term, tuple[dict, dict]] = field(default_factory=dict)
    _plans: dict[int, tuple[Phrasing, Plan]] = field(default_factory=dict)  # id of a phrasing -> ``plan``
    _neighbours: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # word -> vocabulary spellings
    _names: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # skeleton -> Arabic words, ratio
    restored_size: int = -1  # sentences of the ``snapshot`` given to ``restore``, if one was

    def __post_init__(self) -> None:
        sentences, given = self.sentences, self.sentence_keys
        if given is None:
            given, self.words = sentence_keys_and_words(sentences)
        self.sentences, self.sentence_keys = [], None  # the keys are only needed to build the postings
        self.add(sentences, given)
        if self.shared is not None:
            self.share(self.shared)

    def add(
        self, sentences: Sequence[AnalysedSentence], keys: Sequence[Sequence[str]], words: Iterable[str] = ()
    ) -> None:
        """Index more sentences (one article's, as it is read), numbered after those already indexed.

        Building the postings article by article frees each article's keys at once,
        instead of holding every sentence's keys until the end. Only while building:
        nothing worked out for claims so far is updated.
        """
        postings, speakers = self.postings, self.speaker_postings
        for s, sentence_keys in zip(sentences, keys, strict=True):
            n = len(self.sentences)
            self.sentences.append(s)
            for key in sentence_keys:
                found = postings.get(key)
                if found is None:
                    postings[key] = found = array("i")
                found.append(n)
            if s.sentence.speaker:
                for key in s.speaker_keys:
                    speakers.setdefault(key, set()).add(n)
        if self.words is None:
            self.words = set()
        self.words.update(words)

    def snapshot(self) -> IndexSnapshot:
        """What ``add`` built, to be stored and given back to ``restore`` with the same sentences."""
        words = self.words or set()
        memo = WORD_KEYS
        return IndexSnapshot(
            len(self.sentences), self.postings, self.speaker_postings, words, {w: memo[w] for w in words}
        )

    def restore(self, snapshot: Any) -> bool:
        """Take the postings and words of a ``snapshot`` (the sentences are then added to ``sentences``
        as they are read); False, and nothing taken, when there is none or this index holds some already.

        The words' match keys come back too: a sentence judged later has its words' keys
        looked up, and working them out again would cost more than the rest of reading the index.
        """
        if not isinstance(snapshot, IndexSnapshot) or self.sentences or self.postings:
            return False
        self.restored_size, self.postings, self.speaker_postings, self.words = snapshot[:4]
        if len(WORD_KEYS) + len(snapshot.word_keys) < MEMO_WORDS:
            WORD_KEYS.update(snapshot.word_keys)
        return True

    @property
    def size(self) -> int:
        """Sentences in the whole corpus (all parts)."""
        return self.shared.sentences if self.shared is not None else len(self.sentences)

    @cached_property
    def vocabulary(self) -> list[str]:
        """Every word of the corpus (all parts), sorted: where spelling neighbours are looked for."""
        if self.shared is not None:
            if self.shared.vocabulary is None:
                raise RuntimeError("spelling neighbours looked for in a part, which holds not the corpus's vocabulary")
            return list(self.shared.vocabulary)
        return sorted(self.words or ())

    def expand(self, word: str, fuzzy: bool = True) -> dict[str, float]:
        """Keys under which ``word`` is found, with the credit each earns (1.0 exact, ratio/100 fuzzy).

        ``fuzzy=False`` skips spelling neighbours: lexicon forms are written out, the
        claim's own word is not.
        """
        cached = self._expansions.get((word, fuzzy))
        if cached is not None:
            return cached
        out = dict.fromkeys(match_keys(word), 1.0)
        for form in load_opposites().lexeme_forms(word):
            for key in match_keys(form):
                if len(key) >= 3 and out.get(key, 0.0) < LEXEME_CREDIT:
                    out[key] = LEXEME_CREDIT
        if fuzzy and not is_arabic(word):
            for other, ratio in self.same_name(word):
                for key in match_keys(other):
                    if out.get(key, 0.0) < NAME_CREDIT * ratio / 100:
                        out[key] = NAME_CREDIT * ratio / 100
        elif fuzzy and len(word) >= FUZZY_MIN_LENGTH:
            if word not in self._neighbours:
                self.prepare([word])
            for other, ratio in self._neighbours[word]:
                # Neighbours are words of the corpus: their keys come from the archive-wide memo.
                for key in WORD_KEYS[other] or match_keys(other):
                    if len(key) >= FUZZY_MIN_LENGTH - 1 and out.get(key, 0.0) < ratio / 100:
                        out[key] = ratio / 100
        self._expansions[word, fuzzy] = out
        return out

    @cached_property
    def _skeletons(self) -> dict[str, list[str]]:
        """Arabic vocabulary words by the consonant skeleton of their spelling (for names in Latin letters)."""
        out: dict[str, list[str]] = defaultdict(list)
        for word in self.vocabulary:
            if is_arabic(word):
                key = skeleton(word)
                if len(key) >= MIN_SKELETON:
                    out[key].append(word)
        return dict(out)

    def same_name(self, word: str) -> list[tuple[str, float]]:
        """Arabic words of the sources that may spell the Latin ``word`` (Khafaji → الخفاجي), with the ratio."""
        key = skeleton(word)
        if len(key) < MIN_SKELETON:
            return []
        if key not in self._names:
            self.prepare([word])
        return self._names[key]

    def prepare(self, words: Iterable[str], store: Store | None = None, salt: str = "") -> None:
        """Find the spelling neighbours of many claim words at once, before they are expanded.

        On a large corpus one batched comparison against the vocabulary is far
        cheaper than one per word; the neighbours found are the same. With a
        ``store`` (the analysis cache), the neighbours of a word are read back when
        they were found before in the same vocabulary (``salt`` names the engine).
        """
        words = set(words)
        arabic = sorted({w for w in words if is_arabic(w) and len(w) >= FUZZY_MIN_LENGTH} - set(self._neighbours))
        if arabic:
            self._neighbours.update(_stored_similar(arabic, self.vocabulary, store, salt))
        keys = {k for w in words if not is_arabic(w) and len(k := skeleton(w)) >= MIN_SKELETON} - set(self._names)
        if keys:
            skeletons = self._skeletons
            for key, found in _stored_similar(sorted(keys), list(skeletons), store, salt).items():
                self._names[key] = [(other, ratio) for k, ratio in found for other in skeletons[k]]

    def neighbours_found(self) -> tuple[dict[str, list[tuple[str, float]]], dict[str, list[tuple[str, float]]]]:
        """The spelling neighbours looked up so far: of Arabic words, and of Latin names by skeleton."""
        return dict(self._neighbours), dict(self._names)

    def forget_terms(self, *, keep_sims: bool = False) -> None:
        """Drop what was worked out for the terms of the claims checked so far; with ``keep_sims``, but for the
        sentences and credits of their words and terms, kept within a budget (``SIMS_KEPT``) for the next claims."""
        for cache in (
            (self._tables, self._plans) if keep_sims else (self._word_sims, self._term_sims, self._tables, self._plans)
        ):
            cache.clear()

    def share(self, stats: CorpusStats) -> None:
        """Match from now on with the counts and neighbours of the whole corpus this index is a part of."""
        self.shared = stats
        for cache in (self._expansions, self._idf, self._word_sims, self._term_sims, self._tables, self._plans):
            cache.clear()
        for name in ("vocabulary", "_skeletons", "unseen_weight"):
            self.__dict__.pop(name, None)
        self._neighbours = dict(stats.neighbours)
        self._names = dict(stats.names)

    def summary(self) -> PartSummary:
        """What the whole corpus's counts need from this part."""
        return PartSummary(
            len(self.sentences), frozenset(self.words or ()), {k: len(v) for k, v in self.postings.items()}
        )

    def local_counts(self, requests: CountRequests) -> tuple[dict[str, int], dict[Alternatives, int]]:
        """This part's share of the counts ``requests`` names."""
        words = {w: self.local_doc_count(w) for w in requests.words}
        return words, {alts: self.local_pooled_count(alts) for alts in requests.pooled}

    @cached_property
    def unseen_weight(self) -> float:
        """Weight of a claim word no sentence contains: the median word's, not the rarest's.

        A word absent from every source is as often a paraphrase (تحقق for
        التأكد) as missing content, so it should not outweigh the words that do
        match; names and numbers missing from the sources still cost their share.
        """
        if self.shared is not None:
            return self.shared.unseen_weight
        return unseen_weight({key: len(docs) for key, docs in self.postings.items()}, len(self.sentences))

    def idf(self, term: Term) -> float:
        """Inverse sentence frequency of a term (its rarest reading), smoothed."""
        cached = self._idf.get(term)
        if cached is not None:
            return cached
        n = self.size
        if term.pooled:
            # A concept no source expresses in any of its forms is missing content: full weight.
            pooled = self._pooled_idf(term.alternatives)
            value = math.log((n + 1) / 0.5) if pooled is None else pooled
        elif term.credits:
            value = self._concept_idf(term)
        else:
            value = max(self._alternative_idf(alt) for alt in term.alternatives)
            if term.name and not any(self.doc_count(w) for alt in term.alternatives for w in alt):
                # A name the sources never use is missing content, not a paraphrase: full weight.
                value = math.log((n + 1) / 0.5)
        if term.light:
            value *= LIGHT_WEIGHT
        if term.carries is not None:  # the weight its light head gave up (تشن هجمات: هجمات)
            value += self.idf(term.carries) * (1 - LIGHT_WEIGHT) / LIGHT_WEIGHT
        self._idf[term] = value
        return value

    def _docs(self, word: str) -> Any:
        """Which sentences hold ``word`` (any of its keys): a boolean numpy array over the sentences.

        Not a set of sentence numbers: the counts of every claim word are taken on the whole of
        a large part, and a common word's set would build tens of thousands of objects, each
        left behind as scattered memory once freed.
        """
        np = _numpy()
        held = np.zeros(len(self.sentences), dtype=bool)
        for key in match_keys(word):
            docs = self.postings.get(key)
            if docs:
                held[np.frombuffer(docs, dtype=np.int32)] = True
        return held

    def doc_count(self, word: str) -> int:
        """Sentences of the whole corpus containing ``word``."""
        if self.shared is not None:
            return self.shared.word_docs[word]
        return self.local_doc_count(word)

    def local_doc_count(self, word: str) -> int:
        found = [docs for key in match_keys(word) if (docs := self.postings.get(key))]
        if len(found) <= 1:  # one key's postings hold each sentence once
            return len(found[0]) if found else 0
        return int(_numpy().count_nonzero(self._docs(word)))

    def pooled_count(self, alternatives: tuple[tuple[str, ...], ...]) -> int:
        """Sentences of the whole corpus holding all the words of any one of ``alternatives``."""
        if self.shared is not None:
            return self.shared.pooled_docs[alternatives]
        return self.local_pooled_count(alternatives)

    def local_pooled_count(self, alternatives: tuple[tuple[str, ...], ...]) -> int:
        held = None
        for alt in alternatives:
            found = [self._docs(w) for w in alt]
            if found and all(f.any() for f in found):
                common = found[0]
                for other in found[1:]:
                    common &= other
                held = common if held is None else held | common
        return 0 if held is None else int(_numpy().count_nonzero(held))

    def _alternative_idf(self, alt: tuple[str, ...]) -> float:
        n = self.size
        values = []
        for word in alt:
            docs = self.doc_count(word)
            values.append(math.log((n + 1) / (docs + 0.5)) if docs else self.unseen_weight)
        return sum(values) / len(values)

    def _concept_idf(self, term: Term) -> float:
        """A claim word's own weight when the sources use it; else its concept's (حُدّد → تحديد، يحدد)."""
        own = term.alternatives[0]
        if all(self.doc_count(w) for w in own):
            return self._alternative_idf(own)
        pooled = self._pooled_idf(term.alternatives[1:])
        return pooled if pooled is not None else self._alternative_idf(own)

    def _pooled_idf(self, alternatives: tuple[tuple[str, ...], ...]) -> float | None:
        """IDF of the sentences holding any of the alternatives (None when none does)."""
        docs = self.pooled_count(alternatives)
        if not docs:
            return None
        return math.log((self.size + 1) / (docs + 0.5))

    def word_sims(self, word: str, fuzzy: bool = True) -> Sims:
        """Credit of ``word`` in every sentence that has it (the rule of ``match_term``, in bulk).

        The sentences (ascending) and their credits: per sentence the best credit of
        the word's keys, else 1.0 when only the speaker names it.
        """
        cached = self._word_sims.get((word, fuzzy))
        if cached is not None:
            return cached
        np = _numpy()
        found = [
            (np.frombuffer(docs, dtype=np.int32), credit)
            for key, credit in self.expand(word, fuzzy).items()
            if (docs := self.postings.get(key))
        ]
        if len(found) > 1:
            docs = np.concatenate([d for d, _ in found])
            credits = np.concatenate([np.full(len(d), c) for d, c in found])
            order = np.lexsort((-credits, docs))  # by sentence, best credit first
            docs, credits = docs[order], credits[order]
            first = np.ones(len(docs), dtype=bool)
            first[1:] = docs[1:] != docs[:-1]
            docs, credits = docs[first], credits[first]
        else:
            docs = found[0][0] if found else np.empty(0, np.int32)
            credits = np.full(len(docs), found[0][1]) if found else np.empty(0)
        speakers = [self._speaker_docs(key) for key in match_keys(word) if key in self.speaker_postings]
        if speakers:
            named = speakers[0] if len(speakers) == 1 else np.unique(np.concatenate(speakers))
            at = np.searchsorted(docs, named)
            held = at < len(docs)
            held[held] = docs[at[held]] == named[held]
            only = named[~held]  # named only by the speaker
            if len(only):
                docs = np.concatenate([docs, only])
                credits = np.concatenate([credits, np.ones(len(only))])
                order = np.argsort(docs, kind="stable")
                docs, credits = docs[order], credits[order]
        sims = (docs.astype(np.int64), credits)
        _keep_sims(self._word_sims, (word, fuzzy), sims)
        return sims

    def _speaker_docs(self, key: str) -> Any:
        found = self._speaker_arrays.get(key)
        if found is None:
            np = _numpy()
            found = self._speaker_arrays[key] = np.array(sorted(self.speaker_postings[key]), dtype=np.int32)
        return found

    def term_tables(self, term: Term) -> tuple[dict[str, list[tuple[tuple[int, int], float]]], dict[str, list]]:
        """Per match key, the (alternative, word) slots it fills and their credit; and the keys a speaker may fill."""
        cached = self._tables.get(term)
        if cached is None:
            cached = self._tables[term] = self._term_tables(term)
        return cached

    def _term_tables(self, term: Term) -> tuple[dict[str, list[tuple[Slot, float]]], dict[str, list[Slot]]]:
        table: dict[str, list[tuple[tuple[int, int], float]]] = defaultdict(list)
        speaker: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for j, alt in enumerate(term.alternatives):
            for w, word in enumerate(alt):
                for key, credit in self.expand(word, _fuzzy(term, j)).items():
                    table[key].append(((j, w), credit))
                for key in match_keys(word):
                    speaker[key].append((j, w))
        return dict(table), dict(speaker)

    def plan(self, phrasing: Phrasing) -> Plan:
        """What scoring sentences on ``phrasing`` needs, worked out once per phrasing (see ``Plan``)."""
        cached = self._plans.get(id(phrasing))
        if cached is not None and cached[0] is phrasing:
            return cached[1]
        terms = phrasing.terms
        weights = [self.idf(t) for t in terms]
        table: dict[str, list[tuple[int, Slot, float]]] = {}
        speakers: dict[str, list[tuple[int, Slot]]] = {}
        for t, term in enumerate(terms):
            term_table, speaker_table = self._term_tables(term)  # not kept: the plan holds it
            for key, slots in term_table.items():
                table.setdefault(key, []).extend((t, slot, credit) for slot, credit in slots)
            for key, named in speaker_table.items():
                speakers.setdefault(key, []).extend((t, slot) for slot in named)
        plan = Plan(terms, weights, sum(weights), table, frozenset(table), speakers)
        self._plans[id(phrasing)] = (phrasing, plan)  # the phrasing is kept, so its id is not reused
        return plan

    def term_sims(self, term: Term) -> Sims:
        """Similarity of ``term`` in every sentence where it is found (``match_term`` in bulk).

        Per alternative, the sentences holding all its words get ``credit * mean(word credits)``
        (summed in word order, as ``match_term`` does); a sentence keeps its best alternative.
        """
        cached = self._term_sims.get(term)
        if cached is not None:
            return cached
        np = _numpy()
        docs_of, sims_of = [], []
        for j, alt in enumerate(term.alternatives):
            if not alt:
                continue
            credit = term.credit(j)
            per_word = [self.word_sims(w, _fuzzy(term, j)) for w in alt]
            common = per_word[0][0]
            for docs, _ in per_word[1:]:
                common = np.intersect1d(common, docs, assume_unique=True)
            if not len(common):
                continue
            if len(per_word) == 1:  # a one-word alternative: its word's credits as they are
                total = per_word[0][1]
            else:
                total = None
                for docs, credits in per_word:
                    values = credits[np.searchsorted(docs, common)]
                    total = values.copy() if total is None else total + values
            sim = credit * total / len(per_word)
            keep = sim > 0
            docs_of.append(common[keep])
            sims_of.append(sim[keep])
        if len(docs_of) == 1:
            best = (docs_of[0], sims_of[0])
        elif docs_of:
            docs, sims = np.concatenate(docs_of), np.concatenate(sims_of)
            order = np.lexsort((-sims, docs))
            docs, sims = docs[order], sims[order]
            first = np.ones(len(docs), dtype=bool)
            first[1:] = docs[1:] != docs[:-1]
            best = (docs[first], sims[first])
        else:
            best = (np.empty(0, np.int64), np.empty(0))
        _keep_sims(self._term_sims, term, best)
        return best

    def _raw_scores(self, phrasing: Phrasing) -> tuple[Any, Any] | None:
        """Per sentence, ``100 * sum(weight * similarity) / total weight`` before rounding, and
        which sentences hold any term (None when the phrasing weighs nothing).

        Each sentence's sum is taken term by term in the phrasing's order, as ``score_phrasing`` does,
        so the value is exactly the one it computes.
        """
        weights = [self.idf(t) for t in phrasing.terms]
        total = sum(weights)
        if not total:
            return None
        np = _numpy()
        acc = np.zeros(len(self.sentences))
        seen = np.zeros(len(self.sentences), dtype=bool)
        for term, w in zip(phrasing.terms, weights, strict=True):
            docs, sims = self.term_sims(term)
            acc[docs] += w * sims
            seen[docs] = True
        return 100.0 * acc / total, seen

    def scores(self, phrasing: Phrasing) -> dict[int, float]:
        """``score_phrasing`` for every sentence at once, from the postings: sentence number -> 0-100."""
        raw = self._raw_scores(phrasing)
        if raw is None:
            return {}
        values, seen = raw
        docs = seen.nonzero()[0]
        return {n: round(v, 1) for n, v in zip(docs.tolist(), values[docs].tolist(), strict=True)}

    def candidates(self, phrasing: Phrasing, at_least: float) -> list[int]:
        """The sentences whose ``scores`` reach ``at_least``, without rounding every sentence's score.

        Rounding to one decimal moves a score by at most 0.05, so only the sentences
        within 0.1 below the threshold are rounded (as Python rounds) to decide.
        """
        raw = self._raw_scores(phrasing)
        if raw is None:
            return []
        values, seen = raw
        near = (seen & (values >= at_least - 0.1)).nonzero()[0]
        return [n for n, v in zip(near.tolist(), values[near].tolist(), strict=True) if round(v, 1) >= at_least]


def _numpy() -> Any:
    """numpy, imported when first needed: it costs start-up time a cached answer does not need."""
    import numpy

    return numpy


def unseen_weight(document_frequencies: Mapping[str, int], sentences: int) -> float:
    """The median inverse sentence frequency over all match keys (see ``CorpusIndex.unseen_weight``).

    The weight falls as the frequency rises, so the median weight is the weight of the median
    frequency counted from the most frequent: one logarithm, not one per key.
    """
    counts = sorted(document_frequencies.values(), reverse=True)
    return math.log((sentences + 1) / (counts[len(counts) // 2] + 0.5)) if counts else 1.0


BATCH_FROM = 20_000  # choices from which comparing many words in one batch beats one at a time
_BATCH_ROWS = 64  # words per batch: the score matrix is rows × choices


def similar_words(words: Sequence[str], choices: Sequence[str]) -> dict[str, list[tuple[str, float]]]:
    """Each of ``words`` with the ``choices`` at least ``FUZZY_CUTOFF`` alike (rapidfuzz ``ratio``).

    Against a large vocabulary the words are compared in batches (``process.cdist``
    on all cores); the ratios of the pairs found are then taken one by one, so
    either way gives the same pairs and the same ratios.
    """
    if len(choices) < BATCH_FROM:
        cutoff = FUZZY_CUTOFF
        found = {w: process.extract(w, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None) for w in words}
        return {w: [(c, r) for c, r, _ in matches] for w, matches in found.items()}
    import numpy as np  # only for large corpora: it costs start-up time

    out: dict[str, list[tuple[str, float]]] = {}
    for first in range(0, len(words), _BATCH_ROWS):
        rows = list(words[first : first + _BATCH_ROWS])
        # The matrix is a filter only (float32, a hair below the cutoff); the ratio is taken again exactly.
        matrix = process.cdist(
            rows, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF - 0.01, dtype=np.float32, workers=-1
        )
        for word, row in zip(rows, matrix, strict=True):
            found = [(choices[i], fuzz.ratio(word, choices[i])) for i in np.flatnonzero(row)]
            out[word] = sorted(((c, r) for c, r in found if r >= FUZZY_CUTOFF), key=lambda cr: -cr[1])
    return out


class Store(Protocol):
    """Where found spelling neighbours are kept between runs (``AnalysisCache`` is one)."""

    def get_many(self, keys: Sequence[str], *, count: bool = True) -> list[Any]: ...

    def put_many(self, entries: Mapping[str, Any]) -> None: ...


def _stored_similar(
    words: Sequence[str], choices: Sequence[str], store: Store | None, salt: str
) -> dict[str, list[tuple[str, float]]]:
    """``similar_words``, reading back from ``store`` what was found for the same word among the same choices."""
    if store is None:
        return similar_words(words, choices)
    digest = hashlib.sha256("\0".join((salt, str(FUZZY_CUTOFF), *choices)).encode("utf-8")).hexdigest()
    tag = f"similar:{digest}:"
    found = dict(zip(words, store.get_many([tag + w for w in words], count=False), strict=True))
    missing = [w for w in words if not isinstance(found[w], list)]
    if missing:
        new = similar_words(missing, choices)
        store.put_many({tag + w: new[w] for w in missing})
        found.update(new)
    return found


def fuzzy_words(phrasings: Iterable[Phrasing]) -> set[str]:
    """The claim words whose spelling neighbours matching will look up (for ``CorpusIndex.prepare``)."""
    return {word for p in phrasings for t in p.terms if _fuzzy(t, 0) for word in t.alternatives[0]}


def expanded_words(phrasings: Iterable[Phrasing]) -> set[str]:
    """Every claim word whose spelling neighbours judging may look up, for a parted corpus to find first.

    The terms' own words (``fuzzy_words``), the words of a counted noun
    (``stance._unit_matches``), and each claim word the opposites lexicon reads
    (``stance._said_as_such``). A part holds no vocabulary to look them up in.
    """
    phrasings = list(phrasings)
    lexicon = load_opposites()
    out = fuzzy_words(phrasings)
    for p in phrasings:
        out.update(w for unit in p.unit_terms if unit is not None for w in unit.alternatives[0])
        out.update(t.norm for t in p.tokens if t.is_word and lexicon.sides_of(t.norm))
    return out


def _fuzzy(term: Term, alternative: int) -> bool:
    """Spelling neighbours are looked for only for the claim's own word, not for lexicon forms,
    and for a Latin word only when it is a name (its Arabic spellings, by skeleton)."""
    if alternative != 0 or term.pooled:
        return False
    return term.name or is_arabic(term.alternatives[0][0])


def match_term(index: CorpusIndex, term: Term, sentence: AnalysedSentence) -> TermHit:
    """How well the sentence contains the term: its best alternative, where, and how strictly.

    Each word of each alternative takes its best credit over the sentence's keys
    (in one pass over the keys the term and the sentence share), or full credit
    when only the speaker names it; a multi-word alternative counts only when all
    its words are found.
    """
    table, speaker_table = index.term_tables(term)
    keys = sentence.keys
    found: dict[Slot, tuple[float, list[int]]] = {}
    shared = [k for k in table if k in keys] if len(table) < len(keys) else [k for k in keys if k in table]
    for key in shared:
        positions = keys[key]
        for slot, credit in table[key]:
            _credit(found, slot, credit, positions)
    for key in sentence.speaker_keys:
        for slot in speaker_table.get(key, ()):
            found.setdefault(slot, (1.0, []))  # found only in who is speaking
    return _term_hit(term, found)


def _credit(found: dict[Slot, tuple[float, list[int]]], slot: Slot, credit: float, positions: list[int]) -> None:
    """A key of the sentence fills ``slot`` with ``credit``: keep the best credit and every place it is reached."""
    current = found.get(slot)
    if current is None or credit > current[0]:
        found[slot] = (credit, list(positions))
    elif credit == current[0]:
        current[1].extend(positions)


def _term_hit(term: Term, found: dict[Slot, tuple[float, list[int]]] | None) -> TermHit:
    """The term's best alternative among the slots the sentence fills (a multi-word one only when whole)."""
    if not found:
        return TermHit(term, 0.0, [])
    if len(found) == 1:
        # One slot filled (most terms): whole only when its alternative is one word.
        (j, _), (credit, places) = next(iter(found.items()))
        if len(term.alternatives[j]) != 1:
            return TermHit(term, 0.0, [])
        sim = term.credit(j) * credit
        hit = TermHit(term, sim, sorted(set(places))) if sim > 0 else TermHit(term, 0.0, [])
        if term.credit(j) >= STRICT_CREDIT:
            hit.strict = max(0.0, sim)
        return hit
    best = TermHit(term, 0.0, [])
    strict = 0.0
    for j in sorted({alt for alt, _ in found}):
        alt = term.alternatives[j]
        slots = [found.get((j, w)) for w in range(len(alt))]
        if any(x is None for x in slots):
            continue  # a multi-word name counts only whole
        sim = term.credit(j) * sum(x[0] for x in slots if x) / len(alt)
        positions = sorted({p for x in slots if x for p in x[1]})
        if term.credit(j) >= STRICT_CREDIT:
            strict = max(strict, sim)
        if sim > best.similarity:
            best = TermHit(term, sim, positions)
        elif sim > 0 and sim == best.similarity:  # every place the term is found (يبق and المتبقين)
            best.positions = sorted({*best.positions, *positions})
    best.strict = strict
    return best


@dataclass(frozen=True)
class Plan:
    """What scoring sentences on one phrasing needs, worked out once for the phrasing.

    ``table`` joins the terms' ``term_tables``: per match key, the (term, slot, credit)
    it fills, so that one pass over the keys a sentence shares with the whole
    phrasing finds every term (``match_term`` for each term, in one go).
    """

    terms: tuple[Term, ...]
    weights: list[float]
    total: float
    table: dict[str, list[tuple[int, Slot, float]]]
    keys: frozenset[str]  # the table's
    speakers: dict[str, list[tuple[int, Slot]]]  # key -> the (term, slot) a speaker with it fills
    derived: dict[str, Any] = field(default_factory=dict)  # more worked out once per phrasing, by name


def score_phrasing(index: CorpusIndex, phrasing: Phrasing, sentence: AnalysedSentence) -> PhrasingMatch:
    plan = index.plan(phrasing)
    table = plan.table
    found: list[dict[Slot, tuple[float, list[int]]] | None] = [None] * len(plan.terms)
    shared = sentence.key_set & plan.keys
    if shared:
        # Word by word, the keys it shares with the phrasing: a slot keeps its best credit and
        # every position reaching it, and ``_term_hit`` sorts the positions.
        for i, keys in enumerate(sentence.key_sets):
            if keys is None or shared.isdisjoint(keys):
                continue
            for key in keys:
                if key not in shared:
                    continue
                for t, slot, credit in table[key]:
                    slots = found[t]
                    if slots is None:
                        found[t] = {slot: (credit, [i])}
                        continue
                    current = slots.get(slot)
                    if current is None or credit > current[0]:
                        slots[slot] = (credit, [i])
                    elif credit == current[0]:
                        current[1].append(i)
    speaker_keys = sentence.speaker_keys
    if speaker_keys:
        for key in speaker_keys:
            for t, slot in plan.speakers.get(key, ()):
                slots = found[t]
                if slots is None:
                    slots = found[t] = {}
                slots.setdefault(slot, (1.0, []))  # found only in who is speaking
    hits = [_term_hit(term, slots) for term, slots in zip(plan.terms, found, strict=True)]
    total, weights = plan.total, plan.weights
    if not total:
        return PhrasingMatch(phrasing, 0.0, hits)
    score = 100.0 * sum(w * h.similarity for w, h in zip(weights, hits, strict=True)) / total
    strict = 100.0 * sum(w * h.strict for w, h in zip(weights, hits, strict=True)) / total
    return PhrasingMatch(phrasing, round(score, 1), hits, round(strict, 1))
