"""Negation and denial cues, and the stretch of text each one governs.

Fuzzy matching cannot see negation (``partial_ratio('لم تنسحب القوات',
'انسحبت القوات')`` is 92), so polarity is decided separately: find the cues in a
text, work out what each one scopes over, and let a cue count only when its
scope covers words that matched the claim. Expressions that look negative but
are not (ما زال "still", لا سيما "especially", إلا أن "however", لا يتجاوز "at
most", غير + adjective as in مهام غير قتالية "non-combat missions") are masked
before cues are looked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from factcheck.normalize import Token, normalize


class CueKind(StrEnum):
    NEGATION = "negation"  # لم / لا / ليس ... before what it negates
    DENIAL = "denial"  # نفى / كذب / رفض / شكك ... before what is denied
    REBUTTAL = "rebuttal"  # غير صحيح / عار عن الصحة ... after what is rebutted
    FRAMING = "framing"  # شكلي / صوري / بين الواقع والخيال ... after what it calls unreal


@dataclass(frozen=True)
class Cue:
    kind: CueKind
    text: str  # as written
    first: int  # token index of the cue's first token
    last: int  # token index of the cue's last token
    scope: tuple[int, int]  # token indexes [start, end) the cue governs


def _norm_all(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


def _phrases(*items: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases indexed by their first word, longest first, so lookup costs one dict access per token."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for item in items:
        phrase = tuple(normalize(w) for w in item.split())
        if phrase not in by_first.setdefault(phrase[0], []):
            by_first[phrase[0]].append(phrase)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


# Fixed expressions containing a negative particle that assert, not deny.
NOT_NEGATION = _phrases(
    "ما زال",
    "ما زالت",
    "ما زالوا",
    "ما يزال",
    "ما تزال",
    "لا يزال",
    "لا تزال",
    "لا يزالون",
    "لا زال",
    "لا زالت",
    "لم يزل",
    "لم تزل",
    "ما برح",
    "ما فتئ",
    "لا سيما",
    "ولا سيما",
    "لا بد",
    "لابد",
    "لا شك",
    "لا ريب",
    "إلا أن",
    "الا ان",
    "غير أن",
    "إلا",
    "ما لم",
    "لا يتجاوز",
    "لا يزيد",
    "لا يقل",
    "ليس فقط",
    "لا فقط",
    "not only",
    "no longer than",
    "no more than",
    "no fewer than",
    "no less than",
    "not more than",
    "not less than",
)
# Particles negating what follows (within a few words).
NEGATORS = _norm_all(
    "لم لن لا ليس ليست ليسوا لست لسنا لستم عدم بعدم وعدم بدون دون ولم ولن ولا وليس فلم فلن فلا "
    "not no never without none neither nor cannot can't won't didn't doesn't don't isn't aren't wasn't weren't "
    "hasn't haven't hadn't"
)
# Verbs and nouns of denial governing the rest of their clause.
DENIALS = _norm_all(
    "نفى نفت ينفي تنفي نفوا ينفون نفي نفيه ونفى ونفت وينفي وتنفي ونفي ينف تنف ينفوا "  # jussive after لم: لم ينفِ
    "كذب كذبت يكذب تكذب تكذيب وكذب وكذبت أنكر أنكرت ينكر تنكر إنكار وأنكر وأنكرت "
    "رفض رفضت يرفض ترفض رفضه ورفض ورفضت دحض دحضت يدحض "
    "شكك شككت يشكك تشكك تشكيك التشكيك وشكك وتشكك ويشكك "
    "deny denies denied denying denial reject rejects rejected refute refutes refuted dismiss dismissed "
    "refuse refuses refused refusing"
)
# Phrases rebutting what precedes them in the clause.
REBUTTALS = _phrases(
    "غير صحيح",
    "غير صحيحة",
    "غير دقيق",
    "غير دقيقة",
    "غير حقيقي",
    "غير حقيقية",
    "عار عن الصحة",
    "عارية عن الصحة",
    "عار من الصحة",
    "لا أساس له من الصحة",
    "لا أساس لها من الصحة",
    "لا أساس له",
    "لا صحة له",
    "لا صحة لها",
    "مزاعم",
    "ادعاءات",
    "شائعات",
    "إشاعات",
    "كاذب",
    "كاذبة",
    "مفبرك",
    "مفبركة",
    "أكاذيب",
    "untrue",
    "not true",
    "false",
    "baseless",
    "inaccurate",
    "unfounded",
)
# Counter-narrative framing: words that call what precedes them unreal without a
# negation word ("انسحاب شكلي", a nominal withdrawal). A curated list; the
# militia counter-narrative in Iraqi news is the reason it exists. A claims file adds more (lexicon: framing:).
FRAMINGS = _phrases(
    "شكلي",
    "شكلية",
    "شكليا",
    "صوري",
    "صورية",
    "صوريا",
    "وهمي",
    "وهمية",
    "مزعوم",
    "مزعومة",
    "مسرحية",
    "بين الواقع والخيال",
    "حبر على ورق",
    "ذر للرماد في العيون",
    "ذر الرماد في العيون",
    "nominal",
    "cosmetic",
    "sham",
    "fake",
    "bogus",
    "illusory",
)


@dataclass(frozen=True)
class CueWords:
    """The cue vocabulary in use: the built-in lists above, plus what a claims file adds."""

    denials: frozenset[str]
    rebuttals: dict[str, tuple[tuple[str, ...], ...]]
    framings: dict[str, tuple[tuple[str, ...], ...]]


BUILTIN_CUE_WORDS = CueWords(DENIALS, REBUTTALS, FRAMINGS)
_active = BUILTIN_CUE_WORDS


def cue_words(framing: Sequence[str] = (), denial: Sequence[str] = (), rebuttal: Sequence[str] = ()) -> CueWords:
    """The built-in cue words extended with a claims file's ``lexicon:`` entries.

    ``framing`` and ``rebuttal`` are phrases that call what precedes them unreal
    or untrue ("انسحاب تكتيكي" → "تكتيكي"); ``denial`` words deny what follows them.
    """
    if not (framing or denial or rebuttal):
        return BUILTIN_CUE_WORDS

    def merged(table: dict[str, tuple[tuple[str, ...], ...]], extra: Sequence[str]) -> dict:
        phrases = [" ".join(p) for group in table.values() for p in group]
        return _phrases(*phrases, *extra)

    return CueWords(
        DENIALS | {normalize(w) for w in denial},
        merged(REBUTTALS, rebuttal),
        merged(FRAMINGS, framing),
    )


def use_cue_words(words: CueWords) -> None:
    """Make ``words`` the vocabulary ``find_cues`` uses (a Corpus does this for its claims file)."""
    global _active
    _active = words


def active_cue_words() -> CueWords:
    return _active


NEGATION_WINDOW = 3  # words a particle governs
CLAUSE_WINDOW = 14  # words a denial verb or a rebuttal governs
_CLAUSE_BREAKS = frozenset({".", "!", "?", ";", ":"})
# A denial's object follows it directly; after a comma a new clause usually starts
# ("ترفض التخلي عن سلاحها، وتلوّح باستهداف ..." refuses the first, not the second).
_FORWARD_BREAKS = _CLAUSE_BREAKS | {","}
# A rebuttal ("... غير صحيح") reaches back only to the complementizer that opens
# the reported content: in "X قال إن Y غير صحيح" it is Y that is untrue, not X's saying it.
# English often drops "that" after a verb of saying ("a member said talk of a withdrawal is untrue"):
# the verb itself then opens the reported content.
_COMPLEMENTIZERS = frozenset(
    normalize(w)
    for w in (
        "إن أن بأن إنه أنه بأنه إنها أنها بأنها that said says say told claimed claims stated insisted added"
    ).split()
)


def without_conjunction(norm: str) -> str:
    """The word without a leading و/ف ("and", "so"), which attaches to any word."""
    return norm[1:] if len(norm) > 2 and norm[0] in "وف" else norm


def _match_at(tokens: Sequence[Token], i: int, phrase: tuple[str, ...]) -> bool:
    """Does ``phrase`` start at token ``i``? Its first word may carry و/ف (وغير صحيح)."""
    if i + len(phrase) > len(tokens):
        return False
    first = tokens[i].norm
    if first != phrase[0] and without_conjunction(first) != phrase[0]:
        return False
    return all(tokens[i + k].norm == phrase[k] for k in range(1, len(phrase)))


def _starting_at(table: dict[str, tuple[tuple[str, ...], ...]], norm: str) -> tuple[tuple[str, ...], ...]:
    """Candidate phrases for a token, with and without its conjunction."""
    bare = without_conjunction(norm)
    return table.get(norm, ()) + (table.get(bare, ()) if bare != norm else ())


def _forward_scope(tokens: Sequence[Token], after: int, words: int) -> tuple[int, int]:
    end, seen = after, 0
    while end < len(tokens) and seen < words:
        if tokens[end].norm in _FORWARD_BREAKS:
            break
        if tokens[end].is_word:
            seen += 1
        end += 1
    return after, end


def _backward_scope(tokens: Sequence[Token], before: int, words: int) -> tuple[int, int]:
    start, seen = before, 0
    while start > 0 and seen < words:
        if tokens[start - 1].norm in _CLAUSE_BREAKS or tokens[start - 1].norm in _COMPLEMENTIZERS:
            break
        start -= 1
        if tokens[start].is_word:
            seen += 1
    return start, before


def _after_phrase(tokens: Sequence[Token], i: int) -> tuple[CueKind, int] | None:
    """A rebuttal or framing phrase starting at token ``i``: its kind and last token index."""
    for table, kind in ((_active.rebuttals, CueKind.REBUTTAL), (_active.framings, CueKind.FRAMING)):
        phrase = next((p for p in _starting_at(table, tokens[i].norm) if _match_at(tokens, i, p)), None)
        if phrase is not None:
            return kind, i + len(phrase) - 1
    return None


def _undone(tokens: Sequence[Token], after: int) -> int | None:
    """A rebuttal or framing phrase a negator starting before ``after`` undoes: its last token index.

    "ليس شكليا" and "ليس انسحابا شكليا" (not a nominal withdrawal) affirm; the
    phrase must sit inside the particle's own short scope.
    """
    start, end = _forward_scope(tokens, after, NEGATION_WINDOW)
    for k in range(start, end):
        found = _after_phrase(tokens, k)
        if found is not None:
            return found[1]
    return None


def find_cues(tokens: Sequence[Token], masked: Sequence[tuple[int, int]] = ()) -> list[Cue]:
    """Negation, denial and rebuttal cues in ``tokens``, skipping token ranges in ``masked``.

    ``masked`` holds [start, end) token ranges already explained (quantity phrases
    like لا يتجاوز عددهم 9). A negator directly before a denial verb cancels it
    (لم ينفِ "did not deny"), giving no cue at all.
    """
    blocked = [False] * len(tokens)
    for start, end in masked:
        for k in range(max(start, 0), min(end, len(tokens))):
            blocked[k] = True
    i = 0
    while i < len(tokens):
        for phrase in _starting_at(NOT_NEGATION, tokens[i].norm):
            if _match_at(tokens, i, phrase):
                for k in range(i, i + len(phrase)):
                    blocked[k] = True
                i += len(phrase) - 1
                break
        i += 1
    cues: list[Cue] = []
    i = 0
    while i < len(tokens):
        if blocked[i]:
            i += 1
            continue
        after = _after_phrase(tokens, i)
        if after is not None:
            kind, last = after
            text = " ".join(t.text for t in tokens[i : last + 1])
            cues.append(Cue(kind, text, i, last, _backward_scope(tokens, i, CLAUSE_WINDOW)))
            i = last + 1
            continue
        norm = tokens[i].norm
        if norm in _active.denials:
            cues.append(Cue(CueKind.DENIAL, tokens[i].text, i, i, _forward_scope(tokens, i + 1, CLAUSE_WINDOW)))
        elif norm in NEGATORS:
            nxt = i + 1
            if nxt < len(tokens) and tokens[nxt].norm in _active.denials:
                i = nxt + 1  # double negation: "did not deny"
                continue
            cancelled = _undone(tokens, nxt)
            if cancelled is not None:
                i = cancelled + 1  # "ليس انسحابا شكليا", "not untrue": the negator undoes the rebuttal
                continue
            cues.append(Cue(CueKind.NEGATION, tokens[i].text, i, i, _forward_scope(tokens, i + 1, NEGATION_WINDOW)))
        i += 1
    return cues


def governing(cues: Sequence[Cue], positions: Sequence[int], tokens: Sequence[Token] | None = None) -> list[Cue]:
    """The cues that govern at least one of the token ``positions``.

    A denial or rebuttal governs its whole clause. A negative particle governs
    the word it negates (its head, the first word after it): "لن تكون هناك قوات
    قتالية" negates being there, not the forces, so it says nothing against a
    claim that the forces leave. ``tokens`` are needed to find the head; without
    them the particle's whole window counts.
    """
    wanted = set(positions)
    out = []
    for c in cues:
        if c.kind is CueKind.NEGATION and tokens is not None:
            if head(c, tokens) in wanted:
                out.append(c)
        elif any(c.scope[0] <= p < c.scope[1] for p in wanted):
            out.append(c)
    return out


def is_negated(cues: Sequence[Cue], positions: Sequence[int], tokens: Sequence[Token] | None = None) -> bool:
    """Any governing cue negates.

    Cues do not cancel by count: "شكلي وغير حقيقي" rebuts twice, it does not
    affirm. The real double negatives (لم ينفِ "did not deny", ليس شكليا "not
    nominal") are resolved where cues are found.
    """
    return bool(governing(cues, positions, tokens))


def head(cue: Cue, tokens: Sequence[Token]) -> int | None:
    """The word a negative particle negates: the first word in its scope."""
    return next((k for k in range(cue.scope[0], cue.scope[1]) if tokens[k].is_word), None)


# Heads of an existential negation: "لا توجد قوات"، "لم تعد هناك قوات"، "لن تكون هناك قوات"، "لم يبقَ فيها قوات".
EXISTENTIAL_HEADS = frozenset(
    normalize(w)
    for w in "يوجد توجد يوجدون وجود تعد يعد تعود يعود تكون يكون يكونوا كان كانت هناك ثمة يبق تبق يتبق تتبق".split()
)
EXISTENT_WINDOW = 5  # words after an existential head in which the denied existent stands
_EXISTENT_BREAKS = _FORWARD_BREAKS | {"،"}


def existents(cue: Cue, tokens: Sequence[Token]) -> range:
    """After a negated existential head ("لا توجد"), the words naming what does not exist (empty otherwise)."""
    if cue.kind is not CueKind.NEGATION:
        return range(0)
    k = head(cue, tokens)
    if k is None or tokens[k].norm not in EXISTENTIAL_HEADS:
        return range(0)
    end = k + 1
    while end < len(tokens) and end <= k + EXISTENT_WINDOW and tokens[end].norm not in _EXISTENT_BREAKS:
        end += 1
    return range(k + 1, end)


def governed_indexes(cues: Sequence[Cue], tokens: Sequence[Token]) -> set[int]:
    """Token indexes the cues govern: a particle its head word (and, after an existential
    head, what is said not to exist), other cues their whole scope."""
    out: set[int] = set()
    for c in cues:
        if c.kind is CueKind.NEGATION:
            h = head(c, tokens)
            if h is not None:
                out.add(h)
            out.update(k for k in existents(c, tokens) if tokens[k].is_word)
        else:
            out.update(k for k in range(*c.scope) if tokens[k].is_word)
    return out


def cue_token_indexes(cues: Sequence[Cue]) -> set[int]:
    return {k for c in cues for k in range(c.first, c.last + 1)}
