"""Details a sentence must state to support a claim: a named place, and the time of a negated event."""

from __future__ import annotations

from factcheck import Corpus, Settings, load_sources
from factcheck.match import score_phrasing
from factcheck.models import Claim
from factcheck.normalize import tokenize
from factcheck.query import Glossary, build_query
from factcheck.stance import _in_title, _located, _only_intended, judge
from tests.conftest import SEEDS
from tests.helpers import by_source, only_result


def stances(text: str) -> dict[str, str]:
    return {k: v["stance"] for k, v in by_source(only_result(text)).items()}


def test_a_place_the_sentence_lacks_leaves_the_claim_unconfirmed():
    """001 reports the end of combat missions with no place: not an end "in Syria"."""
    assert stances("التحالف الدولي ينهي مهامه القتالية في سوريا")["001"] == "mentions"


def test_the_country_every_article_is_about_is_not_such_a_detail():
    assert stances("التحالف الدولي ينهي مهامه القتالية في العراق")["001"] == "supports"


def test_only_a_place_where_something_happens_is_a_detail_to_confirm():
    tokens = tokenize("التحالف ينهي مهامه في سوريا")
    assert _located(tokens, len(tokens) - 1)
    tokens = tokenize("مليشيات مقربة من إيران")
    assert not _located(tokens, len(tokens) - 1)
    tokens = tokenize("the coalition ended its mission in Syria")
    assert _located(tokens, len(tokens) - 1)


def test_a_denial_with_no_date_does_not_refute_a_claim_about_another_year():
    """004's faction calls talk of a withdrawal untrue (2021); the claim is about 2013."""
    found = stances("خرجت القوات الأميركية من العراق عام 2013")
    assert found["004"] == "mentions"
    assert found["000"] == "contradicts"  # 000 dates the departure to 2011


def test_an_agreed_withdrawal_does_not_refute_a_claim_that_it_is_nominal():
    """003's headline: Washington and Baghdad agree on the withdrawal (a plan, not a deed)."""
    corpus = Corpus(load_sources(SEEDS))
    query = build_query(Claim("x", "الانسحاب الأميركي من العراق شكلي وغير حقيقي"), Glossary.build({}))
    headline = next(s for s in corpus.index.sentences if s.sentence.text.startswith("واشنطن وبغداد تتفقان"))
    assert _only_intended(score_phrasing(corpus.index, query.phrasings[0], headline), headline)
    evidence = judge(query, corpus.index, headline, Settings().thresholds)
    assert evidence is not None
    assert evidence.stance.value == "mentions"


def test_a_loose_match_does_not_refute_a_negated_claim():
    """003's Obama "completed a full withdrawal" (2011, no US named) is not this withdrawal being real."""
    assert stances("الانسحاب الأميركي من العراق شكلي وغير حقيقي")["003"] == "mentions"


def test_the_killing_is_dated_two_days_before_the_vote_in_001():
    assert stances("اغتيل سليماني والمهندس في الثالث من كانون الثاني/يناير 2020")["001"] == "supports"


def test_a_word_of_a_title_is_not_reversed_by_its_opposite():
    tokens = tokenize("National Security Adviser Qasim al-Araji announced the end")
    assert _in_title(tokens, 0)
    tokens = tokenize("The national army withdrew")
    assert not _in_title(tokens, 1)
    tokens = tokenize("Troops stayed in Iraq")
    assert not _in_title(tokens, 0)


def test_the_end_of_a_presence_restates_a_demand_to_leave():
    """001: parliament obliged the government to work to end the foreign forces' presence (إنهاء تواجد)."""
    found = stances("In January 2020 the Iraqi parliament passed a resolution demanding that foreign troops leave Iraq")
    assert found["001"] != "contradicts"
