"""The scorer's arithmetic, checked by hand, and the eval command on real and small inputs."""

from __future__ import annotations

import json

import pytest

from factcheck.cli import app
from factcheck.evaluate import CELL_CLASSES, accuracy, class_scores, confusion, gold_verdict, macro_f1
from factcheck.models import Verdict
from tests.conftest import ROOT, SEEDS
from tests.helpers import runner

GOLD = ROOT / "tests" / "gold" / "seeds.yaml"
# Measured 0.895 on the seeds gold set (see BENCHMARKS.md); a drop below this floor fails CI.
MACRO_F1_FLOOR = 0.90


def test_confusion_and_scores_by_hand():
    gold = ["supports", "supports", "supports", "contradicts", "contradicts", "silent", "silent", "silent"]
    pred = ["supports", "supports", "silent", "contradicts", "supports", "silent", "silent", "contradicts"]
    matrix = confusion(gold, pred, CELL_CLASSES)
    assert matrix == {
        "supports": {"supports": 2, "contradicts": 0, "silent": 1},
        "contradicts": {"supports": 1, "contradicts": 1, "silent": 0},
        "silent": {"supports": 0, "contradicts": 1, "silent": 2},
    }
    s = class_scores(matrix)
    # supports: tp 2, predicted 3, actual 3 -> P = R = F1 = 2/3
    assert s["supports"].precision == pytest.approx(2 / 3)
    assert s["supports"].recall == pytest.approx(2 / 3)
    assert s["supports"].f1 == pytest.approx(2 / 3)
    # contradicts: tp 1, predicted 2, actual 2 -> 1/2 each
    assert s["contradicts"].f1 == pytest.approx(0.5)
    # silent: tp 2, predicted 3, actual 3 -> 2/3
    assert s["silent"].f1 == pytest.approx(2 / 3)
    assert macro_f1(s, CELL_CLASSES) == pytest.approx((2 / 3 + 0.5 + 2 / 3) / 3)
    assert accuracy(matrix) == pytest.approx(5 / 8)


def test_undefined_precision_counts_as_zero():
    s = class_scores(confusion(["supports", "supports"], ["silent", "silent"], CELL_CLASSES))
    assert s["supports"].precision == 0.0
    assert s["contradicts"].f1 == 0.0


def test_gold_verdict_follows_the_engine_rule():
    assert gold_verdict(["supports", "silent"]) is Verdict.SUPPORTED
    assert gold_verdict(["mixed"]) is Verdict.CONFLICTING
    assert gold_verdict(["contradicts", "silent"]) is Verdict.REFUTED
    assert gold_verdict(["silent"] * 5) is Verdict.NOT_ENOUGH_INFO


def test_seeds_gold_stays_above_the_regression_floor(tmp_path):
    predictions = tmp_path / "cells.jsonl"
    result = runner.invoke(
        app,
        [
            "eval",
            str(GOLD),
            "--sources",
            str(SEEDS),
            "--format",
            "json",
            "--predictions",
            str(predictions),
            "--fail-under",
            str(MACRO_F1_FLOOR),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["claims"] >= 40
    assert report["cells"] == report["claims"] * 5
    assert report["macro_f1"] >= MACRO_F1_FLOOR
    rows = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == report["cells"]
    assert {"claim", "source", "gold", "predicted", "score", "cues"} <= set(rows[0])


def test_fail_under_exits_one_below_the_floor():
    args = ["eval", str(GOLD), "--sources", str(SEEDS), "--limit", "10", "--format", "json"]
    measured = json.loads(runner.invoke(app, args).stdout)["macro_f1"]
    assert measured < 1.0
    result = runner.invoke(app, [*args, "--fail-under", "1.0"])
    assert result.exit_code == 1
    assert "below the floor" in result.stderr
    assert runner.invoke(app, [*args, "--fail-under", str(measured)]).exit_code == 0


def test_pairs_file(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    rows = [
        {
            "id": "p1",
            "claim": "إجلاء أكثر من 2100 شحنة",
            "evidence": "أعلنت القيادة إجلاء أكثر من 2100 شحنة من المعدات.",
            "stance": "supports",
        },
        {
            "id": "p2",
            "claim": "إجلاء 3000 شحنة",
            "evidence": "أعلنت القيادة إجلاء أكثر من 2100 شحنة من المعدات.",
            "stance": "contradicts",
        },
        {
            "id": "p3",
            "claim": "الطقس ممطر في لندن",
            "evidence": "أعلنت القيادة إجلاء أكثر من 2100 شحنة من المعدات.",
            "stance": "neutral",
        },
    ]
    pairs.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(pairs), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["pairs"] == 3
    assert report["accuracy"] == 1.0
    assert report["confusion"]["contradicts"]["contradicts"] == 1


def test_bad_gold_names_the_place(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text("claims:\n  - id: a\n    text: نص\n    expect:\n      999: supports\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--sources", str(SEEDS)])
    assert result.exit_code == 2
    assert f"{gold}:5:" in result.stderr
    assert "matches no source" in result.stderr
    bad = tmp_path / "pairs.jsonl"
    bad.write_text('{"id": "x", "claim": "a", "evidence": "b", "stance": "agree"}\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:1:" in result.stderr


def test_unwritable_predictions_path_is_an_input_error(tmp_path):
    target = tmp_path / "missing-folder" / "cells.jsonl"
    result = runner.invoke(
        app, ["eval", str(GOLD), "--sources", str(SEEDS), "--limit", "1", "--predictions", str(target)]
    )
    assert result.exit_code == 2
    assert str(target) in result.stderr
    assert "Traceback" not in result.stderr
