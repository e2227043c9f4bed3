"""The concept lexicon: well-formed, never joining opposites, and finding paraphrases in the seeds."""

from __future__ import annotations

import pytest

from factcheck.concepts import FORM_CREDIT, MATE_CREDIT, load_concepts
from factcheck.normalize import normalize, tokenize
from factcheck.opposites import load_opposites
from factcheck.query import _arabic_terms
from tests.helpers import by_source, only_result


def terms(text: str):
    return {t.label: t for t in _arabic_terms(tokenize(text), set())}


def test_the_lexicon_is_well_formed():
    lexicon = load_concepts()
    assert len(lexicon) >= 100
    for concept in lexicon.concepts:
        assert concept.ar, concept.id
        for lexeme in concept.ar:
            for form in lexeme:
                assert any(len(w) >= 3 for w in form), (concept.id, form)


def test_no_concept_joins_two_opposites():
    opposites = load_opposites()
    for concept in load_concepts().concepts:
        words = [form[0] for lexeme in concept.ar for form in lexeme if len(form) == 1]
        for a in words:
            for b in words:
                assert not opposites.opposed(a, b), (concept.id, a, b)


def test_a_claim_word_carries_its_forms_and_mates_with_less_credit():
    withdrawal = terms("انسحاب القوات")["انسحاب"]
    credit = dict(zip(withdrawal.alternatives, withdrawal.credits or (1.0,), strict=True))
    assert credit[(normalize("انسحاب"),)] == 1.0
    assert credit[(normalize("انسحبت"),)] == FORM_CREDIT  # the same word
    assert credit[(normalize("خروج"),)] == MATE_CREDIT  # another word for it


def test_multi_word_forms_are_one_term():
    found = terms("أعلنت الولايات المتحدة انسحاب قواتها")
    assert "الولايات المتحدة" in found
    assert (normalize("واشنطن"),) in found["الولايات المتحدة"].alternatives


def test_words_with_no_concept_stay_as_they_are():
    assert terms("حرير")["حرير"].alternatives == ((normalize("حرير"),),)


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # 001: "قادت واشنطن، منذ عام 2014، تحالفًا دوليًا ضد تنظيم "الدولة" في الجارتين العراق وسوريا"
        ("تقود واشنطن منذ 2014 تحالفاً دولياً ضد تنظيم الدولة في العراق وسوريا", "001"),
        # 001: "وأعلنت بغداد، أواخر 2017، الانتصار على تنظيم "الدولة""
        ("أعلنت بغداد النصر على تنظيم الدولة في أواخر عام 2017", "001"),
        # 001: "وأكدت القيادة تسليم التحالف الدولي أكثر من 1800 عجلة مدرعة مسلحة ... للقوات العراقية"
        ("سلّم التحالف القوات العراقية أكثر من 1800 عجلة مدرعة", "001"),
    ],
)
def test_paraphrases_in_the_seeds_are_supported(claim, source):
    assert by_source(only_result(claim))[source]["stance"] == "supports"


def test_a_paraphrase_alone_does_not_refute():
    # 001 speaks of the 2021 withdrawal (انسحاب), the claim of leaving (خرجت) in 2013:
    # a related word is enough to find the sentence, not to set one date against the other.
    result = by_source(only_result("خرجت القوات الأميركية من العراق عام 2013"))
    assert result["001"]["stance"] != "contradicts"
