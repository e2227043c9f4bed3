"""Scoring the engine against labelled data: claim-set gold files and stance pairs.

Two input shapes:

* a claim-set gold file (YAML): the claims.yaml schema plus ``expect`` per claim,
  mapping a source (file stem or unique prefix) to ``supports | contradicts |
  mixed | silent`` and optionally the gold evidence excerpts. Every (claim,
  source) cell is scored; unnamed sources are expected silent.
* stance pairs (JSON Lines with ``id``, ``claim``, ``evidence``, ``stance`` in
  ``supports | contradicts | neutral``), as in the ANS and UnifiedFC benchmarks.
  Each pair is checked with its evidence text as the only source; all pairs'
  evidence texts form the corpus, so term weights have a real background.

The arithmetic lives in ``confusion`` and ``class_scores`` so it can be checked
by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck.claims import NodeReader, json_lines, parse_claims, read_text
from factcheck.engine import Corpus, Settings
from factcheck.errors import FactcheckError
from factcheck.models import Claim, ClaimResult, ClaimSet, Evidence, Source, SourceStance, Verdict
from factcheck.verdict import claim_verdict

GOLD_STANCES = ("supports", "contradicts", "mixed", "silent")
CELL_CLASSES = ("supports", "contradicts", "silent")
PAIR_CLASSES = ("supports", "contradicts", "neutral")
FEVER_TOP = 5  # evidence sentences a claim may offer, as in the FEVER score

# --------------------------------------------------------------------------- metrics


def confusion(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, dict[str, int]]:
    """``matrix[gold][predicted]`` counts."""
    matrix = {g: dict.fromkeys(labels, 0) for g in labels}
    for g, p in zip(gold, predicted, strict=True):
        matrix[g][p] += 1
    return matrix


@dataclass(frozen=True)
class ClassScore:
    precision: float
    recall: float
    f1: float
    support: int  # gold items of this class


def class_scores(matrix: dict[str, dict[str, int]]) -> dict[str, ClassScore]:
    """Per-class precision, recall and F1 from a confusion matrix (0 where undefined)."""
    out = {}
    for label in matrix:
        tp = matrix[label][label]
        predicted = sum(matrix[g][label] for g in matrix)
        actual = sum(matrix[label].values())
        p = tp / predicted if predicted else 0.0
        r = tp / actual if actual else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[label] = ClassScore(p, r, f, actual)
    return out


def macro_f1(scores: dict[str, ClassScore], labels: Iterable[str]) -> float:
    labels = list(labels)
    return sum(scores[x].f1 for x in labels) / len(labels)


def accuracy(matrix: dict[str, dict[str, int]]) -> float:
    total = sum(sum(row.values()) for row in matrix.values())
    return sum(matrix[x][x] for x in matrix) / total if total else 0.0


# --------------------------------------------------------------------------- gold claim sets


@dataclass(frozen=True)
class GoldCell:
    stance: str  # supports | contradicts | mixed | silent
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldClaim:
    claim: Claim
    expect: dict[str, GoldCell]  # source id -> cell; sources not named are silent


def _cell_class(stance: str) -> str:
    """Mixed counts as contradicts: the contradicting voice is what must not be missed."""
    return "contradicts" if stance == "mixed" else stance


def predicted_class(stance: SourceStance) -> str:
    if stance in (SourceStance.CONTRADICTS, SourceStance.MIXED):
        return "contradicts"
    if stance is SourceStance.SUPPORTS:
        return "supports"
    return "silent"


def load_gold(path: Path, source_ids: Sequence[str]) -> tuple[ClaimSet, list[GoldClaim]]:
    """Parse a claim-set gold file; source keys may be file stems or unique prefixes."""
    expectations: dict[str, dict[str, GoldCell]] = {}

    def resolve_source(key: str, node: yaml.Node, reader: NodeReader) -> str:
        hits = [s for s in source_ids if s == key] or [s for s in source_ids if s.startswith(key)]
        if len(hits) != 1:
            problem = "matches no source" if not hits else f"is ambiguous ({', '.join(hits)})"
            raise reader.fail(node, f"source '{key}' {problem}")
        return hits[0]

    def on_claim(claim: Claim, fields: dict[str, yaml.Node], reader: NodeReader) -> None:
        cells: dict[str, GoldCell] = {}
        if "expect" in fields:
            entries = reader.mapping(fields["expect"], f"expect of claim '{claim.id}'", any_key_type=True)
            for key, node in entries.items():
                source = resolve_source(key, node, reader)
                if isinstance(node, yaml.ScalarNode):
                    stance, evidence = reader.text(node, f"stance of {claim.id}/{key}"), ()
                else:
                    entry = reader.mapping(node, f"expect {claim.id}/{key}", ("stance", "evidence"))
                    if "stance" not in entry:
                        raise reader.fail(node, f"expect {claim.id}/{key} has no 'stance'")
                    stance = reader.text(entry["stance"], f"stance of {claim.id}/{key}")
                    evidence = reader.strings(entry["evidence"], "evidence") if "evidence" in entry else ()
                if stance not in GOLD_STANCES:
                    raise reader.fail(node, f"stance '{stance}' must be one of {', '.join(GOLD_STANCES)}")
                cells[source] = GoldCell(stance, evidence)
        expectations[claim.id] = cells

    claim_set = parse_claims(read_text(path, "gold file"), path, extra_keys=("expect",), on_claim=on_claim)
    return claim_set, [GoldClaim(c, expectations.get(c.id, {})) for c in claim_set.claims]


def _gold_spans(text: str, excerpts: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for excerpt in excerpts:
        start = text.find(excerpt)
        while start != -1:
            spans.append((start, start + len(excerpt)))
            start = text.find(excerpt, start + 1)
    return spans


def _hits(evidence: Iterable[Evidence], spans: Sequence[tuple[int, int]]) -> bool:
    return any(e.sentence.start < b and a < e.sentence.end for e in evidence for a, b in spans)


def gold_verdict(cells: Iterable[str]) -> Verdict:
    return claim_verdict([SourceStance(c) for c in cells])


@dataclass
class CellRow:
    """One scored (claim, source) cell, as written to --predictions."""

    claim: str
    source: str
    gold: str
    predicted: str
    stance: str
    score: float
    evidence_hit: bool | None
    cues: list[str]


@dataclass
class ClaimSetReport:
    matrix: dict[str, dict[str, int]]
    evidence_recall: float
    evidence_cells: int
    fever: float
    verdict_accuracy: float
    claims: int
    rows: list[CellRow] = field(default_factory=list)

    @property
    def scores(self) -> dict[str, ClassScore]:
        return class_scores(self.matrix)

    def as_dict(self) -> dict[str, Any]:
        s = self.scores
        return {
            "kind": "claim-set",
            "claims": self.claims,
            "cells": sum(sum(r.values()) for r in self.matrix.values()),
            "accuracy": round(accuracy(self.matrix), 4),
            "macro_f1": round(macro_f1(s, CELL_CLASSES), 4),
            "per_class": {k: _score_dict(v) for k, v in s.items()},
            "contradiction_precision": round(s["contradicts"].precision, 4),
            "contradiction_recall": round(s["contradicts"].recall, 4),
            "evidence_recall": round(self.evidence_recall, 4),
            "evidence_cells": self.evidence_cells,
            "fever_score": round(self.fever, 4),
            "verdict_accuracy": round(self.verdict_accuracy, 4),
            "confusion": self.matrix,
        }


def _score_dict(s: ClassScore) -> dict[str, Any]:
    return {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4), "n": s.support}


def _claim_top_evidence(result: ClaimResult) -> list[Evidence]:
    """The evidence a claim offers, best first: stance-taking sentences before mentions."""
    items = [e for s in result.sources for e in s.evidence]
    items.sort(key=lambda e: (e.stance.value == "mentions", -e.score))
    return items[:FEVER_TOP]


def evaluate_claim_set(
    gold: Sequence[GoldClaim],
    corpus: Corpus,
    glossary: dict[str, tuple[str, ...]],
    settings: Settings | None = None,
    progress: Callable[[], None] | None = None,
) -> ClaimSetReport:
    settings = settings or Settings(top=FEVER_TOP)
    texts = {s.id: s.text for s in corpus.sources}
    golds, preds, rows = [], [], []
    evidence_hits = evidence_cells = fever_hits = verdict_hits = 0
    for item in gold:
        result = corpus.check(item.claim, glossary, settings)
        cell_stances = []
        gold_spans: list[tuple[str, tuple[int, int]]] = []
        for src in result.sources:
            cell = item.expect.get(src.source.id, GoldCell("silent"))
            cell_stances.append(cell.stance)
            g, p = _cell_class(cell.stance), predicted_class(src.stance)
            golds.append(g)
            preds.append(p)
            hit: bool | None = None
            if cell.stance != "silent" and cell.evidence:
                spans = _gold_spans(texts[src.source.id], cell.evidence)
                gold_spans += [(src.source.id, sp) for sp in spans]
                hit = _hits(src.evidence, spans)
                evidence_cells += 1
                evidence_hits += hit
            top = src.evidence[0] if src.evidence else None
            rows.append(
                CellRow(
                    item.claim.id,
                    src.source.id,
                    cell.stance,
                    p,
                    src.stance.value,
                    top.score if top else 0.0,
                    hit,
                    [c.text for c in top.cues] if top else [],
                )
            )
        expected = gold_verdict(cell_stances)
        verdict_ok = result.verdict is expected
        verdict_hits += verdict_ok
        if verdict_ok:
            if expected is Verdict.NOT_ENOUGH_INFO or not gold_spans:
                fever_hits += 1
            else:
                offered = _claim_top_evidence(result)
                fever_hits += any(
                    e.sentence.source_id == sid and e.sentence.start < b and a < e.sentence.end
                    for e in offered
                    for sid, (a, b) in gold_spans
                )
        if progress:
            progress()
    n = len(gold)
    return ClaimSetReport(
        matrix=confusion(golds, preds, CELL_CLASSES),
        evidence_recall=evidence_hits / evidence_cells if evidence_cells else 0.0,
        evidence_cells=evidence_cells,
        fever=fever_hits / n if n else 0.0,
        verdict_accuracy=verdict_hits / n if n else 0.0,
        claims=n,
        rows=rows,
    )


# --------------------------------------------------------------------------- stance pairs


@dataclass(frozen=True)
class Pair:
    id: str
    claim: str
    evidence: str
    stance: str  # supports | contradicts | neutral


def load_pairs(path: Path) -> list[Pair]:
    pairs = []
    for n, obj in json_lines(path, "pairs file"):
        missing = [k for k in ("id", "claim", "evidence", "stance") if not isinstance(obj.get(k), str)]
        if missing:
            raise FactcheckError(f"missing or non-string field(s): {', '.join(missing)}", path=path, line=n)
        if obj["stance"] not in PAIR_CLASSES:
            raise FactcheckError(
                f"stance '{obj['stance']}' must be one of {', '.join(PAIR_CLASSES)}", path=path, line=n
            )
        pairs.append(Pair(obj["id"], obj["claim"], obj["evidence"], obj["stance"]))
    if not pairs:
        raise FactcheckError("no pairs in the file", path=path)
    return pairs


@dataclass
class PairRow:
    id: str
    gold: str
    predicted: str
    score: float
    cues: list[str]


@dataclass
class PairReport:
    matrix: dict[str, dict[str, int]]
    rows: list[PairRow] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        s = class_scores(self.matrix)
        return {
            "kind": "pairs",
            "pairs": sum(sum(r.values()) for r in self.matrix.values()),
            "accuracy": round(accuracy(self.matrix), 4),
            "per_class": {k: _score_dict(v) for k, v in s.items()},
            "macro_f1_3": round(macro_f1(s, PAIR_CLASSES), 4),
            "macro_f1_2": round(macro_f1(s, ("supports", "contradicts")), 4),
            "confusion": self.matrix,
        }


def pair_prediction(stance: SourceStance) -> str:
    if stance in (SourceStance.CONTRADICTS, SourceStance.MIXED):
        return "contradicts"
    return "supports" if stance is SourceStance.SUPPORTS else "neutral"


def evaluate_pairs(
    pairs: Sequence[Pair],
    settings: Settings | None = None,
    progress: Callable[[], None] | None = None,
) -> PairReport:
    settings = settings or Settings(top=1)
    sources = [Source(f"pair-{i}", Path(p.id), p.evidence) for i, p in enumerate(pairs)]
    corpus = Corpus(sources)
    golds, preds, rows = [], [], []
    for i, pair in enumerate(pairs):
        claim = Claim(id=f"pair-{i}", text=pair.claim, adhoc=True)
        result = corpus.check(claim, {}, settings, only=[f"pair-{i}"])
        (src,) = result.sources
        pred = pair_prediction(src.stance)
        golds.append(pair.stance)
        preds.append(pred)
        top = src.evidence[0] if src.evidence else None
        rows.append(
            PairRow(pair.id, pair.stance, pred, top.score if top else 0.0, [c.text for c in top.cues] if top else [])
        )
        if progress:
            progress()
    return PairReport(confusion(golds, preds, PAIR_CLASSES), rows)


def is_pairs_file(path: Path) -> bool:
    """JSON Lines pairs rather than a YAML claim set: by suffix, else by the first character."""
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return True
    if path.suffix.lower() in (".yaml", ".yml"):
        return False
    return read_text(path, "gold file").lstrip().startswith("{")
