"""Names across scripts: the consonant skeleton shared by Arabic and Latin spellings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.transliterate import MIN_SKELETON, skeleton
from tests.helpers import by_source, run_json


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("حرير", "Harir"),
        ("أربيل", "Erbil"),
        ("ماكنزي", "McKenzie"),
        ("سليماني", "Soleimani"),
        ("سليماني", "Suleimani"),
        ("الخفاجي", "Khafaji"),
        ("النجباء", "Nujaba"),
        ("الكاظمي", "Kadhimi"),
        ("بايدن", "Biden"),
        ("المهندس", "Muhandis"),
        ("الناصرية", "Nasiriyah"),
        ("رسول", "Rasool"),
    ],
)
def test_arabic_and_latin_spellings_share_a_skeleton(arabic, latin):
    assert skeleton(arabic) == skeleton(latin)
    assert len(skeleton(latin)) >= MIN_SKELETON


def test_different_names_differ():
    assert skeleton("الخفاجي") != skeleton("الأعرجي")
    assert skeleton("Biden") != skeleton("Obama")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz-' ", max_size=20))
def test_a_latin_skeleton_is_lower_case_consonants(word):
    assert set(skeleton(word)) <= set("bcdfghjklmnpqrstvxz")


def test_a_name_in_latin_letters_finds_its_arabic_spelling(tmp_path):
    # 002: "وقال المتحدث باسم القيادة اللواء تحسين الخفاجي ..." — with no glossary, Khafaji is in no lexicon.
    claims = tmp_path / "claims.yaml"
    claims.write_text("claims: []\n", encoding="utf-8")
    (result,) = run_json(
        "verify", "Khafaji spoke about the withdrawal deadline", "--claims", str(claims), "--top", "3"
    )["results"]
    evidence = by_source(result)["002"]["evidence"]
    assert any("khafaji" in c["text"] and "not found: khafaji" not in c["text"] for e in evidence for c in e["cues"])
