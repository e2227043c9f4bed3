"""What matching needs to know about the whole corpus when the corpus is checked in parts.

A word's weight (its inverse sentence frequency) and its spelling neighbours
depend on every sentence, not only on the part a worker holds. When a corpus
is split across processes or machines, each part reports its counts, they are
added up, and every part then matches with the totals: each sentence gets the
score one index over the whole corpus would give it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from factcheck.query import Query

Alternatives = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class PartSummary:
    """One part's size, words and match-key document frequencies."""

    sentences: int
    words: frozenset[str]
    key_docs: Mapping[str, int]


@dataclass(frozen=True)
class CountRequests:
    """The document counts the weights of some claims need: per word, and per pooled concept."""

    words: frozenset[str] = frozenset()
    pooled: frozenset[Alternatives] = frozenset()


@dataclass(frozen=True)
class CorpusStats:
    """The whole corpus's counts and spelling neighbours, as every part must use them."""

    sentences: int
    unseen_weight: float
    # Every word of the corpus, where spelling neighbours are looked for; None where it is not sent
    # (to the parts, once the neighbours of every claim word have been found: see ``neighbours``).
    vocabulary: tuple[str, ...] | None
    word_docs: Mapping[str, int] = field(default_factory=dict)
    pooled_docs: Mapping[Alternatives, int] = field(default_factory=dict)
    neighbours: Mapping[str, list[tuple[str, float]]] = field(default_factory=dict)
    names: Mapping[str, list[tuple[str, float]]] = field(default_factory=dict)


def count_requests(queries: Iterable[Query]) -> CountRequests:
    """Every count ``CorpusIndex.idf`` may ask for on the terms of ``queries``."""
    words: set[str] = set()
    pooled: set[Alternatives] = set()
    for query in queries:
        for phrasing in (*query.phrasings, *query.parts, *query.counters):
            for term in phrasing.terms:
                words.update(w for alt in term.alternatives for w in alt)
                if term.pooled or term.credits:
                    pooled.add(term.alternatives)
                    pooled.add(term.alternatives[1:])
    return CountRequests(frozenset(words), frozenset(pooled))


def add_counts(parts: Iterable[tuple[Mapping[str, int], Mapping[Alternatives, int]]]) -> tuple[dict, dict]:
    """The sums of the parts' word and pooled counts."""
    words: dict[str, int] = {}
    pooled: dict[Alternatives, int] = {}
    for part_words, part_pooled in parts:
        for word, n in part_words.items():
            words[word] = words.get(word, 0) + n
        for alts, n in part_pooled.items():
            pooled[alts] = pooled.get(alts, 0) + n
    return words, pooled
