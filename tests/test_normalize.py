from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factcheck.normalize import match_keys, normalize, strip_diacritics, tokenize


def test_folds_spelling_variants():
    assert normalize("أُعلِنَت") == "اعلنت"
    assert normalize("إلى") == "الي" != normalize("إلا")  # ى→ي keeps إلى and إلا apart
    assert normalize("قاعدة") == "قاعده"
    assert normalize("مسؤول") == "مسوول"
    assert normalize("ـــالقوات") == "القوات"  # tatweel
    assert normalize("٢١٠٠ و۲۰۲۱") == "2100 و2021"
    assert normalize("ﻻ") == "لا"  # presentation-form ligature
    assert normalize("\u200fالعراق\u200e") == "العراق"


def test_tashkeel_does_not_split_words():
    tokens = [t.text for t in tokenize("لم تتبقَّ قواتٌ")]
    assert tokens == ["لم", "تتبقَّ", "قواتٌ"]


def test_tokens_keep_offsets_into_the_original():
    text = 'قال إن "المستشارين (9) لا يتجاوز ٢٬١٠٠"'
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text
    numbers = [t.norm for t in tokenize(text) if t.is_number]
    assert numbers == ["9", "2,100"]


def test_clitics_and_inflection_share_keys():
    def same(a: str, b: str) -> bool:
        return bool(match_keys(normalize(a)) & match_keys(normalize(b)))

    assert same("المستشارين", "مستشارين")
    assert same("للمستشارين", "المستشارين")
    assert same("القوات", "وقوات")
    assert same("بالانسحاب", "انسحاب")
    assert same("وانسحابها", "الانسحاب")
    assert not same("القوات", "القواعد")
    # Broken plurals of frequent news nouns share their singular's keys.
    assert same("جندي", "الجنود")
    assert same("قاعدة", "القواعد")
    assert same("مهمة", "المهام")
    assert not same("المستشارين", "الاستشارة")
    # ة is written ت before a pronoun; the future prefix س comes off
    assert same("وحمايتهم", "حماية")
    assert same("مهمتها", "المهمة")
    assert same("ستبقى", "تبقى")
    assert same("وسيبقى", "يبقى")
    assert not same("سابق", "أبقى")


@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآؤئ َُِّْـ٠١٢٣456")), max_size=40))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text(max_size=60))
def test_tokens_are_faithful_slices(text):
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text
        assert tok.norm == normalize(tok.text)


def test_strip_diacritics_keeps_letters():
    assert strip_diacritics("تتبقَّ") == "تتبق"
