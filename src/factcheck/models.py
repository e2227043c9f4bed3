"""The records that flow through the engine: claims, sources, sentences, evidence, verdicts.

All are frozen dataclasses with no I/O; derived labels are computed, not stored.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, overload


class EvidenceStance(StrEnum):
    """What one sentence does to a claim."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    MENTIONS = "mentions"  # on topic, takes no side


class SourceStance(StrEnum):
    """What one article does to a claim, from its evidence sentences."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    MIXED = "mixed"  # both voices in one article
    MENTIONS = "mentions"
    SILENT = "silent"


class Verdict(StrEnum):
    """Claim-level label, as in FEVER / AVeriTeC."""

    SUPPORTED = "supported"
    REFUTED = "refuted"
    CONFLICTING = "conflicting"
    NOT_ENOUGH_INFO = "not_enough_info"


class UnitKind(StrEnum):
    """How a line of an article functions; only some kinds carry the article's own claims."""

    HEADLINE = "headline"
    BODY = "body"
    CAPTION = "caption"
    RELATED = "related"  # "related articles" link lists: other stories' headlines
    TICKER = "ticker"  # "latest news" tickers: other stories' headlines
    BOILERPLATE = "boilerplate"  # datelines, share buttons, section labels

    @property
    def is_evidence(self) -> bool:
        return self in (UnitKind.HEADLINE, UnitKind.BODY, UnitKind.CAPTION)


@dataclass(frozen=True)
class Claim:
    """One claim an analyst wants checked."""

    id: str
    text: str
    match: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    adhoc: bool = False
    line: int | None = None  # line in claims.yaml, for messages


@dataclass(frozen=True)
class LexiconExtension:
    """Words a claims file adds to the built-in lexicons (its ``lexicon:`` section)."""

    framing: tuple[str, ...] = ()  # phrases calling what precedes them unreal (انسحاب "تكتيكي")
    denial: tuple[str, ...] = ()  # words denying what follows them
    rebuttal: tuple[str, ...] = ()  # phrases calling what precedes them untrue
    opposites: tuple[tuple[tuple[str, ...], ...], ...] = ()  # groups of opposite sides, each side lexeme strings

    def __bool__(self) -> bool:
        return bool(self.framing or self.denial or self.rebuttal or self.opposites)

    def as_key(self) -> str:
        """A stable text form, for cache keys."""
        return repr((self.framing, self.denial, self.rebuttal, self.opposites)) if self else ""


@dataclass(frozen=True)
class ClaimSet:
    """A parsed claims file: the claims plus the term glossary (English → Arabic spellings)."""

    claims: tuple[Claim, ...]
    glossary: dict[str, tuple[str, ...]] = field(default_factory=dict)
    path: Path | None = None
    # Extra speakers for the actor gazetteer: group -> names (a name, or a list of one actor's aliases).
    actors: dict[str, tuple[str | tuple[str, ...], ...]] = field(default_factory=dict)
    lexicon: LexiconExtension = field(default_factory=LexiconExtension)

    def get(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)


@dataclass(frozen=True)
class SourceMeta:
    """What an article tells about itself (from seeds/sources.yaml)."""

    outlet: str | None = None
    date: str | None = None
    headline: str | None = None
    url: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Source:
    """One article: its id (file stem), path, full text and metadata."""

    id: str
    path: Path
    text: str
    meta: SourceMeta = SourceMeta()

    @property
    def label(self) -> str:
        """A human name: outlet and date when known, else the file stem."""
        parts = [p for p in (self.meta.outlet, self.meta.date) if p]
        return " · ".join(parts) if parts else self.id


@dataclass(frozen=True, slots=True)
class Sentence:
    """A unit of an article with character offsets into the article's text.

    Held for every sentence of a corpus: in slots, under a third of the memory a dictionary of fields takes.
    """

    source_id: str
    index: int
    start: int
    end: int
    text: str
    kind: UnitKind = UnitKind.BODY
    speaker: str | None = None
    speaker_group: str | None = None  # actor group from the gazetteer (armed_factions, iraqi_government, ...)
    speaker_actor: str | None = None  # the gazetteer actor the speaker is (قيادة العمليات المشتركة for الخفاجي)

    def __reduce__(self) -> tuple[type[Sentence], tuple[Any, ...]]:
        fields = (self.source_id, self.index, self.start, self.end, self.text, self.kind)
        return Sentence, (*fields, self.speaker, self.speaker_group, self.speaker_actor)


