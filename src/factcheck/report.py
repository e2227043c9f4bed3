"""Results → the versioned JSON contract (see factcheck/data/result.schema.json)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from factcheck.explain import PhrasingExplanation
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


def query_dict(phrasings: Sequence[PhrasingExplanation]) -> list[dict[str, Any]]:
    """``--explain``: the claim as it was matched."""
    return [
        {
            "text": p.text,
            "numbers": list(p.numbers),
            "dates": list(p.dates),
            "negated": p.negated,
            "terms": [
                {
                    "label": t.label,
                    "weight": round(t.weight, 4),
                    "forms": list(t.forms),
                    "more_forms": t.more_forms,
                    "found_in": list(t.found_in),
                }
                for t in p.terms
            ],
        }
        for p in phrasings
    ]


def result_dict(r: ClaimResult, explained: Mapping[str, Sequence[PhrasingExplanation]] | None = None) -> dict[str, Any]:
    out = {
        "claim": {"id": r.claim.id, "text": r.claim.text, "adhoc": r.claim.adhoc},
        "verdict": r.verdict.value,
        "summary": {stance.value: r.count(stance) for stance in SourceStance},
        "voices": [{"group": v.group, "supports": v.supports, "contradicts": v.contradicts} for v in r.voices],
        "sources": [source_dict(s) for s in r.sources],
    }
    if explained and r.claim.id in explained:
        out["query"] = query_dict(explained[r.claim.id])
    return out


def document(
    results: Sequence[ClaimResult], explained: Mapping[str, Sequence[PhrasingExplanation]] | None = None
) -> dict[str, Any]:
    """``--format json``: one document."""
    return {"version": SCHEMA_VERSION, "results": [result_dict(r, explained) for r in results]}


def lines(
    results: Sequence[ClaimResult], explained: Mapping[str, Sequence[PhrasingExplanation]] | None = None
) -> list[dict[str, Any]]:
    """``--format jsonl``: one self-describing object per result."""
    return [{"version": SCHEMA_VERSION, **result_dict(r, explained)} for r in results]
