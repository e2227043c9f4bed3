"""Details a sentence must state to support a claim: a named place, and the time of a negated event."""

from __future__ import annotations

from factcheck import Corpus, Settings, load_sources
from factcheck.dates import DateMention
from factcheck.match import score_phrasing
from factcheck.models import Claim
from factcheck.normalize import tokenize
from factcheck.query import Glossary, build_query
from factcheck.stance import _date_verdict, _in_title, _located, _only_intended, _remainder, judge
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


def test_a_date_far_from_the_matched_words_dates_another_event():
    """002 dates the parliament's vote (early January 2020), not the strike on Soleimani twenty words on."""
    found = stances("اغتيل سليماني والمهندس في الثالث من كانون الثاني/يناير 2020")
    assert found["002"] in {"silent", "mentions"}
    assert found["003"] == "supports"  # "الثالث من يناير ... 2020" stands by the strike


def test_another_due_date_refutes_a_deadline_matched_in_related_words():
    """001: the withdrawal is due "بحلول نهاية العام الجاري 2021" (خروج in the claim, انسحاب there)."""
    assert stances("موعد خروج القوات القتالية الأميركية من العراق 31 يناير 2022")["001"] == "contradicts"


def test_the_remainder_of_the_forces_is_not_a_claim_that_they_stay():
    tokens = tokenize("سيعاد نشر ما تبقى من القوات القتالية")
    assert _remainder(tokens, 3)
    assert not _remainder(tokenize("تبقى القوات في العراق"), 0)
    assert _remainder(tokenize("The remaining forces will be redeployed"), 1)
    assert not _remainder(tokenize("Forces remaining in Iraq"), 1)
    # 002: units prepare to withdraw and redeploy outside Iraq's borders
    assert stances("سيُعاد نشر ما تبقى من القوات القتالية الأميركية خارج الأراضي العراقية")["002"] == "supports"


def test_ending_a_presence_is_expelling_it():
    """001: parliament obliged the government "بالعمل على إنهاء تواجد القوات الأجنبية"."""
    assert stances("أصدر البرلمان العراقي قراراً يطالب بإخراج القوات الأجنبية من البلاد")["001"] == "supports"


def test_an_english_denial_is_about_the_words_before_it():
    """ "talk of a US withdrawal is untrue": the same Nujaba speaker on diplomacy is no refutation."""
    phrasing = build_query(
        Claim("x", "A Nujaba political council member said talk of a US withdrawal is untrue"), Glossary.build({})
    ).phrasings[0]
    assert phrasing.governed == {"talk", "withdraw"}
    assert stances("A Nujaba political council member said talk of a US withdrawal is untrue")["004"] == "supports"


def test_a_deadline_in_another_month_refutes_a_claimed_deadline_whatever_the_year():
    """004 is undated: its "31 ديسمبر/كانون الأول الحالي" has no year, but no year makes it 31 January."""
    claimed = DateMention(2022, 1, 31, None, 0, 0, "31 يناير 2022", None)
    undated = DateMention(None, 12, 31, None, 0, 0, "31 ديسمبر الحالي", "current")
    assert _date_verdict(claimed, undated) == "mentions"  # an event's date: another year's December may be meant
    assert _date_verdict(claimed, undated, deadline=True) == "contradicts"
    assert stances("موعد خروج القوات القتالية الأميركية من العراق 31 يناير 2022")["004"] == "contradicts"


def test_a_demand_that_a_state_pull_out_its_forces_is_a_demand_to_expel_them():
    """003: «قرار البرلمان العراقي بمطالبة أميركا بسحب قواتها»."""
    assert stances("أصدر البرلمان العراقي قراراً يطالب بإخراج القوات الأجنبية من البلاد")["003"] == "supports"
