"""Opposite words: contradictions carried by a word swap rather than a negation.

News headlines often contradict each other without a negation word: one says
prices *rose*, the other that they *fell*; one that troops *withdrew*, the other
that they *stayed*. ``data/opposites.yaml`` lists groups of mutually opposite
words (each side with the inflected forms news uses, in Arabic and English) and
``OppositeLexicon.find`` reports the swaps between a claim and a source text.

Lookup is by match keys (normalised form, Snowball stem, clitic-stripped forms)
so وارتفاع, بارتفاع, الارتفاع and ارتفعت reach the ارتفاع entry; only keys of
three letters or more are used, and a word whose own normalised form is an entry
is looked up under that form alone. Everything is indexed once at load: a lookup
is a dict access, memoised per normalised word.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from itertools import chain, compress
from typing import Any, NamedTuple

import yaml

from factcheck.normalize import WORD_KEYS, Token, is_arabic, match_keys, normalize, norms, strip_diacritics

__all__ = ["OppositeLexicon", "Opposition", "load_opposites"]

MIN_KEY = 3  # shortest key (in letters) through which a word may reach an entry
PHRASE_JOIN = "_"  # joins the words of a multi-word entry: إطلاق_سراح, pull_out


@dataclass(frozen=True)
class Opposition:
    """One swap: a claim word whose opposite stands in the source."""

    claim_word: str  # as written in the claim text
    source_word: str  # as written in the source text
    claim_index: int  # token index in tokenize(claim_text)
    source_index: int  # token index in tokenize(source_text)
    group: str  # a readable label of the pair, e.g. "ارتفاع ↔ انخفاض"


# --------------------------------------------------------------------------- word forms
# Pronoun suffixes after which a feminine ت stands for ة (موافقته → موافقة).
_PRONOUNS = ("هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ك")
_FUTURE_VERB = ("سي", "ست", "سن", "سا")  # سيرتفع, ستنخفض


@lru_cache(maxsize=65536)  # ``ta_marbuta`` is always given: a call without it would be a second memo entry
def _candidates(norm: str, ta_marbuta: bool) -> tuple[str, ...]:
    """Keys (three letters or more) under which a normalised word is looked up.

    ``match_keys`` strips one proclitic and one suffix; news Arabic also stacks a
    conjunction on a preposition (وبارتفاع), puts the future marker on verbs
    (سيرتفع), writes the plural verb ending ـوا (انسحبوا) and turns ة into ت before
    a pronoun (موافقته). Three kinds of key are dropped because they mostly land on
    an unrelated word: the word without a final ة when the text wrote ة (رحلة is
    not رحل, هوية not هوى), a three-letter word without a plural ـات (فقرات is not
    فقر), and the word without ك, or without ف when three letters remain (كميات,
    فيصل), since those letters begin far more words than they prefix.
    """
    if not is_arabic(norm):
        return tuple(k for k in match_keys(norm) if len(k) >= MIN_KEY)
    # Each form's match keys from the archive-wide memo (``WORD_KEYS``): the forms are words of the sources.
    forms = [norm]
    if norm[:1] in ("و", "ف") and len(norm) > 4:
        forms.append(norm[1:])
    forms += [f[1:] for f in forms if f.startswith(_FUTURE_VERB) and len(f) > 4]
    keys: set[str] = set()
    for form in forms:
        keys.update(WORD_KEYS[form] or ())
        if form.endswith("وا") and len(form) >= 5:
            keys.add(form[:-2])
        for suffix in _PRONOUNS:
            base = form[: -len(suffix)]
            if form.endswith(suffix) and len(base) >= 4:
                if base.endswith("ت"):
                    keys.add(base[:-1] + "ه")
                break
    if (norm[:1] == "ك" and not norm.startswith("كال")) or (norm[:1] == "ف" and len(norm) <= 4):
        keys -= set(WORD_KEYS[norm[1:]] or ()) - {norm}
    return tuple(
        k
        for k in keys
        if len(k) >= MIN_KEY
        and not (ta_marbuta and (norm.endswith(k + "ه") or norm.endswith(k + "يه")))
        and not (len(k) == 3 and norm.endswith(k + "ات"))
    )


def _ends_in_ta_marbuta(text: str) -> bool:
    """Whether a word as written ends in ة (ignoring tashkeel after it)."""
    return text.endswith("ة") or (not text[-1:].isalpha() and strip_diacritics(text).endswith("ة"))


def _plain_keys(norm: str) -> frozenset[str]:
    """The keys two words must share to count as the same word (see normalize.match_keys)."""
    return match_keys(norm)


def _entry_words(entry: str) -> tuple[str, ...]:
    """An entry as normalised words: ``إطلاق_سراح`` → ("اطلاق", "سراح")."""
    return tuple(normalize(w) for w in entry.replace(PHRASE_JOIN, " ").split())


# --------------------------------------------------------------------------- the lexicon
@dataclass(frozen=True, slots=True)
class _Family:
    """The forms of one lexeme on one side of a group (ارتفاع ارتفع يرتفع ...)."""

    head: str  # first form as written, used in labels
    side: int


@dataclass(frozen=True, slots=True)
class _Hit:
    """A lexicon entry found in a text."""

    index: int  # first token
    text: str  # the words as written
    families: frozenset[int]
    sides: frozenset[int]
    keys: tuple[frozenset[str], ...]  # plain match keys of each word
    arabic: bool


class KnownReading(NamedTuple):
    """What is known of a text before the lexicon reads it: its ``loud_positions`` and every word's
    match keys (a judged sentence's, kept with its facts and worked out for matching)."""

    loud: Sequence[int]
    keys: frozenset[str]


@dataclass(slots=True)
class _TextInfo:
    """What the plain-match test needs to know about the other text."""

    keys: set[str] | frozenset[str]
    families: set[int]
    sides_ar: set[int]
    sides_en: set[int]


_Phrase = tuple[tuple[str, ...], int]  # the words after the first, and the family
_Lookup = tuple[frozenset[int], tuple[_Phrase, ...]]  # a word's families and the phrases it may open
_NO_FAMILIES: frozenset[int] = frozenset()
_NO_ENTRY: _Lookup = (_NO_FAMILIES, ())  # what most words are: one shared answer, not one per word


_READ_CACHE_SIZE = 20000  # texts whose reading is remembered before the memory is cleared
_NAME_RESTS_SIZE = 200_000  # words whose names ``_skip_name`` remembers before the memory is cleared
_WORD_MEMO_SIZE = 200_000  # words whose entries (and whether they are any) are remembered before clearing


class OppositeLexicon:
    """Groups of mutually opposite words, indexed by normalised form."""

    def __init__(self, groups: Iterable[Sequence[Sequence[str]]], names: Iterable[str] = ()) -> None:
        """``groups``: each a list of sides, each side a list of families, each family a string of forms.

        ``names``: names whose words are never read as entries (الشرق_الأوسط, فيصل).
        """
        self._families: list[_Family] = []
        # id of a text's tokens -> (the tokens, kept so the id is not reused; its hits; what ``_present`` needs)
        self._reads: dict[int, tuple[Sequence[Token], list[_Hit], _TextInfo | None]] = {}
        # By ``ta_marbuta``: words that are no entry, open no phrase and begin no name.
        self._quiet: tuple[set[str], set[str]] = (set(), set())
        self._name_rests: dict[str, tuple[tuple[str, ...], ...]] = {}  # word -> the rests of names it may begin
        self._forms_by_family: dict[int, frozenset[str]] | None = None
        self._side_group: list[int] = []
        self._group_sides: list[tuple[int, ...]] = []
        self._words: dict[str, set[int]] = {}
        self._phrases: dict[str, list[_Phrase]] = {}
        self._names: dict[str, list[tuple[str, ...]]] = {}
        self._names_single: set[str] = set()
        self._cache: tuple[dict[str, _Lookup], dict[str, _Lookup]] = ({}, {})  # by ``ta_marbuta``: word -> entry
        for sides in groups:
            self._add_group(sides)
        for name in names:
            words = _entry_words(name)
            if len(words) >= 2:
                self._names.setdefault(words[0], []).append(words[1:])
            elif words:
                self._names_single.add(words[0])
        for rests in self._names.values():
            rests.sort(key=len, reverse=True)
        self._opposite: list[frozenset[int]] = [
            frozenset(s for s in self._group_sides[g] if s != side) for side, g in enumerate(self._side_group)
        ]

    def _add_group(self, sides: Sequence[Sequence[str]]) -> None:
        group = len(self._group_sides)
        side_ids = []
        for families in sides:
            side = len(self._side_group)
            self._side_group.append(group)
            side_ids.append(side)
            for family in families:
                forms = family.split()
                if not forms:
                    continue
                fid = len(self._families)
                self._families.append(_Family(forms[0].replace(PHRASE_JOIN, " "), side))
                for form in forms:
                    words = _entry_words(form)
                    if not words or not any(len(w) >= MIN_KEY for w in words):
                        continue  # too short to match safely
                    if len(words) == 1:
                        self._words.setdefault(words[0], set()).add(fid)
                    else:
                        self._phrases.setdefault(words[0], []).append((words[1:], fid))
        self._group_sides.append(tuple(side_ids))

    # ----------------------------------------------------------------------- lookups
    def __len__(self) -> int:
        """Number of groups."""
        return len(self._group_sides)

    def _entry(self, norm: str, ta_marbuta: bool = False) -> _Lookup:
        """Families of a single word, and phrases it may start; memoised."""
        memo = self._cache[ta_marbuta]
        found = memo.get(norm)
        if found is None:
            if len(memo) >= _WORD_MEMO_SIZE:
                memo.clear()
            found = memo[norm] = self._lookup(norm, ta_marbuta)
        return found

    def _lookup(self, norm: str, ta_marbuta: bool) -> _Lookup:
        if len(norm) < MIN_KEY:  # a short word may still open a phrase (في_موعده), by exact form only
            return _NO_FAMILIES, tuple(self._phrases.get(norm, ()))
        if norm in self._words or norm in self._phrases:
            keys: tuple[str, ...] = (norm,)
        else:
            keys = _candidates(norm, ta_marbuta)
        if norm in self._names_single or any(k in self._names_single for k in keys):
            return _NO_FAMILIES, ()
        families: set[int] = set()
        phrases: list[_Phrase] = []
        for key in keys:
            families.update(self._words.get(key, ()))
            phrases.extend(self._phrases.get(key, ()))
        if not families and not phrases:
            return _NO_ENTRY
        phrases.sort(key=lambda p: -len(p[0]))
        return frozenset(families), tuple(phrases)

    def _sides(self, families: Iterable[int]) -> frozenset[int]:
        return frozenset(self._families[f].side for f in families) if families else _NO_FAMILIES

    def sides_of(self, norm: str) -> frozenset[int]:
        """Ids of the sides a normalised word stands on (empty when it is no entry)."""
        return self._sides(self._entry(norm)[0])

    def lexeme_forms(self, norm: str) -> frozenset[str]:
        """The other one-word forms of the lexemes ``norm`` belongs to (ارتفاع → ارتفع، يرتفع، ...).

        Only forms of the same word: near-synonyms on the same side (انسحاب / خروج)
        drift too far in meaning to count as the claim's word.
        """
        if self._forms_by_family is None:
            by_family: dict[int, set[str]] = {}
            for word, fids in self._words.items():
                for fid in fids:
                    by_family.setdefault(fid, set()).add(word)
            self._forms_by_family = {k: frozenset(v) for k, v in by_family.items()}
        families, _ = self._entry(norm)
        return frozenset().union(*(self._forms_by_family.get(f, frozenset()) for f in families))

    def opposite_sides(self, side: int) -> frozenset[int]:
        """The sides opposed to ``side``."""
        return self._opposite[side]

    def related_sides(self, norm: str) -> frozenset[int]:
        """Sides a word stands on together with their opposite sides: what a text "about" it may use."""
        sides = self.sides_of(norm)
        return sides.union(*(self._opposite[s] for s in sides))

    def opposed(self, a_norm: str, b_norm: str) -> bool:
        """Whether two normalised words stand on opposite sides of some group."""
        a_sides, b_sides = self.sides_of(a_norm), self.sides_of(b_norm)
        return any(self._opposite[s] & b_sides for s in a_sides)

    # ----------------------------------------------------------------------- texts
    @staticmethod
    def _follows(tokens: Sequence[Token], start: int, words: Sequence[str]) -> int | None:
        """End index when ``words`` follow ``start`` (hyphens skipped), else None."""
        i = start
        for word in words:
            while i < len(tokens) and tokens[i].norm == "-":
                i += 1
            if i >= len(tokens):
                return None
            norm = tokens[i].norm
            if norm != word and word not in _candidates(norm, False):
                return None
            i += 1
        return i

    def _scan(self, tokens: Sequence[Token], loud: Sequence[int] | None = None) -> tuple[list[_Hit], set[int]]:
        """Entries found in a text, longest match first, and the token indices phrases cover.

        ``loud``: the positions ``loud_positions`` gave for these tokens, the only ones looked at.
        """
        hits: list[_Hit] = []
        covered: set[int] = set()
        after = 0  # the tokens before it are part of a name or phrase already read
        for i in range(len(tokens)) if loud is None else loud:
            if i < after or (loud is None and not self._is_loud(tokens[i])):
                continue
            tok = tokens[i]
            end = self._skip_name(tokens, i)
            if end is not None:
                after = end
                continue
            families, phrases = self._entry(tok.norm, _ends_in_ta_marbuta(tok.text))
            for rest, fid in phrases:
                end = self._follows(tokens, i + 1, rest)
                if end is not None:
                    words = [t for t in tokens[i:end] if t.norm != "-"]
                    hits.append(
                        _Hit(
                            i,
                            " ".join(t.text for t in words),
                            frozenset((fid,)),
                            self._sides((fid,)),
                            tuple(_plain_keys(t.norm) for t in words),
                            is_arabic(tok.norm),
                        )
                    )
                    covered.update(range(i, end))
                    after = end
                    break
            else:
                if families:
                    hits.append(
                        _Hit(
                            i,
                            tok.text,
                            families,
                            self._sides(families),
                            (_plain_keys(tok.norm),),
                            is_arabic(tok.norm),
                        )
                    )
        return hits, covered

    def _is_loud(self, tok: Token) -> bool:
        """Whether ``_scan`` must look at a token: a word, not a number, that is an entry, opens a phrase
        or begins a name."""
        norm = tok.norm
        quiet = self._quiet
        # Quiet however the word ends: a word that is no entry when its final ه may stand for ة is no
        # entry when it may not either (``_candidates`` only drops keys then).
        if norm in quiet[False] or not tok.is_word or tok.is_number:
            return False
        ta_marbuta = _ends_in_ta_marbuta(tok.text)
        return not (norm in quiet[ta_marbuta] or self._is_quiet(norm, ta_marbuta))

    def loud_positions(self, tokens: Sequence[Token]) -> tuple[int, ...]:
        """The positions of the tokens a reading of the text looks at (``find``): most words of a
        sentence are no entry, and a sentence's loud positions, kept with its facts, spare judging
        the look at every word."""
        return tuple(compress(range(len(tokens)), map(self._is_loud, tokens)))

    def _is_quiet(self, norm: str, ta_marbuta: bool) -> bool:
        """Whether a word (a word token's match form) is no entry, opens no phrase and begins no name:
        such a word is passed over without looking it up again."""
        if self._name_rests_of(norm) or self._entry(norm, ta_marbuta) is not _NO_ENTRY:
            return False
        quiet = self._quiet[ta_marbuta]
        if len(quiet) >= _WORD_MEMO_SIZE:
            quiet.clear()
        quiet.add(norm)
        return True

    def _read(self, tokens: Sequence[Token], known: KnownReading | None = None) -> tuple[list[_Hit], _TextInfo | None]:
        """``_scan`` and ``_info`` of a text, remembered: the same sentence is read for many claims.

        A text is remembered by its tokens object, so an equal text given as another object is
        read again (with the same result). ``_info`` is left out (None) when the text has no hits:
        ``find`` needs it only then.
        """
        cached = self._reads.get(id(tokens))
        if cached is None or cached[0] is not tokens:
            hits, covered = self._scan(tokens, known.loud if known else None)
            keys = known.keys if known and not covered else None
            cached = (tokens, hits, self._info(tokens, hits, covered, keys) if hits else None)
            if len(self._reads) > _READ_CACHE_SIZE:
                self._reads.clear()
            self._reads[id(tokens)] = cached
        return cached[1], cached[2]

    def forget(self, tokens: Sequence[Token]) -> None:
        """Drop the remembered reading of a text no claim will be judged against again."""
        cached = self._reads.get(id(tokens))
        if cached is not None and cached[0] is tokens:
            del self._reads[id(tokens)]

    def _name_rests_of(self, norm: str) -> tuple[tuple[str, ...], ...]:
        """The rests of the names a word may begin, looked up once per word."""
        rests = self._name_rests.get(norm)
        if rests is None:
            found = self._names.get(norm)
            if found is None:
                for key in _candidates(norm, False):
                    found = self._names.get(key)
                    if found:
                        break
            if len(self._name_rests) >= _NAME_RESTS_SIZE:
                self._name_rests.clear()
            rests = self._name_rests[norm] = tuple(found or ())
        return rests

    def _skip_name(self, tokens: Sequence[Token], i: int) -> int | None:
        for rest in self._name_rests_of(tokens[i].norm):
            end = self._follows(tokens, i + 1, rest)
            if end is not None:
                return end
        return None

    @staticmethod
    def _info(
        tokens: Sequence[Token], hits: Sequence[_Hit], covered: set[int], keys: frozenset[str] | None = None
    ) -> _TextInfo:
        """``keys``: every word's match keys, when known (``KnownReading``) and no phrase covers a word."""
        if keys is None:
            # ``_plain_keys`` of the words outside phrases, from the archive-wide memo (no entry is a number)
            words = [t.norm for j, t in enumerate(tokens) if j not in covered] if covered else norms(tokens)
            keys = frozenset(chain.from_iterable(filter(None, map(WORD_KEYS.__getitem__, words))))
        info = _TextInfo(keys, set(), set(), set())
        for hit in hits:
            info.families.update(hit.families)
            (info.sides_ar if hit.arabic else info.sides_en).update(hit.sides)
        return info

    @staticmethod
    def _present(hit: _Hit, other: _TextInfo) -> bool:
        """Whether the other text has the same word: a shared match key or the same lexeme."""
        return all(k & other.keys for k in hit.keys) or bool(hit.families & other.families)

    @staticmethod
    def _translated(hit: _Hit, other: _TextInfo) -> set[int]:
        """Sides the other text reaches in the other language (rose ~ ارتفاع for a claim in English)."""
        return other.sides_en if hit.arabic else other.sides_ar

    def _label(self, claim: _Hit, source: _Hit, claim_info: _TextInfo, source_info: _TextInfo) -> str | None:
        """``claim head ↔ source head`` for the first opposed pair of families, or None.

        Across languages a side also counts as present when the other text has any
        word on it, since the two words can then not be compared by form.
        """
        claim_has = self._translated(source, claim_info)
        source_has = self._translated(claim, source_info)
        for cf in sorted(claim.families):
            a = self._families[cf].side
            if a in source_has:
                continue
            opposite = self._opposite[a]
            for sf in sorted(source.families):
                b = self._families[sf].side
                if b in opposite and b not in claim_has:
                    return f"{self._families[cf].head} ↔ {self._families[sf].head}"
        return None

    def find(
        self, claim_tokens: Sequence[Token], source_tokens: Sequence[Token], source: KnownReading | None = None
    ) -> list[Opposition]:
        """Swaps between claim and source: opposite words neither of which the other text also has.

        A claim word counts only when the source has no plain match for it (shared
        match key or same lexeme) and vice versa, so a source that says both
        (ارتفاع ثم انخفاض) is no swap. ``source``: what is known of the source text already.
        """
        claim_hits, claim_info = self._read(claim_tokens)
        if not claim_hits or claim_info is None:
            return []
        source_hits, source_info = self._read(source_tokens, source)
        if not source_hits or source_info is None:
            return []
        out: list[Opposition] = []
        for c in claim_hits:
            opposite = frozenset().union(*(self._opposite[side] for side in c.sides))
            if not opposite or self._present(c, source_info):
                continue
            for s in source_hits:
                if not (s.sides & opposite) or self._present(s, claim_info):
                    continue
                label = self._label(c, s, claim_info, source_info)
                if label is not None:
                    out.append(Opposition(c.text, s.text, c.index, s.index, label))
        return out


# --------------------------------------------------------------------------- loading
def _as_families(side: Any, origin: str) -> list[str]:
    """A side as family strings: one string (one lexeme) or a list of strings."""
    if isinstance(side, str):
        return [side]
    if isinstance(side, Sequence) and all(isinstance(f, str) for f in side):
        return list(side)
    raise ValueError(f"{origin}: a side must be a string of word forms or a list of such strings, got {side!r}")


def _groups_from_yaml(data: Any) -> tuple[list[list[list[str]]], list[str]]:
    if not isinstance(data, Mapping) or not isinstance(data.get("groups"), list):
        raise ValueError("opposites.yaml: expected a mapping with a `groups:` list")
    groups: list[list[list[str]]] = []
    for n, group in enumerate(data["groups"]):
        sides = group.get("sides") if isinstance(group, Mapping) else None
        if not isinstance(sides, list) or len(sides) < 2:
            raise ValueError(f"opposites.yaml: group {n} needs `sides:` with at least two sides")
        parsed = []
        for side in sides:
            if not isinstance(side, Mapping):
                raise ValueError(f"opposites.yaml: group {n}: each side is a mapping with `ar:` and/or `en:`")
            parsed.append(
                [
                    *_as_families(side.get("ar", []), "opposites.yaml"),
                    *_as_families(side.get("en", []), "opposites.yaml"),
                ]
            )
        groups.append(parsed)
    names = data.get("names") or []
    if not isinstance(names, list) or not all(isinstance(x, str) for x in names):
        raise ValueError("opposites.yaml: `names:` must be a list of strings")
    return groups, names


@lru_cache(maxsize=1)
def _builtin() -> tuple[tuple[tuple[tuple[str, ...], ...], ...], tuple[str, ...]]:
    text = (files("factcheck") / "data" / "opposites.yaml").read_text(encoding="utf-8")
    groups, names = _groups_from_yaml(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    return tuple(tuple(tuple(side) for side in g) for g in groups), tuple(names)


def _extra_groups(extra: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    groups = []
    for item in extra:
        if isinstance(item, str) or not isinstance(item, Sequence) or len(item) < 2:
            raise ValueError(f"opposites: each entry lists two or more opposite sides, got {item!r}")
        groups.append([_as_families(side, "opposites") for side in item])
    return groups


_DEFAULT: OppositeLexicon | None = None


def build_default() -> OppositeLexicon:
    """Parse data/opposites.yaml and index it (tens of milliseconds; see ``use_default``)."""
    groups, names = _builtin()
    return OppositeLexicon(groups, names)


def use_default(lexicon: OppositeLexicon) -> None:
    """Install an already built default lexicon (one read back from the analysis cache)."""
    global _DEFAULT
    _DEFAULT = lexicon


def _default_lexicon() -> OppositeLexicon:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = build_default()
    return _DEFAULT


def load_opposites(extra: Sequence[Sequence[str]] | None = None) -> OppositeLexicon:
    """The built-in lexicon (data/opposites.yaml) plus user groups; cached when ``extra`` is empty.

    Each extra group lists two or more mutually opposite sides; a side is a string
    of space-separated forms of one word (``"ارتفاع ارتفع يرتفع"``) or a list of such
    strings, and ``_`` joins the words of a multi-word expression (``إطلاق_سراح``).
    """
    if not extra:
        return _default_lexicon()
    groups, names = _builtin()
    return OppositeLexicon([*groups, *_extra_groups(extra)], names)
