"""Arabic-aware text normalisation and tokenisation.

Matching always runs on normalised text; display and offsets always use the
original. rapidfuzz's default processor turns every tashkeel mark into a space
(splitting words), so nothing here relies on it: text is normalised first and
scorers are called with ``processor=None``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple

import Stemmer

# Characters removed before matching: tashkeel (harakat, shadda, sukun, tanwin),
# superscript alef, Quranic annotation marks, tatweel, and bidi/format controls.
_DROP = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
_TABLE: dict[int, str | None] = {ord(c): None for c in _DROP}
_TABLE.update({ord(c): "ا" for c in "آأإٱٲٳ"})
_TABLE.update(
    {
        ord("ة"): "ه",
        ord("ى"): "ي",
        ord("ی"): "ي",
        ord("ئ"): "ي",
        ord("ؤ"): "و",
        ord("ک"): "ك",
        ord("٫"): ".",
        ord("٬"): ",",
        ord("٪"): "%",
        ord("،"): ",",
        ord("؛"): ";",
        ord("؟"): "?",
    }
)
# Arabic-Indic and Extended (Persian/Urdu) digits to ASCII.
_TABLE.update({cp: str(unicodedata.decimal(chr(cp))) for cp in [*range(0x0660, 0x066A), *range(0x06F0, 0x06FA)]})

_DIACRITICS = {ord(c): None for c in _DROP}


def strip_diacritics(text: str) -> str:
    """Remove tashkeel, tatweel and bidi controls, leaving letters untouched."""
    return text.translate(_DIACRITICS)


def normalize(text: str) -> str:
    """Fold the spelling variants news Arabic uses for one word.

    NFKC undoes presentation forms (the ﻻ ligature, reshaped letters); the table
    drops tashkeel/tatweel/bidi marks, unifies alef forms, ى→ي, ة→ه, ئ→ي, ؤ→و,
    maps Arabic punctuation to Latin and every decimal digit to ASCII. Latin
    letters are lower-cased so English claims compare case-insensitively.
    """
    return unicodedata.normalize("NFKC", text).translate(_TABLE).lower()


# A token is a run of letters, digits and combining marks (so a word with
# shadda stays one token), or a number written with separators (2,100 / 2.5 /
# ٢٬١٠٠), or one punctuation character.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_TOKEN_RE = re.compile(
    rf"\d+(?:[.,٫٬]\d+)*|[^\W\d_][^\W\d_{_MARKS}]*(?:[{_MARKS}]+[^\W\d_]*)*|[{_MARKS}]+|[^\s\w]",
    re.UNICODE,
)


class Token(NamedTuple):
    """One token of a text: its original spelling, its match form and its span.

    A named tuple, not a dataclass: an archive's sentences are made of millions of tokens,
    rebuilt each time a sentence is judged, and a tuple is built in half the time."""

    text: str
    norm: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        first = self.norm[:1]
        return first.isalnum() or first == "_"  # the regex \w on one character, without a regex

    @property
    def is_number(self) -> bool:
        return self.norm[:1].isdigit()


MEMO_WORDS = 400_000  # words a per-word memo holds before it is emptied (a bound on memory)


class WordMemo(dict[str, Any]):
    """Word -> ``compute(word)``, worked out when first asked for; emptied when it holds ``kept`` words.

    The per-word memos of reading an archive (match keys, opposite sides, date triggers, the
    normalised form of a word as written): a text repeats its words, and a memo looked up with
    ``map(memo.__getitem__, words)`` answers a whole sentence in C, calling ``compute`` only
    for the words not seen yet.
    """

    def __init__(self, compute: Callable[[str], Any], kept: int = MEMO_WORDS) -> None:
        super().__init__()
        self.compute, self.kept = compute, kept

    def __missing__(self, word: str) -> Any:
        if len(self) >= self.kept:
            self.clear()
        found = self[word] = self.compute(word)
        return found


def is_word_form(norm: str) -> bool:
    """``Token.is_word`` of a token with this match form."""
    first = norm[:1]
    return first.isalnum() or first == "_"


def norms(tokens: Iterable[Token]) -> Iterator[str]:
    """The match forms of ``tokens``, in C (for ``WordMemo`` lookups)."""
    return map(_NORM, tokens)


_NORM = attrgetter("norm")


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """Split ``text`` into word, number and punctuation tokens with offsets into ``text``.

    Cached: segmentation, attribution, quantities and matching all read the
    same sentences, and tokens are immutable.
    """
    tokens = []
    memo = _NORMALIZED
    for m in _TOKEN_RE.finditer(text):
        piece = m.group()
        norm = memo[piece]
        if norm:
            tokens.append(Token(piece, norm, m.start(), m.end()))
    return tuple(tokens)


# Each token as written -> its ``normalize``d form: normalising one (NFKC, then the table)
# costs ten dictionary lookups.
_NORMALIZED = WordMemo(normalize, kept=100_000)


def forget_tokens() -> None:
    """Empty the memos of ``tokenize`` (once a large corpus is read or judged, they only hold memory)."""
    tokenize.cache_clear()
    _NORMALIZED.clear()


def token_span(tokens: tuple[Token, ...] | list[Token], start: int, end: int) -> tuple[int, int]:
    """Token index range [a, b) covering characters [start, end) of the tokenised text."""
    idx = [k for k, t in enumerate(tokens) if t.start < end and t.end > start]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


_AR_STEMMER = Stemmer.Stemmer("arabic")
_EN_STEMMER = Stemmer.Stemmer("english")

# One-letter proclitics and the article, longest first. Stripping is only ever
# used to build extra match keys; the token itself is never changed.
PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_SUFFIXES = ("هما", "كما", "ها", "هم", "هن", "ون", "ين", "ات", "ان", "يه", "يا", "ه", "ي", "ا")
_PRONOUNS = frozenset(("هما", "كما", "ها", "هم", "هن", "ه", "ي"))
# Broken plurals of nouns frequent in news (singular plural ...). Snowball cannot
# relate جندي to جنود or قاعدة to قواعد, so each plural also gets its singular's keys.
_BROKEN_PLURALS_TEXT = """
جندي جنود|قاعدة قواعد|صاروخ صواريخ|فصيل فصائل|قتيل قتلى|جريح جرحى|أسير أسرى|قائد قادة|عضو أعضاء
وزير وزراء|نائب نواب|سفير سفراء|خبير خبراء|مسؤول مسؤولين|شهر أشهر شهور|عام أعوام|يوم أيام|أسبوع أسابيع
بلد بلدان|دولة دول|مدينة مدن|قرية قرى|منطقة مناطق|حدود حد|سفينة سفن|طائرة طائرات|مبنى مباني|منزل منازل
مقعد مقاعد|صوت أصوات|حزب أحزاب|شعب شعوب|جيش جيوش|سلاح أسلحة|عملية عمليات|هجوم هجمات|معسكر معسكرات
ضابط ضباط|مقاتل مقاتلين|رتل أرتال|عبوة عبوات|قرار قرارات|اتفاق اتفاقات اتفاقيات|مهمة مهام|دور أدوار
موقع مواقع|مصدر مصادر|تقرير تقارير|سبب أسباب|شرط شروط|مصلحة مصالح|فرد أفراد|طفل أطفال|رجل رجال|امرأة نساء
"""
BROKEN_PLURALS: dict[str, str] = {}
for _group in _BROKEN_PLURALS_TEXT.replace("\n", "|").split("|"):
    _words = [normalize(w) for w in _group.split()]
    for _plural in _words[1:]:
        BROKEN_PLURALS[_plural] = _words[0]

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


@lru_cache(maxsize=65536)
def match_keys(norm: str) -> frozenset[str]:
    """The spellings under which a normalised word can match another.

    PyStemmer (Snowball) misses some proclitics (بانسحاب stays whole) and splits
    القوات/قوات/للقوات three ways, so a word is keyed by its normalised form, its
    Snowball stem and light clitic-stripped forms. Two words match when their
    key sets intersect. Keys shorter than three letters are dropped to avoid
    merging unrelated short words.
    """
    if not is_arabic(norm):
        stem = _EN_STEMMER.stemWord(norm) if norm.isalpha() else norm
        return frozenset({norm, stem})
    keys = {norm, normalize(_AR_STEMMER.stemWord(norm))}
    bases = [norm]
    for prefix in PROCLITICS:
        if norm.startswith(prefix) and len(norm) - len(prefix) >= 3:
            base = norm[len(prefix) :]
            bases.append(base)
            keys.update((base, normalize(_AR_STEMMER.stemWord(base))))
            break
    for base in list(bases):
        if len(base) >= 5 and base[0] == "س" and base[1] in "يتن":
            # ستبقى, سيبقون: the future prefix, which Snowball strips from some verbs only
            bases.append(base[1:])
            keys.update((base[1:], normalize(_AR_STEMMER.stemWord(base[1:]))))
    for base in bases:
        for suffix in _SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                bare = base[: -len(suffix)]
                keys.add(bare)
                if suffix in _PRONOUNS and bare.endswith("ت") and len(bare) >= 4:
                    keys.add(bare[:-1] + "ه")  # وحمايتهم, مهمتها: ة written ت before a pronoun
                break
        singular = BROKEN_PLURALS.get(base)
        if singular is not None:
            keys.update((singular, normalize(_AR_STEMMER.stemWord(singular))))
    return frozenset(k for k in keys if len(k) >= 3 or k == norm)


def stem(norm: str) -> str:
    """A single representative key, used for document frequencies."""
    if not is_arabic(norm):
        return _EN_STEMMER.stemWord(norm) if norm.isalpha() else norm
    return min(match_keys(norm), key=lambda k: (len(k), k))


def _word_keys(norm: str) -> tuple[str, ...] | None:
    # A tuple, not the frozenset ``match_keys`` gives: a third of the memory, for as many words as the memo holds.
    return tuple(match_keys(norm)) if is_word_form(norm) and not norm[:1].isdigit() else None


# Normalised word -> its match keys (``match_keys``), None for a number or punctuation. Unlike
# ``match_keys``'s own memo it holds a whole archive's words (see ``match.token_key_sets``).
WORD_KEYS = WordMemo(_word_keys)
