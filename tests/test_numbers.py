"""Quantities: extraction from Arabic and English text, intervals by role, and comparison."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.numbers import Qualifier, Quantity, compare, extract_quantities, overlaps

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

EXACT = Qualifier.EXACT
MORE_THAN = Qualifier.MORE_THAN
AT_LEAST = Qualifier.AT_LEAST
LESS_THAN = Qualifier.LESS_THAN
AT_MOST = Qualifier.AT_MOST
ABOUT = Qualifier.ABOUT


def one(text: str, role: str = "source") -> Quantity:
    """The only quantity in ``text``."""
    quantities = extract_quantities(text, role=role)  # type: ignore[arg-type]
    assert len(quantities) == 1, [q.text for q in quantities]
    return quantities[0]


def values(text: str) -> list[float]:
    return [q.value for q in extract_quantities(text)]


def seed_lines(prefix: str) -> list[str]:
    (path,) = SEEDS.glob(f"{prefix}*.txt")
    return path.read_text(encoding="utf-8").splitlines()


# ---------------------------------------------------------------------------
# The comparisons the engine relies on
# ---------------------------------------------------------------------------

SHIPMENTS = "وسبق أن أعلنت القيادة إجلاء أكثر من 2100 شحنة من معدات عسكرية أميركية"
ADVISERS = "المستشارين المتبقين في قاعدة عين الأسد لا يتجاوز عددهم (9) مستشارين"


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        ("2100+ shipments", SHIPMENTS, "supports"),
        ("إجلاء 3000 شحنة", SHIPMENTS, "contradicts"),
        ("more than 2000 shipments", SHIPMENTS, "supports"),
        ("more than 5000 shipments", SHIPMENTS, "contradicts"),
        ("about 2,100 shipments", SHIPMENTS, "supports"),
        ("9 advisers remain", ADVISERS, "supports"),
        ("10 advisers remain", ADVISERS, "contradicts"),
        ("تسعة مستشارين", ADVISERS, "supports"),
        ("٩ مستشارين", ADVISERS, "supports"),
        ("fewer than 12 advisers", ADVISERS, "supports"),
        ("8 advisers", ADVISERS, "mentions"),  # possible under "no more than 9", not confirmed
        ("six rounds", "عقب 4 جولات حوار", "contradicts"),
        ("ست جولات", "عقب 4 جولات حوار", "contradicts"),
        ("أربع جولات", "عقب 4 جولات حوار", "supports"),
        ("الجولة الرابعة", "بعد أربع جولات حوار", "supports"),
        ("about 2,400 troops", "تقلص عديد الجنود إلى 2500 جندي", "supports"),
        ("about 2,000 troops", "تقلص عديد الجنود إلى 2500 جندي", "contradicts"),
        ("2100 shipments", "نقل 21000 شحنة", "contradicts"),
    ],
)
def test_claim_against_source(claim: str, source: str, expected: str) -> None:
    assert compare(one(claim, "claim"), one(source, "source")) == expected


def test_source_more_than_reads_as_just_over() -> None:
    q = one(SHIPMENTS)
    assert (q.value, q.qualifier, q.unit, q.kind) == (2100, MORE_THAN, "شحنة", "cardinal")
    assert (q.low, q.high, q.low_closed, q.high_closed) == (2100, 2100 * 1.25, False, True)
    assert q.text == "أكثر من 2100 شحنة"


def test_at_most_phrase_spans_the_qualifier_across_the_counted_pronoun() -> None:
    q = one(ADVISERS)
    assert (q.value, q.qualifier, q.unit) == (9, AT_MOST, "مستشارين")
    assert q.text == "لا يتجاوز عددهم (9) مستشارين"
    assert ADVISERS[q.start : q.end] == q.text
    assert ADVISERS[q.unit_start : q.unit_end] == "مستشارين"
    assert (q.low, q.high) == (9 * 0.75, 9)


# ---------------------------------------------------------------------------
# Digits
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2100", "2,100", "٢١٠٠", "٢٬١٠٠", "2.100", "۲۱۰۰"])
def test_same_value_however_written(written: str) -> None:
    q = one(f"إجلاء {written} شحنة")
    assert q.value == 2100
    assert q.unit == "شحنة"


def test_no_substring_matching() -> None:
    assert values("نقل 21000 شحنة و 12100 عجلة") == [21000, 12100]
    assert 2100 not in values("21000 2100٠ ٢١٠٠٠")


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("2.5 مليون نسمة", 2_500_000, "cardinal"),
        ("٢٫٥ مليون نسمة", 2_500_000, "cardinal"),
        ("2.5 million people", 2_500_000, "cardinal"),
        ("2.500 مليون دولار", 2_500_000, "cardinal"),  # a dot before a scale word is a decimal point
        ("3 آلاف جندي", 3000, "cardinal"),
        ("250 ألف لاجئ", 250_000, "cardinal"),
        ("10 آلاف جندي", 10_000, "cardinal"),
        ("2 مليون ونصف المليون نازح", 2_500_000, "cardinal"),
        ("0.5 نقطة", 0.5, "cardinal"),
        ("1,234.5 طن", 1234.5, "cardinal"),
        ("50% من الأصوات", 50, "percent"),
        ("٥٠٪ من الأصوات", 50, "percent"),
        ("بنسبة ٪50", 50, "percent"),
        ("50 في المئة من الأصوات", 50, "percent"),
        ("50 في المائة", 50, "percent"),
        ("50 بالمئة", 50, "percent"),
        ("2.5% فقط", 2.5, "percent"),
        ("12 percent of voters", 12, "percent"),
        ("the 4th round", 4, "ordinal"),
    ],
)
def test_digit_forms(text: str, value: float, kind: str) -> None:
    q = one(text)
    assert q.value == pytest.approx(value)
    assert q.kind == kind


def test_percent_has_no_unit_and_spans_the_sign() -> None:
    q = one("ارتفعت بنسبة 50 في المئة خلال العام")
    assert (q.unit, q.text) == (None, "50 في المئة")


def test_plus_after_number_is_at_least() -> None:
    q = one("2100+ shipments", "claim")
    assert (q.value, q.qualifier, q.unit, q.text) == (2100, AT_LEAST, "shipments", "2100+ shipments")
    assert (q.low, q.high, q.low_closed) == (2100, math.inf, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سياسة | 28-11-2021, 14:13 |", [(2021, "year")]),
        ("الساعة 14:13", []),
        ("بتاريخ 28.11.2021", [(2021, "year")]),
        ("موسم 2020/2021", [(2020, "year"), (2021, "year")]),
    ],
)
def test_numeric_dates_and_times_keep_only_the_year(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(q.value, q.kind) for q in extract_quantities(text)] == expected


# ---------------------------------------------------------------------------
# Years and days of the month
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["عام 2011", "منذ عام 2014", "في 2014.", "نهاية 2021 (غيتي)", "in 2014", "the year 2011", "حتى 2021"],
)
def test_years(text: str) -> None:
    q = one(text)
    assert q.kind == "year"
    assert q.unit is None
    assert q.qualifier is EXACT


def test_four_digit_count_with_a_unit_is_not_a_year() -> None:
    q = one("إجلاء 2021 شحنة")
    assert (q.kind, q.unit) == ("cardinal", "شحنة")
    assert one("more than 2000").kind == "cardinal"


def test_about_a_year_spreads_by_a_year() -> None:
    q = one("حوالي 2014")
    assert (q.kind, q.low, q.high) == ("year", 2013, 2015)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("وفي 26 يوليو/ تموز الماضي", 26, "يوليو"),
        ("في الـ 31 من الشهر الحالي", 31, "الشهر"),
        ("فجر الثالث من يناير", 3, "يناير"),
        ("by December 31", 31, "December"),
        ("31 ديسمبر", 31, "ديسمبر"),
    ],
)
def test_days_of_the_month_take_the_month_as_unit(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert (q.value, q.unit) == (value, unit)


def test_ordinals_inside_month_names_are_not_numbers() -> None:
    assert [(q.value, q.kind) for q in extract_quantities("في 5 يناير/ كانون الثاني 2020")] == [
        (5, "cardinal"),
        (2020, "year"),
    ]
    assert extract_quantities("تشرين الأول") == []
    assert extract_quantities("ديسمبر/كانون الأول") == []


# ---------------------------------------------------------------------------
# Number words
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("تسعة مستشارين", 9),
        ("تسع دول", 9),
        ("ثماني سنوات", 8),
        ("ثمان سنوات", 8),
        ("ثلاث جولات", 3),
        ("بثلاثة صواريخ", 3),
        ("وأربع طائرات", 4),
        ("لأربعة أيام", 4),
        ("عشر سنوات", 10),
        ("أحد عشر لاعبا", 11),
        ("إحدى عشرة دولة", 11),
        ("اثنا عشر شهرا", 12),
        ("اثني عشر شهرا", 12),
        ("اثنتا عشرة دولة", 12),
        ("ثلاثة عشر يوما", 13),
        ("خمس عشرة دولة", 15),
        ("عشرين عاما", 20),
        ("خمسة وعشرون جنديا", 25),
        ("إحدى وعشرون دولة", 21),
        ("تسعة وتسعين", 99),
        ("مئة جندي", 100),
        ("مائة جندي", 100),
        ("مئتا جندي", 200),
        ("مئتين", 200),
        ("ثلاثمائة جندي", 300),
        ("ثلاثمئة", 300),
        ("ثلاث مئة", 300),
        ("ثمانمئة", 800),
        ("أربعمئة وخمسة وعشرون", 425),
        ("ألف جندي", 1000),
        ("ألفا جندي", None),  # ambiguous construct dual / accusative: not read alone
        ("ألفان ومئة شحنة", 2100),
        ("ألفين وخمسمائة جندي", 2500),
        ("أكثر من ألفي شحنة", 2000),
        ("ثلاثة آلاف جندي", 3000),
        ("عشرة آلاف", 10_000),
        ("عشرون ألفا", 20_000),
        ("مئة ألف", 100_000),
        ("مئة وخمسة آلاف", 105_000),
        ("مليون لاجئ", 1_000_000),
        ("مليون ونصف المليون لاجئ", 1_500_000),
        ("مليونا نسمة", None),
        ("ثلاثة ملايين", 3_000_000),
        ("مليار دولار", 1_000_000_000),
        ("nine advisers", 9),
        ("twenty-one soldiers", 21),
        ("twenty one soldiers", 21),
        ("two thousand one hundred troops", 2100),
        ("one hundred and fifty thousand people", 150_000),
        ("a thousand troops", 1000),
        ("nineteen hundred", 1900),
        ("one adviser", 1),
    ],
)
def test_number_words(text: str, value: float | None) -> None:
    found = values(text)
    assert found == ([] if value is None else [value])


def test_three_and_four_is_two_numbers_not_seven() -> None:
    assert values("ثلاثة وأربعة") == [3, 4]
    assert values("three and four") == [3, 4]


def test_tashkeel_does_not_hide_a_number() -> None:
    q = one("ثَلاثَةُ جنودٍ")
    assert (q.value, q.unit) == (3, "جنودٍ")


@pytest.mark.parametrize(
    "text",
    [
        "بعد شنها آلاف الغارات الجوية",  # vague plural
        "لست أدري",  # لست is "I am not"
        "ست الحبايب",  # ست is "lady" before a definite noun
        "قال أحد المستشارين",
        "وأحد المستشارين قال",  # و + أحد, not واحد
        "الأحد الماضي",
        "الإثنين",
        "يوم الاثنين",
        "الثلاثاء والأربعاء والخميس",
        "one of the advisers",
        "hundreds of troops",
        "thousands of raids",
        "wait a second",
    ],
)
def test_ordinary_words_are_not_numbers(text: str) -> None:
    assert extract_quantities(text) == []


def test_whole_tokens_only() -> None:
    # الف inside other words, ست inside others, عشر inside معشر.
    assert extract_quantities("تحالف الفصائل معشر الستين") == []
    assert values("ستين عاما") == [60]


# ---------------------------------------------------------------------------
# Ordinals, fractions, duals
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("الجولة الرابعة", 4, "الجولة"),
        ("والجولة الرابعة التي أجريت", 4, "والجولة"),
        ("بمناسبة الذكرى الرابعة للنصر", 4, "الذكرى"),
        ("للمرة الأولى", 1, "للمرة"),
        ("المرحلة الثانية", 2, "المرحلة"),
        ("الجولة الحادية عشرة", 11, "الجولة"),
        ("الدورة الثالثة عشرة", 13, "الدورة"),
        ("the fourth round of talks", 4, "round"),
        ("a third round of talks", 3, "round"),
        ("the 4th round", 4, "round"),
    ],
)
def test_ordinals(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert (q.value, q.kind, q.unit) == (value, "ordinal", unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("وتبلغ نحو ثلث مساحة العراق", 1 / 3, "مساحة"),
        ("نصف القوات", 0.5, "القوات"),
        ("ربع قرن", 0.25, "قرن"),
        ("ثلثي الأراضي", 2 / 3, "الأراضي"),
        ("ثلاثة أرباع الأراضي", 0.75, "الأراضي"),
        ("a third of the country", 1 / 3, "country"),
        ("half the troops", 0.5, "troops"),
        ("two thirds of the troops", 2 / 3, "troops"),
    ],
)
def test_fractions(text: str, value: float, unit: str | None) -> None:
    q = one(text)
    assert q.kind == "fraction"
    assert q.value == pytest.approx(value)
    assert q.unit == unit


def test_fraction_with_qualifier() -> None:
    q = one("وتبلغ نحو ثلث مساحة العراق")
    assert q.qualifier is ABOUT
    assert q.text == "نحو ثلث مساحة"
    assert (q.low, q.high) == pytest.approx((0.3, 1 / 3 * 1.1))


@pytest.mark.parametrize(
    ("text", "unit"),
    [("قبل يومين", "يومين"), ("لمدة شهرين", "شهرين"), ("بعد عامين", "عامين"), ("جولتين من الحوار", "جولتين")],
)
def test_dual_nouns_count_two(text: str, unit: str) -> None:
    q = one(text)
    assert (q.value, q.unit, q.kind) == (2, unit, "cardinal")


def test_definite_duals_are_not_counts() -> None:
    assert extract_quantities("تأزمت العلاقات بين البلدين") == []


# ---------------------------------------------------------------------------
# Qualifiers and units
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("أكثر من 1800 عجلة مدرعة", 1800, MORE_THAN, "عجلة"),
        ("بأكثر من 50 ألف نازح", 50_000, MORE_THAN, "نازح"),
        ("ما يزيد على 300 صاروخ", 300, MORE_THAN, "صاروخ"),
        ("يزيد عددهم عن 300 جندي", 300, MORE_THAN, "جندي"),
        ("فوق 60 عاما", 60, MORE_THAN, "عاما"),
        ("more than 2000 shipments", 2000, MORE_THAN, "shipments"),
        ("over 500 troops", 500, MORE_THAN, "troops"),
        ("على الأقل 5 جولات", 5, AT_LEAST, "جولات"),
        ("9 مستشارين على الأقل", 9, AT_LEAST, "مستشارين"),
        ("ما لا يقل عن 9 مستشارين", 9, AT_LEAST, "مستشارين"),
        ("لا يقل عددهم عن 500 جندي", 500, AT_LEAST, "جندي"),
        ("9 فأكثر", 9, AT_LEAST, None),
        ("at least 5 rounds", 5, AT_LEAST, "rounds"),
        ("2100 or more shipments", 2100, AT_LEAST, "shipments"),
        ("2100 shipments or more", 2100, AT_LEAST, "shipments"),
        ("أقل من 10 قواعد", 10, LESS_THAN, "قواعد"),
        ("دون 18 عاما", 18, LESS_THAN, "عاما"),
        ("fewer than 10 bases", 10, LESS_THAN, "bases"),
        ("less than 3 percent", 3, LESS_THAN, None),
        ("under 100 troops", 100, LESS_THAN, "troops"),
        ("لا يتجاوز 9", 9, AT_MOST, None),
        ("لا يزيد عن 20 مستشارا", 20, AT_MOST, "مستشارا"),
        ("لا يزيد عددهم على 20 مستشارا", 20, AT_MOST, "مستشارا"),
        ("حتى 50 جنديا", 50, AT_MOST, "جنديا"),
        ("بحد أقصى 50 جنديا", 50, AT_MOST, "جنديا"),
        ("up to 300 troops", 300, AT_MOST, "troops"),
        ("no more than 300 troops", 300, AT_MOST, "troops"),
        ("at most 9 advisers", 9, AT_MOST, "advisers"),
        ("نحو 2000 جندي", 2000, ABOUT, "جندي"),
        ("حوالي 2000 جندي", 2000, ABOUT, "جندي"),
        ("قرابة 2000 جندي", 2000, ABOUT, "جندي"),
        ("زهاء 2000 جندي", 2000, ABOUT, "جندي"),
        ("ما يقارب 2000 جندي", 2000, ABOUT, "جندي"),
        ("تقريبا 2000 جندي", 2000, ABOUT, "جندي"),
        ("2000 جندي تقريبا", 2000, ABOUT, "جندي"),
        ("بنحو ثلاثة آلاف جندي", 3000, ABOUT, "جندي"),
        ("about 2,400 troops", 2400, ABOUT, "troops"),
        ("some 2,500 US troops", 2500, ABOUT, "troops"),
        ("roughly 900 troops", 900, ABOUT, "troops"),
        ("nearly 900 troops", 900, ABOUT, "troops"),
        ("عقب 4 جولات حوار", 4, EXACT, "جولات"),
        ("(9) مستشارين", 9, EXACT, "مستشارين"),
        ("9 advisers remain", 9, EXACT, "advisers"),
    ],
)
def test_qualifiers_and_units(text: str, value: float, qualifier: Qualifier, unit: str | None) -> None:
    q = one(text)
    assert (q.value, q.qualifier, q.unit) == (value, qualifier, unit)
    assert q.text == text[q.start : q.end]
    if unit is not None:
        assert text[q.unit_start : q.unit_end] == unit
        assert q.start <= q.unit_start
        assert q.unit_end <= q.end


def test_qualifier_words_elsewhere_do_not_qualify() -> None:
    # نحو is also "towards"; دون also "without"; only directly before a number do they qualify.
    assert one("الانطلاق نحو آفاق جديدة بعد 4 جولات").qualifier is EXACT
    assert one("أكثر من أي وقت مضى بعد 4 جولات").qualifier is EXACT


def test_unit_is_never_a_function_word_a_verb_clause_or_another_number() -> None:
    # The counted noun may come before the figure: "عديد الجنود ... إلى 2500" counts soldiers.
    assert one("تقلص عديد الجنود إلى 2500 في منتصف يناير").unit == "الجنود"
    assert one("بلغ عدد القتلى 50").unit == "القتلى"
    assert values("قتل 3 وأصيب 12 آخرون") == [3, 12]
    assert extract_quantities("قتل 3 وأصيب 12 آخرون")[0].unit is None
    assert extract_quantities("ثلاثة وأربعة")[0].unit is None
    assert one("3 وزراء").unit == "وزراء"


def test_one_and_two_take_the_noun_before_them() -> None:
    assert one("مستشار واحد").unit == "مستشار"


def test_nothing_to_find() -> None:
    assert extract_quantities("") == []
    assert extract_quantities(" ، . ! ") == []
    assert extract_quantities("انسحاب القوات القتالية من العراق") == []


def test_role_must_be_known() -> None:
    with pytest.raises(ValueError, match="role"):
        extract_quantities("9", role="other")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Intervals
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "claim", "source"),
    [
        ("9 مستشارين", (9, 9, True, True), (9, 9, True, True)),
        ("أكثر من 100 جندي", (100, math.inf, False, False), (100, 125, False, True)),
        ("على الأقل 100 جندي", (100, math.inf, True, False), (100, 125, True, True)),
        ("أقل من 100 جندي", (-math.inf, 100, False, False), (75, 100, True, False)),
        ("لا يتجاوز 100 جندي", (-math.inf, 100, False, True), (75, 100, True, True)),
        ("نحو 100 جندي", (90, 110, True, True), (90, 110, True, True)),
    ],
)
def test_intervals_by_role(
    text: str, claim: tuple[float, float, bool, bool], source: tuple[float, float, bool, bool]
) -> None:
    for role, expected in (("claim", claim), ("source", source)):
        q = one(text, role)
        got = (q.low, q.high, q.low_closed, q.high_closed)
        assert got == pytest.approx(expected), role


def test_tolerance_and_margin_are_parameters() -> None:
    (q,) = extract_quantities("نحو 100 جندي", tolerance=0.2)
    assert (q.low, q.high) == pytest.approx((80, 120))
    (q,) = extract_quantities("أكثر من 100 جندي", margin=0.5)
    assert q.high == pytest.approx(150)


def _q(low: float, high: float, low_closed: bool = True, high_closed: bool = True, value: float = 0.0) -> Quantity:
    return Quantity(value, EXACT, low, high, low_closed, high_closed, None, None, None, 0, 0, "", "cardinal")


def test_overlaps_honours_open_and_closed_ends() -> None:
    assert overlaps(_q(1, 2), _q(2, 3))
    assert not overlaps(_q(1, 2, high_closed=False), _q(2, 3))
    assert not overlaps(_q(1, 2), _q(2, 3, low_closed=False))
    assert overlaps(_q(1, 5), _q(2, 3))
    assert not overlaps(_q(1, 2), _q(3, 4))
    assert overlaps(_q(-math.inf, 10, False, True), _q(10, math.inf, True, False))
    assert not overlaps(_q(-math.inf, 10, False, False), _q(10, math.inf, True, False))


def test_compare_rules_in_order() -> None:
    claim = _q(10, math.inf, False, False, value=10)
    assert compare(claim, _q(5, 6, value=5)) == "contradicts"
    assert compare(claim, _q(11, 12, value=11)) == "supports"
    assert compare(_q(9, 9, value=9), _q(6.75, 9, value=9)) == "supports"  # same figure, hedged
    assert compare(_q(8, 8, value=8), _q(6.75, 9, value=9)) == "mentions"
    assert compare(_q(0, 100, value=50), _q(90, 200, value=150)) == "mentions"


# ---------------------------------------------------------------------------
# The seed articles, line by line
# ---------------------------------------------------------------------------

SEED_QUANTITIES: dict[str, list[tuple[str, float, Qualifier, str | None, str]]] = {
    "000": [
        ("4 جولات", 4, EXACT, "جولات", "cardinal"),
        ("يومين", 2, EXACT, "يومين", "cardinal"),
        ("لا يتجاوز عددهم (9) مستشارين", 9, AT_MOST, "مستشارين", "cardinal"),
        ("2011", 2011, EXACT, None, "year"),
        ("2014", 2014, EXACT, None, "year"),
    ],
    "001": [
        ("18 نوفمبر", 18, EXACT, "نوفمبر", "cardinal"),
        ("2024", 2024, EXACT, None, "year"),
        ("2021", 2021, EXACT, None, "year"),
        ("2021", 2021, EXACT, None, "year"),
        ("2014", 2014, EXACT, None, "year"),
        ("ثماني سنوات", 8, EXACT, "سنوات", "cardinal"),
        ("26 يوليو", 26, EXACT, "يوليو", "cardinal"),
        ("2021", 2021, EXACT, None, "year"),
        ("2014", 2014, EXACT, None, "year"),
        ("5 يناير", 5, EXACT, "يناير", "cardinal"),
        ("2020", 2020, EXACT, None, "year"),
        ("يومين", 2, EXACT, "يومين", "cardinal"),
        ("2017", 2017, EXACT, None, "year"),
        ("نحو ثلث مساحة", 1 / 3, ABOUT, "مساحة", "fraction"),
        ("أكثر من 2100 شحنة", 2100, MORE_THAN, "شحنة", "cardinal"),
        ("أكثر من 1800 عجلة", 1800, MORE_THAN, "عجلة", "cardinal"),
        ("أكثر من 60 دولة", 60, MORE_THAN, "دولة", "cardinal"),
        ("2014", 2014, EXACT, None, "year"),
        ("26 يوليو", 26, EXACT, "يوليو", "cardinal"),
    ],
    "002": [
        ("يومين", 2, EXACT, "يومين", "cardinal"),  # ticker: "انقسام المسلمين إلى يومين"
        ("2021", 2021, EXACT, None, "year"),  # dateline 28-11-2021, 14:13
        ("والجولة الرابعة", 4, EXACT, "والجولة", "ordinal"),
        ("2011", 2011, EXACT, None, "year"),
        ("2014", 2014, EXACT, None, "year"),
        ("31 ديسمبر", 31, EXACT, "ديسمبر", "cardinal"),
        ("2021", 2021, EXACT, None, "year"),
        ("2020", 2020, EXACT, None, "year"),
        ("31 ديسمبر", 31, EXACT, "ديسمبر", "cardinal"),
    ],
    "003": [
        ("الجنود في البلدين إلى 2500", 2500, EXACT, "الجنود", "cardinal"),
        ("الثالث من يناير", 3, EXACT, "يناير", "ordinal"),
        ("2020", 2020, EXACT, None, "year"),
    ],
    "004": [
        ("الـ 31 من الشهر", 31, EXACT, "الشهر", "cardinal"),
        ("أربع جولات", 4, EXACT, "جولات", "cardinal"),
        ("31 ديسمبر", 31, EXACT, "ديسمبر", "cardinal"),
        ("الذكرى الرابعة", 4, EXACT, "الذكرى", "ordinal"),
        ("الـ 31 من الشهر", 31, EXACT, "الشهر", "cardinal"),
    ],
}


@pytest.mark.parametrize("prefix", sorted(SEED_QUANTITIES))
def test_seed_articles_yield_exactly_these_quantities(prefix: str) -> None:
    found = []
    for line in seed_lines(prefix):
        for q in extract_quantities(line):
            assert line[q.start : q.end] == q.text
            if q.unit is not None:
                assert line[q.unit_start : q.unit_end] == q.unit
            found.append((q.text, q.value, q.qualifier, q.unit, q.kind))
    expected = SEED_QUANTITIES[prefix]
    assert [f[0] for f in found] == [e[0] for e in expected]
    for got, want in zip(found, expected, strict=True):
        assert got[1] == pytest.approx(want[1])
        assert got[2:] == want[2:]


def test_whole_article_gives_the_same_quantities_as_its_lines() -> None:
    for prefix, expected in SEED_QUANTITIES.items():
        text = "\n".join(seed_lines(prefix))
        assert [q.text for q in extract_quantities(text)] == [e[0] for e in expected]


def test_extraction_is_fast() -> None:
    line = next(ln for ln in seed_lines("000") if "لا يتجاوز" in ln)
    assert len(line.split()) >= 35
    extract_quantities(line)
    runs = 200
    started = time.perf_counter()
    for _ in range(runs):
        extract_quantities(line)
    per_sentence = (time.perf_counter() - started) / runs
    assert per_sentence < 0.005  # typically ~0.2 ms; generous for slow machines


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

ARABIC_INDIC = str.maketrans("0123456789,", "٠١٢٣٤٥٦٧٨٩٬")


@given(st.integers(1, 999_999), st.sampled_from(["plain", "comma", "indic", "indic_sep"]))
def test_digits_round_trip(n: int, style: str) -> None:
    written = {
        "plain": str(n),
        "comma": f"{n:,}",
        "indic": str(n).translate(ARABIC_INDIC),
        "indic_sep": f"{n:,}".translate(ARABIC_INDIC),
    }[style]
    q = one(f"أعلن الجيش إجلاء {written} شحنة عسكرية")
    assert q.value == n
    assert q.unit == "شحنة"


# Arabic number words. Numbers 3-10 take ة with a masculine noun and drop it with
# a feminine one; 1, 2 and the teens agree with the noun. "nom" is the
# nominative (عشرون، اثنان), "obl" the accusative/genitive (عشرين، اثنين).
_AR_ONES = {
    "m": ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"],
    "f": ["", "واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر"],
}
_AR_TWO_OBL = {"m": "اثنين", "f": "اثنتين"}
_AR_TENS_WORDS = ["", "", "عشر", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"]
_AR_HUNDREDS_WORDS = ["", "مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمئة", "ستمئة", "سبعمئة", "ثمانمئة", "تسعمئة"]


def ar_below_100(n: int, gender: str, case: str) -> str:
    ones = _AR_ONES[gender]
    if n <= 10:
        return _AR_TWO_OBL[gender] if n == 2 and case == "obl" else ones[n]
    if n < 20:
        unit = n - 10
        tail = "عشر" if gender == "m" else "عشرة"
        if unit == 1:
            head = "أحد" if gender == "m" else "إحدى"
        elif unit == 2:
            head = ("اثنا" if case == "nom" else "اثني") if gender == "m" else ("اثنتا" if case == "nom" else "اثنتي")
        else:
            head = ones[unit]
        return f"{head} {tail}"
    tens = _AR_TENS_WORDS[n // 10] + ("ون" if case == "nom" else "ين")
    if n % 10 == 0:
        return tens
    unit = n % 10
    first = _AR_TWO_OBL[gender] if unit == 2 and case == "obl" else ones[unit]
    return f"{first} و{tens}"


def ar_below_1000(n: int, gender: str, case: str, alt_spelling: bool) -> str:
    parts = []
    if n >= 100:
        word = _AR_HUNDREDS_WORDS[n // 100]
        if n // 100 == 2 and case == "obl":
            word = "مئتين"
        parts.append(word.replace("مئة", "مائة").replace("مئت", "مائت") if alt_spelling else word)
    if n % 100:
        parts.append(ar_below_100(n % 100, gender, case))
    return " و".join(parts)


def ar_words(n: int, gender: str, case: str, alt_spelling: bool) -> str:
    """``n`` (1..999999) in Arabic words, as a news text would write it."""
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands == 1:
        parts.append("ألف")
    elif thousands == 2:
        parts.append("ألفان" if case == "nom" else "ألفين")
    elif thousands:
        # The thousand word is counted by the last part of the multiplier.
        last = thousands % 100
        scale = "آلاف" if 3 <= last <= 10 else "ألفا" if last >= 11 else "ألف"
        parts.append(f"{ar_below_1000(thousands, 'm', case, alt_spelling)} {scale}")
    if rest:
        parts.append(ar_below_1000(rest, gender, case, alt_spelling))
    return " و".join(parts)


_ar_number = st.one_of(
    st.integers(1, 99),
    st.integers(1, 9).map(lambda k: k * 100),
    st.integers(1, 99).map(lambda k: k * 1000),
    st.integers(1, 999_999),
)


@given(_ar_number, st.sampled_from(["m", "f"]), st.sampled_from(["nom", "obl"]), st.booleans())
def test_arabic_words_round_trip(n: int, gender: str, case: str, alt_spelling: bool) -> None:
    words = ar_words(n, gender, case, alt_spelling)
    found = values(f"قال المتحدث إن {words} وصلوا إلى القاعدة")
    assert found == [n], words


_EN_ONES = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def en_below_1000(n: int, with_and: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_EN_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        tens = _EN_TENS[rest // 10] + (f"-{_EN_ONES[rest % 10]}" if rest % 10 else "")
        words = _EN_ONES[rest] if rest < 20 else tens
        parts.append(("and " if with_and and hundreds else "") + words)
    return " ".join(parts)


def en_words(n: int, with_and: bool) -> str:
    thousands, rest = divmod(n, 1000)
    parts = [f"{en_below_1000(thousands, with_and)} thousand"] if thousands else []
    if rest:
        parts.append(en_below_1000(rest, with_and))
    return " ".join(parts)


@given(st.integers(1, 999_999), st.booleans())
def test_english_words_round_trip(n: int, with_and: bool) -> None:
    words = en_words(n, with_and)
    assert values(f"officials said {words} troops remain") == [n], words


_QUALIFIER_PHRASES = [
    "{n}",
    "أكثر من {n}",
    "على الأقل {n}",
    "أقل من {n}",
    "لا يتجاوز {n}",
    "نحو {n}",
    "{n}+",
    "more than {n}",
    "at least {n}",
    "fewer than {n}",
    "up to {n}",
    "about {n}",
]


@given(st.integers(1, 10**7), st.sampled_from(_QUALIFIER_PHRASES))
def test_a_text_supports_itself(n: int, phrase: str) -> None:
    text = phrase.format(n=n) + " shipments"
    claim, source = one(text, "claim"), one(text, "source")
    assert claim.value == source.value == n
    assert compare(claim, source) == "supports"
    assert compare(claim, claim) == "supports"
    assert compare(source, source) == "supports"


@settings(max_examples=200)
@given(
    st.integers(1, 5000),
    st.sampled_from(_QUALIFIER_PHRASES),
    st.sampled_from(["claim", "source"]),
    st.integers(1, 5000),
    st.sampled_from(_QUALIFIER_PHRASES),
    st.sampled_from(["claim", "source"]),
)
def test_disjointness_is_symmetric(n1: int, p1: str, r1: str, n2: int, p2: str, r2: str) -> None:
    a = one(p1.format(n=n1) + " troops", r1)
    b = one(p2.format(n=n2) + " troops", r2)
    assert overlaps(a, b) == overlaps(b, a)
    for x, y in ((a, b), (b, a)):
        same_figure = x.qualifier is Qualifier.EXACT and x.value == y.value
        # Disjoint contradicts, except a bare claimed figure the source repeats with a hedge.
        assert (compare(x, y) == "contradicts") == (not overlaps(x, y) and not same_figure)
    assert a.low <= a.value <= a.high


def test_a_bare_figure_the_source_hedges_is_supported() -> None:
    claim = one("2100 shipments", "claim")
    assert compare(claim, one(SHIPMENTS, "source")) == "supports"
    assert compare(one("more than 2200 shipments", "claim"), one(SHIPMENTS, "source")) == "mentions"
    assert compare(one("more than 3000 shipments", "claim"), one(SHIPMENTS, "source")) == "contradicts"
