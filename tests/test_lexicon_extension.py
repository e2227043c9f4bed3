"""A claims file's ``lexicon:`` section extends the built-in framing, denial and opposite words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import by_source, run_json

SOURCE = "قال القيادي في الفصائل إن الانسحاب الأميركي من العراق تكتيكي.\nوقررت الحكومة تشديد الإجراءات على الحدود.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def check(folder: Path, claim: str, lexicon: str = "") -> str:
    claims = folder / "claims.yaml"
    claims.write_text(f"claims:\n  - id: c\n    text: {claim}\n{lexicon}", encoding="utf-8")
    (result,) = run_json("verify", "c", "--claims", str(claims), "--sources", str(folder / "sources"))["results"]
    return by_source(result)["a.t"]["stance"] if "a.t" in by_source(result) else result["sources"][0]["stance"]


def test_a_framing_word_from_the_claims_file_calls_the_withdrawal_unreal(folder):
    claim = "الانسحاب الأميركي من العراق"
    assert check(folder, claim) == "supports"
    assert check(folder, claim, "lexicon:\n  framing: [تكتيكي]\n") == "contradicts"


def test_opposites_from_the_claims_file_flip_a_claim(folder):
    claim = "قررت الحكومة تخفيف الإجراءات على الحدود"
    extra = "lexicon:\n  opposites:\n    - [تشديد شدد يشدد, تيسير يسر ييسر]\n"
    # تخفيف ↔ تشديد is built in; a group from the file adds تيسير as another opposite.
    assert check(folder, claim) == "contradicts"
    assert check(folder, "قررت الحكومة تيسير الإجراءات على الحدود") == "supports"
    assert check(folder, "قررت الحكومة تيسير الإجراءات على الحدود", extra) == "contradicts"


def test_an_extended_claims_file_leaves_the_defaults_for_the_next_one(folder):
    check(folder, "الانسحاب الأميركي من العراق", "lexicon:\n  framing: [تكتيكي]\n")
    assert check(folder, "الانسحاب الأميركي من العراق") == "supports"
