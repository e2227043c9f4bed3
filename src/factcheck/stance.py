"""One sentence against one claim: supports, contradicts, or only mentions.

Contradiction is checked before support (a fuzzy match is never allowed to
outvote a number or a denial). A sentence contradicts when it matches a counter
phrasing, when its numbers for the same thing fall outside the claim's, or when
it negates or denies the matched proposition while the claim does not (or the
reverse: a claim that itself carries the denial is supported by the denial).
A claim with a number is only supported by a sentence that states a compatible
number for the same thing; otherwise the sentence merely mentions it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from factcheck.concepts import ConceptLexicon, load_concepts
from factcheck.dates import DateMention, compare_dates
from factcheck.match import STRICT_CREDIT, AnalysedSentence, CorpusIndex, PhrasingMatch, TermHit, score_phrasing
from factcheck.models import Evidence, EvidenceStance, Reason
from factcheck.normalize import Token, match_keys, normalize, token_span, tokenize
from factcheck.numbers import Qualifier, Quantity, compare
from factcheck.opposites import KnownReading, Opposition, load_opposites
from factcheck.polarity import Cue, CueKind, cue_token_indexes, existents, governing
from factcheck.query import Phrasing, Query, Term, date_frame_forms
from factcheck.verdict import part_reason


@dataclass(frozen=True)
class Thresholds:
    """Scores (0-100) a sentence needs: to count as on topic, and to take a side."""

    mention: float = 45.0
    stance: float = 60.0
    counter: float = 75.0  # counter phrasings are short and curated: most of their words must be there


def _quote(text: str) -> str:
    return f"«{text}»"


_COUNTABLE = ("cardinal", "ordinal")


def _same_kind(claim: Quantity, source: Quantity) -> bool:
    return claim.kind == source.kind or (claim.kind in _COUNTABLE and source.kind in _COUNTABLE)


def _as_count(claim: Quantity, source: Quantity) -> Quantity:
    """A source ordinal read against a claimed count: "the fourth round" means four so far.

    News names the latest event of a series ("the withdrawal began after the
    fourth round"), so the ordinal is the count reached when the article was
    written: it agrees with "four rounds" and "at least three", and rules out six.
    """
    if source.kind == "ordinal" and claim.kind == "cardinal":
        return dataclasses.replace(source, qualifier=Qualifier.EXACT)
    return source


def _unit_matches(index: CorpusIndex, unit: Term | None, source: Quantity) -> bool:
    """Does the source quantity count the same thing as the claim's (via its unit noun)?"""
    if unit is None or source.unit is None:
        return unit is None and source.unit is None
    words = [t.norm for t in tokenize(source.unit) if t.is_word]
    # Spelling neighbours only for the claim's own word, as in matching (``match._fuzzy``).
    return any(
        key in index.expand(claim_word, j == 0)
        for j, alt in enumerate(unit.alternatives)
        for claim_word in alt
        for word in words
        for key in match_keys(word)
    )


class _Value(Protocol):
    text: str
    start: int
    end: int


SlotCheck = tuple[str, list[Reason], list[tuple[int, int]]]


def _compare_slots(kind: str, items: list[tuple[str, list[tuple[str, _Value]]]], agreeing: set[str]) -> SlotCheck:
    """Each claimed value against the sentence's values of the same kind.

    ``items``: per claimed value, its text and the (verdict, source value) pairs.
    The outcome is 'differ' when some claimed value is contradicted and none of
    the sentence's agrees, 'unconfirmed' when one is neither confirmed nor
    contradicted, 'agree' otherwise ('none' without claimed values); with the
    reasons and the source spans compared.
    """
    if not items:
        return "none", [], []
    reasons: list[Reason] = []
    spans: list[tuple[int, int]] = []
    outcome = "agree"
    # A source value that agrees with one claimed value is accounted for: it cannot
    # also contradict another ("by the end of 2021" is the deadline, not the 26 July
    # agreement date).
    # The same for one that may be another claimed value ("31 December of this month" may be the
    # claimed end of 2021 when the year is unknown): it does not contradict the agreement date either.
    matched = {id(s) for _, verdicts in items for v, s in verdicts if v in agreeing or v == "mentions"}
    for claimed, verdicts in items:
        agree = next((s for v, s in verdicts if v in agreeing), None)
        # A value that may be the claimed one ("end of 2021" for "31 December") leaves it open:
        # another value in the sentence (the agreement's 26 July) is then about something else.
        maybe = next((s for v, s in verdicts if v == "mentions"), None)
        differ = next((s for v, s in verdicts if v == "contradicts" and id(s) not in matched), None)
        if maybe is not None and agree is None:
            differ = None
        if agree is not None:
            reasons.append(Reason(kind, f"{claimed} agrees with {_quote(agree.text)}"))
            spans.append((agree.start, agree.end))
        elif differ is not None:
            reasons.append(Reason(kind, f"{claimed} contradicted by {_quote(differ.text)}"))
            spans.append((differ.start, differ.end))
            outcome = "differ"
        else:
            if verdicts:
                near = verdicts[0][1]
                reasons.append(Reason(kind, f"{_quote(near.text)} neither confirms nor rules out {claimed}"))
                spans.append((near.start, near.end))
            else:
                reasons.append(Reason(kind, f"no {kind} for the same thing as {claimed}"))
            if outcome == "agree":
                outcome = "unconfirmed"
    return outcome, reasons, spans


def _check_numbers(index: CorpusIndex, m: PhrasingMatch, sentence: AnalysedSentence) -> SlotCheck:
    """The claim's figures against the sentence's figures for the same thing (same kind, same counted noun)."""
    items = []
    for q, unit in zip(m.phrasing.quantities, m.phrasing.unit_terms, strict=True):
        same = [s for s in sentence.quantities if _same_kind(q, s) and _unit_matches(index, unit, s)]
        items.append((q.text, [(compare(q, _as_count(q, s)), s) for s in same]))
    return _compare_slots("number", items, {"supports"})


def _check_dates(m: PhrasingMatch, sentence: AnalysedSentence) -> SlotCheck:
    """The claim's dates against the sentence's.

    A compatible date, even a coarser one ("July" for "26 July"), agrees; a
    different month or year for the same event differs; a sentence with no date
    leaves the claim's date unconfirmed.
    """
    near = _dates_near_event(m, sentence)
    deadline = _deadline_claimed(m)
    items = [(d.text, [(_date_verdict(d, s, deadline), s) for s in near]) for d in m.phrasing.dates]
    return _compare_slots("date", items, {"supports"})


# How far (in tokens) a date may stand from the claim's matched words and still date their event.
DATE_REACH = 15


def _dates_near_event(m: PhrasingMatch, sentence: AnalysedSentence) -> list[DateMention]:
    """The sentence's dates that stand near the claim's matched words.

    In "the parliament voted early in January 2020 to expel the forces, after the strike that
    killed Soleimani and al-Muhandis near Baghdad airport" the date is the vote's; the
    strike, twenty words on, is not dated by it.
    """
    if not sentence.dates or not m.phrasing.dates:
        return sentence.dates
    labels = {d.text for d in m.phrasing.dates}
    words = [p for h in m.hits if h.term.label not in labels for p in h.positions]
    if not words:
        return sentence.dates
    tokens = sentence.tokens
    near = []
    for d in sentence.dates:
        first, stop = token_span(tokens, d.start, d.end)
        if any(first - DATE_REACH <= p < stop + DATE_REACH for p in words):
            near.append(d)
    return near


def _another_time(m: PhrasingMatch, sentence: AnalysedSentence) -> bool:
    """Does the claim put its event in a year the sentence gives no date for?

    "US forces left Iraq in 2013" is not what a faction denies when it calls talk
    of a withdrawal untrue: a year alone says when the event happened, and a
    sentence with no date cannot be shown to be about that event.
    """
    years = [d for d in m.phrasing.dates if d.year is not None and d.month is None and d.part is None]
    return bool(years) and not sentence.dates


def _deadline_claimed(m: PhrasingMatch) -> bool:
    """Does the claim give its date as a deadline ("the deadline ... is 31 January")?

    A deadline has one date: a source giving the same event another due date
    contradicts the claim even when the event is named in related words (خروج for
    انسحاب), as long as the whole claim is matched closely.
    """
    labels = {d.text for d in m.phrasing.dates}
    frames = date_frame_forms()
    return any(
        t.label in labels and t.carries is not None and any(alt in frames for alt in t.carries.alternatives)
        for t in m.phrasing.terms
    )


def _misdated_in_year(m: PhrasingMatch, sentence: AnalysedSentence) -> bool:
    """Does the sentence date the claim's event to another month of the claim's own year?

    The events news reports recur years apart (the withdrawals of 2011 and 2021), so another
    year for an event named in related words may be another occurrence; another month of the
    same year, for an event matched closely (تبنى البرلمان قرارا for صوّت البرلمان), is the
    same event dated otherwise.
    """
    near = _dates_near_event(m, sentence)
    return any(
        c.year is not None and c.month is not None and s.year == c.year and compare_dates(c, s) == "contradicts"
        for c in m.phrasing.dates
        for s in near
    )


def _date_verdict(claim: DateMention, source: DateMention, deadline: bool = False) -> str:
    """``compare_dates``, where a coarser source agrees only if it fixes the claim's year and month.

    "July 2021" agrees with "26 July 2021"; "يناير الماضي" in an undated article
    (no year) or "الـ 31 من الشهر الحالي" (no month) leaves the claim unconfirmed.
    A claimed deadline is one day: "31 ديسمبر الحالي" rules out a deadline of
    31 January 2022 whatever the year of the undated article.
    """
    verdict = compare_dates(claim, source)
    if verdict != "mentions":
        return verdict
    if deadline and source.day is not None and claim.month is not None and source.month not in (None, claim.month):
        return "contradicts"
    anchored = (claim.year is None or source.year is not None) and (claim.month is None or source.month is not None)
    return "supports" if anchored else "mentions"


# An opposite only reverses a sentence that otherwise restates the claim. Chosen on the ANS and
# UnifiedFC dev splits, keeping contradiction precision on the seeds gold set above 0.9.
SWAP_SCORE = 62.0


def _value_tokens(tokens: Sequence[Token], spans: Iterable[tuple[int, int]]) -> set[int]:
    """Token indexes inside number and date phrases: those are compared by value, not as opposites."""
    return {k for a, b in spans for k, t in enumerate(tokens) if t.start < b and t.end > a}


def _said_as_such(index: CorpusIndex, word: str, sentence: AnalysedSentence, hits: list[TermHit]) -> bool:
    """Does the sentence use the claim's word itself (or a form of it)? Then no opposite stands in for it.

    "لم تتبقَّ قوات قتالية" answers "تبقى قوات قتالية" by negating تبقى; the
    انسحاب elsewhere in that sentence is not a swap for it.
    """
    own = [h for h in hits if h.similarity > 0 and h.positions and word in h.term.alternatives[0]]
    if own:
        matched = {p for h in hits if h.similarity > 0 and h not in own for p in h.positions}
        return not all(_kept_to_other(sentence.tokens, p, matched) for h in own for p in h.positions)
    return any(credit >= STRICT_CREDIT and key in sentence.key_set for key, credit in index.expand(word).items())


_ONLY = frozenset(normalize(w) for w in "فقط وحده وحدها وحدهم only solely".split())
_ONLY_LINKS = frozenset(normalize(w) for w in "على عن من the a an of".split())
ONLY_REACH = 3  # words from a claim word to the "only" restricting its object ("بإبقاء المستشارين العسكريين فقط")


def _kept_to_other(tokens: Sequence[Token], k: int, matched: set[int]) -> bool:
    """Is word ``k`` restricted by "only" to something the claim does not name?

    In "withdraw the combat forces and keep only the advisers" (والإبقاء فقط على
    المستشارين, بإبقاء المستشارين فقط) the keeping is said of the advisers alone: it
    does not restate "combat forces stay", and the withdrawal of those forces there
    answers that claim. The restricted words stand between the word and "only", or
    right after an "only" that follows the word.
    """
    stop = min(len(tokens), k + 1 + ONLY_REACH)
    for j in range(k + 1, stop):
        if not tokens[j].is_word:
            return False
        if tokens[j].norm in _ONLY:
            if j > k + 1:
                what = [i for i in range(k + 1, j) if tokens[i].norm not in _ONLY_LINKS]
            else:
                what = [i for i in range(j + 1, min(len(tokens), j + 3)) if tokens[i].norm not in _ONLY_LINKS][:1]
            return bool(what) and all(tokens[i].is_word and i not in matched for i in what)
    return False


# Claims of leaving or ending agree with "there are no longer forces": their words on these sides.
_ABSENCE = ("انسحاب", "خروج", "مغادرة", "رحيل", "انتهاء", "إنهاء", "غياب")


_WORD_SIDES: list[tuple[object, dict[tuple[str, ...], frozenset[int]]]] = []  # (lexicon in use, words -> sides)


def _sides_of_words(words: tuple[str, ...]) -> frozenset[int]:
    """The opposites-lexicon sides of a fixed word list, worked out once per lexicon (judging asks per pair)."""
    lexicon = load_opposites()
    if not _WORD_SIDES or _WORD_SIDES[0][0] is not lexicon:
        _WORD_SIDES[:] = [(lexicon, {})]
    known = _WORD_SIDES[0][1]
    sides = known.get(words)
    if sides is None:
        sides = known[words] = frozenset().union(*(lexicon.sides_of(normalize(w)) for w in words))
    return sides


def _absence_sides() -> frozenset[int]:
    return _sides_of_words(_ABSENCE)


def _denied_existence(m: PhrasingMatch, sentence: AnalysedSentence, claim_sides: frozenset[int]) -> list[Cue]:
    """Negations denying that something matched exists ("لا توجد قوات قتالية") when the claim asserts it.

    A particle negates its head only, so "لن تكون هناك قوات" does not negate the
    forces; but when the head is existential, what is denied is their presence,
    which a claim that they remain (or simply are there) asserts. A claim that they
    left or that something ended agrees with it, and is left alone.
    """
    if claim_sides & _absence_sides():
        return []
    matched = {p for h in m.hits if h.similarity > 0 for p in h.positions}
    tokens = sentence.tokens
    out = []
    for c in sentence.cues:
        if c.kind is not CueKind.NEGATION:
            continue
        if matched & set(existents(c, tokens)):
            out.append(c)
    return out


_ENDING = ("إنهاء", "end")
_POSSESSIVE = frozenset("'’")
_ARTICLES = frozenset({"the", "a", "an", "s"})
ENDED_WINDOW = 4  # words before a claim word where an ending verb takes it as object ("end the US combat presence")


def _ended(tokens: Sequence[Token], k: int) -> bool:
    """Does the claim end what its word ``k`` names ("إنهاء الوجود القتالي", "end the presence")?

    Then the word's opposite in a sentence (انسحاب for "presence") restates the claim:
    the ending has already reversed it.
    """
    lexicon = load_opposites()
    ending = _sides_of_words(_ENDING)
    seen = 0
    for j in range(k - 1, -1, -1):
        tok = tokens[j]
        if tok.text in _POSSESSIVE or tok.norm in _ARTICLES:
            continue  # "the coalition's combat presence"
        if not tok.is_word or seen == ENDED_WINDOW:
            return False  # another clause, or too far
        if lexicon.sides_of(tok.norm) & ending:
            return True
        seen += 1
    return False


_WHAT = normalize("ما")
_OF = normalize("من")


def _remainder(tokens: Sequence[Token], k: int) -> bool:
    """Is word ``k`` the "remain" of "ما تبقى من القوات" or "the remaining forces"?

    There it names the rest of something, and says nothing about staying: "the rest
    of the forces will be redeployed" is not reversed by a withdrawal.
    """
    if 0 < k < len(tokens) - 1 and tokens[k - 1].norm == _WHAT and tokens[k + 1].norm == _OF:
        return True
    return tokens[k].norm == "remaining" and k > 0 and tokens[k - 1].norm == "the"  # "the remaining forces"


_SCHEDULED = frozenset(normalize(w) for w in "مقرر مقررة مقررا المقرر scheduled".split())
_WAS = frozenset(normalize(w) for w in "كان كانت وكان وكانت was".split())


def _plan_overtaken(tokens: Sequence[Token], k: int) -> bool:
    """Is word ``k`` the "scheduled" of "كان من المقرر" or "كان مقرراً" ("was scheduled")?

    A plan told in the past is news because something changed it: "كان من المقرر أن
    تغادر القوات في 31 ديسمبر" does not say the date still holds.
    """
    if tokens[k].norm not in _SCHEDULED:
        return False
    words = [t.norm for t in tokens[max(0, k - 2) : k] if t.is_word]
    return bool(words) and (words[-1] in _WAS or (len(words) == 2 and words[0] in _WAS and words[1] == _OF))


def _in_title(tokens: Sequence[Token], k: int) -> bool:
    """Is claim word ``k`` part of an English name or title ("National Security Adviser")?

    A capitalised word inside an English sentence names something: its opposite
    (الدولي for "National") in a sentence is not the claim reversed.
    """

    def capitalised(j: int) -> bool:
        text = tokens[j].text if 0 <= j < len(tokens) else ""
        return text[:1].isupper() and text.isascii() and text.lower() == tokens[j].norm

    # A sentence's first word is capitalised anyway: there only a capitalised next word tells.
    return capitalised(k) and (k > 0 or capitalised(k + 1))


def _polarity(index: CorpusIndex, m: PhrasingMatch, sentence: AnalysedSentence) -> tuple[bool, list[Reason]]:
    """Does the sentence say the opposite of the matched proposition? With the reasons.

    Two things reverse it: a negation or denial governing the matched words (or a
    word the opposites lexicon puts on the same side as a claim word: "لم تتبقَّ
    قوات" against "forces remain"), and an opposite standing in for a claim word
    ("fell" for "rose") that nothing negates. Both together cancel: "did not fall"
    does not contradict "rose", and "لم تتبقَّ قوات" does not contradict "forces withdrew".
    """
    lexicon = load_opposites()
    plan = index.plan(m.phrasing)
    sided = plan.derived.get("sides")
    if sided is None:
        claim_sides = frozenset().union(*(lexicon.sides_of(t.norm) for t in m.phrasing.tokens if t.is_word))
        # A claim speaking of both sides (advisers stay, combat forces leave) cannot say which
        # one a negated "stay" in the sentence is about; only its one-sided words count here.
        one_sided = frozenset(s for s in claim_sides if not lexicon.opposite_sides(s) & claim_sides)
        sided = plan.derived["sides"] = (claim_sides, one_sided, claim_sides - one_sided)
    claim_sides, one_sided, two_sided = sided
    synonyms = (
        [k for k, sides in enumerate(sentence.sides) if sides & one_sided]
        if not one_sided.isdisjoint(sentence.side_set)
        else []
    )
    # The same goes for the claim's own words on such a side: "لم يبقَ فيها قوات قتالية" cannot
    # contradict "advisers stay while combat forces leave" through the word بقاء.
    # A claim word the sentence both negates and affirms ("لم يبقَ فيها قوات قتالية ...
    # المستشارين المتبقين") is not reversed: only words negated wherever they stand count.
    matched = [
        p
        for h in m.hits
        if h.similarity > 0
        and not (two_sided and any(lexicon.sides_of(w) & two_sided for w in h.term.alternatives[0]))
        and all(governing(sentence.cues, [q], sentence.tokens) for q in h.positions)
        for p in h.positions
    ]
    cues = governing(sentence.cues, [*matched, *synonyms], sentence.tokens)
    cues += [c for c in _denied_existence(m, sentence, claim_sides) if c not in cues]
    swaps = _swaps(index, m, sentence) if m.score >= SWAP_SCORE else []
    reasons = [Reason(c.kind.value, _quote(c.text)) for c in cues]
    reasons += [_opposite_reason(o) for o in swaps]
    if m.phrasing.denies_existence and not cues and not swaps:
        # "لم تعد هناك قوات" is what "انسحبت القوات" implies: a withdrawal or an end agrees with it.
        absence = _absence_sides()
        for k, sides in enumerate(sentence.sides):
            if sides & absence and not governing(sentence.cues, [k], sentence.tokens):
                reasons.append(Reason("opposite", f"{_quote(sentence.tokens[k].text)} agrees with the claim's denial"))
                return True, reasons
    return bool(cues) != bool(swaps), reasons


def _opposite_reason(o: Opposition) -> Reason:
    return Reason("opposite", f"{_quote(o.claim_word)} ↔ {_quote(o.source_word)}")


def _swaps(
    index: CorpusIndex, m: PhrasingMatch, sentence: AnalysedSentence, missing: set[int] | None = None
) -> list[Opposition]:
    """Opposite words standing in for a claim word, that no negation, value or title explains away.

    With ``missing``, only for the claim words at those tokens.
    """
    found = load_opposites().find(m.phrasing.tokens, sentence.tokens, KnownReading(sentence.loud, sentence.key_set))
    if missing is not None:
        found = [o for o in found if o.claim_index in missing]
    if not found:
        return found
    cue_words = cue_token_indexes(sentence.cues)
    claim_values = m.phrasing.value_tokens  # its own, even when the values were inherited from the text
    source_values = _value_tokens(sentence.tokens, [(x.start, x.end) for x in (*sentence.quantities, *sentence.dates)])
    return [
        o
        for o in found
        if o.claim_index not in claim_values
        and not _ended(m.phrasing.tokens, o.claim_index)
        and not _ended(sentence.tokens, o.source_index)
        and not _in_title(m.phrasing.tokens, o.claim_index)
        and not _remainder(m.phrasing.tokens, o.claim_index)
        and not _remainder(sentence.tokens, o.source_index)
        and not _plan_overtaken(sentence.tokens, o.source_index)
        and o.claim_index not in m.phrasing.cue_tokens  # the claim's own "untrue" is compared as polarity
        and o.source_index not in cue_words  # صحيح inside «غير صحيح» likewise
        and not _said_as_such(index, m.phrasing.tokens[o.claim_index].norm, sentence, m.hits)
        and o.source_index not in source_values
        and not governing(sentence.cues, [o.source_index], sentence.tokens)
    ]


# What a sentence must score with its opposites counted as the claim's missing words for the
# opposites to refute the claim. Chosen on the ANS and UnifiedFC dev splits (65 against 60–80),
# with no change on either seeds gold set.
FILLED_SCORE = 65.0


def _opposite_in_slot(index: CorpusIndex, m: PhrasingMatch, sentence: AnalysedSentence) -> list[Opposition]:
    """Opposites standing in for the claim's missing words, when with them the sentence restates the claim.

    "الدولار يرتفع لأعلى مستوى" scores too low against "الدولار يهبط لأدنى مستوى"
    to take a side, because the words that differ are the words that matter. Each
    opposite must stand next to a word the claim has (الدولار), so that it is
    said of the claim's matter; neither text may negate, which would turn the
    opposite back ("لم يرتفع"); and a claim pinned to a year needs a dated sentence,
    as a negation does (``_another_time``). What the opposite takes the place of then
    counts as found, and the sentence refutes the claim if it would score ``FILLED_SCORE``.
    """
    if m.phrasing.negated:
        return []
    plan = index.plan(m.phrasing)
    reversible = plan.derived.get("reversible")
    if reversible is None:
        reversible = plan.derived["reversible"] = _reversible_tokens(m)
    # (Asked of every loosely matched sentence: the cheap tests first.)
    missing = [(w, r) for w, h, r in zip(plan.weights, m.hits, reversible, strict=True) if r and not h.similarity]
    if not missing or m.strict_score + 100.0 * sum(w for w, _ in missing) / plan.total < FILLED_SCORE:
        return []
    opposite = frozenset().union(*(r[1] for _, r in missing))
    if opposite.isdisjoint(sentence.side_set) or sentence.is_question or _another_time(m, sentence):
        return []  # no word of the sentence is an opposite of them (a one-word one: the sentence is read no further)
    missing_at = {r[0] for _, r in missing}
    swaps = _swaps(index, m, sentence, missing_at)
    matched = {p for h in m.hits if h.similarity > 0 for p in h.positions}
    # Each opposite must stand by a word the claim has: said of the claim's matter, not in another clause.
    swaps = [o for o in swaps if _anchors(sentence.tokens, o.source_index) & matched]
    filled = [o for _, (k, _) in missing for o in swaps if o.claim_index == k]
    gain = sum(w for w, (k, _) in missing if any(o.claim_index == k for o in swaps))
    if not filled or m.strict_score + 100.0 * gain / plan.total < FILLED_SCORE or _polarity(index, m, sentence)[0]:
        return []
    return filled


def _reversible_tokens(m: PhrasingMatch) -> tuple[tuple[int, frozenset[int]] | None, ...]:
    """Per term of the phrasing, where its word stands in the claim and the opposites lexicon's sides
    opposed to it, if the lexicon has that word (else None)."""
    lexicon = load_opposites()
    tokens = m.phrasing.tokens
    out: list[tuple[int, frozenset[int]] | None] = []
    for h in m.hits:
        k = _token_of(m, h.term)
        sides = lexicon.sides_of(tokens[k].norm) if k is not None else frozenset()
        opposite = frozenset().union(*(lexicon.opposite_sides(side) for side in sides))
        out.append((k, opposite) if k is not None and opposite else None)
    return tuple(out)


# Heads that make the event they take a plan, not a fact: "تتفقان على انسحاب", "اتفاق يقضي بانسحاب".
_INTENDING = frozenset(
    normalize(w)
    for w in (
        "اتفق اتفقت اتفقا اتفقتا تتفق تتفقان يتفق يتفقان اتفاق اتفاقا يقضي تقضي خطة خطه تعتزم يعتزم "
        "تنوي ينوي قررت قرر agreed agree agreement plan plans planned intends"
    ).split()
)
# Nouns of intent a claim may frame its act with (عزمها على, نيتها, اعتزامها): keys, as the words take suffixes.
_INTENT_KEYS = frozenset(normalize(w) for w in "عزم نية نيت اعتزام intent intention".split())
_INTENT_LINKS = frozenset(normalize(w) for w in ("على", "ب", "ل", "to", "on", "for", "the", "a"))


def _only_intended(m: PhrasingMatch, sentence: AnalysedSentence) -> bool:
    """Is the claim's heaviest matched word, in the sentence, the object of a plan or an agreement?

    "Washington and Baghdad agree on the withdrawal of US forces" says the withdrawal
    is agreed, not that it happened: it cannot refute a claim that the withdrawal is
    only nominal, which is about what was done.
    """
    hits = [h for h in m.hits if h.similarity > 0 and h.positions and not h.term.place]
    if not hits:
        return False
    tokens = sentence.tokens
    head = max(hits, key=lambda h: h.similarity * (1.0 if h.term.pooled else 0.5))
    for p in head.positions:
        j, seen = p - 1, 0
        while j >= 0 and seen < 2:
            tok = tokens[j]
            if not tok.is_word:
                break
            if tok.norm in _INTENDING:
                return True
            if tok.norm not in _INTENT_LINKS:
                seen += 1
            j -= 1
    return False


GOVERNED_SHARE = 0.6  # weighted share of the claim's negated words a sentence must contain


def _same_proposition(index: CorpusIndex, m: PhrasingMatch, sentence: AnalysedSentence) -> bool:
    """Does the sentence contain what the claim's own negation is about?

    "A Nujaba member said talk of a withdrawal is untrue" negates the talk of a
    withdrawal; a sentence by the same speaker about diplomacy, matched through
    the speaker's name, says nothing for or against that, so polarity cannot be
    compared. Words found only in the attributed speaker do not count here.
    """
    if not m.phrasing.governed:
        return True
    hits = [h for h in m.hits if h.term.key in m.phrasing.governed]
    weights = [index.idf(h.term) for h in hits]
    found = sum(
        w * (h.similarity if h.positions else 1.0)
        for w, h in zip(weights, hits, strict=True)
        if h.positions or _related_in(h.term, sentence)
    )
    return bool(weights) and found >= GOVERNED_SHARE * sum(weights)


def _related_in(term: Term, sentence: AnalysedSentence) -> bool:
    """Is another form of the term, or its opposite, in the sentence (by the opposites lexicon)?

    "لم ترتفع" is about the same thing as a sentence saying "ارتفاع" or "انخفاض".
    """
    lexicon = load_opposites()
    related = frozenset().union(*(lexicon.related_sides(w) for alt in term.alternatives for w in alt))
    return bool(related) and any(sides & related for sides in sentence.sides)


_FRAMING = frozenset({"framing"})
_DENYING = frozenset({"negation", "denial", "rebuttal"})


def _same_kind_of_cue(counter: PhrasingMatch, sentence_reasons: Sequence[Reason]) -> bool:
    """A counter phrasing is matched literally: "انسحاب شكلي" (framing) needs framing in the sentence.

    Otherwise a sentence denying anything about a withdrawal (the deadline's
    extension, say) would match "a nominal withdrawal" through the word انسحاب.
    Negation, denial and rebuttal stand for one another.
    """
    wanted = counter.phrasing.cue_kinds
    if not wanted:
        return True
    found = {r.kind for r in sentence_reasons}
    return any(group & wanted and group & found for group in (_FRAMING, _DENYING))


_LEVELS = ("country", "region", "province", "city", "site")
_LINKS = frozenset(
    normalize(w) for w in "في من قرب داخل خارج الى إلى على عند in at near from inside into to on of".split()
)


def _anchors(tokens: Sequence[Token], k: int, span: int = 1) -> set[int]:
    """The content words a place at tokens ``k``.. hangs on, on either side, skipping prepositions.

    "مطار" in "قرب مطار دمشق" (before it, in Arabic), "airport" in "near Damascus airport"
    (after it, in English).
    """
    out = set()
    j = k - 1
    while j >= 0 and (not tokens[j].is_word or tokens[j].norm in _LINKS):
        j -= 1
    if j >= 0:
        out.add(j)
    j = k + span
    while j < len(tokens) and (not tokens[j].is_word or tokens[j].norm in _LINKS):
        j += 1
    if j < len(tokens):
        out.add(j)
    return out


def _token_of(m: PhrasingMatch, term: Term) -> int | None:
    """The claim token where a term's own words start."""
    return _term_token(m.phrasing.tokens, term)


def _term_token(tokens: Sequence[Token], term: Term) -> int | None:
    first = term.alternatives[0][0] if term.alternatives[0] else ""
    label = term.label.split()[0].lower() if term.label else ""
    return next((k for k, t in enumerate(tokens) if t.is_word and t.norm in (first, normalize(label))), None)


def _other_place(m: PhrasingMatch, sentence: AnalysedSentence) -> Reason | None:
    """A place of the claim's the sentence lacks, where it puts the same thing somewhere else.

    The sentence must name another place of the same level either on the same
    word as the claim ("near Damascus airport" / "قرب مطار بغداد") or for a finer
    place both name (Harir base "in Anbar" / "حرير في أربيل"). A country named
    elsewhere in the sentence ("الموالية لإيران") is not a swap, nor is a sentence
    naming the claim's place too.
    """
    claimed = {t.place for t in m.phrasing.terms if t.place}
    found_levels = {h.term.place_level for h in m.hits if h.term.place and h.similarity > 0}
    for h in m.hits:
        if not h.term.place or h.similarity > 0:
            continue
        finer_found = any(_LEVELS.index(lv) > _LEVELS.index(h.term.place_level) for lv in found_levels)
        k = _token_of(m, h.term)
        anchors = _anchors(m.phrasing.tokens, k, len(h.term.alternatives[0])) if k is not None else set()
        anchor_hits = [g for g in m.hits if g.similarity > 0 and _token_of(m, g.term) in anchors]
        for concept, level, text, i in sentence.places:
            if level != h.term.place_level or concept in claimed:
                continue
            around = _anchors(sentence.tokens, i, len(text.split()))
            same_word = any(around & set(g.positions) for g in anchor_hits)
            if same_word or finer_found:
                return Reason("place", f"{h.term.label} contradicted by {_quote(text)}")
    return None


PLACE_REACH = 2  # nouns between a locative preposition and the place it governs ("قرب مطار دمشق", "في محافظة الأنبار")
PLACE_REST = 0.8  # share of the rest of the claim a sentence must match for its other place to answer the claim's


def _place_phrase(tokens: Sequence[Token], k: int, span: int, english: bool) -> tuple[int, int, int | None] | None:
    """The locative phrase of the place at tokens ``k``..: (its first token, the token after it, the word it hangs on).

    "قرب مطار دمشق" in "غارة أميركية قرب مطار دمشق" is the preposition, the nouns it
    governs and the place; the whole phrase says where the strike was, and hangs on the
    word before it (أميركية). In English the place may come before its noun ("near
    Damascus airport", "in Anbar province"). None when no locative preposition governs the place.
    """
    j, nouns = k - 1, 0
    while j >= 0 and tokens[j].is_word and tokens[j].norm not in _LOCATIVE:
        if tokens[j].norm in _LINKS or nouns == PLACE_REACH:
            return None
        if tokens[j].norm not in _ARTICLES:
            nouns += 1
        j -= 1
    if j < 0 or not tokens[j].is_word:
        return None
    first, stop = j, k + span  # the preposition too: "قرب" (near) is answered with the place
    if english and stop < len(tokens) and tokens[stop].is_word and tokens[stop].norm not in _LINKS | _ARTICLES:
        stop += 1
    head = j - 1
    while head >= 0 and tokens[head].is_word and tokens[head].norm in _LINKS | _ARTICLES:
        head -= 1
    return first, stop, head if head >= 0 and tokens[head].is_word else None


def _hung_on(tokens: Sequence[Token], i: int, span: int) -> set[int]:
    """The words a sentence's place at tokens ``i``.. may say the place of: the word after it, and the
    words of the noun phrase before it or before its preposition ("غارة جوية أميركية ببغداد",
    "الغارة ... قرب مطار بغداد"), up to ``PLACE_REACH`` + 1 of them, within the clause."""
    out = _anchors(tokens, i, span)
    phrase = _place_phrase(tokens, i, span, False)
    j = phrase[0] - 1 if phrase is not None else i - 1
    words = 0
    while j >= 0 and words <= PLACE_REACH and tokens[j].is_word and tokens[j].norm not in _LINKS:
        if tokens[j].norm not in _ARTICLES:
            out.add(j)
            words += 1
        j -= 1
    return out


def place_slot_floor(index: CorpusIndex, phrasing: Phrasing) -> float | None:
    """The lowest score from which a sentence may answer the phrasing's place phrase with another place
    (``_place_in_slot``), when the phrasing has one; worked out once per phrasing."""
    plan = index.plan(phrasing)
    known = plan.derived.get("place phrases")
    if known is None:
        known = plan.derived["place phrases"] = _place_phrases(plan.terms, plan.weights, phrasing)
    if not known or not plan.total:
        return None
    return min(PLACE_REST * (100.0 - 100.0 * gain / plan.total) for _, _, _, gain, _ in known)


PlacePhrase = tuple[int, int | None, tuple[int, ...], float, int]  # place term, head term, phrase terms, weight, level


def _place_phrases(terms: Sequence[Term], weights: Sequence[float], phrasing: Phrasing) -> tuple[PlacePhrase, ...]:
    """The phrasing's places governed by a locative preposition: per place, its term, the term of the word
    its phrase hangs on, the terms inside the phrase, their weight, and the place's level (as ``_LEVELS``)."""
    tokens = phrasing.tokens
    at = {}
    for n, term in enumerate(terms):
        k = _term_token(tokens, term)
        if k is not None:
            at.setdefault(k, n)
    out = []
    for n, term in enumerate(terms):
        k = _term_token(tokens, term)
        if not term.place or k is None or term.place_level not in _LEVELS:
            continue
        phrase = _place_phrase(tokens, k, len(term.alternatives[0]), not phrasing.arabic)
        if phrase is None:
            continue
        first, stop, head = phrase
        inside = tuple(t for i, t in sorted(at.items()) if first <= i < stop)
        gain = sum(weights[t] for t in inside)
        out.append((n, at.get(head) if head is not None else None, inside, gain, _LEVELS.index(term.place_level)))
    return tuple(out)


def _place_in_slot(
    index: CorpusIndex, m: PhrasingMatch, sentence: AnalysedSentence
) -> tuple[Reason, float, tuple[int, int]] | None:
    """Another place where the claim's place phrase would be, in a sentence restating the rest of the claim.

    "في غارة جوية أميركية ببغداد" answers "في غارة أميركية قرب مطار دمشق": the strike
    is put in Baghdad, not near Damascus airport, though the sentence has none of the
    phrase's words (so it scores too low to take a side). The other place, of the claimed
    place's level, must hang on the word the claim's phrase hangs on, or on a finer place
    both name ("قاعدة حرير في أربيل" for Harir "في محافظة الأنبار"); the sentence must match
    ``PLACE_REST`` of the rest of the claim, and neither text negate it. Returns the reason,
    the score with the phrase answered, and where the other place stands in the sentence.
    """
    # (Asked of every loosely matched sentence: what is known of the phrasing first.)
    if place_slot_floor(index, m.phrasing) is None or m.phrasing.negated or sentence.is_question:
        return None
    if not sentence.places:
        return None
    plan = index.plan(m.phrasing)
    claimed = {t.place for t in m.phrasing.terms if t.place}
    for n, head, inside, gain, level in plan.derived["place phrases"]:
        if m.hits[n].similarity > 0:
            continue
        missing = sum(plan.weights[t] for t in inside if not m.hits[t].similarity)
        if m.score < PLACE_REST * (100.0 - 100.0 * gain / plan.total):
            continue
        if m.strict_score + 100.0 * missing / plan.total < FILLED_SCORE:
            continue
        hangs = set(m.hits[head].positions) if head is not None and m.hits[head].similarity > 0 else set()
        hangs.update(
            p
            for h in m.hits
            if h.term.place and h.similarity > 0 and h.term.place_level in _LEVELS[level + 1 :]
            for p in h.positions
        )
        if not hangs or _another_time(m, sentence) or _polarity(index, m, sentence)[0]:
            continue
        tokens = sentence.tokens
        for concept, place_level, text, i in sentence.places:
            if place_level != _LEVELS[level] or concept in claimed:
                continue
            span = len(text.split())
            if _hung_on(tokens, i, span) & hangs:
                reason = Reason("place", f"{m.hits[n].term.label} contradicted by {_quote(text)}")
                score = min(100.0, round(m.score + 100.0 * missing / plan.total, 1))
                return reason, score, (tokens[i].start, tokens[i + span - 1].end)
    return None


PLACE_SHARE = 0.1  # share of the claim's weight from which a place it names is a detail to confirm


def _place_unconfirmed(index: CorpusIndex, m: PhrasingMatch) -> Term | None:
    """A place the claim names, that the sources seldom name, missing from the sentence.

    Like a number or a date, a claimed place is a detail the sentence must state
    to support the claim: the end of combat missions "in Syria" is not supported
    by a sentence on their end with no place. The country every article is about
    (العراق) weighs almost nothing and is left out by ``PLACE_SHARE``.
    """
    weights = [index.idf(h.term) for h in m.hits]
    total = sum(weights)
    tokens = m.phrasing.tokens
    for w, hit in zip(weights, m.hits, strict=True):
        if not hit.term.place or hit.similarity > 0 or w < PLACE_SHARE * total:
            continue
        k = _token_of(m, hit.term)
        if k is not None and _located(tokens, k):
            return hit.term
    return None


_LOCATIVE = frozenset(normalize(w) for w in "في داخل قرب بقرب عند in inside near at".split())


def _located(tokens: Sequence[Token], k: int) -> bool:
    """Is the place at token ``k`` where something happens ("في سوريا", "in Syria"), not an affiliation
    ("مقربة من إيران", "Iran-backed")? A locative preposition before it says so."""
    j = k - 1
    while j >= 0 and not tokens[j].is_word:
        j -= 1
    return j >= 0 and tokens[j].norm in _LOCATIVE


THREAT_CONCEPT = "threaten"
THREAT_REACH = 5  # words from a threat to its object: the threat, its subject (مليشيات مقربة من إيران), the act
_WITH = normalize("ب")


def _threat_terms(index: CorpusIndex, m: PhrasingMatch) -> tuple[tuple[int, ...], bool]:
    """Which of the phrasing's terms are words of threat, and whether it speaks of an intent (worked out once)."""
    plan = index.plan(m.phrasing)
    known = plan.derived.get("threat")
    if known is None:
        lexicon = load_concepts()
        threats = tuple(n for n, t in enumerate(plan.terms) if any(_is_threat(lexicon, w) for w in t.alternatives[0]))
        intent = any(t.norm in _INTENDING or not _INTENT_KEYS.isdisjoint(match_keys(t.norm)) for t in m.phrasing.tokens)
        known = plan.derived["threat"] = (threats, intent)
    return known


def _threat_unsaid(index: CorpusIndex, m: PhrasingMatch) -> Term | None:
    """The claim's word for a threat (تلوّح, يهدد, threaten), when the sentence has no word of threat.

    A threat to strike is not a strike: "militias threaten to target US interests" is
    not supported by a report of attacks on them, however closely the rest matches.
    """
    for n in _threat_terms(index, m)[0]:
        if m.hits[n].similarity == 0:
            return m.hits[n].term
    return None


def _is_threat(lexicon: ConceptLexicon, word: str) -> bool:
    return any(lexicon.concepts[n].id == THREAT_CONCEPT for n, _ in lexicon.lookup(word))


def _only_threatened(index: CorpusIndex, m: PhrasingMatch, sentence: AnalysedSentence) -> str | None:
    """The sentence's threat word right before a matched word ("تلوّح باستهداف", "هددوا بضرب"), when the claim has none.

    "Militias threaten to target US interests" does not say they attack them. A claim
    speaking of an intent ("Iran announced its intent to close Hormuz") is stated by a threat.
    """
    threats, intent = _threat_terms(index, m)
    if threats or intent:
        return None
    lexicon = load_concepts()
    tokens = sentence.tokens
    for p in m.positions:
        # The act threatened is the threat's object: with ب, after the threat and perhaps its
        # subject (تلوّح باستهداف، هددت المليشيات بقصف), or after "to" (threatened to strike).
        if tokens[p].norm.startswith(_WITH):
            reach = range(p - 1, max(-1, p - 1 - THREAT_REACH), -1)
        elif p >= 2 and tokens[p - 1].norm == "to":
            reach = range(p - 2, p - 3, -1)
        else:
            continue
        for j in reach:
            if not tokens[j].is_word:
                break
            if _is_threat(lexicon, tokens[j].norm):
                return tokens[j].text
    return None


def _paraphrased(m: PhrasingMatch) -> bool:
    """Is some claim word found only through a related word (خروج for انسحاب), not in any form of its own?"""
    return any(h.similarity > 0 and h.strict == 0 for h in m.hits)


def _terms_reason(m: PhrasingMatch) -> Reason:
    found = [t.label for t in m.matched_terms]
    missing = [t.label for t in m.missing_terms]
    text = f"matched {len(found)}/{len(m.hits)} terms: {', '.join(found)}"
    if missing:
        text += f"; not found: {', '.join(missing)}"
    return Reason("terms", text)


def _highlights(
    m: PhrasingMatch, sentence: AnalysedSentence, compared: list[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Matched words plus the figures and dates compared, as article offsets, merged."""
    spans = [sentence.absolute(p, p) for p in m.positions]
    base = sentence.sentence.start
    spans += [(base + a, base + b) for a, b in compared]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _not_theirs(query: Query, sentence: AnalysedSentence) -> Reason | None:
    """For a claim about what a group says: a reason when this sentence is someone else's words.

    "Armed factions call the withdrawal nominal" is not contradicted by the
    government announcing the withdrawal, only by the factions saying otherwise.
    """
    group = query.speaker_group
    if group is None or group in (sentence.sentence.speaker_group, sentence.named_group):
        return None  # their own words, or a sentence naming them
    label = group.replace("_", " ")
    return Reason("speaker", f"the claim reports what {label} say; this sentence is not theirs")


def judge(query: Query, index: CorpusIndex, sentence: AnalysedSentence, thresholds: Thresholds) -> Evidence | None:
    """The stance of ``sentence`` on the query's claim, or None when it is off topic."""
    evidence = _judge(query, index, sentence, thresholds)
    if query.parts and (evidence is None or evidence.stance is EvidenceStance.MENTIONS):
        evidence = _judge_parts(query, index, sentence, thresholds) or evidence
    if evidence is None or evidence.stance is EvidenceStance.MENTIONS:
        return evidence
    reason = _not_theirs(query, sentence)
    if reason is None:
        return evidence
    return dataclasses.replace(evidence, stance=EvidenceStance.MENTIONS, cues=(*evidence.cues, reason))


def _judge_parts(
    query: Query, index: CorpusIndex, sentence: AnalysedSentence, thresholds: Thresholds
) -> Evidence | None:
    """A sentence stating some of the facts a joined claim joins, or refuting one of them.

    Refuting one fact refutes the claim. Stating one is not yet support: the
    sentence is a mention that names the part it states, and the article
    supports the claim when its sentences state every part (``source_stance``).
    """
    n = len(query.parts)
    stated: list[tuple[int, Evidence]] = []
    for k, part in enumerate(query.parts, 1):
        found = _judge(Query(query.claim, (part,), ()), index, sentence, thresholds)
        if found is None or found.stance is EvidenceStance.MENTIONS:
            continue
        if found.stance is EvidenceStance.CONTRADICTS:
            reason = Reason("terms", f"refutes part {k} of {n} of the claim: {_quote(part.text)}")
            return dataclasses.replace(found, cues=(reason, *found.cues))
        stated.append((k, found))
    if not stated:
        return None
    best = max((found for _, found in stated), key=lambda e: e.score)
    parts = tuple(part_reason(k, n, query.parts[k - 1].text) for k, _ in stated)
    return dataclasses.replace(best, stance=EvidenceStance.MENTIONS, cues=(*parts, *best.cues))


def _judge(query: Query, index: CorpusIndex, sentence: AnalysedSentence, thresholds: Thresholds) -> Evidence | None:
    best = max((score_phrasing(index, p, sentence) for p in query.phrasings), key=lambda m: m.score, default=None)
    score = best.score if best else 0.0
    counters = sorted((score_phrasing(index, p, sentence) for p in query.counters), key=lambda m: -m.score)
    for counter in counters:
        if counter.score < thresholds.counter or counter.score <= score or sentence.is_question:
            break
        negated, cue_reasons = _polarity(index, counter, sentence)
        # A counter phrasing only ever contradicts. One stated with the opposite
        # polarity, or by other means, says nothing; the next counter or the claim's phrasings decide.
        if negated == counter.phrasing.negated and _same_kind_of_cue(counter, cue_reasons):
            reasons = [Reason("counter", f"counter phrasing matched: {_quote(counter.phrasing.text)}"), *cue_reasons]
            reasons.append(_terms_reason(counter))
            return Evidence(
                sentence.sentence,
                counter.score,
                EvidenceStance.CONTRADICTS,
                tuple(reasons),
                _highlights(counter, sentence, []),
            )
    if best is None:
        return None
    if score < thresholds.stance and (slot := _place_in_slot(index, best, sentence)) is not None:
        # Too low a score to take a side, because the words missing are the claim's place phrase.
        place, filled_score, place_span = slot
        reasons = [_terms_reason(best), place]
        highlights = _highlights(best, sentence, [place_span])
        return Evidence(sentence.sentence, filled_score, EvidenceStance.CONTRADICTS, tuple(reasons), highlights)
    if score < thresholds.mention:
        return None
    numbers, number_reasons, number_spans = _check_numbers(index, best, sentence)
    dates, date_reasons, date_spans = _check_dates(best, sentence)
    reasons = [_terms_reason(best), *number_reasons, *date_reasons]
    filled = _opposite_in_slot(index, best, sentence) if score < SWAP_SCORE else []
    if filled:
        # Opposites where the claim's missing words would be, in a match below ``SWAP_SCORE``, where
        # ``_polarity`` reads no opposites (under 60 it is not even asked).
        spans = [(sentence.tokens[o.source_index].start, sentence.tokens[o.source_index].end) for o in filled]
        highlights = _highlights(best, sentence, number_spans + date_spans + spans)
        reasons += [_opposite_reason(o) for o in filled]
        return Evidence(sentence.sentence, score, EvidenceStance.CONTRADICTS, tuple(reasons), highlights)
    highlights = _highlights(best, sentence, number_spans + date_spans)
    if score < thresholds.stance:
        # Too loose a match to take a side: what would reverse it (negation, opposites, another place) is not read.
        return Evidence(sentence.sentence, score, EvidenceStance.MENTIONS, tuple(reasons), highlights)
    negated, cue_reasons = _polarity(index, best, sentence)
    place = _other_place(best, sentence)
    misdated = dates == "differ" and score >= thresholds.counter and _misdated_in_year(best, sentence)
    if sentence.is_question:
        cue_reasons.append(Reason("question", "a question asserts nothing"))
        stance = EvidenceStance.MENTIONS
    elif best.phrasing.negated and not _same_proposition(index, best, sentence):
        stance = EvidenceStance.MENTIONS
    elif negated != best.phrasing.negated and _another_time(best, sentence):
        cue_reasons.append(Reason("date", "no date for the claim's year: the negation may be of another event"))
        stance = EvidenceStance.MENTIONS
    elif best.phrasing.negated and not negated and _only_intended(best, sentence):
        cue_reasons.append(Reason("terms", "the sentence speaks of the event as agreed or planned, not as done"))
        stance = EvidenceStance.MENTIONS
    elif best.phrasing.negated and not negated and best.strict_score < thresholds.counter:
        # A sentence merely not negating refutes a negated claim only when it states the claim's own matter.
        cue_reasons.append(Reason("terms", "the claim negates; this sentence is too loose a match to refute it"))
        stance = EvidenceStance.MENTIONS
    elif negated != best.phrasing.negated:
        if best.phrasing.negated and not negated:
            claim_cues = ", ".join(_quote(c) for c in best.phrasing.cues)
            cue_reasons.append(Reason("negation", f"the claim negates ({claim_cues}); this sentence does not"))
        stance = EvidenceStance.CONTRADICTS
    elif numbers == "differ" or (
        dates == "differ"
        and (
            best.strict_score >= thresholds.counter
            or (score >= thresholds.counter and (_deadline_claimed(best) or misdated))
        )
    ):
        # A figure is tied to its counted noun; a date only to the event, which must be the claim's own.
        stance = EvidenceStance.CONTRADICTS
    elif place is not None:
        # Another place for the claimed event; matched only through paraphrases, it may be another event.
        reasons.append(place)
        stance = EvidenceStance.CONTRADICTS if best.strict_score >= thresholds.stance else EvidenceStance.MENTIONS
    elif dates == "differ":
        # Another date for an event named only in related words may be another event
        # (the 2011 departure is not the 2021 withdrawal): not enough to contradict.
        cue_reasons.append(Reason("terms", "the event is matched too loosely to set its values against the claim's"))
        stance = EvidenceStance.MENTIONS
    elif "unconfirmed" in (numbers, dates):
        stance = EvidenceStance.MENTIONS
    elif (unplaced := _place_unconfirmed(index, best)) is not None:
        cue_reasons.append(Reason("place", f"no place for the same thing as {unplaced.label}"))
        stance = EvidenceStance.MENTIONS
    elif (threat := _threat_unsaid(index, best)) is not None:
        cue_reasons.append(Reason("terms", f"the claim is a threat ({threat.label}); the sentence states none"))
        stance = EvidenceStance.MENTIONS
    elif (threat_word := _only_threatened(index, best, sentence)) is not None:
        cue_reasons.append(Reason("terms", f"the sentence only threatens it ({_quote(threat_word)})"))
        stance = EvidenceStance.MENTIONS
    else:
        stance = EvidenceStance.SUPPORTS
        if negated:
            cue_reasons.append(Reason("negation", "claim and sentence both negate"))
    if stance is EvidenceStance.CONTRADICTS and best.strict_score < thresholds.stance and not misdated:
        # Found through paraphrases (خروج for انسحاب): close enough to support, not to refute, unless
        # the sentence puts the event in another month of the claim's year (``_misdated_in_year``).
        cue_reasons.append(Reason("terms", "matched through related words only: too loose to contradict"))
        stance = EvidenceStance.MENTIONS
    return Evidence(sentence.sentence, score, stance, tuple(reasons + cue_reasons), highlights)
