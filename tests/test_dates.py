"""Dates: extraction from the seed articles and from English claims, relative dates, and comparison."""

from __future__ import annotations

import datetime
import time
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.dates import DateMention, compare_dates, extract_dates

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NOV_28 = datetime.date(2021, 11, 28)  # the dateline of 002
DEC_11 = datetime.date(2021, 12, 11)  # a day in the month 004 was written in

Fields = tuple[int | None, int | None, int | None, str | None, str | None]


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}*.txt")
    return path.read_text(encoding="utf-8")


def seed_sentence(prefix: str, locator: str) -> str:
    """The line of seed ``prefix`` that contains ``locator``."""
    lines = [line for line in seed_text(prefix).splitlines() if locator in line]
    assert lines, f"{locator!r} not in seed {prefix}"
    return lines[0]


def fields(m: DateMention) -> Fields:
    return m.year, m.month, m.day, m.part, m.relative


def one(text: str, reference: datetime.date | None = None, deadlines: bool = True) -> DateMention:
    """The only date in ``text``."""
    found = extract_dates(text, reference=reference, deadlines=deadlines)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def by_text(text: str, phrase: str, reference: datetime.date | None = None) -> DateMention:
    """The date in ``text`` whose span reads ``phrase``."""
    found = extract_dates(text, reference=reference)
    matches = [m for m in found if m.text == phrase]
    assert len(matches) == 1, [m.text for m in found]
    return matches[0]


# ---------------------------------------------------------------------------
# Golden table: real sentences from the seeds
# ---------------------------------------------------------------------------

GOLDEN = [
    # seed, sentence locator, span text, reference, (year, month, day, part, relative)
    ("001", "وفي 5 يناير/ كانون الثاني 2020", "5 يناير/ كانون الثاني 2020", None, (2020, 1, 5, None, None)),
    ("001", "اتفقت بغداد وواشنطن", "26 يوليو/ تموز الماضي", None, (None, 7, 26, None, "past")),
    ("001", "اتفقت بغداد وواشنطن", "26 يوليو/ تموز الماضي", NOV_28, (2021, 7, 26, None, "past")),
    ("001", "أواخر 2017", "أواخر 2017", None, (2017, None, None, "late", None)),
    # "بحلول نهاية العام": a deadline, the year's last day
    ("001", "نهاية العام الجاري 2021", "نهاية العام الجاري 2021", None, (2021, 12, 31, "late", None)),
    ("001", "مطلع نوفمبر", "مطلع نوفمبر/ تشرين الثاني الماضي", None, (None, 11, None, "early", "past")),
    ("001", "منذ عام 2014، تحالفًا", "عام 2014", None, (2014, None, None, None, None)),
    ("001", "قبل نهاية العام الحالي", "نهاية العام الحالي", None, (None, 12, 31, "late", "current")),
    ("001", "قبل نهاية العام الحالي", "نهاية العام الحالي", NOV_28, (2021, 12, 31, "late", "current")),
    ("001", "الإثنين 18 نوفمبر", "18 نوفمبر / November 2024", None, (2024, 11, 18, None, None)),
    ("002", "28-11-2021", "28-11-2021", None, (2021, 11, 28, None, None)),
    ("002", "بحلول 31 ديسمبر 2021", "31 ديسمبر 2021", None, (2021, 12, 31, None, None)),
    ("002", "31 ديسمبر المقبل", "31 ديسمبر المقبل", NOV_28, (2021, 12, 31, None, "next")),
    ("002", "31 ديسمبر المقبل", "31 ديسمبر المقبل", None, (None, 12, 31, None, "next")),
    ("002", "مطلع يناير عام 2020", "مطلع يناير عام 2020", None, (2020, 1, None, "early", None)),
    ("002", "وفي يوليو الماضي، أعلن", "يوليو الماضي", NOV_28, (2021, 7, None, None, "past")),
    ("002", "وفي يوليو الماضي، أعلن", "يوليو الماضي", None, (None, 7, None, None, "past")),
    ("002", "وفي يوليو الماضي، أعلن", "نهاية العام", NOV_28, (2021, 12, 31, "late", "current")),
    ("002", "عام 2011، استنادا", "عام 2011", None, (2011, None, None, None, None)),
    ("002", "عام 2011، استنادا", "2014", None, (2014, None, None, None, None)),
    ("003", "منتصف يناير", "منتصف يناير/كانون الثاني", None, (None, 1, None, "mid", None)),
    ("003", "الثالث من يناير", "الثالث من يناير/كانون الأول 2020", None, (2020, 1, 3, None, None)),
    ("004", "في 31 ديسمبر/كانون الأول الحالي", "31 ديسمبر/كانون الأول الحالي", None, (None, 12, 31, None, "current")),
    ("004", "في 31 ديسمبر/كانون الأول الحالي", "31 ديسمبر/كانون الأول الحالي", DEC_11, (2021, 12, 31, None, "current")),
    ("004", "المقرر في الـ 31 من الشهر الحالي", "الـ 31 من الشهر الحالي", None, (None, None, 31, None, "current")),
    ("004", "المقرر في الـ 31 من الشهر الحالي", "الـ 31 من الشهر الحالي", DEC_11, (2021, 12, 31, None, "current")),
    ("004", "بدأت العام الماضي بين", "العام الماضي", DEC_11, (2020, None, None, None, "past")),
    ("004", "أمس الجمعة", "أمس", DEC_11, (2021, 12, 10, None, "past")),
    ("000", "في يناير الماضي، قتلت", "يناير الماضي", None, (None, 1, None, None, "past")),
    ("000", "والشهر الماضي، قال", "الشهر الماضي", NOV_28, (2021, 10, None, None, "past")),
]


