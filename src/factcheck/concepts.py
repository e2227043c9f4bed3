"""The bilingual concept lexicon (data/lexicon.yaml): news words that say the same thing.

A concept groups the words security and political news uses for one meaning
(انسحاب، خروج، مغادرة; withdraw, pull out), each word with its forms. It serves
two purposes. An Arabic claim word also finds its concept-mates in the sources,
at less than full credit (``MATE_CREDIT``): a paraphrase is evidence, but weaker
than the claim's own word. An English claim word is translated into the Arabic
forms of its concepts.

Words are looked up the way the opposites lexicon looks them up (normalised
form, then light clitic-stripped keys), so وبالانسحاب reaches انسحاب.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

from factcheck.normalize import PROCLITICS, is_arabic, match_keys, normalize, stem
from factcheck.opposites import MIN_KEY, PHRASE_JOIN, _candidates

MATE_CREDIT = 0.8  # credit of a concept-mate of the claim's word (خروج for انسحاب)
FORM_CREDIT = 0.9  # credit of another form of the claim's own lexeme (قادت for تقود), as for opposites

Words = tuple[str, ...]  # one form as normalised words: ("الولايات", "المتحدة")
Lexeme = tuple[Words, ...]  # the forms on one line of a concept


@dataclass(frozen=True)
class Place:
    """A concept that is a place: its level and the forms that name the place itself."""

    level: str  # country | region | province | city | site
    ar: tuple[Words, ...]
    en: tuple[Words, ...]


@dataclass(frozen=True)
class Concept:
    id: str
    ar: tuple[Lexeme, ...]  # Arabic lexemes, each its forms as normalised words
    en: tuple[Lexeme, ...]  # English lexemes, lower-case words
    place: Place | None = None
    # Arabic forms read only as the noun a number counts (60 دولة for "60 countries"):
    # elsewhere they are another word's key (دول = دولي), so they are no general form.
    counted: tuple[Words, ...] = ()
    # What an English claim's word of this concept does to the claim instead of being
    # content: "framing" calls what it describes unreal ("for show", like شكلي);
    # "truth" asserts it is real ("really", "genuine"), and under the claim's own
    # negation rebuts it ("not real", like غير حقيقي).
    cue: str = ""
    # Arabic phrasings that stand for the concept only in a source (إنهاء_تواجد, سحب for
    # إخراج): mates of the concept's words, but never read as the concept from a claim,
    # whose own words keep their meaning (إنهاء، وجود one by one; سحب a withdrawal).
    phrased: tuple[Words, ...] = ()


CUE_KINDS = ("framing", "truth")

_EN_WORD = re.compile(r"[a-z0-9]+")


def _lexemes(lines: Iterable[str], english: bool = False) -> tuple[Lexeme, ...]:
    out: list[Lexeme] = []
    for line in lines:
        forms: list[Words] = []
        for form in line.split():
            text = normalize(form.replace(PHRASE_JOIN, " "))
            # English forms are split as English claims are ("al-asad" → al, asad)
            words = tuple(_EN_WORD.findall(text)) if english else tuple(text.split())
            if words and words not in forms:
                forms.append(words)
        if forms:
            out.append(tuple(forms))
    return tuple(out)


Where = tuple[int, int]  # (concept, lexeme) where a form stands


class ConceptLexicon:
    """Concepts indexed by the words of their forms."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.concepts = tuple(concepts)
        self._single: dict[str, set[Where]] = {}  # one-word form -> where it stands
        self._phrases: dict[str, list[tuple[Words, Where]]] = {}  # first word -> (whole form, where)
        for n, c in enumerate(self.concepts):
            for lexemes in (c.ar, c.en):
                for m, lexeme in enumerate(lexemes):
                    place = (n, m) if lexemes is c.ar else (n, -1 - m)
                    for words in lexeme:
                        if len(words) == 1:
                            self._single.setdefault(words[0], set()).add(place)
                        else:
                            self._phrases.setdefault(words[0], []).append((words, place))
        for items in self._phrases.values():
            items.sort(key=lambda item: -len(item[0]))
        self._lookups: dict[str, frozenset[Where]] = {}
        # Place names (not adjectives): one-word form -> concept, first word -> (whole form, concept)
        self._place_single: dict[str, int] = {}
        self._place_phrases: dict[str, list[tuple[Words, int]]] = {}
        for n, c in enumerate(self.concepts):
            for words in (*c.place.ar, *c.place.en) if c.place else ():
                if len(words) == 1:
                    self._place_single[words[0]] = n
                else:
                    self._place_phrases.setdefault(words[0], []).append((words, n))
        self._place_keys: dict[str, tuple[str, ...]] = {}  # word -> its forms that begin a place name (memo)
        self._en_stems: dict[str, set[Where]] = {}  # English one-word form's stem -> where it stands
        for word, places in self._single.items():
            if not is_arabic(word):
                self._en_stems.setdefault(stem(word), set()).update(places)

    def __len__(self) -> int:
        return len(self.concepts)

    def lookup(self, norm: str) -> frozenset[Where]:
        """Where a single normalised word stands (by its form, else by its clitic-stripped keys)."""
        found = self._lookups.get(norm)
        if found is not None:
            return found
        if norm in self._single:
            found = frozenset(self._single[norm])
        elif len(norm) < MIN_KEY:
            found = frozenset()
        else:
            keys = _candidates(norm, False) if is_arabic(norm) else tuple(match_keys(norm))
            found = frozenset(n for k in keys for n in self._single.get(k, ()))
        self._lookups[norm] = found
        return found

    def phrase_at(self, words: Sequence[str], i: int) -> tuple[int, frozenset[Where]] | None:
        """The longest multi-word form starting at ``words[i]``: (words it spans, where it stands)."""
        first = words[i]
        candidates = self._phrases.get(first, [])
        if not candidates and is_arabic(first) and len(first) > MIN_KEY:
            for key in _candidates(first, False):
                candidates = self._phrases.get(key, [])
                if candidates:
                    break
        for form, _ in candidates:
            k = len(form)
            rest = words[i + 1 : i + k]
            if len(rest) == k - 1 and all(_same_word(w, f) for w, f in zip(rest, form[1:], strict=True)):
                return k, frozenset(where for f, where in candidates if f == form)
        return None

    def place_at(self, words: Sequence[str], i: int) -> tuple[int, Concept] | None:
        """A place name starting at ``words[i]`` (its words may carry proclitics): (words it spans, the place)."""
        keys = self._place_keys.get(words[i])
        if keys is None:
            # Asked of every word of a sentence, and almost every word begins no place: remembered per word.
            if len(self._place_keys) >= _PLACE_MEMO:
                self._place_keys.clear()
            keys = self._place_keys[words[i]] = tuple(
                k for k in _without_proclitics(words[i]) if k in self._place_phrases or k in self._place_single
            )
        for key in keys:
            for form, n in sorted(self._place_phrases.get(key, ()), key=lambda item: -len(item[0])):
                if tuple(words[i + 1 : i + len(form)]) == form[1:]:
                    return len(form), self.concepts[n]
        for key in keys:
            n = self._place_single.get(key)
            if n is not None:
                return 1, self.concepts[n]
        return None

    def english_at(self, words: Sequence[str], i: int) -> tuple[int, frozenset[Where]] | None:
        """The English form at ``words[i]`` (longest phrase first, then the word, then its stem)."""
        phrase = self.phrase_at(words, i)
        if phrase is not None:
            return phrase
        word = words[i]
        places = self._single.get(word) or self._en_stems.get(stem(word))
        return (1, frozenset(places)) if places else None

    def translations(self, places: Iterable[Where]) -> tuple[Words, ...]:
        """Every Arabic form of the concepts at ``places`` (English words are read as their concepts)."""
        out: list[Words] = []
        for n in sorted({n for n, _ in places}):
            for lexeme in (*self.concepts[n].ar, self.concepts[n].phrased):
                out.extend(f for f in lexeme if f not in out)
        return tuple(out)

    def cue_at(self, words: Sequence[str], i: int) -> tuple[int, str] | None:
        """An English cue word at ``words[i]`` (see ``Concept.cue``): (words it spans, its kind)."""
        found = self.english_at(words, i)
        if found is None:
            return None
        kinds = {self.concepts[n].cue for n, _ in found[1]} - {""}
        return (found[0], kinds.pop()) if len(kinds) == 1 else None

    def head_forms(self, cid: str) -> Lexeme:
        """The forms of the first Arabic lexeme of the concept named ``cid`` (its plainest word)."""
        return next((c.ar[0] for c in self.concepts if c.id == cid and c.ar), ())

    def counted(self, places: Iterable[Where]) -> tuple[Words, ...]:
        """The counted-noun-only Arabic forms of the concepts at ``places`` (see ``Concept.counted``)."""
        out: list[Words] = []
        for n in sorted({n for n, _ in places}):
            out.extend(f for f in self.concepts[n].counted if f not in out)
        return tuple(out)

    def alternatives(self, places: Iterable[Where]) -> list[tuple[Words, float]]:
        """Arabic forms sharing a concept with the places, with their credit: own lexeme first, then mates."""
        places = list(places)
        credit: dict[Words, float] = {}
        for n, m in places:
            for k, lexeme in enumerate(self.concepts[n].ar):
                value = FORM_CREDIT if k == m else MATE_CREDIT
                for form in lexeme:
                    credit[form] = max(credit.get(form, 0.0), value)
            for form in self.concepts[n].phrased:
                credit[form] = max(credit.get(form, 0.0), MATE_CREDIT)
        return sorted(credit.items(), key=lambda item: -item[1])


