"""Calendar dates in Arabic and English text: extraction and comparison.

A date mention is whatever a phrase fixes of (year, month, day), plus a coarse
``part`` ("early"/"mid"/"late") when the phrase names a part of a month or year
("مطلع يناير", "end of 2021"). Relative phrases ("يوليو الماضي", "العام
المقبل", "last July") are resolved against a reference date when one is given;
without one the year stays unknown (``None``) and is never guessed.

Everything is read from normalised tokens (see ``factcheck.normalize``) with
dictionary lookups, so "2100" in "2100 شحنة" is never taken for a year, and a
month name only counts as a whole word (with an optional proclitic: بيناير،
وديسمبر). Which source sentence is about the claimed event is the caller's
decision; this module only extracts mentions and compares two of them.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal, NamedTuple, TypeVar

from factcheck.normalize import Token, WordMemo, normalize, norms, tokenize

__all__ = ["DateMention", "compare_dates", "extract_dates", "month_forms"]

Verdict = Literal["supports", "contradicts", "mentions"]


@dataclass(frozen=True)
class DateMention:
    """One date phrase: the calendar fields it fixes and its span in the input text.

    ``relative`` is "past"/"next"/"current" when the year (or month, or day)
    came from a relative word (الماضي، المقبل، الحالي، last, next, this, أمس)
    rather than from digits or a name; it is ``None`` otherwise.
    """

    year: int | None
    month: int | None
    day: int | None
    part: str | None
    start: int
    end: int
    text: str
    relative: str | None


# ---------------------------------------------------------------------------
# Word tables, written in ordinary spelling and normalised at import so they
# are keyed like ``Token.norm`` (أ/إ/آ→ا, ة→ه, ى→ي, lower-case Latin).
# ---------------------------------------------------------------------------

_V = TypeVar("_V")


def _norm_keys(table: Mapping[str, _V]) -> dict[str, _V]:
    return {normalize(k): v for k, v in table.items()}


def _norm_set(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


class _Month(NamedTuple):
    number: int
    family: str  # "ar" (Arabic Gregorian), "lev" (Levantine/Syriac), "en"
    weak: bool  # also an ordinary word: needs a date context to count as a month


# Arabic Gregorian names with the spellings news uses, including Maghrebi ones.
_AR_MONTHS = {
    "يناير": 1, "فبراير": 2, "فيفري": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "ابريل": 4, "أفريل": 4,
    "مايو": 5, "يونيو": 6, "يونيه": 6, "جوان": 6, "يوليو": 7, "يوليه": 7, "يوليوز": 7, "جويلية": 7,
    "أغسطس": 8, "اغسطس": 8, "أوت": 8, "غشت": 8, "سبتمبر": 9, "شتنبر": 9, "أكتوبر": 10, "نوفمبر": 11,
    "نونبر": 11, "ديسمبر": 12, "دجنبر": 12,
}  # fmt: skip
# One-word Levantine names; كانون and تشرين need their ordinal (see _LEVANTINE_HEADS).
_LEV_MONTHS = {"شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8, "أيلول": 9}
_EN_MONTHS = {
    name: i + 1
    for i, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december")
    )
}  # fmt: skip
_EN_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
# مارس is also the verb "practised", آب normalises like أب "father", نيسان is a
# car make, جوان and أوت are names; "may" and "march" are English words, and
# the abbreviations are short enough to be something else.
_WEAK = _norm_set("مارس آب نيسان جوان أوت may march") | frozenset(_EN_ABBREVIATIONS)
_MONTHS: dict[str, _Month] = {
    **{k: _Month(v, "ar", k in _WEAK) for k, v in _norm_keys(_AR_MONTHS).items()},
    **{k: _Month(v, "lev", k in _WEAK) for k, v in _norm_keys(_LEV_MONTHS).items()},
    **{k: _Month(v, "en", k in _WEAK) for k, v in {**_EN_MONTHS, **_EN_ABBREVIATIONS}.items()},
}
# كانون الثاني = January, كانون الأول = December, تشرين الأول/الثاني = October/November.
_LEVANTINE_HEADS: dict[str, dict[str, int]] = {
    normalize("كانون"): _norm_keys({"الثاني": 1, "ثاني": 1, "الأول": 12, "أول": 12}),
    normalize("تشرين"): _norm_keys({"الأول": 10, "أول": 10, "الثاني": 11, "ثاني": 11}),
}

_PARTS = _norm_keys(
    {
        "مطلع": "early", "أوائل": "early", "بداية": "early", "مستهل": "early",
        "منتصف": "mid", "أواسط": "mid",
        "أواخر": "late", "نهاية": "late", "ختام": "late",
        "early": "early", "beginning": "early", "start": "early",
        "mid": "mid", "middle": "mid",
        "late": "late", "end": "late",
    }
)  # fmt: skip
_PARTS_NEED_OF = frozenset({"beginning", "start", "middle", "end"})  # "end of 2021", never "end 2021"
# "بحلول نهاية العام" / "by the end of 2021" is a deadline: the period's last day, not its late part.
_BY_WORDS = _norm_set("بحلول حتى قبل by before until")
_END_WORDS = _norm_set("نهاية end")

_AR_RELATIVE = _norm_keys(
    {
        "الماضي": "past", "الماضية": "past", "المنصرم": "past", "المنصرمة": "past", "الفائت": "past",
        "الفائتة": "past",
        "المقبل": "next", "المقبلة": "next", "القادم": "next", "القادمة": "next",
        "الجاري": "current", "الجارية": "current", "الحالي": "current", "الحالية": "current",
    }
)  # fmt: skip
_EN_RELATIVE = {"last": "past", "next": "next", "this": "current"}
_AR_THIS = _norm_set("هذا هذه")  # هذا العام، هذه السنة، هذا الشهر
_REL_SHIFT = {"past": -1, "next": 1, "current": 0}

# Year words: True for the definite forms, which can also stand for "this year"
# after a part word (نهاية العام) or take a relative word (العام الماضي).
_YEAR_WORDS = _norm_keys({"عام": False, "سنة": False, "العام": True, "السنة": True})
_MONTH_WORDS = _norm_keys({"شهر": False, "الشهر": True})
# Day words, resolved only against a reference date: offset in days and relative label.
_DAY_WORDS = {
    **_norm_keys({"اليوم": (0, "current"), "أمس": (-1, "past"), "الأمس": (-1, "past")}),
    "today": (0, "current"),
    "yesterday": (-1, "past"),
}
_WEEKDAYS = _norm_set("السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة")

# Day ordinals: "الثالث من يناير", "الحادي والعشرين من", "the third of January".
_AR_ORDINAL_UNITS = _norm_keys(
    {
        "الأول": 1, "الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6,
        "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10,
    }
)  # fmt: skip
_AR_ORDINAL_TENS = _norm_keys({"العشرين": 20, "الثلاثين": 30})
_AR_ORDINAL_TAILS = _norm_keys({"عشر": 10, "والعشرين": 20, "والثلاثين": 30})
_AR_ONLY_COMPOUND = normalize("الحادي")  # الحادي only occurs in 11th, 21st, 31st
_EN_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
         "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
         "eighteenth", "nineteenth", "twentieth")
    )
}  # fmt: skip
_EN_ORDINALS["thirtieth"] = 30
_EN_ORDINAL_TENS = {"twenty": 20, "thirty": 30}  # twenty-first
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_OF = frozenset({normalize("من"), "of"})

# Words after which a month name is read as a month even when it is a weak
# one ("في مارس", "in May"), and after which a bare year-shaped number is a year
# ("في 2014", "in 2014") provided what follows it is not the noun it counts.
_MONTH_CONTEXT = _norm_set("في منذ حتى خلال بحلول قبل بعد in on since until till by during before after of from")
_YEAR_PREPOSITIONS = _norm_set("في منذ حتى خلال بحلول in since until till by during")
_SINCE = _norm_set("منذ ومنذ since")
# What may follow such a year: function words and the start of a new clause.
_AFTER_YEAR = _norm_set(
    "و ف ثم على عندما حين حيث بعد قبل حتى إلى الى من في عن مع أو لكن بينما كما إذ إثر عقب وفق ضد أن إن "
    "the a an and or but when while after before as at in on to from with for by it its they he she we "
    "was were is are that which who there this"
)
_CLAUSE_VERB_PREFIXES = "ايتن"  # و + verb: وتم، ويعد، وأعلن (normalised ا)
_PAIR_OPENERS = frozenset({"/", "-", "(", "\u2013"})
_DOTTED_DATE = re.compile(r"(\d{1,4})\.(\d{1,2})\.(\d{1,4})")
_NUMERIC_SEPARATORS = frozenset({"-", "/"})
_YEAR_RANGE = range(1000, 3000)  # a four-digit year after a month name, عام, or a part word
_BARE_YEAR_RANGE = range(1900, 2101)  # a year after a preposition only, or in a numeric date
_ARTICLE = normalize("الـ")  # الـ 31: the article written apart from the number
_THE = "the"
_DAY_WINDOWS = {"early": range(1, 11), "mid": range(10, 21), "late": range(20, 32)}
# Months a part of a year certainly covers, and months it may cover; others contradict it.
_PART_MONTHS: dict[str, tuple[frozenset[int], frozenset[int]]] = {
    "early": (frozenset({1, 2, 3}), frozenset({4})),
    "mid": (frozenset({5, 6, 7, 8}), frozenset({4, 9})),
    "late": (frozenset({10, 11, 12}), frozenset({9})),
}
_PART_ORDER = {"early": 0, "mid": 1, "late": 2}


# ---------------------------------------------------------------------------
# Lookups with proclitics
# ---------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _bare_forms(norm: str) -> tuple[tuple[str, int], ...]:
    """Readings of ``norm`` without attached و/ف and ب/ل/ك, with the number of letters cut.

    للعام is ل + العام with the alef of the article dropped; its reading keeps
    the whole token (cut 0) since no letter of it can be left out of the span.
    """
    forms: list[tuple[str, int]] = []
    rest, cut = norm, 0
    if rest[:1] in ("و", "ف"):
        rest, cut = rest[1:], 1
        forms.append((rest, cut))
    if rest.startswith("لل"):
        forms.append(("ال" + rest[2:], 0))
    if rest[:1] in ("ب", "ل", "ك"):
        forms.append((rest[1:], cut + 1))
    return tuple((form, n) for form, n in forms if len(form) >= 3)


def _with_proclitics(table: Mapping[str, _V]) -> Callable[[str], tuple[_V, int] | None]:
    """A cached lookup in ``table`` that also tries the word without its proclitics."""

    @lru_cache(maxsize=8192)
    def look(norm: str) -> tuple[_V, int] | None:
        hit = table.get(norm)
        if hit is not None:
            return hit, 0
        for form, cut in _bare_forms(norm):
            hit = table.get(form)
            if hit is not None:
                return hit, cut
        return None

    return look


_month_word = _with_proclitics(_MONTHS)
_levantine_head = _with_proclitics(_LEVANTINE_HEADS)
_part_word = _with_proclitics(_PARTS)
_year_word = _with_proclitics(_YEAR_WORDS)
_month_noun = _with_proclitics(_MONTH_WORDS)
_day_word = _with_proclitics(_DAY_WORDS)


def _start_after(tok: Token, cut: int) -> int:
    """Offset in the text after ``cut`` letters of ``tok`` and any marks following them."""
    if cut == 0:
        return tok.start
    seen = 0
    for k, ch in enumerate(tok.text):
        if seen == cut and normalize(ch):
            return tok.start + k
        if normalize(ch):
            seen += 1
    return tok.start


def _touching(a: Token, b: Token) -> bool:
    return a.end == b.start


def _year_value(tok: Token, allowed: range) -> int | None:
    norm = tok.norm
    if len(norm) == 4 and norm.isdigit() and int(norm) in allowed:
        return int(norm)
    return None


# ---------------------------------------------------------------------------
# Parsing: each reader takes the tokens and an index and returns what it read
# with the index after it, or None.
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    first: int
    stop: int
    cut: int = 0  # proclitic letters of the first token left out of the span
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None
    relative: str | None = None
    relative_of: str | None = None  # "month_name" | "year" | "month" | "day"
    day_shift: int = 0


class _Reader:
    """The readers share the token list; one instance per call to :func:`extract_dates`."""

    __slots__ = ("deadlines", "n", "toks")

    def __init__(self, toks: Sequence[Token], deadlines: bool = True) -> None:
        self.toks = toks
        self.n = len(toks)
        self.deadlines = deadlines

    def norm(self, i: int) -> str:
        return self.toks[i].norm if 0 <= i < self.n else ""

    # -- month names -------------------------------------------------------

    def month_name(self, i: int) -> tuple[_Month, int, int] | None:
        """A month name at ``i`` (one token, or كانون/تشرين + ordinal): (month, stop, cut)."""
        if i >= self.n:
            return None
        norm = self.toks[i].norm
        hit = _month_word(norm)
        if hit is not None:
            return hit[0], i + 1, hit[1]
        head = _levantine_head(norm)
        if head is not None:
            number = head[0].get(self.norm(i + 1))
            if number is not None:
                return _Month(number, "lev", False), i + 2, head[1]
        return None

    def month_phrase(self, i: int) -> tuple[_Month, int, int, bool] | None:
        """A month name with an optional second name from another calendar: (month, stop, cut, paired).

        News pairs the Gregorian and the Levantine name ("يناير/ كانون الثاني",
        "يناير (كانون الثاني)"); the first name is kept, also when the two
        disagree (a typo such as "يناير/كانون الأول").
        """
        first = self.month_name(i)
        if first is None:
            return None
        month, stop, cut = first
        opener = self.norm(stop)
        if opener in _PAIR_OPENERS:
            second = self.month_name(stop + 1)
            if second is not None and second[0].family != month.family and second[2] == 0:
                end = second[1]
                if opener != "(":
                    return month, end, cut, True
                if self.norm(end) == ")":
                    return month, end + 1, cut, True
        return month, stop, cut, False

    # -- days ----------------------------------------------------------------

    def day_number(self, i: int) -> tuple[int, int, bool] | None:
        """A day of the month at ``i``: (day, stop, needs_of). Ordinal words need من/of after them."""
        if i >= self.n:
            return None
        tok = self.toks[i]
        norm = tok.norm
        if norm.isdigit():
            if len(norm) > 2 or not 1 <= int(norm) <= 31:
                return None
            stop = i + 1
            if self.norm(stop) in _ORDINAL_SUFFIXES and _touching(tok, self.toks[stop]):
                stop += 1
            return int(norm), stop, False
        unit = _AR_ORDINAL_UNITS.get(norm)
        if unit is not None:
            tail = _AR_ORDINAL_TAILS.get(self.norm(i + 1))
            if tail is None:
                return None if norm == _AR_ONLY_COMPOUND else (unit, i + 1, True)
            if unit < 10 and (tail != 30 or unit == 1):
                return tail + unit, i + 2, True  # الحادي عشر، الثاني والعشرين، الحادي والثلاثين
            return None
        tens = _AR_ORDINAL_TENS.get(norm)
        if tens is not None:
            return tens, i + 1, True
        value = _EN_ORDINALS.get(norm)
        if value is not None:
            return value, i + 1, True
        tens = _EN_ORDINAL_TENS.get(norm)
        if tens is not None and self.norm(i + 1) == "-":
            unit_en = _EN_ORDINALS.get(self.norm(i + 2))
            if unit_en is not None and unit_en < 10 and (tens == 20 or unit_en == 1):
                return tens + unit_en, i + 3, True
        return None

    # -- tails after a month ------------------------------------------------------

    def year_or_relative(self, i: int, found: _Found) -> int:
        """Read a year or a relative word after a month or a year word; returns the index after it."""
        norm = self.norm(i)
        if i < self.n:
            year = _year_value(self.toks[i], _YEAR_RANGE)
            if year is not None:
                found.year = year
                return i + 1
        rel = _AR_RELATIVE.get(norm)
        if rel is not None:
            found.relative, found.relative_of = rel, "month_name"
            return i + 1
        k = i + 1 if norm in _OF else i
        if k != i and k < self.n:
            year = _year_value(self.toks[k], _YEAR_RANGE)
            if year is not None:  # January of 2020, يناير من 2020
                found.year = year
                return k + 1
        year_word = _year_word(self.norm(k)) if k < self.n else None
        if year_word is not None:
            stop = self.year_word_tail(k + 1, found, year_word[0])
            if stop is not None:
                return stop
        # English: "July last year", "July of this year".
        rel = _EN_RELATIVE.get(self.norm(k))
        if rel is not None and self.norm(k + 1) == "year":
            found.relative, found.relative_of = rel, "year"
            return k + 2
        return i

    def year_word_tail(self, i: int, found: _Found, definite: bool) -> int | None:
        """After عام/العام: a year (عام 2020), or a relative word (العام الماضي) optionally followed by a year."""
        if i < self.n:
            year = _year_value(self.toks[i], _YEAR_RANGE)
            if year is not None:
                found.year = year
                return i + 1
        rel = _AR_RELATIVE.get(self.norm(i))
        if rel is not None and definite:
            found.relative, found.relative_of = rel, "year"
            if i + 1 < self.n:
                year = _year_value(self.toks[i + 1], _YEAR_RANGE)
                if year is not None:
                    found.year = year  # نهاية العام الجاري 2021: the digits win
                    return i + 2
            return i + 1
        return None

    # -- anchors -----------------------------------------------------------------

    def month_anchor(self, i: int, context: bool, loose: bool, after_day: bool = False) -> _Found | None:
        """A month: a name with its tail, الشهر + relative word, or English last/next/this + month.

        ``context``: a weak month name counts (after في/in, a part word or a
        day). ``loose``: bare الشهر / "the month" stands for the current month
        (after a part word or a day: "نهاية الشهر", "الـ 31 من الشهر").
        """
        norm = self.norm(i)
        if not norm:
            return None
        phrase = self.month_phrase(i)
        if phrase is None:
            noun = _month_noun(norm)
            if noun is not None and not noun[0]:  # شهر يناير: the noun before a name
                inner = self.month_anchor(i + 1, True, loose, after_day)
                if inner is not None and inner.month is not None and inner.relative_of != "month":
                    inner.first, inner.cut = i, noun[1]
                    return inner
                return None
            return self.relative_month(i, loose)
        month, stop, cut, paired = phrase
        found = _Found(i, stop, cut, month=month.number)
        day_and_year = False
        if month.family == "en":
            if not after_day:
                if self.norm(stop) == "." and norm in _EN_ABBREVIATIONS:
                    stop += 1  # Dec. 31
                day = self.day_number(stop)
                if day is not None and not day[2]:
                    found.day, stop = day[0], day[1]
            if (after_day or found.day is not None) and self.norm(stop) == ",":
                year = _year_value(self.toks[stop + 1], _YEAR_RANGE) if stop + 1 < self.n else None
                if year is not None:  # December 31, 2021 / 31 December, 2021
                    found.year, stop = year, stop + 2
                    day_and_year = True
        found.stop = self.year_or_relative(stop, found) if found.year is None else stop
        tail = found.stop > stop or day_and_year
        if month.weak and not (context or after_day or paired or tail):
            return None
        if found.day is not None and found.day > _days_in(month.number, found.year):
            return None  # February 30
        return found

    def relative_month(self, i: int, loose: bool) -> _Found | None:
        """الشهر الماضي، هذا الشهر، last July, next month; bare الشهر only when ``loose``."""
        norm = self.norm(i)
        noun = _month_noun(norm)
        if noun is not None and noun[0]:
            rel = _AR_RELATIVE.get(self.norm(i + 1))
            if rel is not None:
                return _Found(i, i + 2, noun[1], relative=rel, relative_of="month")
            if loose:
                return _Found(i, i + 1, noun[1], relative="current", relative_of="month")
            return None
        if norm in _AR_THIS and _month_noun(self.norm(i + 1)) == (True, 0):
            return _Found(i, i + 2, relative="current", relative_of="month")
        rel = _EN_RELATIVE.get(norm)
        if norm == _THE and loose and self.norm(i + 1) == "month":
            return _Found(i, i + 2, relative="current", relative_of="month")
        if rel is None or self.norm(i - 1) == _THE:  # "the last month of" is not "last month"
            return None
        if self.norm(i + 1) == "month":
            return _Found(i, i + 2, relative=rel, relative_of="month")
        named = self.month_name(i + 1)
        if named is not None and named[0].family == "en":
            return _Found(i, named[1], month=named[0].number, relative=rel, relative_of="month_name")
        return None

    def year_anchor(self, i: int, loose: bool) -> _Found | None:
        """عام 2011، العام الماضي، هذا العام، next year; a bare year or bare العام only after a part word."""
        norm = self.norm(i)
        if not norm:
            return None
        word = _year_word(norm)
        if word is not None:
            found = _Found(i, i + 1, word[1])
            stop = self.year_word_tail(i + 1, found, word[0])
            if stop is not None:
                found.stop = stop
                return found
            if loose and word[0]:
                return _Found(i, i + 1, word[1], relative="current", relative_of="year")
            return None
        if norm in _AR_THIS and _year_word(self.norm(i + 1)) == (True, 0):
            return _Found(i, i + 2, relative="current", relative_of="year")
        rel = _EN_RELATIVE.get(norm)
        if rel is not None and self.norm(i + 1) == "year" and self.norm(i - 1) != _THE:
            return _Found(i, i + 2, relative=rel, relative_of="year")
        if norm == _THE and self.norm(i + 1) == "year":
            year = _year_value(self.toks[i + 2], _YEAR_RANGE) if i + 2 < self.n else None
            if year is not None:
                return _Found(i, i + 3, year=year)  # the year 2020
            return _Found(i, i + 2, relative="current", relative_of="year") if loose else None
        if norm == "year" and i + 1 < self.n:
            year = _year_value(self.toks[i + 1], _YEAR_RANGE)
            if year is not None:
                return _Found(i, i + 2, year=year)
        if loose:
            year = _year_value(self.toks[i], _YEAR_RANGE)
            if year is not None:
                return _Found(i, i + 1, year=year)
        return None

    def anchor(self, i: int, context: bool, loose: bool = False) -> _Found | None:
        """A date starting at ``i`` without a part word: day-first, month-first or year phrase."""
        first = i
        if self.norm(i) == _ARTICLE and i + 1 < self.n and self.toks[i + 1].is_number:
            i += 1  # الـ 31
        day = self.day_number(i)
        if day is not None:
            value, k, needs_of = day
            if self.norm(k) in _OF:
                k += 1
            elif needs_of:
                return None
            found = self.month_anchor(k, True, True, after_day=True)
            if found is None or (found.month is None and found.relative_of != "month"):
                return None
            if found.month is not None and value > _days_in(found.month, found.year):
                return None
            found.first, found.cut, found.day = first, 0, value
            return found
        if first != i:
            return None
        return self.month_anchor(i, context, loose) or self.year_anchor(i, loose)

    def part(self, i: int) -> _Found | None:
        """مطلع/منتصف/نهاية/early/mid/end of + a month or a year."""
        hit = _part_word(self.norm(i))
        if hit is None:
            return None
        part, cut = hit
        k = i + 1
        if self.norm(i) in _PARTS_NEED_OF:
            if self.norm(k) != "of":
                return None
            k += 1
        elif self.norm(k) == "-" and _touching(self.toks[i], self.toks[k]):
            k += 1  # mid-January
        elif self.norm(k) == "of":
            k += 1
        found = self.anchor(k, True, True)
        if found is None:
            return None
        found.first, found.cut, found.part = i, cut, part
        before = self.norm(i - 2) if self.norm(i - 1) == "the" else self.norm(i - 1)
        if self.deadlines and found.day is None and self.norm(i) in _END_WORDS and before in _BY_WORDS:
            if found.month is None and found.relative_of != "month":
                found.month, found.day = 12, 31
            elif found.month is not None:
                found.day = _days_in(found.month, found.year)
        return found

    def numeric(self, i: int) -> _Found | None:
        """A numeric date: 28-11-2021, 28/11/2021, 28.11.2021, 2021-11-28 (day first unless impossible)."""
        tok = self.toks[i]
        dotted = _DOTTED_DATE.fullmatch(tok.norm)
        if dotted is not None:
            fields, stop = dotted.groups(), i + 1
        else:
            sep = self.norm(i + 1)
            if sep not in _NUMERIC_SEPARATORS or i + 4 >= self.n or self.norm(i + 3) != sep:
                return None
            parts = self.toks[i : i + 5]
            if not all(_touching(a, b) for a, b in pairwise(parts)):
                return None
            fields, stop = (tok.norm, parts[2].norm, parts[4].norm), i + 5
            if not all(f.isdigit() for f in fields):
                return None
        a, b, c = fields
        if len(a) == 4 and len(c) <= 2:
            year, month, day = int(a), int(b), int(c)
        elif len(c) == 4 and len(a) <= 2:
            day, month, year = int(a), int(b), int(c)
            if month > 12 >= day:
                day, month = month, day  # 11/28/2021
        else:
            return None
        if year not in _BARE_YEAR_RANGE or not 1 <= month <= 12 or not 1 <= day <= _days_in(month, year):
            return None
        return _Found(i, stop, year=year, month=month, day=day)

    def bare_year(self, i: int) -> _Found | None:
        """A year-shaped number after a preposition ("في 2014", "in 2014") not followed by what it counts."""
        if i == 0 or self.norm(i - 1) not in _YEAR_PREPOSITIONS:
            return None
        year = _year_value(self.toks[i], _BARE_YEAR_RANGE)
        if year is None:
            return None
        nxt = self.toks[i + 1] if i + 1 < self.n else None
        since = self.norm(i - 1) in _SINCE  # "منذ 2014 تحالفاً": since counts time, never things
        if not since and nxt is not None and nxt.is_word and nxt.norm not in _AFTER_YEAR and _may_be_counted(nxt):
            return None
        return _Found(i, i + 1, year=year)

    def day_word(self, i: int) -> _Found | None:
        """اليوم، أمس، today, yesterday (only kept when a reference date is given)."""
        hit = _day_word(self.norm(i))
        if hit is None:
            return None
        (shift, rel), cut = hit
        nxt = self.norm(i + 1)
        if nxt.startswith("ال") and nxt not in _WEEKDAYS:
            return None  # اليوم التالي "the next day", اليوم العالمي "the international day"
        return _Found(i, i + 1, cut, relative=rel, relative_of="day", day_shift=shift)


def _may_be_counted(tok: Token) -> bool:
    """Could ``tok`` be the noun a number before it counts ("في 2000 موقع", "in 2000 cases")?

    Not when it opens a clause with و + verb (وتم، ويعد) or, in English, when it
    is not a lower-case plural ("in 2014 ISIS", "in 2014 Biden").
    """
    norm = tok.norm
    if norm[0] == "و" and len(norm) >= 3 and norm[1] in _CLAUSE_VERB_PREFIXES:
        return False
    if norm.isascii():
        return tok.text.islower() and norm.endswith("s")
    return True


def _days_in(month: int, year: int | None) -> int:
    return calendar.monthrange(year if year is not None else 2000, month)[1]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _year_of_month(month: int, relative: str, reference: datetime.date) -> int:
    """The year of "<month> الماضي/المقبل/الحالي" written on ``reference``.

    الماضي is the latest such month strictly before the reference month;
    المقبل the first strictly after it (ديسمبر المقبل written in December is
    next year's); الحالي/الجاري is the reference year.
    """
    if relative == "past":
        return reference.year if month < reference.month else reference.year - 1
    if relative == "next":
        return reference.year if month > reference.month else reference.year + 1
    return reference.year


def _resolve(found: _Found, reference: datetime.date | None) -> tuple[int | None, int | None, int | None, str | None]:
    """(year, month, day, relative) of a parsed phrase, with relative words resolved against ``reference``."""
    year, month, day, rel = found.year, found.month, found.day, found.relative
    if rel is None:
        return year, month, day, None
    of = found.relative_of
    if of == "day":
        if reference is None:
            return None, None, None, rel
        when = datetime.date.fromordinal(reference.toordinal() + found.day_shift)
        return when.year, when.month, when.day, rel
    if of == "month":
        if reference is not None:
            y, m = _shift_month(reference.year, reference.month, _REL_SHIFT[rel])
            # "الـ 31 من الشهر الحالي" against a reference in a 30-day month: the
            # reference cannot be the writing month, so the month stays unknown.
            if day is None or day <= _days_in(m, y):
                year, month = (year if year is not None else y), m
        return year, month, day, rel
    if year is not None:
        return year, month, day, None  # the year was written in digits
    if reference is not None:
        year = reference.year + _REL_SHIFT[rel] if of == "year" else _year_of_month(month or 1, rel, reference)
        if month is not None and day is not None and day > _days_in(month, year):
            year = None  # 29 فبراير الماضي in a year without one: leave the year open
    return year, month, day, rel


# A date needs a number or one of these words somewhere in the text; most
# sentences have neither, and are answered without reading them token by token.
_TRIGGERS = frozenset([*_MONTHS, *_LEVANTINE_HEADS, *_PARTS, *_YEAR_WORDS, *_MONTH_WORDS, *_DAY_WORDS, "year", "month"])


# Normalised token -> whether it is a number or a trigger word (bare of its proclitics).
_IS_TRIGGER = WordMemo(
    lambda norm: norm[:1].isdigit() or norm in _TRIGGERS or any(form in _TRIGGERS for form, _ in _bare_forms(norm)),
    kept=200_000,
)


def _may_hold_a_date(toks: Sequence[Token]) -> bool:
    return any(map(_IS_TRIGGER.__getitem__, norms(toks)))


def extract_dates(text: str, *, reference: datetime.date | None = None, deadlines: bool = True) -> list[DateMention]:
    """Every date phrase in ``text``, in order.

    ``deadlines``: read "بحلول نهاية العام" / "by the end of 2021" as the period's last day
    (31 December), as a source states a deadline; a claim keeps "the end of 2021" as the
    late part of the year, which a source's "late 2021" or "31 December 2021" confirms.

    ``reference`` is the date the text was written; it resolves relative phrases
    (يوليو الماضي، العام المقبل، الشهر الحالي، أمس، last July). Without it such
    phrases keep their month and ``relative`` label with year ``None``, and
    phrases that fix nothing without it (الشهر الماضي، أمس) are dropped.
    """
    toks = tokenize(text)
    if not _may_hold_a_date(toks):
        return []
    reader = _Reader(toks, deadlines)
    out: list[DateMention] = []
    i = 0
    while i < reader.n:
        tok = toks[i]
        found: _Found | None = None
        if tok.is_number:
            found = reader.numeric(i)
        if found is None:
            found = reader.part(i) or reader.anchor(i, reader.norm(i - 1) in _MONTH_CONTEXT)
        if found is None and tok.is_number:
            found = reader.bare_year(i)
        if found is None:
            found = reader.day_word(i)
        if found is None:
            i += 1
            continue
        i = max(found.stop, i + 1)
        year, month, day, relative = _resolve(found, reference)
        if year is None and month is None and day is None and found.part is None:
            continue
        start = _start_after(toks[found.first], found.cut)
        end = toks[found.stop - 1].end
        out.append(DateMention(year, month, day, found.part, start, end, text[start:end], relative))
    return _with_offsets(toks, text, out) if out else out


# "بعد يومين من", "قبل ثلاثة أيام من", "two days after": a span of days from a dated event.
_OFFSET_BEFORE = {normalize(w): 1 for w in ("بعد", "after")} | {normalize(w): -1 for w in ("قبل", "before")}
_OFFSET_UNITS = {
    normalize(w): n
    for w, n in (
        ("يوم", 1),
        ("يوما", 1),
        ("يومين", 2),
        ("يومان", 2),
        ("اسبوع", 7),
        ("أسبوع", 7),
        ("اسبوعين", 14),
        ("أسبوعين", 14),
        ("day", 1),
        ("days", 1),
        ("week", 7),
        ("weeks", 7),
    )
}
_OFFSET_COUNTS = {
    normalize(w): n
    for n, words in enumerate(
        (
            "",
            "واحد one a",
            "اثنين two",
            "ثلاثة ثلاث three",
            "أربعة أربع four",
            "خمسة خمس five",
            "ستة ست six",
            "سبعة سبع seven",
            "ثمانية ثماني eight",
            "تسعة تسع nine",
            "عشرة عشر ten",
        )
    )
    for w in words.split()
}
_PLURAL_WEEKS = {normalize(w) for w in ("weeks", "أسابيع", "اسابيع")}
_PLURAL_DAYS = {normalize(w) for w in ("أيام", "ايام", "days")} | _PLURAL_WEEKS
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_OFFSET_LINKS = {normalize(w) for w in ("من", "على")}


def _offset_at(toks: Sequence[Token], i: int) -> tuple[int, int] | None:
    """A span of days starting at token ``i`` ("بعد يومين من", "two days after"): (signed days, next token)."""
    words = [(k, t.norm) for k, t in enumerate(toks[i : i + 5], i) if t.is_word]
    norms = [w for _, w in words]
    if len(norms) >= 2 and norms[0] in _OFFSET_BEFORE:  # Arabic: بعد يومين من / بعد ثلاثة أيام من
        sign, rest = _OFFSET_BEFORE[norms[0]], norms[1:]
        if rest[0] in _OFFSET_UNITS and not rest[0].isascii():
            days, used = _OFFSET_UNITS[rest[0]], 2
        elif len(rest) >= 2 and rest[1] in _PLURAL_DAYS and (rest[0] in _OFFSET_COUNTS or rest[0].isdigit()):
            count = int(rest[0]) if rest[0].isdigit() else _OFFSET_COUNTS[rest[0]]
            days, used = count * (7 if rest[1] in _PLURAL_WEEKS else 1), 3
        else:
            return None
        if len(norms) > used and norms[used] in _OFFSET_LINKS:
            used += 1
        return sign * days, words[used - 1][0] + 1
    if len(norms) >= 3 and (norms[0] in _OFFSET_COUNTS or norms[0].isdigit()):
        count = int(norms[0]) if norms[0].isdigit() else _OFFSET_COUNTS[norms[0]]
        unit = _OFFSET_UNITS.get(norms[1]) if norms[1].isascii() else None
        if unit is not None and norms[2] in _OFFSET_BEFORE:  # English: two days after
            return _OFFSET_BEFORE[norms[2]] * count * unit, words[2][0] + 1
    return None


def _shift(d: DateMention, days: int, start: int, end: int, text: str) -> DateMention | None:
    """``d`` moved by ``days``; a date with no day, or an unknown year crossing a year's end, has none."""
    if d.day is None or d.month is None:
        return None
    try:
        moved = datetime.date(d.year or 2000, d.month, d.day) + datetime.timedelta(days=days)
    except ValueError:
        return None
    if d.year is None and moved.year != 2000:
        return None
    return DateMention(moved.year if d.year else None, moved.month, moved.day, None, start, end, text, d.relative)


def _with_offsets(toks: Sequence[Token], text: str, dates: list[DateMention]) -> list[DateMention]:
    """Dates reckoned from others: "two days after 5 January" is 7 January.

    A span of days right before a date moves it ("بعد يومين من 5 يناير"), or drops it when
    it cannot be counted from (no day; an unknown year crossing a year's end). One after a
    date, before an event the sentence names ("في 5 يناير ... بعد يومين من مقتل سليماني"),
    dates that event from the sentence's date, counted back: it is added to the dates.
    """
    out = list(dates)
    for i, tok in enumerate(toks):
        if tok.norm not in _OFFSET_BEFORE and tok.norm not in _OFFSET_COUNTS and not tok.is_number:
            continue
        found = _offset_at(toks, i)
        if found is None:
            continue
        days, nxt = found
        start = toks[i].start
        following = next((d for d in dates if nxt < len(toks) and d.start == toks[nxt].start), None)
        if following is not None:
            moved = _shift(following, days, start, following.end, text[start : following.end])
            if moved is not None:
                out[out.index(following)] = moved
            else:  # some days from a date we cannot count from: not that date
                out.remove(following)
            continue
        before = [d for d in dates if d.end <= start and d.day and not _SENTENCE_END.search(text, d.end, start)]
        if before:
            end = toks[nxt - 1].end
            moved = _shift(before[-1], -days, start, end, text[start:end])
            if moved is not None:
                out.append(moved)
    return sorted(out, key=lambda d: d.start)


_CURRENT_WORDS = ("الجاري", "الحالي", "this year", "the current year")


def stated_current_year(text: str) -> int | None:
    """The year an undated article calls its own ("نهاية العام الجاري 2021"), when it names exactly one."""
    words = [normalize(w) for w in _CURRENT_WORDS]
    # Only lines that say "current" can hold such a date; most articles have none, and
    # reading every date of a long article is the costliest part of analysing it.
    # (``normalize`` works character by character and never joins across a line break.)
    whole = normalize(text)
    if not any(w in whole for w in words):
        return None
    lines = [line for line in text.splitlines() for folded in [normalize(line)] if any(w in folded for w in words)]
    years = {
        d.year
        for line in lines
        for d in extract_dates(line)
        if d.year is not None and any(w in normalize(d.text) for w in words)
    }
    return years.pop() if len(years) == 1 else None


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------


def month_forms(month: int) -> tuple[tuple[str, ...], ...]:
    """The normalised names news uses for ``month``: Arabic, Levantine (كانون الأول) and English.

    Levantine and English names that are also ordinary words (آب "father", نيسان,
    may, march) are left out: they would find sentences that name no month at
    all. The Gregorian مارس, a rare verb, is the usual name of March and stays.
    """
    forms: list[tuple[str, ...]] = [
        (name,) for name, m in _MONTHS.items() if m.number == month and (m.family == "ar" or not m.weak)
    ]
    for head, ordinals in _LEVANTINE_HEADS.items():
        forms += [(head, ordinal) for ordinal, number in ordinals.items() if number == month and ordinal[:2] == "ال"]
    return tuple(forms)


def _part_fits_month(part: str, month: int) -> str:
    """Whether a month falls in the given part of its year: "yes", "maybe" or "no"."""
    sure, border = _PART_MONTHS[part]
    if month in sure:
        return "yes"
    return "maybe" if month in border else "no"


def _parts_clash(a: str, b: str) -> bool:
    """Early against late clashes; neighbouring parts (early/mid, mid/late) overlap in usage."""
    return abs(_PART_ORDER[a] - _PART_ORDER[b]) > 1


def compare_dates(claim: DateMention, source: DateMention) -> Verdict:
    """What a source's date does to a claim's date, field by field.

    * Years both known and different: "contradicts".
    * A month (or a part) that differs contradicts only when the source's year
      is known or the claim gives no year either: a different month of an
      unknown year may be another event ("mentions").
    * Months both known and different: "contradicts" (subject to the rule
      above). A part of a year against a month: early fits Jan–Mar, mid May–Aug,
      late Oct–Dec; April and September are borderline ("mentions"); any other
      month contradicts.
    * Days both known, in the same month, and different: "contradicts" (also
      when the source's year is unknown: the same month is named on both sides).
      A part of a month against a day (early 1–10, mid 10–20, late 20–31) never
      contradicts: a mismatch is a "mentions".
    * Parts of the same period: early against late contradicts; neighbouring
      parts give "mentions".
    * Otherwise "supports" when every field the claim states is also stated,
      equal or compatible, by the source (a finer source is fine: "end of 2021"
      is supported by "31 December 2021"), and "mentions" when the source is
      coarser (lacks the claim's year, month, day or part).
    """
    if claim.year is None and claim.month is None and claim.day is None and claim.part is None:
        return "mentions"
    if claim.year is not None and source.year is not None and claim.year != source.year:
        return "contradicts"
    strict = not (claim.year is not None and source.year is None)
    clash: Verdict = "contradicts" if strict else "mentions"
    covered = claim.year is None or source.year is not None

    cm, sm = claim.month, source.month
    if cm is not None and sm is not None:
        if cm != sm:
            return clash
        if claim.part is not None and source.part is not None:
            if _parts_clash(claim.part, source.part):
                return clash
            covered = covered and claim.part == source.part
        elif claim.part is not None:
            covered = covered and source.day is not None and source.day in _DAY_WINDOWS[claim.part]
        if claim.day is not None:
            if source.day is not None and source.day != claim.day:
                return "contradicts"  # same month named on both sides: the day is the event's
            covered = covered and source.day is not None
        return "supports" if covered else "mentions"

    # At most one side names a month: a part of a year may stand in for it.
    if cm is not None:  # source has no month
        if source.part is not None:
            fit = _part_fits_month(source.part, cm)
            if fit == "no":
                return clash
        return "mentions"
    if sm is not None:  # claim has no month
        if claim.part is not None:
            fit = _part_fits_month(claim.part, sm)
            if fit == "no":
                return clash
            covered = covered and fit == "yes"
        if claim.day is not None:
            covered = False
        return "supports" if covered else "mentions"
    # Neither names a month.
    if claim.part is not None and source.part is not None and claim.part != source.part:
        return clash if _parts_clash(claim.part, source.part) else "mentions"
    if claim.part is not None and source.part is None:
        covered = False
    if claim.day is not None:
        covered = covered and source.day == claim.day
    return "supports" if covered else "mentions"