@pytest.mark.parametrize(("seed", "locator", "phrase", "reference", "expected"), GOLDEN)
def test_seed_dates(seed: str, locator: str, phrase: str, reference: datetime.date | None, expected: Fields) -> None:
    sentence = seed_sentence(seed, locator)
    m = by_text(sentence, phrase, reference)
    assert fields(m) == expected
    assert sentence[m.start : m.end] == phrase


# Every date each seed yields without a reference, in order: no extra mentions
# from counts, ordinals, times or quantities.
SEED_INVENTORY = {
    "000": ["يناير الماضي", "يوليو الماضي", "نهاية العام", "عام 2011", "2014"],
    "001": [
        "18 نوفمبر / November 2024", "نهاية 2021", "نهاية 2021", "عام 2014", "نهاية العام الحالي",
        "26 يوليو/ تموز الماضي", "نهاية العام الجاري 2021", "عام 2014", "5 يناير/ كانون الثاني 2020", "بعد يومين من",
        "أواخر 2017", "مطلع نوفمبر/ تشرين الثاني الماضي", "نهاية العام الجاري", "عام 2014",
        "26 يوليو/ تموز الماضي", "نهاية العام الجاري",
    ],
    "002": [
        "28-11-2021", "يوليو الماضي", "نهاية العام", "عام 2011", "2014", "يوليو الماضي", "31 ديسمبر 2021",
        "مطلع يناير عام 2020", "31 ديسمبر المقبل",
    ],
    "003": ["منتصف يناير/كانون الثاني", "الثالث من يناير/كانون الأول 2020"],
    "004": ["الـ 31 من الشهر الحالي", "31 ديسمبر/كانون الأول الحالي", "الـ 31 من الشهر الحالي"],
}  # fmt: skip


@pytest.mark.parametrize("seed", sorted(SEED_INVENTORY))
def test_seed_inventory(seed: str) -> None:
    text = seed_text(seed)
    found = extract_dates(text)
    assert [m.text for m in found] == SEED_INVENTORY[seed]
    for m in found:
        assert text[m.start : m.end] == m.text
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_paired_months_that_disagree_keep_the_first() -> None:
    # 003 writes كانون الأول (December) next to يناير: the Gregorian name is kept.
    m = one("فجر الثالث من يناير/كانون الأول 2020.")
    assert (m.month, m.day) == (1, 3)