def _same_word(word: str, form: str) -> bool:
    """A later word of a multi-word form, in any inflection ("موعداً نهائياً" for الموعد_النهائي)."""
    return word == form or (is_arabic(word) and bool(match_keys(word) & match_keys(form)))


_PLACE_MEMO = 400_000  # words ``place_at`` remembers before it empties its memo (a bound on memory)
_PROCLITICS = (*PROCLITICS, "فلل")  # the stemmer's list, and ف + لل before a place (فللعراق)


def _without_proclitics(word: str) -> tuple[str, ...]:
    """The word, and the word without a leading conjunction, preposition or article (with and without ال).

    Only proclitics: a suffix would turn an adjective into the place (العراقية → عراق).
    """
    if not is_arabic(word):
        return (word,)
    out = [word]
    for prefix in _PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_KEY:
            base = word[len(prefix) :]
            out += [base, "ال" + base]
    return tuple(dict.fromkeys(out))


def _parse(data: Any, origin: str) -> list[Concept]:
    if not isinstance(data, Mapping) or not isinstance(data.get("concepts"), Mapping):
        raise ValueError(f"{origin}: expected a mapping with a `concepts:` mapping")
    concepts = []
    for cid, body in data["concepts"].items():
        if not isinstance(body, Mapping):
            raise ValueError(f"{origin}: concept {cid!r} must have `ar:` and/or `en:` lists")
        lines = {lang: _strings(body, lang, cid, origin) for lang in ("ar", "en")}
        forms = _lexemes([" ".join(_strings(body, "counted", cid, origin))])
        phrased = _strings(body, "phrased", cid, origin)
        phrased_forms = _lexemes([" ".join(phrased)])
        concepts.append(
            Concept(
                str(cid),
                _lexemes(lines["ar"]),
                _lexemes(lines["en"], english=True),
                _place(body, cid, origin),
                forms[0] if forms else (),
                _cue(body, cid, origin),
                phrased_forms[0] if phrased_forms else (),
            )
        )
    return concepts


