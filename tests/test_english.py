"""English claims against the Arabic seeds with no hand-written Arabic: the concept lexicon does the reading."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import CLAIMS
from tests.helpers import by_source, run_json


@pytest.fixture(scope="module")
def english_only(tmp_path_factory) -> Path:
    """The bundled claims.yaml with every `match` phrasing and the glossary removed."""
    data = yaml.safe_load(CLAIMS.read_text(encoding="utf-8"))
    for claim in data["claims"]:
        claim.pop("match", None)
    data.pop("glossary", None)
    path = tmp_path_factory.mktemp("en") / "claims.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def verify(claims: Path, claim: str) -> dict:
    (result,) = run_json("verify", claim, "--claims", str(claims))["results"]
    return result


def stances(result: dict) -> dict[str, str]:
    return {k: v["stance"] for k, v in by_source(result).items()}


def test_nine_advisers_as_typed(english_only):
    result = verify(english_only, "advisers-ain-al-asad")
    assert result["verdict"] == "supported"
    evidence = by_source(result)["000"]["evidence"][0]
    assert "(9)" in evidence["text"]


def test_shipments_and_vehicles_as_typed(english_only):
    assert stances(verify(english_only, "shipments-evacuated"))["001"] == "supports"
    assert stances(verify(english_only, "vehicles-handed-over"))["001"] == "supports"


def test_a_wrong_figure_in_english_is_refuted(english_only):
    assert stances(verify(english_only, "3000 shipments evacuated"))["001"] == "contradicts"


def test_the_extension_is_refuted_by_the_denial(english_only):
    result = verify(english_only, "deadline-extended")
    assert result["verdict"] == "refuted"
    assert stances(result)["002"] == "contradicts"


def test_the_real_withdrawal_is_conflicting(english_only):
    result = verify(english_only, "withdrawal-real")
    assert result["verdict"] == "conflicting"
    groups = {v["group"]: v for v in result["voices"]}
    assert groups["armed_factions"]["contradicts"] >= 2
    assert groups["iraqi_government"]["supports"] >= 1


def test_an_unrelated_english_claim_finds_nothing(english_only):
    result = verify(english_only, "Turkey withdrew its troops from northern Syria")
    assert result["verdict"] == "not_enough_info"
    assert not any(s["evidence"] for s in result["sources"])


def test_us_is_the_country_and_really_adds_nothing():
    from factcheck.models import Claim
    from factcheck.query import Glossary, build_query

    query = build_query(Claim("c", "US forces have really withdrawn"), Glossary.build({}))
    labels = [t.label for t in query.phrasings[0].terms]
    assert labels[0] == "united states"
    assert "really" not in labels


def labels(text: str) -> list[str]:
    from factcheck.models import Claim
    from factcheck.query import Glossary, build_query

    return [t.label for t in build_query(Claim("c", text), Glossary.build({})).phrasings[0].terms]


def terms(text: str) -> dict:
    from factcheck.models import Claim
    from factcheck.query import Glossary, build_query

    return {t.label: t for t in build_query(Claim("c", text), Glossary.build({})).phrasings[0].terms}


def test_a_particle_after_the_object_is_read_with_its_verb():
    assert "drove out" in labels("US and Iraqi forces drove ISIS out of the areas it controlled")
    assert "pull out" in labels("Biden wants to pull the troops out of Iraq")
    assert "out" not in labels("Biden wants to pull the troops out of Iraq")


def test_a_phrase_may_start_with_a_function_word():
    assert "in charge" in labels("The Iraqi army is in charge of the base")
    assert "in line with" in labels("The decision is in line with the policy of his predecessor")
    assert labels("Forces were sent in order to protect the base") == ["forces", "sent", "protect", "base"]


def test_moving_to_a_mission_is_a_transition_not_transport():
    forms = {" ".join(f) for f in terms("The coalition moves to non-combat missions")["moves to"].alternatives}
    assert "انتقال" in forms
    assert "نقل" not in forms


def test_a_word_of_a_date_still_counts_elsewhere_in_the_claim():
    # "end" belongs to the date "by the end of the year" only where it stands there
    found = labels("Baghdad and Washington agreed to end the US combat presence by the end of the year")
    assert "end" in found
    assert "end of the year" in found


def test_an_english_light_verb_gives_its_weight_to_the_word_it_takes():
    found = terms("Baghdad and Washington held six rounds of talks")
    assert found["held"].light
    assert found["rounds"].carries is found["held"]
    # English names the place before the word taken: "near Baghdad airport" hands on to airport
    found = terms("Soleimani was killed in a US strike near Baghdad airport")
    assert found["airport"].carries is found["near"]
    assert found["baghdad"].carries is None


def test_an_english_word_is_also_searched_as_itself():
    term = terms("The coalition withdrew its forces")["withdrew"]
    assert term.alternatives[0] == ("withdrew",)
    assert len(labels("The withdrawal began when the coalition withdrew its forces")) == 4  # one term per concept


GOLD = Path(__file__).parent / "gold"
ENGLISH_MACRO_F1_FLOOR = 0.88  # regression floor for English-only claims (measured 0.900; see BENCHMARKS.md)


def test_english_gold_set_has_the_same_cells_in_english_only():
    arabic = yaml.safe_load((GOLD / "seeds.yaml").read_text(encoding="utf-8"))["claims"]
    english = yaml.safe_load((GOLD / "seeds_en.yaml").read_text(encoding="utf-8"))["claims"]
    assert [c["id"] for c in english] == [c["id"] for c in arabic]
    for ar, en in zip(arabic, english, strict=True):
        assert en["expect"] == ar["expect"]
        assert not any("\u0600" <= ch <= "\u06ff" for ch in en["text"]), en["id"]
        assert "match" not in en
        assert "counter" not in en


def test_english_gold_set_stays_above_its_floor():
    from factcheck.cli import app
    from tests.conftest import SEEDS
    from tests.helpers import runner

    args = ["eval", str(GOLD / "seeds_en.yaml"), "--sources", str(SEEDS), "--format", "json"]
    result = runner.invoke(app, [*args, "--fail-under", str(ENGLISH_MACRO_F1_FLOOR)])
    assert result.exit_code == 0, result.output
