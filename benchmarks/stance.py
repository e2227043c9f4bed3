"""Stance benchmarks: floor, naive baseline and factcheck on the shared Arabic datasets, in one run.

Usage (repo root, project installed):

    python benchmarks/stance.py [--bench ../shared/bench] [--splits dev test] [--json out.json]

Datasets (read in place, never copied): ANS (Khouja 2020; claim vs one headline) and
UnifiedFC (Baly et al. 2018; claim vs a whole article). For each split it prints
accuracy, per-class F1, 3-class and 2-class (supports/contradicts) macro-F1 for:

* floor: always the most frequent gold class of that split;
* baseline: rapidfuzz ``token_set_ratio`` between the claim and the best evidence
  sentence on lightly normalised text, a fixed threshold (``BASELINE_THRESHOLD``)
  for "on topic", and a flip to "contradicts" when exactly one side has a
  negation word;
* factcheck: the engine, through the same code path as ``factcheck eval``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from factcheck.evaluate import (
    PAIR_CLASSES,
    Pair,
    accuracy,
    class_scores,
    confusion,
    evaluate_pairs,
    load_pairs,
    macro_f1,
)
from factcheck.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
BASELINE_THRESHOLD = 50.0
NEGATION_WORDS = frozenset(normalize(w) for w in "لا لم لن ليس ليست غير عدم نفى نفت ينفي تنفي".split())
DATASETS = {"ans": "ANS (headline pairs)", "unifiedfc": "UnifiedFC (claim vs article)"}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[\n.!?؟]+", text) if s.strip()]


def baseline(pair: Pair) -> str:
    claim = default_process(normalize(pair.claim))
    best_score, best = 0.0, ""
    for sentence in _sentences(pair.evidence):
        processed = default_process(normalize(sentence))
        score = fuzz.token_set_ratio(claim, processed)
        if score > best_score:
            best_score, best = score, processed
    if best_score < BASELINE_THRESHOLD:
        return "neutral"
    negated_claim = bool(NEGATION_WORDS & set(claim.split()))
    negated_evidence = bool(NEGATION_WORDS & set(best.split()))
    return "contradicts" if negated_claim != negated_evidence else "supports"


def figures(gold: list[str], predicted: list[str]) -> dict[str, object]:
    matrix = confusion(gold, predicted, PAIR_CLASSES)
    scores = class_scores(matrix)
    return {
        "accuracy": round(accuracy(matrix), 4),
        "f1": {k: round(v.f1, 4) for k, v in scores.items()},
        "macro_f1_3": round(macro_f1(scores, PAIR_CLASSES), 4),
        "macro_f1_2": round(macro_f1(scores, ("supports", "contradicts")), 4),
        "confusion": matrix,
    }


def run(bench: Path, splits: list[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in DATASETS:
        for split in splits:
            path = bench / name / f"{split}.jsonl"
            if not path.exists():
                continue
            pairs = load_pairs(path)
            gold = [p.stance for p in pairs]
            majority = Counter(gold).most_common(1)[0][0]
            t0 = time.perf_counter()
            base = [baseline(p) for p in pairs]
            t1 = time.perf_counter()
            report = evaluate_pairs(pairs)
            t2 = time.perf_counter()
            out[f"{name}/{split}"] = {
                "pairs": len(pairs),
                "gold": dict(Counter(gold)),
                "floor": {"predicts": majority, **figures(gold, [majority] * len(gold))},
                "baseline": {"seconds": round(t1 - t0, 2), **figures(gold, base)},
                "factcheck": {"seconds": round(t2 - t1, 2), **figures(gold, [r.predicted for r in report.rows])},
            }
    return out


def table(results: dict[str, object]) -> str:
    lines = [
        "| data | system | accuracy | F1 supports | F1 contradicts | F1 neutral | macro-F1 (3) | macro-F1 (2) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, res in results.items():
        for system in ("floor", "baseline", "factcheck"):
            f = res[system]  # type: ignore[index]
            lines.append(
                f"| {key} | {system} | {f['accuracy']:.3f} | {f['f1']['supports']:.3f} | "
                f"{f['f1']['contradicts']:.3f} | {f['f1']['neutral']:.3f} | "
                f"{f['macro_f1_3']:.3f} | {f['macro_f1_2']:.3f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--splits", nargs="+", default=["dev", "test"])
    parser.add_argument("--json", type=Path, help="also write the full results here")
    args = parser.parse_args()
    results = run(args.bench, args.splits)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
