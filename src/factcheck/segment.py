"""Article text → units (headlines, captions, body sentences) with offsets into the original.

Every line is its own unit or set of units: news pages put headlines, photo
captions and "related articles" lists on lines of their own, and gluing them to
the body would let a neighbouring story's headline count as the article's claim.
Body lines are split into sentences by sentencex (which does not split at the
Arabic comma, inside numbers or inside a quotation that continues the sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import sentencex

from factcheck.models import Sentence, UnitKind
from factcheck.normalize import normalize

# Lines that introduce a list of other stories' headlines, up to the next blank line.
_RELATED_MARKERS = {"اخبار ذات صله", "مواضيع ذات صله", "اقرا ايضا", "اقرا المزيد", "قد يهمك ايضا", "related"}
_TICKER_MARKERS = {"اخر الاخبار", "عاجل", "الاكثر قراءه", "latest news"}
# Page furniture that says nothing about the story.
_BOILERPLATE = {
    "شارك القصه",
    "شارك",
    "تابع القراءه",
    "المصادر:",
    "المصدر:",
    "close",
    "+a -a",
    "طباعه",
    "مشاركه",
}
_CREDIT_RE = re.compile(r"\((?:غيتي|رويترز|ا ف ب|اف ب|الاناضول|getty|afp|reuters|ap|epa)[^)]*\)\s*$", re.IGNORECASE)
_DATELINE_RE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}|\|")
_BYLINE_RE = re.compile(r"(?:^|\s|-)(?:تقرير|بقلم|كتب|اعداد|متابعه)(?:\s|:|$)")
_WEEKDAYS = ("الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد")
_TERMINAL = (".", "!", "?", "؟", "…", '"', "»", "”", ")")
_LETTER_RE = re.compile(r"[^\W\d_]", re.UNICODE)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, without the line break, in ``text``."""
    start = 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_kind(norm: str, *, first: bool) -> UnitKind:
    """The kind of a line, from its ``normalize``d and stripped text."""
    letters = len(_LETTER_RE.findall(norm))
    words = len(norm.split())
    if norm in _BOILERPLATE or letters < 3:
        return UnitKind.BOILERPLATE
    if _DATELINE_RE.search(norm) and words <= 8:
        return UnitKind.BOILERPLATE  # "سياسة | 28-11-2021, 14:13 |"
    if norm.startswith(_WEEKDAYS) and words <= 6 and any(ch.isdigit() for ch in norm):
        return UnitKind.BOILERPLATE  # "الإثنين 18 نوفمبر / November 2024"
    if words <= 8 and _BYLINE_RE.search(norm):
        return UnitKind.BOILERPLATE  # "بغداد اليوم - تقرير محمود ..."
    if _CREDIT_RE.search(norm):
        return UnitKind.CAPTION
    if first or (words <= 16 and not norm.endswith(_TERMINAL)):
        return UnitKind.HEADLINE
    return UnitKind.BODY


def _is_source_credit(norm: str) -> bool:
    """ "العربي - وكالات" style credit lines after an "المصادر:" marker."""
    return len(norm.split()) <= 5


def segment(source_id: str, text: str) -> list[Sentence]:
    """Split an article into units with character offsets into ``text``.

    Units keep their original text; ``Sentence.kind`` tells whether a unit can be
    evidence (headline, body, caption) or is page furniture or another story's headline.
    """
    units: list[Sentence] = []
    pending: UnitKind | None = None  # kind for the next block after a related/ticker marker
    in_block: UnitKind | None = None  # kind for the rest of the current block
    after_sources_marker = False
    first = True
    for line_start, line_end in _lines(text):
        start, end = _strip_span(text, line_start, line_end)
        if start == end:
            if in_block is not None:
                in_block = None
            continue
        line = text[start:end]
        norm = normalize(line).strip()
        if in_block is None and pending is not None:
            in_block, pending = pending, None
        if norm in _RELATED_MARKERS or norm.rstrip(":") in _RELATED_MARKERS:
            kind, pending, in_block = UnitKind.BOILERPLATE, UnitKind.RELATED, None
        elif norm in _TICKER_MARKERS or norm.rstrip(":") in _TICKER_MARKERS:
            kind, pending, in_block = UnitKind.BOILERPLATE, UnitKind.TICKER, None
        elif in_block is not None:
            kind = in_block
        elif after_sources_marker and _is_source_credit(norm):
            kind = UnitKind.BOILERPLATE
        else:
            kind = _line_kind(norm, first=first)
        after_sources_marker = norm in {"المصادر:", "المصدر:"}
        first = False
        if kind is UnitKind.BODY:
            for piece in sentencex.get_sentence_boundaries("ar", line):
                s, e = _strip_span(text, start + piece["start_index"], start + piece["end_index"])
                if s < e:
                    units.append(Sentence(source_id, len(units), s, e, text[s:e], kind))
        else:
            units.append(Sentence(source_id, len(units), start, end, line, kind))
    return units
