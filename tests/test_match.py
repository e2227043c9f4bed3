"""Scoring: the bulk path over the postings gives exactly what sentence-by-sentence scoring gives."""

from __future__ import annotations

from factcheck.match import score_phrasing
from factcheck.query import Glossary, build_query


def test_bulk_scores_equal_sentence_by_sentence_scores(corpus, claim_set):
    index = corpus.index
    glossary = Glossary.build(claim_set.glossary)
    compared = 0
    for claim in claim_set.claims:
        query = build_query(claim, glossary)
        for phrasing in (*query.phrasings, *query.counters):
            bulk = index.scores(phrasing)
            for n, sentence in enumerate(index.sentences):
                expected = score_phrasing(index, phrasing, sentence).score
                assert bulk.get(n, 0.0) == expected, (claim.id, phrasing.text, n)
                compared += 1
    assert compared > 3000


def test_spelling_variants_match_fuzzily(corpus):
    from factcheck.models import Claim

    query = build_query(Claim("x", "القوات الأمريكية"), Glossary.build({}))
    (phrasing,) = query.phrasings
    scores = corpus.index.scores(phrasing)
    # الأميركية (with ي before ر) in the seeds still matches الأمريكية, with partial credit.
    best = max(scores.values())
    assert 90 <= best <= 100


def test_other_forms_of_a_lexeme_match_at_partial_credit(corpus):
    from factcheck.match import LEXEME_CREDIT

    # The stemmer does not relate the verb ينسحب to the verbal noun انسحاب; the opposites
    # lexicon lists both as forms of one word.
    expansion = corpus.index.expand("ينسحب")
    assert expansion.get("انسحاب") == LEXEME_CREDIT
    # A near-synonym on the same side (خروج, "exit") is not the claim's word.
    assert "خروج" not in expansion