def _strings(body: Mapping[str, Any], key: str, cid: Any, origin: str) -> list[str]:
    """A concept's list of strings under ``key`` (a single string is a list of one)."""
    value = body.get(key, [])
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ValueError(f"{origin}: concept {cid!r}: `{key}:` must be a list of strings")
    return value


def _cue(body: Mapping[str, Any], cid: Any, origin: str) -> str:
    value = body.get("cue", "")
    if value and value not in CUE_KINDS:
        raise ValueError(f"{origin}: concept {cid!r}: `cue:` must be one of {', '.join(CUE_KINDS)}")
    return str(value)


_LEVELS = ("country", "region", "province", "city", "site")


def _place(body: Mapping[str, Any], cid: Any, origin: str) -> Place | None:
    value = body.get("place")
    if value is None:
        return None
    if not isinstance(value, Mapping) or value.get("level") not in _LEVELS:
        raise ValueError(f"{origin}: concept {cid!r}: `place:` needs a level ({', '.join(_LEVELS)})")
    ar = _lexemes([" ".join(value.get("ar", []))])
    en = _lexemes([" ".join(value.get("en", []))], english=True)
    return Place(value["level"], ar[0] if ar else (), en[0] if en else ())


@lru_cache(maxsize=1)
def _builtin() -> tuple[Concept, ...]:
    text = (files("factcheck") / "data" / "lexicon.yaml").read_text(encoding="utf-8")
    return tuple(_parse(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), "lexicon.yaml"))


@lru_cache(maxsize=1)
def load_concepts() -> ConceptLexicon:
    """The built-in concept lexicon."""
    return ConceptLexicon(_builtin())
