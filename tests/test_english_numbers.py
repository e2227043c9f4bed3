"""What an English figure counts: compound heads, "numbers" before the figure, fractions of a place."""

from __future__ import annotations

import pytest

from factcheck.models import Claim
from factcheck.numbers import extract_quantities
from factcheck.query import Glossary, build_query


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The coalition has more than 60 member countries", "countries"),
        ("3 rocket attacks hit the base", "attacks"),
        ("9 advisers remain at Ain al-Asad", "advisers"),
        ("2,500 US troops remain", "troops"),
        ("US troop numbers were cut to 2,500 by mid-January", "troop"),
        ("The number of US troops in Iraq was reduced to 5,000", "troops"),
        ("the number rose to 500", None),
        ("The number of troops rose, and 500 left", "left"),
    ],
)
def test_the_counted_noun(text: str, unit: str | None) -> None:
    (q,) = extract_quantities(text, role="claim")
    assert q.unit == unit


def unit_forms(text: str) -> set[str]:
    p = build_query(Claim("c", text), Glossary.build({})).phrasings[0]
    (unit,) = p.unit_terms
    assert unit is not None
    return {" ".join(f) for f in unit.alternatives}


def test_countries_are_counted_as_dawla_only_after_a_number():
    assert {"دوله", "دول"} <= unit_forms("The coalition is made up of 25 countries")
    p = build_query(Claim("c", "Neighbouring countries closed their borders"), Glossary.build({})).phrasings[0]
    countries = next(t for t in p.terms if t.label == "countries")
    assert ("دوله",) not in countries.alternatives  # دول is also دولي: no form of its own


def test_a_fraction_of_a_place_counts_its_area_or_land():
    forms = unit_forms("IS held about a third of Iraq")
    assert {"عراق", "مساحه", "اراضي"} <= forms
    assert "مساحه" not in unit_forms("About a third of the troops left")
