"""Quantities in Arabic and English text: extraction, intervals and comparison.

A quantity is a number (digits, number words, an ordinal, a fraction or a dual
noun) with the qualifier before or after it ("more than", "لا يتجاوز", "N+")
and the noun it counts. Every quantity is turned into an interval so a claim and
a source can be compared by intersection and containment instead of by string.

Claims and sources read qualifiers differently. A claim is a hypothesis, so
"more than 2000" is the logical bound (2000, ∞). A news source reports an
estimate, so "أكثر من 2100" means "a little over 2100", (2100, 2100·(1+margin)];
otherwise "more than 2100" in a source could never contradict a claim of 3000.

Matching is done on whole normalised tokens (see ``factcheck.normalize``), never
on substrings: "2100" cannot match inside "21000" and "الف" cannot match inside
another word.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, NamedTuple

from factcheck.normalize import Token, is_arabic, normalize, strip_diacritics, tokenize

__all__ = ["Qualifier", "Quantity", "compare", "extract_quantities", "overlaps"]


class Qualifier(StrEnum):
    """How the written number bounds the true value."""

    EXACT = "exact"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    ABOUT = "about"


@dataclass(frozen=True)
class Quantity:
    """One number phrase found in a text, with the interval it stands for.

    ``value`` is the number as written (the anchor); ``low``/``high`` bound the
    values the phrase allows, given the role it was read in. Offsets point into
    the text passed to :func:`extract_quantities`.
    """

    value: float
    qualifier: Qualifier
    low: float
    high: float
    low_closed: bool
    high_closed: bool
    unit: str | None
    unit_start: int | None
    unit_end: int | None
    start: int
    end: int
    text: str
    kind: str  # "cardinal" | "ordinal" | "percent" | "year" | "fraction"


# ---------------------------------------------------------------------------
# Word tables. Written in ordinary spelling and normalised at import, so they
# are keyed exactly like ``Token.norm`` (ة→ه, ى→ي, أ/إ/آ→ا, ئ→ي).
# ---------------------------------------------------------------------------


def _norm_table(table: dict[str, float]) -> dict[str, float]:
    return {normalize(k): v for k, v in table.items()}


def _norm_set(words: str | Iterable[str]) -> frozenset[str]:
    """Normalised words, given as an iterable or as one space-separated string."""
    return frozenset(normalize(w) for w in (words.split() if isinstance(words, str) else words))


# Units 1-10. Arabic numbers 3-10 take the opposite gender of the counted noun,
# so both the form with ة and the form without occur; ثمانٍ loses its tanwin
# in normalisation and becomes ثمان.
_AR_UNITS = _norm_table(
    {
        "واحد": 1, "واحدة": 1,
        "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
        "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5,
        "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8,
        "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10,
    }
)  # fmt: skip
# Forms that only exist as the first half of 11 and 12 (أحد عشر، اثنا عشر): on
# their own أحد means "someone"/"one of", and الأحد is Sunday.
_AR_TEEN_HEADS = _norm_table({"أحد": 1, "إحدى": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2})
_AR_TEEN_TAILS = _norm_set(["عشر", "عشرة"])
_AR_TENS = _norm_table(
    {
        "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
        "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
        "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
    }
)  # fmt: skip
# مئة and مائة are both current spellings; 300-900 are written as one word.
_AR_HUNDRED_WORDS = ("مئة", "مائة")
_AR_HUNDREDS = _norm_table(
    {
        "مئة": 100, "مائة": 100,
        "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200,
        "مئتا": 200, "مائتا": 200, "مئتي": 200, "مائتي": 200,  # construct state: مئتا ألف
        **{
            f"{stem}{h}": v * 100
            for stem, v in (("ثلاث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                            ("ثمان", 8), ("ثماني", 8), ("تسع", 9))
            for h in _AR_HUNDRED_WORDS
        },
    }
)  # fmt: skip
_AR_HUNDRED_ALONE = _norm_set(_AR_HUNDRED_WORDS)
# Scale words. The singular follows 1, 2 (as dual) and 100+; the plural (آلاف،
# ملايين) follows 3-10; the accusative singular (ألفا) follows 11-99. The bare
# plural ("آلاف الغارات", thousands of raids) is vague and not a number.
_AR_SCALES = _norm_table({"ألف": 1e3, "مليون": 1e6, "مليار": 1e9, "بليون": 1e9, "تريليون": 1e12})
_AR_SCALES_ACC = _norm_table({"ألفا": 1e3, "مليونا": 1e6, "مليارا": 1e9})
_AR_SCALES_PLURAL = _norm_table({"آلاف": 1e3, "ملايين": 1e6, "مليارات": 1e9})
_AR_SCALE_DUALS = _norm_table(
    {
        "ألفان": 1e3, "ألفين": 1e3, "ألفي": 1e3,
        "مليونان": 1e6, "مليونين": 1e6, "مليوني": 1e6,
        "ملياران": 1e9, "مليارين": 1e9, "ملياري": 1e9,
    }
)  # fmt: skip
_AR_FRACTIONS = _norm_table({"نصف": 1 / 2, "ثلث": 1 / 3, "ربع": 1 / 4, "ثلثي": 2 / 3, "ثلثا": 2 / 3})
_AR_HALF = normalize("ونصف")
_AR_QUARTERS = normalize("أرباع")
_AR_THREE = _norm_set("ثلاث ثلاثة")
# Definite ordinals. الحادي/الحادية only occur in 11th (الحادي عشر).
_AR_ORDINALS = _norm_table(
    {
        "الأول": 1, "الأولى": 1, "الثاني": 2, "الثانية": 2, "الثالث": 3, "الثالثة": 3,
        "الرابع": 4, "الرابعة": 4, "الخامس": 5, "الخامسة": 5, "السادس": 6, "السادسة": 6,
        "السابع": 7, "السابعة": 7, "الثامن": 8, "الثامنة": 8, "التاسع": 9, "التاسعة": 9,
        "العاشر": 10, "العاشرة": 10,
    }
)  # fmt: skip
_AR_ORDINAL_TEEN_HEADS = _norm_set(["الحادي", "الحادية"])
# كانون الثاني، تشرين الأول، ربيع الأول، جمادى الآخرة: the ordinal is part of a month name.
_AR_MONTH_HEADS = _norm_set(["كانون", "تشرين", "ربيع", "جمادى"])
# Dual nouns count two by themselves ("قبل يومين"). Only indefinite forms: with
# the article (البلدين، الطرفين) the dual refers back to known things.
_AR_DUALS = _norm_set(
    f"{stem}{ending}"
    for stem in ("يوم", "شهر", "عام", "أسبوع", "جولت", "سنت", "ساعت", "دقيقت", "مرت", "ليلت", "دولت", "قاعدت")
    for ending in ("ين", "ان")
)
# Six (ست) is also "lady"/"Mrs" and لست is "I am not": accept it only before a noun.
_AR_NEEDS_NOUN = _norm_set(["ست"])
_AR_PROCLITICS = "وبلف"
_AR_WAHID = normalize("واحد")

_EN_UNITS: dict[str, float] = {
    w: i
    for i, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
    )
}  # fmt: skip
_EN_TENS: dict[str, float] = {
    w: 10 * (i + 2)
    for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))
}
_EN_SCALES: dict[str, float] = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_ORDINALS: dict[str, float] = {
    w: i + 1
    for i, w in enumerate(
        ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
         "eleventh", "twelfth")
    )
}  # fmt: skip
_EN_FRACTIONS: dict[str, float] = {"half": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4}
_EN_NEEDS_NOUN = frozenset({"one"})
_EN_DETERMINERS = _norm_set("the a an its their his her our this that")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})

_MONTHS = _norm_set(
    "يناير فبراير مارس أبريل إبريل ابريل مايو يونيو يونيه يوليو يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
    "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_EN_MONTHS = _norm_set("january february march april may june july august september october november december")
_MONTH_WORD = normalize("الشهر")

# Words that follow a number without being the thing it counts.
_STOP = _norm_set(
    "في من إلى الى على عن مع خلال منذ بعد قبل حتى و أو أم ثم لكن بل أن إن أنه أنها قد لقد لم لن لا ما "
    "هو هي هم كان كانت يكون تكون تم هذا هذه ذلك تلك الذي التي الذين عند لدى بين حول ضد نحو حوالي عبر وفق "
    "حيث إذا أي كل بعض غير سوى فقط أيضا منها منهم فيها فيه عليه عليها إليه له لها لهم به بها بهم ال "
    "تقريبا أكثر أقل فأكثر فأقل وأكثر وأقل عددهم عددها "
    "the a an of in on at to from by for with and or but nor than as per since until till after before "
    "during over under into onto about around is are was were be been being has have had will would could "
    "should may might can do does did that which who whom this these those it its they their them he she "
    "we you not no percent pct more less"
)
# English adjectives that commonly sit between a number and its noun ("2,500 US troops").
_EN_MODIFIERS = _norm_set(
    "us american iraqi foreign military combat additional other remaining new extra armed armored armoured "
    "coalition western more"
)
_AR_DEFINITE = re.compile(r"^(?:[وفبك]?ال|لل)")
# After a conjunction و these letters open a verb (يـ تـ نـ أ) rather than a noun.
_AR_CLAUSE_STARTS = "ايتن"
_YEAR_MARKERS = _norm_set(
    "عام العام لعام بعام وعام سنة السنة لسنة منذ ومنذ قبل بعد خلال مطلع أواخر منتصف نهاية بداية "
    "year in since before after during until"
)
_UNTIL = _norm_set("حتى وحتى")
_OPENERS = frozenset({"(", "[", "{", "«", '"', "“", "'", "‘"})
_CLOSERS = frozenset({")", "]", "}", "»", '"', "”", "'", "’"})
_PERCENT_ONE = _norm_set(["%", "بالمئة", "بالمائة", "percent", "pct"])
_PERCENT_TWO = {("في", normalize("المئة")), ("في", normalize("المائة")), ("per", "cent")}

# ---------------------------------------------------------------------------
# Qualifier phrases, as regexes in normalised spelling (علي، اقصي، قرابه) over a
# window of normalised tokens joined by single spaces. Verbal Arabic qualifiers may be separated from the number by
# up to two words ("لا يتجاوز عددهم (9)", "لا يقل عددهم عن 9"); the others must
# touch it. A leading و/ب/ل/ف proclitic is allowed where Arabic attaches one.
# ---------------------------------------------------------------------------
_GAP = r"(?: [^ \d,.;:!?()\[\]«»\"'%+\-]+){0,2}"
_NEG = r"(?:ما )?[وف]?(?:لا|لن)"
_PRE_PATTERNS: dict[Qualifier, list[str]] = {
    Qualifier.AT_MOST: [
        rf"{_NEG} [يت](?:تجاوز|تعدي|تخطي){_GAP}",
        rf"{_NEG} [يت]زيد{_GAP} (?:علي|عن)",
        r"(?:ليس|ليست|لا) اكثر من",
        r"[بك]?حد اقصي",
        r"و?حتي",
        r"at most", r"up to", r"no more than", r"not more than", r"a maximum of", r"maximum of",
    ],
    Qualifier.AT_LEAST: [
        rf"{_NEG} [يت]قل{_GAP} عن",
        r"علي الاقل",
        r"[بك]?حد ادني",
        r"at least", r"no fewer than", r"no less than", r"not less than", r"a minimum of", r"minimum of",
    ],
    Qualifier.MORE_THAN: [
        r"[وبلف]?(?:اكثر|ازيد) من",
        rf"(?:ما )?[وف]?[يت](?:زيد|ربو){_GAP} (?:علي|عن)",
        r"(?:ما )?[يت]فوق",
        r"فوق",
        r"more than", r"over", r"above", r"in excess of", r"upwards of",
    ],
    Qualifier.LESS_THAN: [
        r"[وبلف]?اقل من",
        r"(?:ما )?دون",
        r"less than", r"fewer than", r"under", r"below",
    ],
    Qualifier.ABOUT: [
        r"[وبلف]?(?:نحو|حوالي|قرابه|زهاء)",
        r"(?:ما )?[يت](?:قارب|ناهز)",
        r"[وب]?ما يقرب من",
        r"تقريبا",
        r"about", r"around", r"approximately", r"roughly", r"nearly", r"some", r"almost", r"approx",
        r"close to", r"an estimated", r"estimated",
    ],
}  # fmt: skip
_POST_PATTERNS: dict[Qualifier, list[str]] = {
    Qualifier.AT_LEAST: [
        r"علي الاقل", r"[فو]اكثر", r"او اكثر", r"فما فوق", r"[كب]حد ادني", r"حدا ادني",
        r"or more", r"or above", r"at least", r"and above",
    ],
    Qualifier.AT_MOST: [
        r"[فو]اقل", r"او اقل", r"[كب]حد اقصي", r"حدا اقصي", r"or less", r"or fewer", r"at most", r"at the most",
    ],
    Qualifier.ABOUT: [r"تقريبا", r"or so", r"approximately", r"roughly"],
}  # fmt: skip


def _group_name(q: Qualifier) -> str:
    return f"q_{q.value}"


# Anchored at the end of the window: the leftmost possible start wins, which is
# the longest phrase ("لا يزيد عن" over "يزيد عن").
_PRE_RE = re.compile("|".join(rf"(?:^| )(?P<{_group_name(q)}>{'|'.join(ps)})$" for q, ps in _PRE_PATTERNS.items()))
_POST_RE = re.compile("|".join(rf"^(?P<{_group_name(q)}>{'|'.join(ps)})(?= |$)" for q, ps in _POST_PATTERNS.items()))
_QUALIFIER_BY_GROUP = {_group_name(q): q for q in Qualifier}
_PRE_WINDOW = 7
_POST_WINDOW = 3

# Digit strings as the tokenizer emits them (separators already folded to , and .).
_PLAIN_RE = re.compile(r"\d+")
_COMMA_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+")
_DOT_THOUSANDS_RE = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_DOT_DECIMAL_RE = re.compile(r"\d+\.\d+")
_COMMA_DECIMAL_RE = re.compile(r"\d+,\d{1,2}")
_COMMA_THOUSANDS_DOT_DECIMAL_RE = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")
_DOT_THOUSANDS_COMMA_DECIMAL_RE = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
_DOTTED_DATE_RE = re.compile(r"\d{1,2}[./]\d{1,2}[./](\d{4})")
_DATE_JOINERS = frozenset({"-", "/", ".", ":"})

# ---------------------------------------------------------------------------
# The number-word lexicon: one entry per normalised word.
# ---------------------------------------------------------------------------


class _Cat(StrEnum):
    UNIT = "unit"  # 1-10 (Arabic), 0-19 (English)
    TEEN_HEAD = "teen_head"  # أحد/اثنا before عشر
    TENS = "tens"
    HUNDREDS = "hundreds"  # Arabic 100-900 as one word
    HUNDRED = "hundred"  # English "hundred", multiplies what precedes
    SCALE = "scale"
    SCALE_ACC = "scale_acc"  # ألفا: only after 11-99
    SCALE_PLURAL = "scale_plural"  # آلاف: only after 3-10
    SCALE_DUAL = "scale_dual"  # ألفان = 2 x 1000
    ARTICLE = "article"  # English "a"/"an" before hundred/thousand/...


class _Word(NamedTuple):
    value: float
    cat: _Cat
    arabic: bool


def _build_lexicon() -> dict[str, _Word]:
    lex: dict[str, _Word] = {}
    for table, cat in (
        (_AR_UNITS, _Cat.UNIT),
        (_AR_TEEN_HEADS, _Cat.TEEN_HEAD),
        (_AR_TENS, _Cat.TENS),
        (_AR_HUNDREDS, _Cat.HUNDREDS),
        (_AR_SCALES, _Cat.SCALE),
        (_AR_SCALES_ACC, _Cat.SCALE_ACC),
        (_AR_SCALES_PLURAL, _Cat.SCALE_PLURAL),
        (_AR_SCALE_DUALS, _Cat.SCALE_DUAL),
    ):
        lex.update({w: _Word(v, cat, True) for w, v in table.items()})
    for table, cat in ((_EN_UNITS, _Cat.UNIT), (_EN_TENS, _Cat.TENS), (_EN_SCALES, _Cat.SCALE)):
        lex.update({w: _Word(v, cat, False) for w, v in table.items()})
    lex["hundred"] = _Word(100, _Cat.HUNDRED, False)
    lex["a"] = lex["an"] = _Word(1, _Cat.ARTICLE, False)
    return lex


_LEXICON = _build_lexicon()
_SCALE_CATS = (_Cat.SCALE, _Cat.SCALE_ACC, _Cat.SCALE_PLURAL)
# Words that multiply a number written in digits ("2.5 مليون", "3 آلاف", "250 ألف").
_DIGIT_SCALES: dict[str, float] = {
    **_AR_SCALES, **_AR_SCALES_ACC, **_AR_SCALES_PLURAL, **_EN_SCALES,
}  # fmt: skip
_NOT_UNIT = _STOP | frozenset(_LEXICON) | frozenset(_DIGIT_SCALES) | _PERCENT_ONE | frozenset(_AR_FRACTIONS)


def _lookup(norm: str, first: bool, text: str = "") -> tuple[_Word, str] | None:
    """The lexicon entry for a token and the proclitic stripped to find it ("" when none).

    Arabic writes و/ب/ل/ف onto the number word (وعشرون، بثلاثة). Only the first
    word of a phrase may carry ب/ل/ف; later words may only carry the
    conjunction و. لست is "I am not", never ل + ست. Normalisation merges وأحد
    ("and one of") with واحد ("one"), so the original spelling ``text`` is
    checked for the hamza.
    """
    word = _LEXICON.get(norm)
    if word is not None and not (norm == _AR_WAHID and strip_diacritics(text)[1:2] in ("أ", "إ")):
        return word, ""
    if len(norm) > 2 and norm[0] in _AR_PROCLITICS and (first or norm[0] == "و"):
        word = _LEXICON.get(norm[1:])
        if word is not None and word.arabic and not (norm[0] == "ل" and norm[1:] in _AR_NEEDS_NOUN):
            return word, norm[0]
    return None


def _strip_proclitic(norm: str, table: Container[str]) -> str | None:
    """``norm`` or its form without one و/ب/ل/ف, whichever is in ``table``."""
    if norm in table:
        return norm
    if len(norm) > 3 and norm[0] in _AR_PROCLITICS and norm[1:] in table:
        return norm[1:]
    return None


def _definite_ordinal(norm: str) -> str:
    """The ordinal form of a token that may carry و/ب/ف/ك or لل (للمرة الرابعة → الرابعة)."""
    if norm.startswith("لل"):
        norm = "ال" + norm[2:]
    elif len(norm) > 3 and norm[0] in "وبفك" and norm[1:3] == "ال":
        norm = norm[1:]
    return norm


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


class _Hit(NamedTuple):
    value: float
    kind: str
    first: int  # first token of the number
    stop: int  # index after the number's last token
    digits: str | None = None  # the digit string when the number is one plain digit token
    unit_before: bool = False  # the counted noun precedes the number (واحد، اثنان، ordinals)
    unit_token: int | None = None  # a token that is itself the unit (dual nouns)


def _touching(a: Token, b: Token) -> bool:
    return a.end == b.start


def _is_content_word(tok: Token) -> bool:
    """A word that can be the noun a number counts: not a function word and not itself a number."""
    norm = tok.norm
    if not norm.isalpha() or len(norm) < 2 or norm in _NOT_UNIT:
        return False
    return _lookup(norm, True) is None and _strip_proclitic(norm, _NOT_UNIT) is None


def _parse_digits(s: str, decimal_hint: bool) -> float | None:
    """The value of a digit token, deciding whether . and , group thousands or mark decimals.

    "2,100" and "٢٬١٠٠" group thousands. A dot followed by exactly three digits
    groups thousands too ("2.100 شحنة"), except before a scale word or a percent
    sign ("2.500 مليون", "1.125%"), where it is a decimal point.
    """
    if _PLAIN_RE.fullmatch(s):
        return float(int(s))
    if _COMMA_THOUSANDS_RE.fullmatch(s):
        return float(s.replace(",", ""))
    if _DOT_THOUSANDS_RE.fullmatch(s) and not (decimal_hint and s.count(".") == 1):
        return float(s.replace(".", ""))
    if _DOT_DECIMAL_RE.fullmatch(s):
        return float(s)
    if _COMMA_DECIMAL_RE.fullmatch(s):
        return float(s.replace(",", "."))
    if _COMMA_THOUSANDS_DOT_DECIMAL_RE.fullmatch(s):
        return float(s.replace(",", ""))
    if _DOT_THOUSANDS_COMMA_DECIMAL_RE.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    return None


def _is_year_shaped(digits: str | None, value: float) -> bool:
    return digits is not None and len(digits) == 4 and digits.isdigit() and 1900 <= value <= 2100


def _half_after_scale(toks: Sequence[Token], j: int, scale: float) -> tuple[float, int]:
    """Half the scale when "ونصف" (and half) follows it, as in "مليون ونصف المليون"; and the next index."""
    if j < len(toks) and toks[j].norm == _AR_HALF:
        j += 1
        if j < len(toks) and toks[j].norm.startswith("ال") and toks[j].norm[2:] in _AR_SCALES:
            j += 1
        return scale / 2, j
    return 0.0, j


def _parse_words(toks: Sequence[Token], i: int) -> tuple[float, int] | None:
    """A number written in words starting at token ``i``: its value and the index after it.

    Words are accumulated as in long multiplication: ``group`` holds the part
    below the current scale, ``total`` the completed scales. Each word must be a
    legal continuation of the previous one, so a list such as "ثلاثة وأربعة"
    (three and four) stops after the first number instead of adding up.
    Arabic puts units before tens joined by و (خمسة وعشرون); English puts tens
    first (twenty-one). A phrase never mixes the two languages.
    """
    n = len(toks)
    total = 0.0
    group = 0.0
    last_scale = math.inf
    prev: _Cat | None = None
    arabic: bool | None = None
    end = j = i
    pending_teen = False
    before_teen = (0.0, i)  # value and end before an أحد/اثنا still waiting for عشر
    while j < n:
        first = j == i
        k = j
        conj = False
        if not first:
            norm = toks[k].norm
            if norm in ("و", "and") and k + 1 < n:
                conj, k = True, k + 1
            elif norm == "-" and prev is _Cat.TENS and k + 1 < n and _touching(toks[k - 1], toks[k]):
                k += 1
        found = _lookup(toks[k].norm, first, toks[k].text)
        if found is None:
            break
        word, clitic = found
        if arabic is not None and word.arabic != arabic:
            break
        if clitic == "و" and not first:
            if conj:
                break
            conj = True
        cat, v = word.cat, word.value
        if pending_teen:
            # أحد/إحدى must be followed by عشر/عشرة (11) or by و and a ten (إحدى وعشرون, 21).
            if not conj and toks[k].norm in _AR_TEEN_TAILS:
                ok, group, pending_teen = True, group + 10, False
            elif conj and cat is _Cat.TENS:
                ok, group, pending_teen = True, group + v, False
            else:
                break
        elif word.arabic:
            ok, group, total, last_scale = _arabic_step(toks, k, cat, v, conj, first, prev, group, total, last_scale)
        else:
            ok, group, total, last_scale = _english_step(toks, k, cat, v, conj, first, prev, group, total, last_scale)
        if not ok:
            break
        if cat is _Cat.TEEN_HEAD:
            before_teen = (total + group - v, end)
            pending_teen = True
        prev, arabic = cat, word.arabic
        end = j = k + 1
        if cat in _SCALE_CATS or cat is _Cat.SCALE_DUAL:
            half, j = _half_after_scale(toks, j, v)
            total += half
            end = j
    if pending_teen:
        value, end = before_teen
        return (value, end) if end > i else None
    if end == i:
        return None
    return total + group, end


def _arabic_step(
    toks: Sequence[Token], k: int, cat: _Cat, v: float, conj: bool, first: bool,
    prev: _Cat | None, group: float, total: float, last_scale: float,
) -> tuple[bool, float, float, float]:  # fmt: skip
    """Add one Arabic number word; returns (accepted, group, total, last_scale)."""
    below_hundred = group % 100
    if cat is _Cat.UNIT:
        if first:
            return True, v, total, last_scale
        if not conj and prev is _Cat.UNIT and 1 <= below_hundred <= 9 and toks[k].norm in _AR_TEEN_TAILS:
            return True, group + 10, total, last_scale  # ثلاثة عشر
        if conj and below_hundred == 0 and (group or total):
            return True, group + v, total, last_scale
        return False, group, total, last_scale
    if cat is _Cat.TEEN_HEAD:
        if first or (conj and below_hundred == 0 and (group or total)):
            return True, group + v, total, last_scale
        return False, group, total, last_scale
    if cat is _Cat.TENS:
        if first:
            return True, v, total, last_scale
        if conj and (group or total) and (below_hundred == 0 or (below_hundred < 10 and prev is _Cat.UNIT)):
            return True, group + v, total, last_scale
        return False, group, total, last_scale
    if cat is _Cat.HUNDREDS:
        if first:
            return True, v, total, last_scale
        if not conj and prev is _Cat.UNIT and 3 <= group <= 9 and toks[k].norm in _AR_HUNDRED_ALONE:
            return True, group * 100, total, last_scale  # ثلاث مئة
        if conj and group == 0 and total:
            return True, v, total, last_scale
        return False, group, total, last_scale
    if cat is _Cat.SCALE_DUAL:
        if (first or (conj and group == 0 and total)) and v < last_scale:
            return True, 0.0, total + 2 * v, v
        return False, group, total, last_scale
    # Scales: ألف / ألفا / آلاف.
    if v >= last_scale:
        return False, group, total, last_scale
    if first:
        return cat is _Cat.SCALE, 0.0, total + v, v
    if conj:
        ok = cat is _Cat.SCALE and group == 0 and bool(total)
        return ok, group, total + v if ok else total, v if ok else last_scale
    # The scale word agrees with the last part of what it multiplies:
    # مئة وخمسة آلاف (105,000), مئة وعشرون ألفا (120,000).
    last_part = group % 100
    if group == 0 or (cat is _Cat.SCALE_PLURAL and not 3 <= last_part <= 10):
        return False, group, total, last_scale
    if cat is _Cat.SCALE_ACC and last_part < 11:
        return False, group, total, last_scale
    return True, 0.0, total + group * v, v


def _english_step(
    toks: Sequence[Token], k: int, cat: _Cat, v: float, conj: bool, first: bool,
    prev: _Cat | None, group: float, total: float, last_scale: float,
) -> tuple[bool, float, float, float]:  # fmt: skip
    """Add one English number word; returns (accepted, group, total, last_scale)."""
    if conj and prev not in (_Cat.HUNDRED, _Cat.SCALE):
        return False, group, total, last_scale  # "and" only after hundred/thousand
    if cat is _Cat.ARTICLE:
        nxt = _LEXICON.get(toks[k + 1].norm) if first and k + 1 < len(toks) else None
        ok = nxt is not None and nxt.cat in (_Cat.HUNDRED, _Cat.SCALE)
        return ok, 1.0 if ok else group, total, last_scale
    if cat is _Cat.UNIT:
        if first:
            return True, v, total, last_scale
        if not conj and prev is _Cat.TENS and v < 10:
            return True, group + v, total, last_scale  # twenty-one
        if prev in (_Cat.HUNDRED, _Cat.SCALE) and group % 100 == 0:
            return True, group + v, total, last_scale
        return False, group, total, last_scale
    if cat is _Cat.TENS:
        if first or (prev in (_Cat.HUNDRED, _Cat.SCALE) and group % 100 == 0):
            return True, group + v, total, last_scale
        return False, group, total, last_scale
    if cat is _Cat.HUNDRED:
        if not first and not conj and prev in (_Cat.UNIT, _Cat.TENS, _Cat.ARTICLE) and 1 <= group < 100:
            return True, group * 100, total, last_scale
        return False, group, total, last_scale
    # Scales need something to multiply: "a thousand", "two thousand".
    if first or conj or group == 0 or v >= last_scale:
        return False, group, total, last_scale
    return True, 0.0, total + group * v, v


def _date_cluster_end(toks: Sequence[Token], i: int) -> int:
    """Index after a run of digit tokens glued by -, / or : ("28-11-2021", "14:13"); i if none."""
    j = i
    while (
        j + 2 < len(toks)
        and toks[j + 1].norm in _DATE_JOINERS
        and toks[j + 2].is_number
        and _touching(toks[j], toks[j + 1])
        and _touching(toks[j + 1], toks[j + 2])
    ):
        j += 2
    return j + 1 if j > i else i


def _match_number(toks: Sequence[Token], i: int) -> tuple[_Hit | None, int]:
    """The number starting at token ``i``, if any, and the index to resume scanning from."""
    tok = toks[i]
    n = len(toks)
    norm = tok.norm
    if tok.is_number:
        return _match_digits(toks, i)
    # English fractions: "a third", "one half", "two thirds", "three quarters".
    if i + 1 < n and norm in ("a", "an", "one", "two", "three") and toks[i + 1].norm in _EN_FRACTIONS:
        frac = toks[i + 1].norm
        after = toks[i + 2].norm if i + 2 < n else ""
        if norm in ("a", "an") and frac == "third" and after.isalpha() and after != "of":
            return _Hit(3, "ordinal", i + 1, i + 2), i + 2  # "a third round"
        multiple = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}[norm]
        if (multiple == 1) == (frac in ("half", "third", "quarter")):
            return _Hit(multiple * _EN_FRACTIONS[frac], "fraction", i, i + 2), i + 2
    if norm == "half":
        return _Hit(0.5, "fraction", i, i + 1), i + 1
    # Arabic three quarters (ثلاثة أرباع).
    if i + 1 < n and toks[i + 1].norm == _AR_QUARTERS and _strip_proclitic(norm, _AR_THREE) is not None:
        return _Hit(0.75, "fraction", i, i + 2), i + 2
    words = _parse_words(toks, i)
    if words is not None:
        value, stop = words
        if stop == i + 1:
            base = _strip_proclitic(norm, _AR_UNITS) or norm
            if (base in _AR_NEEDS_NOUN or base in _EN_NEEDS_NOUN) and _forward_unit(toks, stop, False) is None:
                return None, i + 1
            # One and two follow the noun they count in Arabic: مستشار واحد، مستشاران اثنان.
            if base in _AR_UNITS and value <= 2:
                return _Hit(value, "cardinal", i, stop, unit_before=True), stop
        return _Hit(value, "cardinal", i, stop), stop
    fraction = _strip_proclitic(norm, _AR_FRACTIONS)
    if fraction is not None:
        return _Hit(_AR_FRACTIONS[fraction], "fraction", i, i + 1), i + 1
    if _strip_proclitic(norm, _AR_DUALS) is not None:
        return _Hit(2, "cardinal", i, i + 1, unit_token=i), i + 1
    return _match_ordinal(toks, i)


def _match_ordinal(toks: Sequence[Token], i: int) -> tuple[_Hit | None, int]:
    n = len(toks)
    norm = toks[i].norm
    prev = toks[i - 1].norm if i else ""
    if is_arabic(norm):
        form = _definite_ordinal(norm)
        if prev in _AR_MONTH_HEADS:
            return None, i + 1  # كانون الثاني is January
        tail = i + 1 < n and toks[i + 1].norm in _AR_TEEN_TAILS
        if form in _AR_ORDINAL_TEEN_HEADS and tail:
            return _Hit(11, "ordinal", i, i + 2, unit_before=True), i + 2
        if form in _AR_ORDINALS:
            value = _AR_ORDINALS[form]
            if tail and value < 10:
                return _Hit(value + 10, "ordinal", i, i + 2, unit_before=True), i + 2
            return _Hit(value, "ordinal", i, i + 1, unit_before=True), i + 1
        return None, i + 1
    # An English ordinal modifies the noun after it ("the fourth round"); "second"
    # is also a unit of time and a verb, so it also needs a determiner before it.
    noun_follows = norm in _EN_ORDINALS and i + 1 < n and _is_content_word(toks[i + 1])
    if noun_follows and (norm != "second" or prev in _EN_DETERMINERS):
        return _Hit(_EN_ORDINALS[norm], "ordinal", i, i + 1), i + 1
    return None, i + 1


def _match_digits(toks: Sequence[Token], i: int) -> tuple[_Hit | None, int]:
    n = len(toks)
    tok = toks[i]
    # Dates and times written with digits ("28-11-2021", "14:13"): only a year is kept.
    cluster_end = _date_cluster_end(toks, i)
    if cluster_end > i:
        parts = range(i, cluster_end, 2)
        if any(toks[k + 1].norm == ":" for k in parts if k + 1 < cluster_end):
            return None, cluster_end
        if len(parts) >= 3:
            for k in parts:
                norm = toks[k].norm
                if _PLAIN_RE.fullmatch(norm) and _is_year_shaped(norm, float(norm)):
                    return _Hit(float(norm), "year", k, k + 1), cluster_end
            return None, cluster_end
        # Two numbers joined ("2020/2021", "2-3"): each is read on its own.
    dotted = _DOTTED_DATE_RE.fullmatch(tok.norm)
    if dotted:
        year = float(dotted.group(1))
        return (_Hit(year, "year", i, i + 1) if 1900 <= year <= 2100 else None), i + 1
    nxt = toks[i + 1] if i + 1 < n else None
    nxt_norm = nxt.norm if nxt is not None else ""
    decimal_hint = nxt_norm in _DIGIT_SCALES or _percent_at(toks, i + 1) > 0
    value = _parse_digits(tok.norm, decimal_hint)
    if value is None:
        return None, i + 1
    if nxt is not None and nxt_norm in _ORDINAL_SUFFIXES and _touching(tok, nxt):
        return _Hit(value, "ordinal", i, i + 2), i + 2  # 4th
    stop = i + 1
    if nxt_norm in _DIGIT_SCALES:
        scale = _DIGIT_SCALES[nxt_norm]
        value *= scale
        half, stop = _half_after_scale(toks, i + 2, scale)
        return _Hit(value + half, "cardinal", i, stop), stop
    return _Hit(value, "cardinal", i, stop, digits=tok.norm), stop


# ---------------------------------------------------------------------------
# Qualifiers, units, intervals
# ---------------------------------------------------------------------------


def _pre_qualifier(toks: Sequence[Token], first: int, floor: int) -> tuple[Qualifier, int | None]:
    """The qualifier ending right before token ``first`` and the index of its first token.

    Opening brackets and quotes between the qualifier and the number are
    skipped; tokens before ``floor`` (an earlier quantity) are not looked at.
    """
    window: list[int] = []
    k = first - 1
    while k >= floor and len(window) < _PRE_WINDOW:
        if toks[k].norm not in _OPENERS:
            window.append(k)
        k -= 1
    if not window:
        return Qualifier.EXACT, None
    window.reverse()
    offsets: list[int] = []
    pos = 0
    for k in window:
        offsets.append(pos)
        pos += len(toks[k].norm) + 1
    m = _PRE_RE.search(" ".join(toks[k].norm for k in window))
    if m is None or m.lastgroup is None:
        return Qualifier.EXACT, None
    return _QUALIFIER_BY_GROUP[m.lastgroup], window[bisect_right(offsets, m.start(m.lastgroup)) - 1]


def _post_qualifier(toks: Sequence[Token], pos: int) -> tuple[Qualifier, int]:
    """A qualifier starting at token ``pos`` ("9 على الأقل", "2100 or more"); returns it and the index after."""
    window = toks[pos : pos + _POST_WINDOW]
    if not window:
        return Qualifier.EXACT, pos
    joined = " ".join(t.norm for t in window)
    m = _POST_RE.search(joined)
    if m is None or m.lastgroup is None:
        return Qualifier.EXACT, pos
    return _QUALIFIER_BY_GROUP[m.lastgroup], pos + m.group(m.lastgroup).count(" ") + 1


def _percent_at(toks: Sequence[Token], pos: int) -> int:
    """How many tokens at ``pos`` mark a percentage (%, بالمئة, في المئة, percent); 0 if none."""
    if pos >= len(toks):
        return 0
    if toks[pos].norm in _PERCENT_ONE:
        return 1
    if pos + 1 < len(toks) and (toks[pos].norm, toks[pos + 1].norm) in _PERCENT_TWO:
        return 2
    return 0


def _forward_unit(toks: Sequence[Token], pos: int, opened: bool, definite: bool = False) -> int | None:
    """The token index of the noun a number counts when it follows the number.

    Skips a closing bracket or quote when the number opened one ("(9) مستشارين"),
    and in English up to two adjectives ("2,500 US troops"). Arabic counted nouns
    are indefinite, so a word with the article is not taken as the unit unless
    ``definite`` (a fraction governs a definite noun: نصف القوات). A word that
    starts a new clause with و before a verb or an alef ("3 وأصيب") is not a unit.
    """
    n = len(toks)
    if opened and pos < n and toks[pos].norm in _CLOSERS:
        pos += 1
    skipped = 0
    while pos < n and toks[pos].norm in _EN_MODIFIERS and skipped < 2 and pos + 1 < n and toks[pos + 1].norm.isalpha():
        pos += 1
        skipped += 1
    if pos >= n:
        return None
    tok = toks[pos]
    if not _is_content_word(tok):
        return None
    norm = tok.norm
    if is_arabic(norm):
        if not definite and _AR_DEFINITE.match(norm):
            return None
        if norm[0] == "و" and len(norm) > 3 and norm[1] in _AR_CLAUSE_STARTS:
            return None
        return pos
    return _english_head(toks, pos)


def _english_of(toks: Sequence[Token], pos: int) -> int:
    """Past "of" and a determiner after an English fraction: "a third of Iraq", "half the troops"."""
    if pos < len(toks) and toks[pos].norm == "of":
        pos += 1
    if pos < len(toks) and toks[pos].norm in _EN_DETERMINERS:
        pos += 1
    return pos


def _plural_looking(norm: str) -> bool:
    return norm.isalpha() and len(norm) > 3 and norm.endswith("s") and not norm.endswith("ss")


def _english_head(toks: Sequence[Token], pos: int) -> int:
    """The head of an English noun compound after a number: "60 member countries", "3 rocket attacks".

    English puts the counted noun last; a singular-looking word followed by a
    plural-looking one is read as its modifier.
    """
    nxt = pos + 1
    if (
        nxt < len(toks)
        and not _plural_looking(toks[pos].norm)
        and _plural_looking(toks[nxt].norm)
        and not _touching(toks[pos], toks[nxt])
        and _is_content_word(toks[nxt])
    ):
        return nxt
    return pos


def _previous_noun(toks: Sequence[Token], first: int, floor: int) -> int | None:
    k = first - 1
    if k >= floor and _is_content_word(toks[k]):
        return k
    return None


_COUNT_NOUNS = _norm_set("عدد وعدد بعدد عديد وعديد اعداد واعداد")
_EN_COUNT_NOUNS = frozenset({"number", "numbers"})
_EN_COUNT_REACH = 10  # "the number of US troops in Iraq was reduced to 5,000"
_CLAUSE_ENDS = frozenset({",", ";", ".", ":", "!", "?"})


def _counted_before(toks: Sequence[Token], first: int, floor: int) -> int | None:
    """ "عديد الجنود ... إلى 2500", "بلغ عدد القتلى 50": the noun after عدد/عديد shortly before the number.

    In English the noun also comes before the count noun ("troop numbers were cut to
    2,500") or after "of" and its adjectives ("the number of US troops ... 5,000").
    """
    for k in range(first - 1, max(floor, first - 7) - 1, -1):
        if toks[k].norm in _COUNT_NOUNS and k + 1 < first:
            nxt = k + 2 if toks[k + 1].norm == "of" and k + 2 < first else k + 1
            return nxt if _is_content_word(toks[nxt]) else None
    for k in range(first - 1, max(floor, first - _EN_COUNT_REACH) - 1, -1):
        if toks[k].norm in _CLAUSE_ENDS:
            return None
        if toks[k].norm in _EN_COUNT_NOUNS and k + 1 < first:
            if toks[k + 1].norm != "of":
                before = k - 1
                return before if before >= floor and _is_content_word(toks[before]) else None
            nxt = k + 2
            while nxt < first - 1 and toks[nxt].norm in _EN_MODIFIERS | _EN_DETERMINERS:
                nxt += 1
            return nxt if nxt < first and _is_content_word(toks[nxt]) else None
    return None


def _day_of_month_unit(toks: Sequence[Token], pos: int) -> int | None:
    """For "الـ 31 من الشهر" / "الثالث من يناير": the month word after من."""
    if pos + 1 < len(toks) and toks[pos].norm == "من":
        nxt = toks[pos + 1].norm
        if nxt in _MONTHS or nxt == _MONTH_WORD:
            return pos + 1
    return None


def _interval(
    value: float, qualifier: Qualifier, kind: str, role: str, tolerance: float, margin: float
) -> tuple[float, float, bool, bool]:
    """(low, high, low_closed, high_closed) for a number read in ``role``.

    A year is a point in time, so "about 2014" spreads by one year rather than
    by a share of 2014.
    """
    if kind == "year":
        tol = spread = 1.0
    else:
        tol, spread = abs(value) * tolerance, abs(value) * margin
    if qualifier is Qualifier.EXACT:
        return value, value, True, True
    if qualifier is Qualifier.ABOUT:
        return value - tol, value + tol, True, True
    claim = role == "claim"
    if qualifier is Qualifier.MORE_THAN:
        return (value, math.inf, False, False) if claim else (value, value + spread, False, True)
    if qualifier is Qualifier.AT_LEAST:
        return (value, math.inf, True, False) if claim else (value, value + spread, True, True)
    if qualifier is Qualifier.LESS_THAN:
        return (-math.inf, value, False, False) if claim else (value - spread, value, True, False)
    return (-math.inf, value, False, True) if claim else (value - spread, value, True, True)


# A quantity needs a digit or one of these words somewhere in the text; texts
# with neither are answered without reading them token by token.
_NUMBER_WORDS = frozenset(
    [
        *_AR_UNITS, *_AR_TEEN_HEADS, *_AR_TENS, *_AR_HUNDREDS, *_AR_HUNDRED_ALONE, *_AR_SCALES, *_AR_SCALES_ACC,
        *_AR_SCALES_PLURAL, *_AR_SCALE_DUALS, *_AR_FRACTIONS, *_AR_ORDINALS, *_AR_ORDINAL_TEEN_HEADS, *_AR_DUALS,
        *_EN_UNITS, *_EN_TENS, *_EN_SCALES, *_EN_ORDINALS, *_EN_FRACTIONS,
    ]
)  # fmt: skip


def _may_hold_a_number(toks: Sequence[Token]) -> bool:
    for tok in toks:
        norm = tok.norm
        if tok.is_number or norm in _NUMBER_WORDS:
            return True
        # up to two proclitics: ثلاثة، وثلاثة، وبثلاثة
        if norm[:1] in _AR_PROCLITICS and (
            norm[1:] in _NUMBER_WORDS or (norm[1:2] in _AR_PROCLITICS and norm[2:] in _NUMBER_WORDS)
        ):
            return True
    return False


def extract_quantities(
    text: str,
    *,
    role: Literal["claim", "source"] = "source",
    tolerance: float = 0.1,
    margin: float = 0.25,
) -> list[Quantity]:
    """Every quantity in ``text``, in order, with intervals read as ``role``.

    ``tolerance`` is the relative spread of "about N" (both roles); ``margin`` is
    how far a source's one-sided estimate ("more than N") may reach.
    """
    if role not in ("claim", "source"):
        raise ValueError(f"role must be 'claim' or 'source', not {role!r}")
    toks = tokenize(text)
    if not _may_hold_a_number(toks):
        return []
    out: list[Quantity] = []
    i = 0
    floor = 0  # tokens before this belong to an earlier quantity
    n = len(toks)
    while i < n:
        hit, resume = _match_number(toks, i)
        if hit is None:
            i = max(resume, i + 1)
            continue
        q, after = _build(text, toks, hit, floor, role, tolerance, margin)
        out.append(q)
        floor = after
        i = max(after, resume)
    return out


def _build(
    text: str, toks: Sequence[Token], hit: _Hit, floor: int, role: str, tolerance: float, margin: float
) -> tuple[Quantity, int]:
    """Attach qualifier, percent sign and unit to a number; returns it and the index after its phrase."""
    n = len(toks)
    kind = hit.kind
    first = hit.first
    pos = hit.stop
    post = Qualifier.EXACT
    # "2100+" is "2100 or more".
    if pos < n and toks[pos].norm == "+" and _touching(toks[pos - 1], toks[pos]):
        post, pos = Qualifier.AT_LEAST, pos + 1
    width = _percent_at(toks, pos)
    if width and kind == "cardinal":
        kind, pos = "percent", pos + width
    # "٪50": the sign may also be written before the number.
    before_sign = first > floor and toks[first - 1].norm == "%" and _touching(toks[first - 1], toks[first])
    if before_sign and kind == "cardinal" and (first - 1 == floor or not toks[first - 2].is_number):
        kind, first = "percent", first - 1
    if post is Qualifier.EXACT:
        post, pos = _post_qualifier(toks, pos)
    # "الـ 31": the detached article belongs to the number.
    if first > floor and toks[first - 1].norm == "ال":
        first -= 1
    pre, pre_start = _pre_qualifier(toks, first, floor)
    qualifier = pre if pre is not Qualifier.EXACT else post

    unit_idx: int | None = None
    if hit.unit_token is not None:
        unit_idx = hit.unit_token
    elif kind in ("cardinal", "ordinal"):
        day = _day_of_month_unit(toks, pos)
        if day is not None and hit.value <= 31:
            unit_idx = day
        elif hit.unit_before and kind == "ordinal":
            unit_idx = _previous_noun(toks, hit.first, floor)
        else:
            opened = first > 0 and toks[first - 1].norm in _OPENERS
            unit_idx = _forward_unit(toks, pos, opened)
            if unit_idx is None and hit.unit_before:
                unit_idx = _previous_noun(toks, hit.first, floor)
            if unit_idx is None and kind == "cardinal":
                unit_idx = _counted_before(toks, first, floor)
        if unit_idx is None and hit.value <= 31 and first > floor and toks[first - 1].norm in _EN_MONTHS:
            unit_idx = first - 1  # December 31
    elif kind == "fraction":
        unit_idx = _forward_unit(toks, _english_of(toks, pos), False, definite=True)

    # A bare four-digit number in 1900-2100, or one after عام/year/in, is a year;
    # "حتى 2021" is then "until 2021", not "up to 2021 items".
    marker = first > floor and toks[first - 1].norm in _YEAR_MARKERS
    # "يناير 2020", "5 يناير/ كانون الثاني 2020", "January 2020": a year after a month name.
    marker = marker or any(toks[k].norm in _MONTHS for k in range(max(floor, first - 3), first))
    until = pre_start is not None and toks[pre_start].norm in _UNTIL and pre_start == first - 1
    bare = unit_idx is None and (qualifier in (Qualifier.EXACT, Qualifier.ABOUT) or until)
    if _is_year_shaped(hit.digits, hit.value) and kind == "cardinal" and post is Qualifier.EXACT and (marker or bare):
        kind = "year"
        if until:
            qualifier, pre_start = Qualifier.EXACT, None
    if kind == "year":
        unit_idx = None

    after = pos
    if unit_idx is not None and unit_idx >= pos:
        after = unit_idx + 1
        if post is Qualifier.EXACT and pre is Qualifier.EXACT:
            post, after = _post_qualifier(toks, after)
            qualifier = post
    elif hit.unit_token is not None:
        after = max(after, hit.unit_token + 1)

    starts = [toks[first].start]
    ends = [toks[max(after, hit.stop) - 1].end]
    if pre_start is not None:
        starts.append(toks[pre_start].start)
    if unit_idx is not None:
        starts.append(toks[unit_idx].start)
        ends.append(toks[unit_idx].end)
    start, end = min(starts), max(ends)
    low, high, low_closed, high_closed = _interval(float(hit.value), qualifier, kind, role, tolerance, margin)
    unit_tok = toks[unit_idx] if unit_idx is not None else None
    quantity = Quantity(
        value=float(hit.value),
        qualifier=qualifier,
        low=low,
        high=high,
        low_closed=low_closed,
        high_closed=high_closed,
        unit=unit_tok.text if unit_tok else None,
        unit_start=unit_tok.start if unit_tok else None,
        unit_end=unit_tok.end if unit_tok else None,
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,
    )
    return quantity, max(after, hit.stop)


def _contains_point(q: Quantity, x: float) -> bool:
    above = x > q.low or (x == q.low and q.low_closed)
    below = x < q.high or (x == q.high and q.high_closed)
    return above and below


def overlaps(a: Quantity, b: Quantity) -> bool:
    """Do the two intervals share at least one value (open ends excluded)?"""
    low = max(a.low, b.low)
    high = min(a.high, b.high)
    if low < high:
        return True
    if low > high:
        return False
    return _contains_point(a, low) and _contains_point(b, low)


def _inside(inner: Quantity, outer: Quantity) -> bool:
    """Is ``inner``'s interval a subset of ``outer``'s?"""
    low_ok = inner.low > outer.low or (inner.low == outer.low and (outer.low_closed or not inner.low_closed))
    high_ok = inner.high < outer.high or (inner.high == outer.high and (outer.high_closed or not inner.high_closed))
    return low_ok and high_ok


def compare(claim: Quantity, source: Quantity) -> Literal["supports", "contradicts", "mentions"]:
    """What a source's figure does to a claim's figure.

    A claim's bare figure equal to the source's written figure supports,
    whatever hedge the source puts on it. Otherwise disjoint intervals
    contradict. A source interval inside the claim's
    supports. The same written figure with overlapping intervals also supports
    (claim "9 advisers" vs source "no more than 9"): the source repeats the
    claim's number and only hedges it. Anything else is a mention. Units are
    not compared here; the caller pairs quantities that count the same thing.
    """
    if claim.qualifier is Qualifier.EXACT and math.isclose(claim.value, source.value, rel_tol=1e-9, abs_tol=1e-12):
        return "supports"  # claim "2100 shipments", source "أكثر من 2100 شحنة": the figure as reported
    if not overlaps(claim, source):
        return "contradicts"
    if _inside(source, claim):
        return "supports"
    if math.isclose(claim.value, source.value, rel_tol=1e-9, abs_tol=1e-12):
        return "supports"
    return "mentions"