# ---------------------------------------------------------------------------
# English claims
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "phrase", "expected"),
    [
        ("The Iraqi parliament voted in March 2020 to expel foreign troops", "March 2020", (2020, 3, None, None, None)),
        ("Combat troops must leave by December 31, 2021", "December 31, 2021", (2021, 12, 31, None, None)),
        ("Troops were cut to 2,500 by mid-January", "mid-January", (None, 1, None, "mid", None)),
        ("The combat mission ends by the end of 2021", "end of 2021", (2021, None, None, "late", None)),
        ("Baghdad and Washington agreed in June 2021", "June 2021", (2021, 6, None, None, None)),
        ("The deadline is 31 January 2022", "31 January 2022", (2022, 1, 31, None, None)),
        ("US troops returned to Iraq in 2014", "2014", (2014, None, None, None, None)),
        ("Iraq declared victory in late 2017", "late 2017", (2017, None, None, "late", None)),
        ("Equipment was evacuated in early November", "early November", (None, 11, None, "early", None)),
        ("Soleimani was killed on the 3rd of January 2020", "3rd of January 2020", (2020, 1, 3, None, None)),
        ("Soleimani was killed on the third of January 2020", "third of January 2020", (2020, 1, 3, None, None)),
        ("Biden announced it last July", "last July", (None, 7, None, None, "past")),
        ("Troops leave by Dec. 31, 2021", "Dec. 31, 2021", (2021, 12, 31, None, None)),
        ("Troops left in May", "May", (None, 5, None, None, None)),
        ("The vote was on 5 January, 2020", "5 January, 2020", (2020, 1, 5, None, None)),
        ("The vote was in January of 2020", "January of 2020", (2020, 1, None, None, None)),
        ("Troops leave at the end of the year", "end of the year", (None, None, None, "late", "current")),
    ],
)
def test_english_claims(claim: str, phrase: str, expected: Fields) -> None:
    m = one(claim, deadlines=False)  # as claims are read
    assert m.text == phrase
    assert fields(m) == expected


# ---------------------------------------------------------------------------
# Arabic forms beyond the seeds
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("وقع الهجوم بيناير 2020", "يناير 2020", (2020, 1, None, None, None)),
        ("ووصلت القوات وديسمبر 2021 يقترب", "ديسمبر 2021", (2021, 12, None, None, None)),
        ("في 4 إبريل 2019", "4 إبريل 2019", (2019, 4, 4, None, None)),
        ("في 4 ابريل 2019", "4 ابريل 2019", (2019, 4, 4, None, None)),
        ("في 2 يونيه 2019", "2 يونيه 2019", (2019, 6, 2, None, None)),
        ("في 9 يوليه 2019", "9 يوليه 2019", (2019, 7, 9, None, None)),
        ("في 1 آب 2019", "1 آب 2019", (2019, 8, 1, None, None)),
        ("في 15 شباط 2021", "15 شباط 2021", (2021, 2, 15, None, None)),
        ("في 10 تشرين الأول 2020", "10 تشرين الأول 2020", (2020, 10, 10, None, None)),
        ("في 10 تشرين الثاني 2020", "10 تشرين الثاني 2020", (2020, 11, 10, None, None)),
        ("في 25 كانون الأول 2020", "25 كانون الأول 2020", (2020, 12, 25, None, None)),
        ("في 3 كانون الثاني/يناير 2020", "3 كانون الثاني/يناير 2020", (2020, 1, 3, None, None)),
        ("في 3 يناير (كانون الثاني) 2020", "3 يناير (كانون الثاني) 2020", (2020, 1, 3, None, None)),
        ("في ٥ يناير ٢٠٢٠", "٥ يناير ٢٠٢٠", (2020, 1, 5, None, None)),
        ("هجمات الحادي عشر من سبتمبر 2001", "الحادي عشر من سبتمبر 2001", (2001, 9, 11, None, None)),
        ("في الحادي والثلاثين من ديسمبر", "الحادي والثلاثين من ديسمبر", (None, 12, 31, None, None)),
        ("في الـ31 من ديسمبر", "الـ31 من ديسمبر", (None, 12, 31, None, None)),
        ("منذ سنة 2003", "سنة 2003", (2003, None, None, None, None)),
        ("في مطلع شهر يناير", "مطلع شهر يناير", (None, 1, None, "early", None)),
        ("بحلول منتصف العام المقبل", "منتصف العام المقبل", (None, None, None, "mid", "next")),
        ("في يوليو من العام الماضي", "يوليو من العام الماضي", (None, 7, None, None, "past")),
        ("في مارس الماضي", "مارس الماضي", (None, 3, None, None, "past")),
        ("في 2021/11/28", "2021/11/28", (2021, 11, 28, None, None)),
        ("بتاريخ 28.11.2021", "28.11.2021", (2021, 11, 28, None, None)),
    ],
)
def test_arabic_forms(text: str, phrase: str, expected: Fields) -> None:
    m = one(text)
    assert m.text == phrase
    assert fields(m) == expected


