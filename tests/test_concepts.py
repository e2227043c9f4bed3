"""The concept lexicon: well-formed, never joining opposites, and finding paraphrases in the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck import Corpus, Settings
from factcheck.concepts import FORM_CREDIT, MATE_CREDIT, load_concepts
from factcheck.models import Claim, EvidenceStance, Source
from factcheck.normalize import normalize, tokenize
from factcheck.opposites import load_opposites
from factcheck.query import _arabic_terms, _en_words
from tests.helpers import by_source, only_result


def terms(text: str):
    return {t.label: t for t in _arabic_terms(tokenize(text), set())}


def test_the_lexicon_is_well_formed():
    lexicon = load_concepts()
    assert len(lexicon) >= 100
    for concept in lexicon.concepts:
        assert concept.ar, concept.id
        for lexeme in concept.ar:
            for form in lexeme:
                assert any(len(w) >= 3 for w in form), (concept.id, form)


def test_no_concept_joins_two_opposites():
    opposites = load_opposites()
    for concept in load_concepts().concepts:
        words = [form[0] for lexeme in concept.ar for form in lexeme if len(form) == 1]
        for a in words:
            for b in words:
                assert not opposites.opposed(a, b), (concept.id, a, b)


def test_a_claim_word_carries_its_forms_and_mates_with_less_credit():
    withdrawal = terms("انسحاب القوات")["انسحاب"]
    credit = dict(zip(withdrawal.alternatives, withdrawal.credits or (1.0,), strict=True))
    assert credit[(normalize("انسحاب"),)] == 1.0
    assert credit[(normalize("انسحبت"),)] == FORM_CREDIT  # the same word
    assert credit[(normalize("خروج"),)] == MATE_CREDIT  # another word for it


def test_combat_forces_are_the_fighting_forces():
    """«القوات المقاتلة» is what «القوات القتالية» says (004 and 001 write it so): the same adjective."""
    combat = terms("انسحاب القوات القتالية")["القتالية"]
    credit = dict(zip(combat.alternatives, combat.credits or (1.0,), strict=True))
    assert credit[(normalize("مقاتلة"),)] == FORM_CREDIT  # the same adjective
    assert credit[(normalize("مقاتلين"),)] == MATE_CREDIT  # fighters: another word


def test_multi_word_forms_are_one_term():
    found = terms("أعلنت الولايات المتحدة انسحاب قواتها")
    assert "الولايات المتحدة" in found
    assert (normalize("واشنطن"),) in found["الولايات المتحدة"].alternatives


def test_a_phrasing_found_in_sources_is_a_mate_but_never_one_claim_term():
    expel = terms("قرار بإخراج القوات")["بإخراج"]
    assert (normalize("إنهاء"), normalize("تواجد")) in expel.alternatives
    found = terms("قرار بإنهاء تواجد القوات")
    assert "بإنهاء" in found  # the claim's own words, one by one
    assert "تواجد" in found


def test_words_with_no_concept_stay_as_they_are():
    assert terms("حرير")["حرير"].alternatives == ((normalize("حرير"),),)


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # 001: "قادت واشنطن، منذ عام 2014، تحالفًا دوليًا ضد تنظيم "الدولة" في الجارتين العراق وسوريا"
        ("تقود واشنطن منذ 2014 تحالفاً دولياً ضد تنظيم الدولة في العراق وسوريا", "001"),
        # 001: "وأعلنت بغداد، أواخر 2017، الانتصار على تنظيم "الدولة""
        ("أعلنت بغداد النصر على تنظيم الدولة في أواخر عام 2017", "001"),
        # 001: "وأكدت القيادة تسليم التحالف الدولي أكثر من 1800 عجلة مدرعة مسلحة ... للقوات العراقية"
        ("سلّم التحالف القوات العراقية أكثر من 1800 عجلة مدرعة", "001"),
    ],
)
def test_paraphrases_in_the_seeds_are_supported(claim, source):
    assert by_source(only_result(claim))[source]["stance"] == "supports"


def test_a_paraphrase_alone_does_not_refute():
    # 001 speaks of the 2021 withdrawal (انسحاب), the claim of leaving (خرجت) in 2013:
    # a related word is enough to find the sentence, not to set one date against the other.
    result = by_source(only_result("خرجت القوات الأميركية من العراق عام 2013"))
    assert result["001"]["stance"] != "contradicts"


# --------------------------------------------------------------------------- every entry is used

CASES = Path(__file__).parent / "gold" / "lexicon_cases.yaml"
_TEXT_FILES = ("claims.yaml", "tests/gold/seeds.yaml", "tests/gold/seeds_en.yaml")


def _claim_texts() -> list[str]:
    root = Path(__file__).parent.parent
    texts = []
    for name in _TEXT_FILES:
        for claim in yaml.safe_load((root / name).read_text(encoding="utf-8"))["claims"]:
            texts += [claim["text"], *claim.get("match", []), *claim.get("counter", [])]
    return texts


def _concepts_in(text: str) -> set[str]:
    lexicon = load_concepts()
    found: set[int] = set()
    words = [t.norm for t in tokenize(text)]
    for i, word in enumerate(words):
        phrase = lexicon.phrase_at(words, i)
        found |= {n for n, _ in phrase[1]} if phrase else set()
        found |= {n for n, _ in lexicon.lookup(word)}
    english = _en_words(text)
    for i in range(len(english)):
        hit = lexicon.english_at(english, i)
        found |= {n for n, _ in hit[1]} if hit else set()
    return {lexicon.concepts[n].id for n in found}


def test_every_concept_is_used_by_a_claim_or_a_lexicon_case():
    used = set().union(*(_concepts_in(t) for t in _claim_texts()))
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]
    used |= {c["concept"] for c in cases}.union(*(_concepts_in(c["claim"]) for c in cases))
    unused = [c.id for c in load_concepts().concepts if c.id not in used]
    assert not unused, f"concepts no claim, gold case or lexicon case uses: {unused}"


def _cases() -> list[dict]:
    return yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["concept"])
def test_lexicon_case(tmp_path, case):
    """An English claim using the concept is supported by an Arabic sentence using it (no glossary)."""
    assert case["concept"] in _concepts_in(case["claim"]), "the claim does not use the concept"
    text = case["source"] + "\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = Corpus([Source("a", tmp_path / "a.txt", text)])
    (result,) = corpus.check(Claim("c", case["claim"], adhoc=True), {}, Settings()).sources
    assert result.evidence, "no evidence"
    assert result.evidence[0].stance is EvidenceStance.SUPPORTS, [c.text for c in result.evidence[0].cues]
