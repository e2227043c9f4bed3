"""Claims that join two facts ("X, then Y"; "X, with Y continuing"): each fact may come from its own sentence."""

from __future__ import annotations

from factcheck.models import Evidence, EvidenceStance, Reason, Sentence, SourceStance
from factcheck.query import Glossary, claim_parts
from factcheck.verdict import part_reason, rank_evidence, source_stance
from tests.helpers import by_source, only_result

JOINED_AR = "مسؤولون عراقيون يؤكدون انتهاء المهام القتالية للتحالف مع استمرار التعاون معه في التدريب والمشورة"
JOINED_EN = (
    "Iraqi officials confirm the coalition's combat missions are over"
    " while cooperation with it on training and advice continues"
)


def parts(text: str) -> list[str]:
    return [p.text for p in claim_parts(text, Glossary.build({}))]


def test_joining_words_split_a_claim_into_its_facts():
    assert parts(JOINED_AR) == [
        "مسؤولون عراقيون يؤكدون انتهاء المهام القتالية للتحالف",
        "استمرار التعاون معه في التدريب والمشورة",
    ]
    assert parts("غادرت القوات الأميركية العراق عام 2011 ثم عادت إليه بعد سيطرة داعش على مناطق واسعة") == [
        "غادرت القوات الأميركية العراق عام 2011",
        "عادت إليه بعد سيطرة داعش على مناطق واسعة",
    ]
    assert parts(JOINED_EN) == [
        "Iraqi officials confirm the coalition's combat missions are over",
        "cooperation with it on training and advice continues",
    ]
    assert parts("US forces left Iraq in 2011, but they returned to fight ISIS") == [
        "US forces left Iraq in 2011",
        "they returned to fight ISIS",
    ]


def test_a_claim_stating_one_fact_has_no_parts():
    # مع before a noun is "with", not a join; a bare "then returned" states too little of its own.
    assert parts("جددت السفارة الأميركية في بغداد التزام الولايات المتحدة بالشراكة الاستراتيجية مع العراق") == []
    assert parts("9 advisers remain at Ain al-Asad") == []
    assert parts("US forces withdrew from Iraq, then returned") == []


def test_an_article_stating_each_fact_in_its_own_sentence_supports_the_claim():
    """001 announces the end of the combat missions in one sentence and the continued training in another."""
    result = only_result(JOINED_AR)
    sources = by_source(result)
    assert sources["001"]["stance"] == "supports"
    shown = sources["001"]["evidence"]
    stated = {c["text"].split(":")[0] for e in shown for c in e["cues"] if c["text"].startswith("states part")}
    assert stated == {"states part 1 of 2 of the claim", "states part 2 of 2 of the claim"}
    assert len({e["sentence_index"] for e in shown}) == 2
    assert "ستستمر العلاقة مع التحالف الدولي في مجال التدريب" in " ".join(e["text"] for e in shown)
    # 004 states both facts in one sentence; 002 only the second: a mention, not support.
    assert sources["004"]["stance"] == "supports"
    assert sources["002"]["stance"] == "mentions"
    assert result["verdict"] == "supported"


def test_the_english_claim_is_supported_part_by_part_too():
    sources = by_source(only_result(JOINED_EN))
    assert sources["003"]["stance"] == "supports"
    assert sources["002"]["stance"] == "mentions"


def _evidence(index: int, score: float, *reasons: Reason) -> Evidence:
    sentence = Sentence("000", index, 0, 1, "x")
    return Evidence(sentence, score, EvidenceStance.MENTIONS, reasons)


def test_an_article_must_state_every_part():
    first = _evidence(1, 70.0, part_reason(1, 2, "a"))
    second = _evidence(2, 65.0, part_reason(2, 2, "b"))
    weaker_first = _evidence(3, 60.0, part_reason(1, 2, "a"))
    assert source_stance([first, weaker_first]) is SourceStance.MENTIONS
    assert source_stance([first, second]) is SourceStance.SUPPORTS
    # Shown: the best sentence of each part, even when only one is asked for.
    assert rank_evidence([weaker_first, second, first], top=1) == (first, second)
    both = _evidence(4, 80.0, part_reason(1, 2, "a"), part_reason(2, 2, "b"))
    assert source_stance([both]) is SourceStance.SUPPORTS