# ---------------------------------------------------------------------------
# Relative words against a reference date
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("في يوليو الماضي", NOV_28, (2021, 7)),
        ("في نوفمبر الماضي", NOV_28, (2020, 11)),  # strictly before the reference month
        ("في ديسمبر الماضي", NOV_28, (2020, 12)),
        ("في ديسمبر المقبل", NOV_28, (2021, 12)),
        ("في ديسمبر المقبل", DEC_11, (2022, 12)),  # written in December: next year's
        ("في ديسمبر الحالي", DEC_11, (2021, 12)),
        ("في يناير القادم", NOV_28, (2022, 1)),
        ("العام الماضي", NOV_28, (2020, None)),
        ("العام المقبل", NOV_28, (2022, None)),
        ("هذا العام", NOV_28, (2021, None)),
        ("الشهر المقبل", DEC_11, (2022, 1)),
        ("last July", NOV_28, (2021, 7)),
        ("next year", NOV_28, (2022, None)),
        ("this year", NOV_28, (2021, None)),
        ("last month", datetime.date(2022, 1, 5), (2021, 12)),
    ],
)
def test_relative_resolution(text: str, reference: datetime.date, expected: tuple[int, int | None]) -> None:
    m = one(text, reference)
    assert (m.year, m.month) == expected
    assert m.relative is not None


def test_day_words_need_a_reference() -> None:
    text = "وكانت مليشيا النجباء قد أكدت أمس الجمعة أن القرار ليس فرديا، وقال اليوم إن"
    assert extract_dates(text) == []
    days = [(m.text, m.year, m.month, m.day) for m in extract_dates(text, reference=DEC_11)]
    assert days == [("أمس", 2021, 12, 10), ("اليوم", 2021, 12, 11)]
    assert extract_dates("في اليوم التالي للهجوم", reference=DEC_11) == []


def test_relative_phrases_without_a_reference_fix_nothing_and_are_dropped() -> None:
    assert extract_dates("والشهر الماضي، قال قائد القيادة المركزية") == []
    assert extract_dates("التي بدأت العام الماضي بين بغداد وواشنطن") == []


def test_a_day_that_does_not_fit_the_resolved_month_leaves_it_open() -> None:
    # The 31st of "this month" cannot be written in November: the month stays unknown.
    m = one("المقرر في الـ 31 من الشهر الحالي", NOV_28)
    assert (m.year, m.month, m.day) == (None, None, 31)


# ---------------------------------------------------------------------------
# Things that are not dates
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "وذلك عقب 4 جولات حوار على مدار الأشهر الماضية",
        "بعد الحوار الاستراتيجي والجولة الرابعة التي أجريت",
        "إجلاء أكثر من 2100 شحنة من معدات عسكرية أميركية",
        "وأضاف أنه قبل يومين تم تطبيق الاتفاق",
        "سياسة | 14:13 |",
        "لا يتجاوز عددهم (9) مستشارين",
        "بعد ثماني سنوات من التدخل",
        "بمناسبة الذكرى الرابعة للنصر",
        "محاولة تأجيج الرأي العام",
        "وتقلص عديد الجنود إلى 2500",
        "ومارس الضغط على الحكومة",
        "أب لثلاثة أطفال",
        "يعمل في 2000 موقع",
        "the march on Baghdad",
        "officials said it may end soon",
        "more than 2100 shipments left in 2000 trucks",
    ],
)
def test_not_dates(text: str) -> None:
    assert extract_dates(text) == []
    assert extract_dates(text, reference=NOV_28) == []


