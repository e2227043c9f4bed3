"""Details a sentence must state to support a claim: a named place, and the time of a negated event."""

from __future__ import annotations

from factcheck.normalize import tokenize
from factcheck.stance import _located
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