# The records a check returns come by the hundred thousand on an archive: they keep their fields in
# slots (no dictionary each) and pickle as their constructor call, the quickest way back.


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a sentence got its stance: which rule fired and on what words."""

    kind: str  # terms, number, date, opposite, negation, denial, rebuttal, framing, counter, speaker, question
    text: str

    def __reduce__(self) -> tuple[type[Reason], tuple[str, str]]:
        return Reason, (self.kind, self.text)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence judged against a claim."""

    sentence: Sentence
    score: float  # 0-100
    stance: EvidenceStance
    cues: tuple[Reason, ...] = ()
    highlights: tuple[tuple[int, int], ...] = ()  # matched spans, offsets into the article text

    def __reduce__(self) -> tuple[type[Evidence], tuple[Any, ...]]:
        return Evidence, (self.sentence, self.score, self.stance, self.cues, self.highlights)


@dataclass(frozen=True, slots=True)
class SourceResult:
    """One article's stance on one claim and the sentences behind it."""

    source: Source
    stance: SourceStance
    evidence: tuple[Evidence, ...] = ()

    def __reduce__(self) -> tuple[type[SourceResult], tuple[Any, ...]]:
        return SourceResult, (self.source, self.stance, self.evidence)


@dataclass(frozen=True, slots=True)
class Voice:
    """How many evidence sentences of one speaker group support and contradict a claim."""

    group: str  # a gazetteer group, "unidentified" for a speaker it does not know, "outlet" for no speaker
    supports: int
    contradicts: int

    def __reduce__(self) -> tuple[type[Voice], tuple[str, int, int]]:
        return Voice, (self.group, self.supports, self.contradicts)


class SourceResults(Sequence[SourceResult]):
    """Every source's result on one claim: those that say something, over a shared sequence of the rest.

    Checked against an archive, a claim is silent in nearly every source. Its results
    keep only the sources that say something and share one silent result per source
    (``base``) with the other claims, instead of a tuple as long as the corpus for
    each claim. It reads, and compares equal, as the tuple of all the results.
    """

    __slots__ = ("_base", "_found")

    def __init__(self, base: Sequence[SourceResult], found: Mapping[int, SourceResult] | None = None) -> None:
        self._base = base
        self._found = dict(found) if found else {}

    def __len__(self) -> int:
        return len(self._base)

    @overload
    def __getitem__(self, index: int) -> SourceResult: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[SourceResult, ...]: ...

    def __getitem__(self, index: int | slice) -> SourceResult | tuple[SourceResult, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        n = len(self._base)
        position = index + n if index < 0 else index
        if not 0 <= position < n:
            raise IndexError("source result index out of range")
        found = self._found.get(position)
        return self._base[position] if found is None else found

    def __iter__(self) -> Iterator[SourceResult]:
        found = self._found
        for position, result in enumerate(self._base):
            yield found.get(position, result)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SourceResults) and other._base is self._base:
            changed = self._found.keys() | other._found.keys()
            return all(self[i] == other[i] for i in changed)
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=False))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"SourceResults({tuple(self)!r})"

    def __reduce__(self) -> tuple[type[SourceResults], tuple[Sequence[SourceResult], dict[int, SourceResult]]]:
        return SourceResults, (self._base, self._found)


@dataclass(frozen=True)
class ClaimResult:
    """A claim, its verdict and every source's stance (``sources``: one result per source, in order)."""

    claim: Claim
    verdict: Verdict
    sources: Sequence[SourceResult]
    voices: tuple[Voice, ...] = ()
    evidence: tuple[Evidence, ...] = ()  # every evidence sentence found, not only each source's top ones

    def count(self, stance: SourceStance) -> int:
        return sum(1 for s in self.sources if s.stance is stance)

    @property
    def supporting(self) -> int:
        """Sources with a supporting voice (mixed ones included)."""
        return sum(1 for s in self.sources if s.stance in (SourceStance.SUPPORTS, SourceStance.MIXED))

    @property
    def contradicting(self) -> int:
        """Sources with a contradicting voice (mixed ones included)."""
        return sum(1 for s in self.sources if s.stance in (SourceStance.CONTRADICTS, SourceStance.MIXED))