def test_the_dateline_keeps_the_date_and_drops_the_time() -> None:
    (m,) = extract_dates("سياسة | 28-11-2021, 14:13 |")
    assert m.text == "28-11-2021"


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------

S001_VOTE = seed_sentence("001", "وفي 5 يناير/ كانون الثاني 2020")
S002_VOTE = seed_sentence("002", "مطلع يناير عام 2020")
S002_DEADLINE = seed_sentence("002", "31 ديسمبر المقبل")
S002_STATEMENT = seed_sentence("002", "بحلول 31 ديسمبر 2021")


@pytest.mark.parametrize(
    ("claim", "source", "reference", "expected"),
    [
        ("The parliament voted in March 2020", S001_VOTE, None, "contradicts"),
        ("The parliament voted in January 2020", S002_VOTE, None, "supports"),
        ("The parliament voted in January 2020", S001_VOTE, None, "supports"),
        ("The deadline is 31 January 2022", S002_DEADLINE, NOV_28, "contradicts"),
        ("The deadline is 31 December 2021", S002_DEADLINE, NOV_28, "supports"),
        ("The deadline is 31 December 2021", S002_DEADLINE, None, "mentions"),  # year unknown
        ("Combat roles end by the end of 2021", S002_STATEMENT, None, "supports"),
        ("The statement came on 26 July 2021", "في بيان مشترك صدر في يوليو 2021", None, "mentions"),
        ("They agreed in June 2021", "وفي 26 يوليو/ تموز 2021، اتفقت بغداد", None, "contradicts"),
        ("US troops left Iraq in 2013", "بعد خروجها منه، عام 2011", None, "contradicts"),
        # "بحلول نهاية العام" is a deadline: the year's last day
        ("The deadline is 31 December", "ستنهي بحلول نهاية العام مهمتها القتالية", NOV_28, "supports"),
        ("The deadline is 31 January 2022", "انسحاب القوات بحلول نهاية العام الجاري 2021", None, "contradicts"),
        ("Combat roles end in late 2021", "ستنهي بحلول نهاية 2021 مهمتها القتالية", None, "supports"),
    ],
)
def test_compare_sentences(claim: str, source: str, reference: datetime.date | None, expected: str) -> None:
    c = one(claim, deadlines=False)  # as claims are read
    s = next(m for m in extract_dates(source, reference=reference) if m.month or m.year)  # the sentence's own date
    assert compare_dates(c, s) == expected


def _date(
    year: int | None = None, month: int | None = None, day: int | None = None, part: str | None = None
) -> DateMention:
    return DateMention(year, month, day, part, 0, 0, "", None)


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        # Unknown source year: a different month may be another year's event.
        (_date(2020, 3), _date(None, 1), "mentions"),
        (_date(2020, 1), _date(None, 1), "mentions"),
        (_date(None, 3), _date(None, 1), "contradicts"),
        (_date(None, 1), _date(None, 1), "supports"),
        (_date(None, 3), _date(2020, 1), "contradicts"),
        # Parts of a year against months.
        (_date(2020, part="early"), _date(2020, 1, 5), "supports"),
        (_date(2020, part="early"), _date(2020, 4), "mentions"),
        (_date(2020, part="early"), _date(2020, 7), "contradicts"),
        (_date(2021, part="late"), _date(2021, 9), "mentions"),
        (_date(2021, part="late"), _date(2021, 3), "contradicts"),
        (_date(2021, 11), _date(2021, part="late"), "mentions"),
        (_date(2021, 3), _date(2021, part="late"), "contradicts"),
        (_date(2021, 7), _date(2021, part="mid"), "mentions"),
        # Parts against parts.
        (_date(2020, part="early"), _date(2020, part="late"), "contradicts"),
        (_date(2020, part="early"), _date(2020, part="mid"), "mentions"),
        (_date(2020, part="late"), _date(2020, part="late"), "supports"),
        (_date(2020), _date(2020, part="late"), "supports"),
        (_date(2020, part="late"), _date(2020), "mentions"),
        # Parts of a month against days: never a contradiction.
        (_date(2020, 1, part="mid"), _date(2020, 1, 15), "supports"),
        (_date(2020, 1, part="mid"), _date(2020, 1, 3), "mentions"),
        (_date(2020, 1, part="early"), _date(2020, 1, part="late"), "contradicts"),
        # Days.
        (_date(2021, 12, 30), _date(2021, 12, 31), "contradicts"),
        (_date(2021, 12, 30), _date(None, 12, 31), "contradicts"),
        (_date(2021, 12, 31), _date(2021, 12), "mentions"),
        (_date(2021, 12), _date(2021, 12, 31), "supports"),
        # A claim with no date fields is never supported.
        (_date(), _date(2021), "mentions"),
    ],
)
def test_compare_rules(claim: DateMention, source: DateMention, expected: str) -> None:
    assert compare_dates(claim, source) == expected


