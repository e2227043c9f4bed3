"""Opposite-word lexicon: swaps such as rise/fall found between a claim and a source."""

from __future__ import annotations

import time
from importlib.resources import files

import pytest
import yaml

from factcheck.normalize import match_keys, normalize, tokenize
from factcheck.opposites import Opposition, load_opposites


def pairs(claim: str, source: str, extra: list[list[str]] | None = None) -> list[tuple[str, str]]:
    lexicon = load_opposites(extra)
    return [(o.claim_word, o.source_word) for o in lexicon.find(tokenize(claim), tokenize(source))]


# --------------------------------------------------------------------------- swaps found
@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        ("ارتفاع أسعار النفط", "انخفاض أسعار النفط", ("ارتفاع", "انخفاض")),
        ("ارتفعت الأسعار", "تراجعت الأسعار", ("ارتفعت", "تراجعت")),
        ("استمرار المفاوضات", "توقف المفاوضات", ("استمرار", "توقف")),
        ("تمديد موعد الانسحاب", "موعد الانسحاب ثابت", ("تمديد", "ثابت")),
        ("انسحاب القوات", "بقاء القوات", ("انسحاب", "بقاء")),
        ("هدوء على الحدود", "مواجهات على الحدود", ("هدوء", "مواجهات")),
        ("وافق البرلمان", "رفض البرلمان", ("وافق", "رفض")),
        ("فوز الفريق بالمباراة", "خسارة الفريق المباراة", ("فوز", "خسارة")),
        ("الدولار عند أعلى مستوى", "الدولار عند أدنى مستوى", ("أعلى", "أدنى")),
        ("السلطات تفرج عن الصحفي", "السلطات تعتقل الصحفي", ("تفرج", "تعتقل")),
        ("فتح المعبر أمام المسافرين", "إغلاق المعبر أمام المسافرين", ("فتح", "إغلاق")),
        ("نجاح المحادثات", "فشل المحادثات", ("نجاح", "فشل")),
        ("prices rose", "prices fell", ("rose", "fell")),
        ("the talks failed", "the talks succeeded", ("failed", "succeeded")),
    ],
)
def test_minimal_pairs_give_one_opposition(claim, source, expected):
    assert pairs(claim, source) == [expected]


def test_opposition_fields():
    (found,) = load_opposites().find(tokenize("قالت الوزارة إن الأسعار ارتفعت"), tokenize("الأسعار تراجعت أمس"))
    assert found == Opposition("ارتفعت", "تراجعت", 4, 1, "ارتفاع ↔ تراجع")


@pytest.mark.parametrize("word", ["ارتفاع", "وارتفاع", "بارتفاع", "الارتفاع", "بالارتفاع", "ارتفعت", "وسيرتفع"])
def test_clitics_and_inflections_reach_the_entry(word):
    lexicon = load_opposites()
    assert lexicon.opposed(normalize(word), normalize("انخفاض"))
    assert not lexicon.opposed(normalize(word), normalize("صعود"))


def test_pronoun_after_feminine_ending():
    assert pairs("موافقته على الخطة", "رفضه الخطة") == [("موافقته", "رفضه")]


def test_multi_word_entries():
    assert pairs("إطلاق سراح الناشط", "اعتقال الناشط") == [("إطلاق سراح", "اعتقال")]
    assert pairs("دعوات إلى خفض التصعيد", "دعوات إلى التصعيد") == [("خفض التصعيد", "التصعيد")]
    assert pairs("القطار وصل في موعده", "تأجيل القطار") == [("في موعده", "تأجيل")]


def test_groups_of_more_than_two_sides():
    assert pairs("التقرير الشهري للبنك", "التقرير اليومي للبنك") == [("الشهري", "اليومي")]


def test_english_claim_against_arabic_source():
    assert pairs("oil prices rose", "انخفاض أسعار النفط") == [("rose", "انخفاض")]
    assert pairs("oil prices rose", "ارتفاع أسعار النفط ثم انخفاضها") == []


# --------------------------------------------------------------------------- no swap
def test_source_saying_both_words_is_no_swap():
    assert pairs("ارتفاع الأسعار", "ارتفاع ثم انخفاض") == []
    assert pairs("ارتفاع الأسعار", "ارتفعت الأسعار ثم انخفضت") == []  # same lexeme, another form
    assert pairs("ارتفاع ثم انخفاض", "انخفاض الأسعار") == []


