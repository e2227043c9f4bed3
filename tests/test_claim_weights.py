"""How a claim's words are weighed: framing words, the words they frame, and the claim's dates."""

from __future__ import annotations

import pytest

from factcheck.dates import extract_dates, month_forms
from factcheck.models import Claim
from factcheck.normalize import tokenize
from factcheck.query import DATE_SLOT_CREDIT, END_OF_YEAR_CREDIT, Glossary, analyse, build_query
from factcheck.stance import _ended
from tests.helpers import by_source, only_result

GLOSSARY = Glossary.build({})


def terms_of(text: str):
    return {t.label: t for t in analyse(text, GLOSSARY).terms}


def test_a_light_verb_hands_its_weight_to_the_word_it_takes():
    terms = terms_of("فصائل مسلحة تشن هجمات على القوات الأميركية")
    assert terms["تشن"].light
    assert terms["هجمات"].carries == terms["تشن"]
    assert not terms["فصائل"].light
    assert terms["فصائل"].carries is None


def test_a_prepositional_noun_is_light_and_its_object_carries_it():
    terms = terms_of("اغتيل سليماني في غارة أميركية قرب مطار دمشق")
    assert terms["قرب"].light
    assert terms["مطار"].carries == terms["قرب"]


def test_a_framing_adverb_is_light_and_hands_nothing_on():
    terms = terms_of("انسحبت القوات الأميركية من العراق بالكامل في السابق")
    assert terms["بالكامل"].light
    assert terms["السابق"].light
    assert all(t.carries is None for t in terms.values())


def test_a_framing_word_under_the_claims_own_negation_keeps_its_weight():
    terms = terms_of("فصائل مسلحة تشكك في الانسحاب الأميركي وتعدّه غير حقيقي")
    assert not terms["وتعدّه"].light


def test_the_light_weight_is_what_the_index_gives(corpus):
    from factcheck.query import LIGHT_WEIGHT

    phrasing = analyse("جرت أربع جولات من الحوار بين بغداد وواشنطن", GLOSSARY)
    light = next(t for t in phrasing.terms if t.light)
    heavy = next(t for t in phrasing.terms if t.carries is light)
    plain = [t for t in phrasing.terms if t is not light and t is not heavy]
    assert plain
    full = corpus.index.idf(light) / LIGHT_WEIGHT
    bare_heavy = analyse("جولات", GLOSSARY).terms[0]
    assert corpus.index.idf(heavy) == pytest.approx(corpus.index.idf(bare_heavy) + full * (1 - LIGHT_WEIGHT))


def test_frame_words_no_longer_outweigh_the_fact():
    """The rounds of talks, stated by 000 as «عقب 4 جولات حوار» in its own frame."""
    result = only_result("جرت أربع جولات من الحوار بين بغداد وواشنطن بشأن انسحاب القوات القتالية")
    assert by_source(result)["000"]["stance"] == "supports"


def test_near_the_wrong_airport_is_refuted_by_000():
    result = only_result("اغتيل سليماني في غارة أميركية قرب مطار دمشق")
    source = by_source(result)["000"]
    assert source["stance"] == "contradicts"
    assert "مطار بغداد" in source["evidence"][0]["text"]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_months_names_read_back_as_that_month(month):
    forms = month_forms(month)
    assert forms
    for form in forms:
        (found,) = extract_dates(f"في {' '.join(form)} 2021")
        assert (found.month, found.year) == (month, 2021)


def test_a_claimed_date_is_a_term_for_its_month_with_the_other_months_at_lesser_credit():
    phrasing = analyse("موعد خروج القوات القتالية الأميركية من العراق 31 يناير 2022", GLOSSARY)
    (date,) = [t for t in phrasing.terms if t.label == "31 يناير 2022"]
    credits = dict(zip(date.alternatives, date.credits, strict=True))
    assert credits[("يناير",)] == 1.0
    assert credits[("ديسمبر",)] == DATE_SLOT_CREDIT
    assert date.pooled


def test_the_end_of_a_year_is_found_as_late_months_and_as_the_end_of_the_year():
    phrasing = analyse("يسمح الاتفاق ببقاء قوات قتالية أميركية في العراق بعد نهاية عام 2021", GLOSSARY)
    (date,) = [t for t in phrasing.terms if "2021" in t.label]
    credits = dict(zip(date.alternatives, date.credits, strict=True))
    assert credits[("نهايه", "العام")] == 1.0
    assert credits[("ديسمبر",)] == END_OF_YEAR_CREDIT
    assert credits[("يوليو",)] == DATE_SLOT_CREDIT


def test_a_year_alone_makes_no_date_term():
    phrasing = analyse("خرجت القوات الأميركية من العراق عام 2011", GLOSSARY)
    assert all("2011" not in t.label for t in phrasing.terms)


def test_english_claims_get_the_date_term_too():
    query = build_query(Claim("x", "The deadline for US combat troops to leave Iraq is 31 January 2022"), GLOSSARY)
    assert any(("يناير",) in t.alternatives for p in query.phrasings for t in p.terms)


def test_an_ended_word_is_not_reversed_by_its_opposite():
    tokens = tokenize("agreed to end the US combat presence in Iraq")
    presence = next(k for k, t in enumerate(tokens) if t.norm == "presence")
    assert _ended(tokens, presence)
    tokens = tokenize("إنهاء الوجود القتالي الأميركي")
    assert _ended(tokens, 1)
    tokens = tokenize("the US combat presence in Iraq")
    assert not _ended(tokens, next(k for k, t in enumerate(tokens) if t.norm == "presence"))


def test_the_ending_verb_reaches_past_a_possessive():
    tokens = tokenize("the deadline for ending the coalition's combat presence in Iraq")
    assert _ended(tokens, next(k for k, t in enumerate(tokens) if t.norm == "presence"))


def test_a_deadline_word_is_the_frame_of_the_claimed_date():
    terms = analyse("حُدّد 31 كانون الأول/ديسمبر موعداً نهائياً لإنهاء وجود القوات القتالية", GLOSSARY).terms
    deadline = next(t for t in terms if t.label == "موعداً نهائياً")
    date = next(t for t in terms if ("ديسمبر",) in t.alternatives)
    assert deadline.light
    assert date.carries == deadline


def test_a_deadline_with_no_date_keeps_its_weight():
    terms = {t.label: t for t in analyse("تمديد موعد انسحاب القوات الأمريكية", GLOSSARY).terms}
    assert not terms["موعد"].light


def test_a_deadline_stated_as_a_date_is_found_in_002():
    """002 gives the date the combat forces leave ("موعد خروج القوات القتالية في 31 ديسمبر المقبل")."""
    found = by_source(only_result("حُدّد 31 كانون الأول/ديسمبر موعداً نهائياً لإنهاء وجود القوات القتالية للتحالف"))
    assert found["002"]["stance"] == "supports"