# ---------------------------------------------------------------------------
# Properties and speed
# ---------------------------------------------------------------------------

AR_GREGORIAN = [
    ["يناير"], ["فبراير"], ["مارس"], ["أبريل", "إبريل", "ابريل"], ["مايو"], ["يونيو", "يونيه"],
    ["يوليو", "يوليه"], ["أغسطس", "اغسطس"], ["سبتمبر"], ["أكتوبر"], ["نوفمبر"], ["ديسمبر"],
]  # fmt: skip
LEVANTINE = [
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
    "تشرين الثاني", "كانون الأول",
]  # fmt: skip
ENGLISH = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
]  # fmt: skip
AR_ORDINAL_UNITS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def ar_ordinal_day(day: int) -> str:
    """The masculine definite ordinal of a day of the month (الحادي عشر، الثاني والعشرين)."""
    if day < 10:
        return AR_ORDINAL_UNITS[day - 1]
    if day in (10, 20, 30):
        return {10: "العاشر", 20: "العشرين", 30: "الثلاثين"}[day]
    tens, unit = divmod(day, 10)
    head = "الحادي" if unit == 1 else AR_ORDINAL_UNITS[unit - 1]
    return f"{head} عشر" if tens == 1 else f"{head} و{'العشرين' if tens == 2 else 'الثلاثين'}"


FORMATS = ["ar", "ar_indic", "lev", "paired", "paired_paren", "ar_ordinal", "en_mdy", "en_dmy", "en_ordinal", "numeric"]


def render(date: datetime.date, style: str, spelling: int) -> str:
    d, m, y = date.day, date.month, date.year
    ar = AR_GREGORIAN[m - 1][spelling % len(AR_GREGORIAN[m - 1])]
    return {
        "ar": f"وقال المسؤول إنه في {d} {ar} {y}، تم الاتفاق",
        "ar_indic": f"وقال المسؤول إنه في {d} {ar} {y}، تم الاتفاق".translate(ARABIC_INDIC),
        "lev": f"وفي {d} {LEVANTINE[m - 1]} {y} أعلنت الحكومة",
        "paired": f"وفي {d} {ar}/ {LEVANTINE[m - 1]} {y}، تبنى البرلمان قرارا",
        "paired_paren": f"وفي {d} {ar} ({LEVANTINE[m - 1]}) {y} تبنى البرلمان قرارا",
        "ar_ordinal": f"في غارة فجر {ar_ordinal_day(d)} من {ar} {y}.",
        "en_mdy": f"The parliament voted on {ENGLISH[m - 1]} {d}, {y} to expel troops",
        "en_dmy": f"The parliament voted on {d} {ENGLISH[m - 1]} {y} to expel troops",
        "en_ordinal": f"Troops left on the {d}th of {ENGLISH[m - 1]} {y}.",
        "numeric": f"سياسة | {d:02d}-{m:02d}-{y}, 14:13 |",
    }[style]


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)),
    st.sampled_from(FORMATS),
    st.integers(0, 2),
)
def test_rendered_dates_round_trip(date: datetime.date, style: str, spelling: int) -> None:
    text = render(date, style, spelling)
    found = extract_dates(text)
    assert [(m.year, m.month, m.day) for m in found] == [(date.year, date.month, date.day)], text
    assert found[0].relative is None


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_a_date_supports_itself_and_contradicts_the_next_day(date: datetime.date) -> None:
    m = one(f"{date.day} {ENGLISH[date.month - 1]} {date.year}")
    nxt = date + datetime.timedelta(days=1)
    other = one(f"{nxt.day} {ENGLISH[nxt.month - 1]} {nxt.year}")
    assert compare_dates(m, m) == "supports"
    assert compare_dates(m, other) == "contradicts"