def test_identical_and_unrelated_texts():
    text = "ارتفاع أسعار النفط بعد قرار أوبك"
    assert pairs(text, text) == []
    assert pairs("زيارة الرئيس إلى القاهرة", "وصل الوفد إلى الرياض أمس") == []
    assert pairs("prices rose", "the minister spoke") == []


def test_short_keys_never_match():
    extra = [["رد", "سكوت"]]
    lexicon = load_opposites(extra)
    assert not lexicon.opposed(normalize("ورد"), normalize("سكوت"))
    assert not lexicon.opposed(normalize("رد"), normalize("سكوت"))
    assert pairs("ورد التقرير", "سكوت التقرير", extra) == []


def test_words_that_only_look_like_an_entry():
    # رحلة (trip) is not رحل (left), كميات (quantities) not مئات, فيصل not يصل.
    assert pairs("رحلة القوات", "بقاء القوات") == []
    assert pairs("رحيل القوات", "بقاء القوات") == [("رحيل", "بقاء")]
    assert pairs("كميات النفط", "عشرات البراميل") == []
    assert pairs("الأمير فيصل", "مغادرة الأمير") == []


def test_fixed_names_are_not_read_as_entries():
    assert pairs("اجتماع حول الشرق الأوسط", "اجتماع حول الغرب") == []
    assert pairs("قصف شرق سوريا", "قصف غرب سوريا") == [("شرق", "غرب")]


# --------------------------------------------------------------------------- loading
def test_extra_groups_are_merged_and_default_is_cached():
    extra = [["صيفي صيفية", "شتوي شتوية"]]
    assert pairs("الموسم الصيفي", "الموسم الشتوي", extra) == [("الصيفي", "الشتوي")]
    assert pairs("الموسم الصيفي", "الموسم الشتوي") == []
    assert load_opposites() is load_opposites()
    assert len(load_opposites(extra)) == len(load_opposites()) + 1


def test_extra_sides_may_list_several_words():
    extra = [[["صيفي", "summer"], ["شتوي", "winter"]]]
    assert pairs("summer season", "الموسم الشتوي", extra) == [("summer", "الشتوي")]


@pytest.mark.parametrize("bad", [["ارتفاع"], "ارتفاع انخفاض", [["ارتفاع", 3], "انخفاض"]])
def test_invalid_extra_groups_are_rejected(bad):
    with pytest.raises(ValueError, match="opposites"):
        load_opposites([bad])


def _builtin_groups() -> list[list[list[str]]]:
    text = (files("factcheck") / "data" / "opposites.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return [[[*side.get("ar", []), *side.get("en", [])] for side in group["sides"]] for group in data["groups"]]


def test_every_entry_has_a_key_of_three_letters():
    for group in _builtin_groups():
        for side in group:
            for family in side:
                for form in family.split():
                    words = [normalize(w) for w in form.split("_")]
                    assert any(len(k) >= 3 for w in words for k in match_keys(w)), form


def test_no_word_on_two_sides_of_a_group():
    for group in _builtin_groups():
        seen: dict[str, int] = {}
        for n, side in enumerate(group):
            for form in {normalize(f) for family in side for f in family.split()}:
                assert seen.setdefault(form, n) == n, (form, group[0][0])


def test_every_side_has_arabic_and_english_words():
    text = (files("factcheck") / "data" / "opposites.yaml").read_text(encoding="utf-8")
    groups = yaml.safe_load(text)["groups"]
    assert 100 <= len(groups) <= 200
    for group in groups:
        for side in group["sides"]:
            assert side.get("ar"), group
            assert side.get("en"), group


def test_find_is_fast():
    lexicon = load_opposites()
    claim = tokenize("قالت وزارة النفط إن أسعار الخام ارتفعت بشكل كبير يوم الاثنين بعد قرار المنظمة خفض الإنتاج")
    source = tokenize(
        "وأعلنت المنظمة اليوم أن الإنتاج سينخفض خلال الأشهر المقبلة مع استمرار التراجع في الطلب العالمي على الخام"
        " وفق ما ذكرت وكالة الأنباء الرسمية في بيان نشرته على موقعها الإلكتروني مساء الاثنين الماضي بعد اجتماع"
        " طويل عقده الوزراء في العاصمة النمساوية فيينا"
    )
    assert len(claim) >= 15
    assert len(source) >= 40
    lexicon.find(claim, source)
    runs = 300
    start = time.perf_counter()
    for _ in range(runs):
        lexicon.find(claim, source)
    assert (time.perf_counter() - start) / runs < 0.0005
