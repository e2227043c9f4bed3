"""A claim → what to look for in the sources: terms, quantities and the claim's own polarity.

Arabic phrasings are used as written. An English phrasing is looked up in the
glossary (English term → Arabic spellings), longest terms first and by English
stem, so "evacuated" finds the entry "evacuate"; English words with no entry
stay as they are and, since they cannot match Arabic text, count against the
match. That is deliberate: an unknown word is an unverified part of the claim.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.concepts import Where, load_concepts
from factcheck.dates import DateMention, extract_dates, month_forms
from factcheck.models import Claim
from factcheck.normalize import Token, is_arabic, match_keys, normalize, stem, token_span, tokenize
from factcheck.numbers import Quantity, extract_quantities
from factcheck.polarity import (
    EXISTENTIAL_HEADS,
    CueKind,
    cue_token_indexes,
    existents,
    find_cues,
    governed_indexes,
    head,
    is_negated,
)

# Function words that carry no content of their own (normalised spelling).
STOPWORDS = frozenset(
    normalize(w)
    for w in (
        "في من على إلى الى عن أن إن أنه إنه أنها بأن بأنه لأن ان الذي التي الذين اللذين اللتين هذا هذه ذلك تلك "
        "هؤلاء هو هي هم هما نحن كان كانت يكون تكون كانوا قد وقد فقد لقد و أو او ثم مع بين عند حتى كل بعد قبل "
        "منذ خلال ضمن عبر لدى ما ماذا كما أي ايضا أيضا هناك هنا تم يتم وتم فيه فيها به بها له لها لهم منه منها "
        "عليه عليها إليه اليه وفي وعلى ومن وإلى وعن وأن بعض غير سوى كذلك حيث إذ إذا اذا لكن بل وهو وهي التى "
        "قال قالت وقال وقالت يقول تقول أضاف وأضاف أضافت وأضافت أكد وأكد أكدت وأكدت أوضح وأوضح أشار وأشار "
        "لفت ولفت ذكر وذكر أعلن أعلنت وأعلن وأعلنت مشيرا موضحا مؤكدا مبينا قائلا قائلة "
        "the a an of at in on to for from by with and or as is are was were be been being has have had "
        "that this these those it its their there which who whom whose will would shall should can could may "
        "might than into over about per said says say after before only any all when while but how many also he his "
        "she her does did do own up out so not just even yet both each other such very really actually truly "
        "indeed al el "
        # the English for منذ خلال ضمن عبر بين حتى بعد قبل and the like, pronouns, and framing adverbs
        # (بالكامل، في السابق): compared as they are in Arabic, not as content
        "since during through throughout within via among amongst between until till upon amid amidst "
        "beyond although though because whether whereas then them they we our us you your i me my him "
        "itself themselves what where back longer completely fully entirely totally wholly earlier "
        "previously formerly later despite however nevertheless nonetheless meanwhile including one ones "
        "come comes came against"
    ).split()
)


# Words a claim's writer uses to frame a fact rather than state it. A source reports
# the same fact in its own frame (عقب 4 جولات for جرت أربع جولات, اتفقت بغداد وواشنطن
# for أُبرم اتفاق), so these words keep a small weight: a sentence holding them is a
# little closer, one without them is not a different fact. On a few articles their
# inverse frequency is high (each is rare), which let them outweigh the content words
# (0.18-0.33 of a claim's weight). Two kinds:
# - heads: light verbs (جرت، أُبرم، حُدّد، يتولى، تشن، يسمح، أصدر), verbs of saying and
#   deeming, and prepositional nouns (بشأن، قرب). Their content is the word they take
#   (تشن هجمات، قرب مطار): the next term of the claim carries the weight they give up.
# - modifiers: framing adverbs (بالكامل، في السابق), whose weight is simply dropped.
# An English word is light when one of its Arabic translations is (held: أجرى, set: حدد).
LIGHT_HEADS = frozenset(
    normalize(w)
    for w in (
        "جرى جرت يجري تجري أجرى أجرت يجرون قام قامت يقوم تقوم شن شنت يشن تشن يشنون "
        "أصدر أصدرت يصدر تصدر أبرم أبرمت يبرم تبرم تولى تولت يتولى تتولى حدد حددت يحدد تحدد "
        "سمح سمحت يسمح تسمح يسمحان تقع يقع عد عدت يعد تعد تعده يعده يعدون يعتبر تعتبر يعتبرون "
        "يؤكد تؤكد يؤكدون يؤكدان مؤكدين يعلن تعلن يعلنون بشأن حول قرب بقرب نحو إزاء تجاه"
    ).split()
)
LIGHT_MODIFIERS = frozenset(normalize(w) for w in "معه معها معهم بالكامل كاملا كليا السابق سابقا حاليا فعلا".split())
LIGHT_WEIGHT = 0.25  # a light word's share of its inverse frequency


@dataclass(frozen=True)
class Term:
    """Something the sentence should contain: one word, or a glossary term with its Arabic spellings."""

    label: str
    alternatives: tuple[tuple[str, ...], ...]  # each a sequence of normalised words
    credits: tuple[float, ...] = ()  # per alternative, when not all are full matches (concept-mates)
    pooled: bool = False  # a translation: weighed by how common the whole concept is, not its rarest form
    name: bool = False  # a capitalised English word no lexicon knows: a name, which the sources must contain
    place: str = ""  # the place concept the term names (حرير, Damascus), if any
    place_level: str = ""  # its level: country, region, province, city, site
    light: bool = False  # a framing word (``LIGHT_HEADS``, ``LIGHT_MODIFIERS``): weighed at ``LIGHT_WEIGHT``
    carries: Term | None = None  # the light head before it, whose remaining weight this term takes on
    english: bool = False  # an English word read through the lexicon: its own words, then its Arabic forms

    def __hash__(self) -> int:
        # Terms key several per-sentence caches and may carry dozens of alternatives:
        # hash them once, not on every lookup.
        cached = self.__dict__.get("_hash")
        if cached is None:
            fields = (self.label, self.alternatives, self.credits, self.pooled, self.name, self.place)
            cached = hash((*fields, self.light, self.carries, self.english))
            object.__setattr__(self, "_hash", cached)
        return cached

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_hash", None)  # string hashes differ between processes: never store one
        return state

    @property
    def key(self) -> str:
        return " ".join(stem(w) for w in self.alternatives[0])

    def credit(self, n: int) -> float:
        return self.credits[n] if self.credits else 1.0


@dataclass(frozen=True)
class Phrasing:
    """One way of stating the claim (or its opposite), analysed."""

    text: str
    terms: tuple[Term, ...]
    quantities: tuple[Quantity, ...]
    unit_terms: tuple[Term | None, ...]  # per quantity: what it counts, as a Term (None: nothing)
    dates: tuple[DateMention, ...]
    negated: bool
    cues: tuple[str, ...]  # the claim's own negation/denial words
    arabic: bool
    governed: frozenset[str] = frozenset()  # keys of the terms the claim's own cues govern
    tokens: tuple[Token, ...] = ()
    value_tokens: frozenset[int] = frozenset()  # indexes of this text's own number and date words
    cue_kinds: frozenset[str] = frozenset()  # kinds of the text's own cues (negation, denial, rebuttal, framing)
    denies_existence: bool = False  # "لم تعد هناك قوات": a negated existential head
    stressed: tuple[Term, ...] = ()  # what an English truth word says is real ("really withdrawn": withdrawn)
    cue_tokens: frozenset[int] = frozenset()  # indexes of this text's own negation and denial words


@dataclass(frozen=True)
class Query:
    claim: Claim
    phrasings: tuple[Phrasing, ...]
    counters: tuple[Phrasing, ...]
    speaker_group: str | None = None  # for a claim about what a group says ("factions call ... nominal")
    parts: tuple[Phrasing, ...] = ()  # the facts a joined claim states ("X, then Y"), when it joins several

    @property
    def unreadable(self) -> bool:
        """True when no phrasing has a word the sources' language or the lexicons know.

        A claim in a language with no lexicon (French, say) would otherwise come back
        silent everywhere, as if the sources said nothing about it.
        """
        return not any(p.arabic or any(_known(t) for t in p.terms) for p in self.phrasings)


def _known(term: Term) -> bool:
    return term.pooled or any(is_arabic(w) for alt in term.alternatives for w in alt)


# Verbs of saying or holding a view: a claim built on one, with a known actor as its
# subject, is about what that actor says, not about the thing said.
SAYING = frozenset(
    normalize(w)
    for w in (
        "قال قالت قالوا يقول تقول أكد أكدت يؤكد تؤكد أعلن أعلنت يعلن تعلن اعتبر اعتبرت يعتبر تعتبر تعد يعد "
        "تعده يعده تعدها وصف وصفت يصف تصف يرى ترى رأى زعم زعمت يزعم تزعم اتهم اتهمت يتهم تتهم شكك تشكك يشكك "
        "نفى نفت ينفي تنفي تروج يروج هدد هددت يهدد تهدد لوح تلوح يلوح طالب طالبت يطالب تطالب صرح "
        "say says said call calls called claim claims claimed describe describes described consider considers "
        "considered deny denies denied accuse accuses accused threaten threatens threatened doubt doubts "
        "announce announces announced confirm confirms confirmed insist insists insisted"
    ).split()
)


def reported_speaker(texts: Sequence[str], actors: Mapping[str, Sequence[Any]] | None = None) -> str | None:
    """The actor group a reported-speech claim is about, or None for a claim about the world."""
    if not any(_bare(t.norm) in SAYING or t.norm in SAYING for text in texts for t in tokenize(text)):
        return None
    from factcheck.attribution import find_attribution, load_actors  # only for claims reporting words

    # The speaker is the subject of the saying verb, found as in a source sentence; any
    # other actor named in the claim is part of what is said. English text is not parsed.
    gazetteer = load_actors(actors)
    for text in texts:
        if is_arabic(text) and (found := find_attribution(text, actors=gazetteer)) and found.group:
            return found.group
    return None


_EN_WORD_RE = re.compile(r"[a-z0-9]+")


_US_RE = re.compile(r"\bU\.?S\.?A?\b")  # "US forces": the country, not the pronoun (which is lower-case)


_CAPITALISED_RE = re.compile(r"\b[A-Z][a-z]+(?:-[A-Za-z]+)*\b")


def _capitalised(text: str) -> frozenset[str]:
    """Lower-cased words written with a capital: names, when no lexicon knows them ("Turkey")."""
    return frozenset(w for m in _CAPITALISED_RE.findall(text) for w in _en_words(m))


_IS_RE = re.compile(r"\bIS\b")  # "anti-IS coalition": the Islamic State, not the verb (which is lower-case)


def _en_words(text: str) -> list[str]:
    text = _IS_RE.sub("Islamic State", _US_RE.sub("United States", text))
    return _EN_WORD_RE.findall(normalize(text).replace("'s", ""))


@dataclass(frozen=True)
class Glossary:
    """English term → Arabic spellings, matched by English stems."""

    entries: tuple[tuple[tuple[str, ...], str, tuple[tuple[str, ...], ...]], ...]  # (stems, term, spellings)
    by_first: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first stem -> entry indexes, longest first

    def __post_init__(self) -> None:
        index: dict[str, list[int]] = {}
        for n, (stems, _, _) in enumerate(self.entries):
            index.setdefault(stems[0], []).append(n)
        object.__setattr__(self, "by_first", {k: tuple(v) for k, v in index.items()})

    @classmethod
    def build(cls, glossary: Mapping[str, Sequence[str]]) -> Glossary:
        entries = []
        for term, spellings in glossary.items():
            stems = tuple(stem(w) for w in _en_words(term))
            if not stems:
                continue
            alts = tuple(
                tuple(t.norm for t in tokenize(s) if t.is_word)
                for s in spellings
                if any(t.is_word for t in tokenize(s))
            )
            if alts:
                entries.append((stems, term, alts))
        entries.sort(key=lambda e: len(e[0]), reverse=True)
        return cls(tuple(entries))

    def lookup(self, stems: Sequence[str], i: int) -> tuple[int, str, tuple[tuple[str, ...], ...]] | None:
        """The longest entry starting at word ``i``: (words consumed, term, spellings)."""
        for k in self.by_first.get(stems[i], ()):
            entry_stems, term, alts = self.entries[k]
            n = len(entry_stems)
            if tuple(stems[i : i + n]) == entry_stems:
                return n, term, alts
        return None


def _bare(norm: str) -> str:
    return norm[1:] if len(norm) > 2 and norm[0] in "وف" else norm


def _with_mates(label: str, own: tuple[str, ...], places: frozenset[Where]) -> Term:
    """A claim word (or multi-word form) with its concept-mates as lesser alternatives."""
    lexicon = load_concepts()
    own_keys = [match_keys(w) for w in own]
    alternatives, credits = [own], [1.0]
    for form, credit in lexicon.alternatives(places):
        if len(form) == len(own) and all(match_keys(w) & k for w, k in zip(form, own_keys, strict=True)):
            continue  # the claim's own word under another spelling: already a full match
        alternatives.append(form)
        credits.append(credit)
    return Term(label, tuple(alternatives), tuple(credits) if len(credits) > 1 else ())


def _arabic_terms(tokens: Sequence[Token], skip: set[int]) -> list[Term]:
    lexicon = load_concepts()
    words = [t.norm for t in tokens]
    terms: list[Term] = []
    seen: set[str] = set()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        start = i
        if i in skip or not tok.is_word or tok.is_number:
            i += 1
            continue
        phrase = lexicon.phrase_at(words, i)
        if phrase is not None and not any(k in skip or not tokens[k].is_word for k in range(i, i + phrase[0])):
            span, places = phrase
            term = _with_mates(" ".join(t.text for t in tokens[i : i + span]), tuple(words[i : i + span]), places)
            i += span
        elif tok.norm in STOPWORDS or _bare(tok.norm) in STOPWORDS:
            i += 1
            continue
        else:
            term = _with_mates(tok.text, (tok.norm,), lexicon.lookup(tok.norm))
            if {tok.norm, _bare(tok.norm)} & (LIGHT_HEADS | LIGHT_MODIFIERS):
                term = dataclasses.replace(term, light=True)
            i += 1
        term = _placed(term, words, start)
        if term.key not in seen:
            seen.add(term.key)
            terms.append(term)
    return terms


def _placed(term: Term, words: Sequence[str], i: int) -> Term:
    """The term marked with the place it names, when its words at ``i`` are a place name."""
    found = load_concepts().place_at(words, i)
    if found is None or found[1].place is None:
        return term
    return dataclasses.replace(term, place=found[1].id, place_level=found[1].place.level)


# Function words of several words, passed over like STOPWORDS.
FUNCTION_PHRASES = tuple(
    tuple(p.split())
    for p in (
        "in order to",
        "in the wake of",
        "as well as",
        "in addition to",
        "due to",
        "because of",
        "such as",
        "rather than",
        "instead of",
        "in spite of",
        "as a result of",
        "so that",
    )
)

# A phrasal verb's particle may stand after its object ("drove ISIS out", "pull troops
# out of Iraq", "sent them back"): up to this many words between the two.
PARTICLES = frozenset("out back off up down over away".split())
PARTICLE_REACH = 3


def _split_phrasal(words: Sequence[str], i: int, taken: set[int]) -> tuple[int, tuple[int, frozenset[Where]]] | None:
    """A verb at ``i`` read with a particle a few words on, when the lexicon knows the pair: (particle, concept)."""
    for k in range(i + 2, min(i + 2 + PARTICLE_REACH, len(words))):
        if words[k] in PARTICLES and k not in taken:
            found = load_concepts().phrase_at((words[i], words[k]), 0)
            return (k, (1, found[1])) if found is not None and found[0] == 2 else None
    return None


def _english_terms(
    words: Sequence[str], glossary: Glossary, skip_words: set[str], names: frozenset[str] = frozenset()
) -> list[Term]:
    """Glossary entries first (the analyst's own), then the concept lexicon, else the word as it is."""
    concepts = load_concepts()
    stems = [stem(w) for w in words]
    terms: list[Term] = []
    seen: set[str] = set()
    particles: set[int] = set()  # particles read with their verb ("drove ISIS out": out)
    i = 0
    while i < len(words):
        start = i
        if i in particles:
            i += 1
            continue
        function = next((p for p in FUNCTION_PHRASES if tuple(words[i : i + len(p)]) == p), None)
        if function is not None:
            i += len(function)
            continue
        hit = glossary.lookup(stems, i)
        concept = None
        split = None
        if hit is None and words[i] not in skip_words:  # dates and figures are compared as values
            if words[i] in STOPWORDS:
                # a function word opens a multi-word form only ("in charge", "in fact")
                concept = concepts.phrase_at(words, i)
            else:
                split = _split_phrasal(words, i, particles)
                concept = split[1] if split is not None else concepts.english_at(words, i)
        if hit is not None:
            n, label, alts = hit
            term = Term(label, alts)
            i += n
        elif concept is not None and concepts.translations(concept[1]):
            n, places = concept
            translations = concepts.translations(places)
            own = tuple(words[i : i + n]) if split is None else (words[i], words[split[0]])
            light = any(len(f) == 1 and f[0] in LIGHT_HEADS | LIGHT_MODIFIERS for f in translations)
            # The claim's own words first (an English source says them as they are), then the Arabic.
            term = Term(" ".join(own), (own, *translations), pooled=True, light=light, english=True)
            if split is not None:
                particles.add(split[0])
            i += n
        else:
            word = words[i]
            i += 1
            if word in STOPWORDS or word in skip_words or word.isdigit():
                continue
            term = Term(word, ((word,),), name=word in names)
        term = _placed(term, words, start)
        # One term per concept: "withdrawal" and "withdrew" in one claim are one thing to find.
        same = " ".join(stem(w) for w in term.alternatives[1]) if term.english else term.key
        if same not in seen:
            seen.add(same)
            terms.append(term)
    return terms


# A fraction of a place is a fraction of its area or land: "a third of Iraq" is ثلث مساحة العراق.
PLACE_MEASURES = ("extent", "territory")


def _english_unit(quantity: Quantity, glossary: Glossary) -> Term:
    """The noun an English number counts, with the forms its concept takes only after a number (60 دولة)."""
    lexicon = load_concepts()
    words = _en_words(quantity.unit or "")
    term = _placed(_english_terms(words, glossary, set())[0], words, 0)
    concept = lexicon.english_at(words, 0)
    extra = list(lexicon.counted(concept[1])) if concept is not None else []
    if quantity.kind == "fraction" and term.place:
        extra += [f for cid in PLACE_MEASURES for f in lexicon.head_forms(cid)]
    extra = [f for f in dict.fromkeys(extra) if f not in term.alternatives]
    return dataclasses.replace(term, alternatives=(*term.alternatives, *extra)) if extra else term


def outside_dates(quantities: Sequence[Quantity], dates: Sequence[DateMention]) -> list[Quantity]:
    """Quantities that are not part of a date ("31" in "31 ديسمبر", "2020" in "يناير 2020").

    A quantity overlapping a date at all belongs to it: in "26 July 2021 Baghdad" the
    figure 2021 is the date's year, not a count of something called Baghdad.
    """
    return [q for q in quantities if not any(q.start < d.end and d.start < q.end for d in dates)]


# A claim's date is also something a sentence about the same event holds: its month
# (in any calendar's name), or "the end of the year" for December and for the end
# of a year. Another month name fills the same slot with another value, which is
# what a contradicting date looks like, so it counts too, at this credit (below
# ``STRICT_CREDIT``: it never makes the match strict). The values themselves are
# compared by ``stance``.
DATE_SLOT_CREDIT = 0.9
END_OF_YEAR_CREDIT = 0.9  # "بحلول نهاية العام" for "31 December"
_END_OF_YEAR = ((normalize("نهاية"), normalize("العام")), (normalize("نهاية"), normalize("عام")))


def _date_terms(dates: Sequence[DateMention]) -> list[Term]:
    """One term per claimed date that names a month or the end of a year (see ``DATE_SLOT_CREDIT``)."""
    out = []
    for d in dates:
        year_end = d.month is None and d.part == "late"
        if d.month is None and not year_end:
            continue
        own = list(month_forms(d.month)) if d.month is not None else []
        credits = [1.0] * len(own)
        if year_end or d.month == 12:
            own += _END_OF_YEAR
            credits += [1.0 if year_end else END_OF_YEAR_CREDIT] * len(_END_OF_YEAR)
        fitting = {10, 11, 12} if year_end else {d.month}
        others = [form for m in range(1, 13) if m not in fitting for form in month_forms(m)]
        if year_end:
            own += [form for m in (10, 11, 12) for form in month_forms(m)]
            credits += [END_OF_YEAR_CREDIT] * (len(own) - len(credits))
        out.append(Term(d.text, (*own, *others), (*credits, *[DATE_SLOT_CREDIT] * len(others)), pooled=True))
    return out


def _carried(terms: Sequence[Term], governed: frozenset[str]) -> list[Term]:
    """Each light head's remaining weight handed to the next term (تشن → هجمات, قرب → مطار).

    A framing word the claim's own negation governs ("وتعدّه غير حقيقي") is what is
    denied: it keeps its full weight.
    """
    out = [dataclasses.replace(t, light=False) if t.light and t.key in governed else t for t in terms]
    for k in range(len(out) - 1):
        head, j = out[k], k + 1
        if head.english:  # English puts names before the word taken: "near Baghdad airport" (مطار)
            while j < len(out) - 1 and out[j].place:
                j += 1
        nxt = out[j]
        if head.light and not nxt.light and _light_head(head):
            out[j] = dataclasses.replace(nxt, carries=head)
    return out


DATE_FRAMES = ("deadline",)  # concepts that only frame the date a claim gives


@functools.lru_cache(maxsize=1)
def date_frame_forms() -> frozenset[tuple[str, ...]]:
    lexicon = load_concepts()
    return frozenset(
        form for c in lexicon.concepts if c.id in DATE_FRAMES for lexeme in (*c.ar, *c.en) for form in lexeme
    )


def _framing_the_date(terms: list[Term], dates: list[Term]) -> list[Term]:
    """A deadline word is the frame of the date the claim gives: the date carries its weight.

    "The deadline for combat troops to leave is 31 January" states what a source says
    as "combat troops leave by 31 December" or "an agreement for their withdrawal on 31
    December": the date is the deadline's content, and the word موعد is often absent.
    A claim with no date ("the deadline was extended") keeps the word's full weight.
    """
    if not dates:
        return terms
    frames = date_frame_forms()
    out, carried = [], None
    for t in terms:
        if not t.light and carried is None and any(alt in frames for alt in t.alternatives):
            t = dataclasses.replace(t, light=True)
            carried = t
        out.append(t)
    if carried is None:
        return [*terms, *dates]
    return [*out, dataclasses.replace(dates[0], carries=carried), *dates[1:]]


def _light_head(term: Term) -> bool:
    """Is the term a light head: the claim's word, or for an English word one of its translations?"""
    if term.english:
        return any(len(form) == 1 and form[0] in LIGHT_HEADS for form in term.alternatives[1:])
    return bool({_bare(w) for w in term.alternatives[0]} & LIGHT_HEADS)


def _forms(term: Term) -> tuple[tuple[str, ...], ...]:
    """The term's Arabic forms (an English word read through the lexicon is not one of them)."""
    return term.alternatives[1:] if term.english else term.alternatives


@dataclass(frozen=True)
class _Polarity:
    """What an English claim's framing and truth words do to it (``Concept.cue``)."""

    indexes: set[int]  # their token indexes: not content
    negated: bool  # a framing word calls the claim's subject unreal
    cues: tuple[str, ...]  # the words that act as cues
    kinds: frozenset[str]  # cue kinds, as polarity names them (framing, rebuttal)
    undone: frozenset[int]  # framing words the claim's own negation takes back ("not for show")
    stressed: tuple[int, ...] = ()  # the word each unnegated truth word stresses ("really withdrawn": withdrawn)


def _english_polarity(tokens: Sequence[Token], skip: set[int], negated_heads: set[int]) -> _Polarity | None:
    """Framing words ("for show", "sham") and truth words ("really", "not real") in an English claim.

    A framing word is what شكلي is in Arabic: it negates the claim. A truth word
    only stresses the claim ("really withdrawn" is "withdrawn"); under the claim's
    own negation it is the rebuttal ("not real", غير حقيقي), the negation itself
    being there already.
    """
    concepts = load_concepts()
    words = [t.norm if t.is_word else "" for t in tokens]
    indexes: set[int] = set()
    cues: list[str] = []
    kinds: set[str] = set()
    negated = False
    undone: set[int] = set()
    stressed: list[int] = []
    i = 0
    while i < len(tokens):
        found = concepts.cue_at(words, i) if words[i] and i not in skip and not is_arabic(words[i]) else None
        if found is None:
            i += 1
            continue
        span, kind = found
        here = set(range(i, i + span))
        indexes |= here
        under_negation = bool(here & negated_heads)
        if kind == "framing" and not under_negation:
            negated = True
            kinds.add("framing")
            cues.append(" ".join(t.text for t in tokens[i : i + span]))
        elif kind == "framing":
            undone |= here
        elif kind == "truth" and under_negation:
            kinds.add("rebuttal")
            cues.append(" ".join(t.text for t in tokens[i : i + span]))
        elif kind == "truth":
            # "really withdrawn", "a genuine withdrawal": the next content word; "is real": the one before
            after = (k for k in range(i + span, len(tokens)) if _content(tokens[k]))
            before = (k for k in range(i - 1, -1, -1) if _content(tokens[k]))
            word = next(after, None)
            word = next(before, None) if word is None else word
            if word is not None:
                stressed.append(word)
        i += span
    if not indexes:
        return None
    return _Polarity(indexes, negated, tuple(cues), frozenset(kinds), frozenset(undone), tuple(stressed))


def _content(token: Token) -> bool:
    return token.is_word and not token.is_number and token.norm not in STOPWORDS


def analyse(text: str, glossary: Glossary) -> Phrasing:
    """Turn one phrasing into terms, quantities and dates (claim role) and polarity."""
    tokens = tokenize(text)
    dates = tuple(extract_dates(text, deadlines=False))
    quantities = tuple(outside_dates(extract_quantities(text, role="claim"), dates))
    qty_spans = [token_span(tokens, q.start, q.end) for q in quantities]
    date_idx = {k for d in dates for k in range(*token_span(tokens, d.start, d.end))}
    cues = find_cues(tokens, masked=qty_spans)
    cue_idx = cue_token_indexes(cues)
    content = [k for k, t in enumerate(tokens) if t.is_word and k not in cue_idx]
    negated = is_negated(cues, content, tokens)
    # Words inside a quantity phrase (the number, its qualifier) are compared by value,
    # not matched as words; the counted noun stays a term.
    unit_idx = {
        k
        for q in quantities
        if q.unit_start is not None
        for k in range(*token_span(tokens, q.unit_start, q.unit_end or q.unit_start))
    }
    # Dates are compared as dates; their words (months, years, "مطلع") are not terms.
    value_idx = ({k for a, b in qty_spans for k in range(a, b)} - unit_idx) | date_idx
    arabic = is_arabic(text)
    unit_terms: list[Term | None] = []
    extra_cues: tuple[str, ...] = ()
    extra_kinds: frozenset[str] = frozenset()
    stressed_words: set[str] = set()
    if arabic:
        terms = _arabic_terms(tokens, cue_idx | value_idx)
        for q in quantities:
            unit_terms.append(Term(q.unit, ((normalize(q.unit),),)) if q.unit else None)
    else:
        # Framing and truth words ("for show", "not real") change the claim's polarity as
        # Arabic cue words do (شكلي، غير حقيقي); like those, they are not content.
        polar = _english_polarity(tokens, cue_idx | value_idx, governed_indexes(cues, tokens))
        if polar is not None:
            if polar.undone:  # "not for show": the negation undoes the framing, as ليس شكليا does
                left = [c for c in cues if c.kind is not CueKind.NEGATION or head(c, tokens) not in polar.undone]
                negated = is_negated(left, content, tokens)
            negated = negated or polar.negated
            extra_cues, extra_kinds = polar.cues, polar.kinds
            stressed_words = {w for k in polar.stressed for w in _en_words(tokens[k].text)}
        # Cue, number and date words are left out where they stand, not wherever they recur:
        # "agreed to end the presence by the end of the year" keeps the first "end".
        masked = list(text)
        for k in cue_idx | value_idx | (polar.indexes if polar else set()):
            masked[tokens[k].start : tokens[k].end] = " " * (tokens[k].end - tokens[k].start)
        terms = _english_terms(_en_words("".join(masked)), glossary, set(), _capitalised(text))
        unit_terms = [_english_unit(q, glossary) if q.unit and _en_words(q.unit) else None for q in quantities]
    # What a negated existential ("لم تعد هناك قوات") is about is the existent, not the auxiliary.
    governed_words = {
        tokens[k].norm
        for k in governed_indexes(cues, tokens)
        if k not in cue_idx and not (tokens[k].norm in EXISTENTIAL_HEADS and any(existents(c, tokens) for c in cues))
    }
    governed = frozenset(
        t.key
        for t in terms
        if any(w in governed_words for alt in _forms(t) for w in alt)
        or (not arabic and any(w in governed_words for w in _en_words(t.label)))  # an English word, as written
    )
    if extra_kinds:
        governed = frozenset(t.key for t in terms)  # "X is for show", "X is not real": all of X is rebutted
    terms = _framing_the_date(_carried(terms, governed), _date_terms(dates))
    return Phrasing(
        text=text,
        terms=tuple(terms),
        quantities=quantities,
        unit_terms=tuple(unit_terms),
        dates=dates,
        negated=negated,
        cues=(*(c.text for c in cues), *extra_cues),
        arabic=arabic,
        governed=governed,
        tokens=tokens,
        value_tokens=frozenset(value_idx),
        cue_kinds=frozenset(c.kind.value for c in cues) | extra_kinds,
        cue_tokens=frozenset(cue_idx),
        denies_existence=any(existents(c, tokens) for c in cues),
        stressed=tuple(t for t in terms if t.english and any(w in t.alternatives[0] for w in stressed_words)),
    )


def _called_unreal(term: Term) -> Phrasing:
    """The counter of a claim that something is really so: a source calling it nominal (انسحاب شكلي).

    Only framing answers it: a denial or negation near the word may be of something
    else (the deadline's extension), so the counter asks for framing, as the curated
    counter "انسحاب شكلي" does.
    """
    return Phrasing(
        text=f"{term.label} (called nominal)",
        terms=(term,),
        quantities=(),
        unit_terms=(),
        dates=(),
        negated=True,
        cues=(),
        arabic=False,
        governed=frozenset({term.key}),
        cue_kinds=frozenset({"framing"}),
    )


def build_query(claim: Claim, glossary: Glossary, actors: Mapping[str, Sequence[Any]] | None = None) -> Query:
    """Phrasings to match: the ``match`` list when given (plus the text when it is Arabic), else the text."""
    texts = list(claim.match)
    if not texts or is_arabic(claim.text):
        texts.insert(0, claim.text)
    phrasings = [analyse(t, glossary) for t in dict.fromkeys(texts)]
    text_phrasing = analyse(claim.text, glossary)
    # A match phrasing written without the number or date still checks the claim's.
    for n, p in enumerate(phrasings):
        if not p.quantities and text_phrasing.quantities:
            p = dataclasses.replace(p, quantities=text_phrasing.quantities, unit_terms=text_phrasing.unit_terms)
        if not p.dates and text_phrasing.dates:
            p = dataclasses.replace(p, dates=text_phrasing.dates)
        phrasings[n] = p
    counters = tuple(analyse(t, glossary) for t in dict.fromkeys(claim.counter))
    if not any(t.norm in SAYING for t in tokenize(claim.text)):  # a report's truth word is the speaker's
        counters += tuple(_called_unreal(t) for p in phrasings for t in p.stressed)
    speaker = reported_speaker([claim.text, *claim.match], actors)
    return Query(claim, tuple(phrasings), counters, speaker, claim_parts(claim.text, glossary))


# Words that join two facts in one claim: "left in 2011, then returned", "the combat
# missions ended, with cooperation continuing" (مع استمرار / مع بقاء). A source may
# state each fact in its own sentence.
_JOINS = re.compile(
    r"\s*[,،]?\s+(?:ثم|بينما|في حين|فيما)\s+"
    r"|\s*[,،]?\s+مع\s+(?=(?:استمرار|بقاء|إبقاء|الإبقاء|احتفاظ)\b)"
    r"|\s*,?\s+(?:while|whereas|and then|then)\s+"
    r"|\s*,\s+but\s+",
    re.IGNORECASE,
)
MIN_PART_TERMS = 2  # a part must state something of its own: two words that are not framing


def claim_parts(text: str, glossary: Glossary) -> tuple[Phrasing, ...]:
    """The facts a claim joins, each as its own phrasing; () when it states one fact.

    A part needs ``MIN_PART_TERMS`` content words: "withdrew, then returned" joins
    two facts, "ended, then" does not.
    """
    pieces = [p for p in _JOINS.split(text) if p.strip()]
    if len(pieces) < 2:
        return ()
    parts = tuple(analyse(p, glossary) for p in pieces)
    if any(sum(not t.light for t in p.terms) < MIN_PART_TERMS for p in parts):
        return ()
    return parts