def test_speed() -> None:
    line = seed_sentence("001", "وفي 5 يناير/ كانون الثاني 2020")  # about 40 words
    runs = 300
    started = time.perf_counter()
    for k in range(runs):
        extract_dates(f"{line} {k}")  # a new text each time: tokenisation is included
    per_sentence = (time.perf_counter() - started) / runs
    assert per_sentence < 0.005  # typically ~0.2 ms; generous for slow machines


def test_an_undated_article_that_names_its_year_is_read_in_that_year():
    from factcheck.dates import stated_current_year

    assert stated_current_year("انسحاب القوات بحلول نهاية العام الجاري 2021. وفي 26 يوليو الماضي اتفق البلدان.") == 2021
    assert stated_current_year("وفي 26 يوليو الماضي اتفق البلدان.") is None
    assert stated_current_year("نهاية العام الجاري 2021 ... العام الحالي 2022") is None  # two years: no guess


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a span of days before a date moves it
        ("صوّت البرلمان بعد يومين من 3 يناير 2020", [(2020, 1, 5)]),
        ("صوّت البرلمان بعد ثلاثة أيام من 3 يناير 2020", [(2020, 1, 6)]),
        ("The parliament voted two days after 3 January 2020", [(2020, 1, 5)]),
        ("The strike came a week before 5 January 2020", [(2019, 12, 29)]),
        ("اغتيل قبل يومين من 5 يناير", [(None, 1, 3)]),
        # one after the sentence's date dates the event it names, counted back
        ("وفي 5 يناير 2020، تبنى البرلمان قرارًا، بعد يومين من مقتل سليماني", [(2020, 1, 5), (2020, 1, 3)]),
        # not in another sentence, nor from a date with no day
        ("وفي 5 يناير 2020 تبنى البرلمان قرارا. وبعد يومين من ذلك", [(2020, 1, 5)]),
        ("في يناير 2020، بعد يومين من مقتل سليماني", [(2020, 1, None)]),
        # an unknown year is not guessed across a year's end: no date rather than a wrong one
        ("قبل يومين من 1 يناير", []),
    ],
)
def test_dates_reckoned_from_a_span_of_days(text: str, expected: list[tuple[int | None, ...]]) -> None:
    assert [(d.year, d.month, d.day) for d in extract_dates(text)] == expected


def test_two_days_before_the_vote_is_the_day_001_dates_the_killing():
    """001: "وفي 5 يناير 2020، تبنى البرلمان ... بعد يومين من مقتل ... سليماني" supports 3 January."""
    vote = seed_sentence("001", "وفي 5 يناير/ كانون الثاني 2020")
    dates = extract_dates(vote)
    assert compare_dates(one("Soleimani was killed on 3 January 2020"), dates[-1]) == "supports"


def test_a_deadline_is_the_last_day_of_its_period_in_a_source_only() -> None:
    source = one("ستنسحب القوات بحلول نهاية العام الجاري 2021")
    assert fields(source) == (2021, 12, 31, "late", None)
    assert fields(one("by the end of February 2024")) == (2024, 2, 29, "late", None)
    # without "by", the end of a year is its late part; a claim keeps the late part too
    assert fields(one("في نهاية 2021")) == (2021, None, None, "late", None)
    assert fields(one("by the end of 2021", deadlines=False)) == (2021, None, None, "late", None)
