"""What a claim became for matching, and which of its parts each source's best evidence contains.

``factcheck verify --explain`` shows it: per phrasing, the terms with their weight
and the Arabic forms searched for (an English word's translations, an Arabic word's
other forms and paraphrases), the numbers and dates compared as values, the claim's
own negation, and per term the sources whose top evidence sentence contains it.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.match import CorpusIndex, match_term
from factcheck.models import ClaimResult
from factcheck.query import Query

FORMS_SHOWN = 6  # forms listed per term; the rest are counted


@dataclass(frozen=True)
class TermExplanation:
    label: str
    weight: float  # share of the phrasing's total weight, 0-1
    forms: tuple[str, ...]  # the forms searched for, the claim's own first
    more_forms: int  # forms not listed
    found_in: tuple[str, ...]  # sources whose top evidence sentence contains the term


@dataclass(frozen=True)
class PhrasingExplanation:
    text: str
    terms: tuple[TermExplanation, ...]
    numbers: tuple[str, ...]
    dates: tuple[str, ...]
    negated: bool
    cues: tuple[str, ...]


def explain(query: Query, index: CorpusIndex, result: ClaimResult) -> tuple[PhrasingExplanation, ...]:
    """The query's phrasings, each term weighed and checked against every source's top evidence sentence."""
    by_unit = {(s.sentence.source_id, s.sentence.index): s for s in index.sentences}
    tops = [
        (r.source.id, by_unit.get((r.evidence[0].sentence.source_id, r.evidence[0].sentence.index)))
        for r in result.sources
        if r.evidence
    ]
    out = []
    for phrasing in query.phrasings:
        weights = [index.idf(t) for t in phrasing.terms]
        total = sum(weights) or 1.0
        terms = []
        for term, weight in zip(phrasing.terms, weights, strict=True):
            forms = tuple(" ".join(alt) for alt in term.alternatives)
            if term.name:  # a name in Latin letters: the Arabic spellings its skeleton found
                forms += tuple(word for word, _ in index.same_name(term.alternatives[0][0]))
            found = tuple(
                source_id
                for source_id, sentence in tops
                if sentence is not None and match_term(index, term, sentence).similarity > 0
            )
            terms.append(
                TermExplanation(
                    term.label, weight / total, forms[:FORMS_SHOWN], max(len(forms) - FORMS_SHOWN, 0), found
                )
            )
        out.append(
            PhrasingExplanation(
                phrasing.text,
                tuple(terms),
                tuple(q.text for q in phrasing.quantities),
                tuple(d.text for d in phrasing.dates),
                phrasing.negated,
                phrasing.cues,
            )
        )
    return tuple(out)
