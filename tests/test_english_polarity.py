"""English framing and truth words ("for show", "not real") act on a claim as Arabic cue words do."""

from __future__ import annotations

from factcheck.models import Claim
from factcheck.query import Glossary, Phrasing, build_query


def phrasing(text: str) -> Phrasing:
    return build_query(Claim("c", text), Glossary.build({})).phrasings[0]


def labels(p: Phrasing) -> list[str]:
    return [t.label for t in p.terms]


def test_a_framing_word_negates_the_claim_and_is_not_content():
    p = phrasing("The US withdrawal from Iraq is only for show")
    assert labels(p) == ["united states", "withdrawal", "iraq"]
    assert p.negated
    assert "framing" in p.cue_kinds
    assert p.governed == frozenset(t.key for t in p.terms)  # the whole withdrawal is called unreal


def test_not_real_is_a_rebuttal_like_ghayr_haqiqi():
    p = phrasing("The US withdrawal from Iraq is not real")
    assert labels(p) == ["united states", "withdrawal", "iraq"]
    assert p.negated
    assert {"negation", "rebuttal"} <= p.cue_kinds


def test_an_unnegated_truth_word_only_stresses_the_claim():
    p = phrasing("A genuine withdrawal of US forces took place")
    assert "genuine" not in labels(p)
    assert not p.negated
    assert not p.cue_kinds


def test_a_negated_framing_word_affirms_the_claim():
    p = phrasing("The withdrawal is not for show")
    assert labels(p) == ["withdrawal"]
    assert not p.negated


def test_arabic_claims_are_left_as_they_are():
    p = phrasing("الانسحاب الأميركي من العراق شكلي وغير حقيقي")
    assert p.negated
    assert {"framing", "rebuttal"} <= p.cue_kinds


def counters(text: str) -> list[list[str]]:
    return [[t.label for t in c.terms] for c in build_query(Claim("c", text), Glossary.build({})).counters]


def test_a_claim_that_something_is_really_so_is_countered_by_calling_it_nominal():
    (counter,) = build_query(Claim("c", "US forces have really withdrawn from Iraq"), Glossary.build({})).counters
    assert [t.label for t in counter.terms] == ["withdrawn"]
    assert counter.negated
    assert counter.cue_kinds == frozenset({"framing"})
    assert counters("The withdrawal is real") == [["withdrawal"]]


def test_no_such_counter_for_a_denial_or_a_report():
    assert counters("The withdrawal is not real") == []
    assert counters("US forces have withdrawn from Iraq") == []
    # what a speaker stresses is theirs: a source calling it nominal does not answer the report
    assert counters("A Nujaba member confirmed that US forces have actually withdrawn") == []


def test_a_source_calling_it_nominal_contradicts_it_really_happened(tmp_path):
    from factcheck.engine import Corpus, Settings
    from factcheck.models import EvidenceStance
    from factcheck.sources import Source

    text = "وتروج الفصائل بأنه انسحاب شكلي."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = Corpus([Source("a", tmp_path / "a.txt", text)])
    claim = Claim("c", "US forces have really withdrawn from Iraq", adhoc=True)
    (result,) = corpus.check(claim, {}, Settings()).sources
    assert result.evidence[0].stance is EvidenceStance.CONTRADICTS
