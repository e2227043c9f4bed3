"""Names across scripts: Latin and Arabic spellings of a name reduced to one consonant skeleton.

English spells Arabic names many ways (Soleimani / Suleimani, Khafaji, Kadhimi) and
Arabic script leaves short vowels out, so neither side's vowels can be trusted. Both
are reduced to their consonants: the Arabic word is romanised with anyascii (ISC
licence; one Latin letter or digraph per Arabic letter: خ→kh, ظ→dh, ع and ء dropped),
the article ال is dropped, then on both sides vowels and the letters that double as
vowels (y, w) are removed, q is read as k, ck and c as k, gh as g, and doubled letters
are collapsed first. سليماني and Soleimani both give "slmn", الخفاجي and Khafaji "khfj",
أربيل and Erbil "rbl", ماكنزي and McKenzie "mknz".

Skeletons shorter than ``MIN_SKELETON`` letters match too many words to be used.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from factcheck.normalize import is_arabic, normalize

MIN_SKELETON = 3
_WEAK = re.compile(r"[aeiouyw]")
_NOT_LETTER = re.compile(r"[^a-z]")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The consonant skeleton of a name written in Arabic or Latin letters."""
    if is_arabic(word):
        norm = normalize(word)
        if norm.startswith("ال") and len(norm) > 4:
            norm = norm[2:]
        text = anyascii(norm).lower()
    else:
        text = word.lower()
        if text.startswith(("al-", "el-")):
            text = text[3:]
    text = _NOT_LETTER.sub("", text)
    text = text.replace("ck", "k").replace("c", "k").replace("q", "k").replace("ph", "f").replace("gh", "g")
    text = _DOUBLE.sub(r"\1", text)  # Rasool, Grossi; before the vowels go, so حرير keeps both r's
    return _WEAK.sub("", text)
