"""From evidence sentences to a source's stance, and from sources to a claim's verdict."""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.models import Evidence, EvidenceStance, Reason, SourceStance, Verdict


def part_reason(k: int, n: int, text: str) -> Reason:
    """The reason a sentence gives for stating the ``k``-th of the ``n`` facts a claim joins."""
    return Reason("terms", f"states part {k} of {n} of the claim: «{text}»")


_PART = re.compile(r"states part (\d+) of (\d+) of the claim")


def _parts_stated(evidence: Sequence[Evidence]) -> dict[int, Evidence]:
    """Each part of a joined claim that some sentence states, with its best sentence; {} unless all are."""
    best: dict[int, Evidence] = {}
    n = 0
    for e in evidence:
        for reason in e.cues:
            found = _PART.match(reason.text) if reason.kind == "terms" else None
            if found is not None:
                k, n = int(found[1]), int(found[2])
                if k not in best or e.score > best[k].score:
                    best[k] = e
    return best if n and len(best) == n else {}


def source_stance(evidence: Sequence[Evidence]) -> SourceStance:
    """Both voices in one article make it mixed; a mention alone takes no side.

    A claim joining facts ("withdrew, then returned") is supported by an article
    that states each of them, in one sentence or several.
    """
    stances = {e.stance for e in evidence}
    supports = EvidenceStance.SUPPORTS in stances or bool(_parts_stated(evidence))
    contradicts = EvidenceStance.CONTRADICTS in stances
    if supports and contradicts:
        return SourceStance.MIXED
    if supports:
        return SourceStance.SUPPORTS
    if contradicts:
        return SourceStance.CONTRADICTS
    return SourceStance.MENTIONS if evidence else SourceStance.SILENT


def claim_verdict(stances: Sequence[SourceStance]) -> Verdict:
    """FEVER/AVeriTeC-style label: sources that disagree make the claim conflicting."""
    supported = any(s in (SourceStance.SUPPORTS, SourceStance.MIXED) for s in stances)
    refuted = any(s in (SourceStance.CONTRADICTS, SourceStance.MIXED) for s in stances)
    if supported and refuted:
        return Verdict.CONFLICTING
    if supported:
        return Verdict.SUPPORTED
    if refuted:
        return Verdict.REFUTED
    return Verdict.NOT_ENOUGH_INFO


_PRIORITY = {EvidenceStance.CONTRADICTS: 0, EvidenceStance.SUPPORTS: 1, EvidenceStance.MENTIONS: 2}


def rank_evidence(evidence: Sequence[Evidence], top: int) -> tuple[Evidence, ...]:
    """The ``top`` sentences to show: the best of each voice first, then by score.

    A mixed article always shows both its best contradicting and its best
    supporting sentence, even when ``top`` is 1: showing one voice of a
    divided article would misreport it. Nor is an article that supports a joined
    claim part by part shown by one part only.
    """
    ordered = sorted(evidence, key=lambda e: (-e.score, e.sentence.index))
    leaders: list[Evidence] = []
    for stance in sorted(_PRIORITY, key=_PRIORITY.__getitem__):
        first = next((e for e in ordered if e.stance is stance), None)
        if first is not None and stance is not EvidenceStance.MENTIONS:
            leaders.append(first)
    if not any(e.stance is EvidenceStance.SUPPORTS for e in leaders):
        parts = _parts_stated(evidence)
        leaders += [e for k, e in sorted(parts.items()) if e not in leaders]
    rest = [e for e in ordered if e not in leaders]
    rest.sort(key=lambda e: (_PRIORITY[e.stance], -e.score, e.sentence.index))
    return tuple((leaders + rest)[: max(top, len(leaders))])
