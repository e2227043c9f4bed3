"""Results → the versioned JSON contract (see factcheck/data/result.schema.json)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from factcheck.models import ClaimResult, Evidence, SourceResult, SourceStance

SCHEMA_VERSION = 1


def evidence_dict(e: Evidence) -> dict[str, Any]:
    s = e.sentence
    return {
        "sentence_index": s.index,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "kind": s.kind.value,
        "score": e.score,
        "stance": e.stance.value,
        "speaker": s.speaker,
        "speaker_group": s.speaker_group,
        "speaker_actor": s.speaker_actor,
        "cues": [{"kind": c.kind, "text": c.text} for c in e.cues],
        "highlights": [[a, b] for a, b in e.highlights],
    }


def source_dict(r: SourceResult) -> dict[str, Any]:
    m = r.source.meta
    return {
        "source": r.source.id,
        "label": r.source.label,
        "metadata": {"outlet": m.outlet, "date": m.date, "headline": m.headline, "url": m.url},
        "stance": r.stance.value,
        "evidence": [evidence_dict(e) for e in r.evidence],
    }


def result_dict(r: ClaimResult) -> dict[str, Any]:
    return {
        "claim": {"id": r.claim.id, "text": r.claim.text, "adhoc": r.claim.adhoc},
        "verdict": r.verdict.value,
        "summary": {stance.value: r.count(stance) for stance in SourceStance},
        "voices": [{"group": v.group, "supports": v.supports, "contradicts": v.contradicts} for v in r.voices],
        "sources": [source_dict(s) for s in r.sources],
    }


def document(results: Sequence[ClaimResult]) -> dict[str, Any]:
    """``--format json``: one document."""
    return {"version": SCHEMA_VERSION, "results": [result_dict(r) for r in results]}


def lines(results: Sequence[ClaimResult]) -> list[dict[str, Any]]:
    """``--format jsonl``: one self-describing object per result."""
    return [{"version": SCHEMA_VERSION, **result_dict(r)} for r in results]
