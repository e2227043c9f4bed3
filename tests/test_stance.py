"""Stance rules on real seed sentences and minimal pairs: dates, framing, opposites, negation scope."""

from __future__ import annotations

import pytest

from factcheck import Corpus, Settings
from factcheck.models import Claim, EvidenceStance, Source
from tests.helpers import by_source, only_result


def stances(result) -> dict[str, str]:
    return {k: v["stance"] for k, v in by_source(result).items()}


def evidence_for(tmp_path, source: str, claim: str):
    """The evidence an article of the one line ``source`` gives for ``claim``."""
    text = source if source.endswith("\n") else source + "\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = Corpus([Source("a", tmp_path / "a.txt", text)])
    (src,) = corpus.check(Claim("c", claim, adhoc=True), {}, Settings()).sources
    return src.evidence


def test_a_different_month_for_the_same_event_contradicts():
    # 002: "واتخذ البرلمان العراقي قرارا مطلع يناير عام 2020 بإخراج القوات الأجنبية"
    wrong = only_result("اتخذ البرلمان العراقي في مارس 2020 قرارا بإخراج القوات الأجنبية")
    assert stances(wrong)["002"] == "contradicts"
    assert any(c["kind"] == "date" for e in by_source(wrong)["002"]["evidence"] for c in e["cues"])
    assert stances(only_result("اتخذ البرلمان العراقي في يناير 2020 قرارا بإخراج القوات الأجنبية"))["002"] == "supports"
    # 001: "وفي 5 يناير/ كانون الثاني 2020، تبنى البرلمان العراقي قرارًا يلزم الحكومة بالعمل على إنهاء تواجد القوات"
    assert stances(only_result("تبنى البرلمان العراقي في مارس 2020 قرارا بإنهاء تواجد القوات الأجنبية"))["001"] == (
        "contradicts"
    )


_VOTE = "وفي 5 يناير/ كانون الثاني 2020، تبنى البرلمان العراقي قرارًا يلزم الحكومة بإنهاء تواجد القوات الأجنبية."


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # Named in related words (تبنى قرارا for صوّت, إنهاء تواجد for إخراج): another month of the same year
        # is the same vote dated otherwise ...
        ("صوّت البرلمان العراقي في آذار/مارس 2020 على إخراج القوات الأجنبية", EvidenceStance.CONTRADICTS),
        ("صوّت البرلمان العراقي في كانون الثاني/يناير 2020 على إخراج القوات الأجنبية", EvidenceStance.SUPPORTS),
        # ... another year may be another vote
        ("صوّت البرلمان العراقي في آذار/مارس 2019 على إخراج القوات الأجنبية", EvidenceStance.MENTIONS),
    ],
)
def test_another_month_of_the_same_year_misdates_an_event_named_in_related_words(tmp_path, claim, expected):
    evidence = evidence_for(tmp_path, _VOTE, claim)
    assert evidence[0].stance is expected, [c.text for c in evidence[0].cues]


def test_the_parliament_vote_misdated_within_its_year_is_contradicted_by_001():
    result = only_result("صوّت البرلمان العراقي في آذار/مارس 2020 على إخراج القوات الأجنبية من البلاد")
    assert stances(result)["001"] == "contradicts"
    (top, *_) = by_source(result)["001"]["evidence"]
    assert "تبنى البرلمان العراقي" in top["text"]


def test_relative_dates_resolve_against_the_article_date():
    # 002 (dated 2021-11-28) writes "31 ديسمبر المقبل": that is 31 December 2021, not 2022.
    later = only_result("موعد خروج القوات القتالية في 31 ديسمبر 2022")
    assert stances(later)["002"] == "contradicts"


def test_framing_words_deny_what_they_describe():
    result = only_result("الانسحاب الأميركي من العراق شكلي وغير حقيقي")
    sources = by_source(result)
    assert result["verdict"] == "conflicting"
    faction = [e for e in sources["000"]["evidence"] if "انسحاب شكلي" in e["text"]]
    assert faction
    assert faction[0]["stance"] == "supports"
    assert sources["001"]["stance"] in ("contradicts", "mixed")


def test_typed_words_never_resolve_to_the_opposite_claim():
    # The bundled claim harir-no-combat-forces says none remain; these words say some do.
    result = only_result("تبقى قوات قتالية في قاعدة حرير بأربيل")
    assert result["claim"]["adhoc"] is True


def test_negated_presence_contradicts_remaining_but_not_leaving():
    remain = only_result("تبقى قوات قتالية في قاعدة حرير بأربيل")
    assert stances(remain)["000"] == "contradicts"
    leave = only_result("انسحبت القوات القتالية من قاعدة حرير بأربيل")
    assert stances(leave)["000"] == "supports"


@pytest.fixture(scope="module")
def oil(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oil")
    text = "أعلنت الوزارة ارتفاع أسعار النفط في الأسواق العالمية خلال الأسبوع الماضي.\n"
    (folder / "a.txt").write_text(text, encoding="utf-8")
    return Corpus([Source("a", folder / "a.txt", text)])


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("ارتفاع أسعار النفط في الأسواق العالمية", EvidenceStance.SUPPORTS),
        ("انخفاض أسعار النفط في الأسواق العالمية", EvidenceStance.CONTRADICTS),  # an opposite, not negated
        ("لم ترتفع أسعار النفط في الأسواق العالمية", EvidenceStance.CONTRADICTS),  # the claim negates
        ("لم تنخفض أسعار النفط في الأسواق العالمية", EvidenceStance.SUPPORTS),  # negation and opposite cancel
    ],
)
def test_opposites_and_negation_minimal_pairs(oil, claim, expected):
    result = oil.check(Claim("c", claim, adhoc=True), {}, Settings())
    (src,) = result.sources
    assert src.evidence
    assert src.evidence[0].stance is expected, [c.text for c in src.evidence[0].cues]


def test_a_claim_about_what_a_group_says_needs_that_group():
    # The government says the combat withdrawal is over; that does not show the factions say so.
    result = only_result("الفصائل المسلحة تقول إن انسحاب القوات القتالية للتحالف الدولي انتهى", "--top", "5")
    araji = [e for e in by_source(result)["001"]["evidence"] if e["speaker"] and "الأعرجي" in e["speaker"]]
    assert araji
    assert araji[0]["stance"] == "mentions"
    assert any(c["kind"] == "speaker" for c in araji[0]["cues"])
    # The same words without "the factions say" are supported by the government's statement.
    plain = only_result("انسحاب القوات القتالية للتحالف الدولي انتهى")
    assert stances(plain)["001"] == "supports"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("انسحبت القوات الأمريكية من قاعدة عين الأسد.", EvidenceStance.SUPPORTS),
        ("هل انسحبت القوات الأمريكية من قاعدة عين الأسد؟", EvidenceStance.MENTIONS),
        ("انسحاب القوات الأمريكية من قاعدة عين الأسد: حقيقة أم خيال؟", EvidenceStance.MENTIONS),
        ("لم تنسحب القوات الأمريكية من قاعدة عين الأسد.", EvidenceStance.CONTRADICTS),
    ],
)
def test_a_question_asserts_nothing(tmp_path, text, expected):
    evidence = evidence_for(tmp_path, text, "انسحبت القوات الأمريكية من قاعدة عين الأسد")
    assert evidence[0].stance is expected, [c.text for c in evidence[0].cues]


@pytest.mark.parametrize(
    ("source", "claim", "expected"),
    [
        # A negated existential denies that the forces are there ...
        ("لا توجد قوات قتالية في قاعدة حرير.", "تبقى قوات قتالية في قاعدة حرير", EvidenceStance.CONTRADICTS),
        ("لم تعد هناك قوات قتالية في قاعدة حرير.", "تبقى قوات قتالية في قاعدة حرير", EvidenceStance.CONTRADICTS),
        ("لن تكون هناك قوات قتالية في قاعدة حرير.", "تبقى قوات قتالية في قاعدة حرير", EvidenceStance.CONTRADICTS),
        # ... which is what a withdrawal or an end implies,
        ("لا توجد قوات قتالية في قاعدة حرير.", "انسحبت القوات القتالية من قاعدة حرير", EvidenceStance.SUPPORTS),
        ("لم تعد هناك قوات قتالية في قاعدة حرير.", "انتهت المهام القتالية في قاعدة حرير", EvidenceStance.SUPPORTS),
        # and what a claim that denies their presence says too.
        ("لا توجد قوات قتالية في قاعدة حرير.", "لم تعد هناك قوات قتالية في قاعدة حرير", EvidenceStance.SUPPORTS),
        ("انسحبت القوات القتالية من قاعدة حرير.", "لم تعد هناك قوات قتالية في قاعدة حرير", EvidenceStance.SUPPORTS),
        ("بقيت القوات القتالية في قاعدة حرير.", "لم تعد هناك قوات قتالية في قاعدة حرير", EvidenceStance.CONTRADICTS),
        ("لم تنسحب القوات القتالية من حرير.", "لم تعد هناك قوات قتالية في حرير", EvidenceStance.CONTRADICTS),
    ],
)
def test_negated_existence(tmp_path, source, claim, expected):
    evidence = evidence_for(tmp_path, source, claim)
    assert evidence[0].stance is expected, [c.text for c in evidence[0].cues]


@pytest.mark.parametrize(
    ("source", "claim", "expected"),
    [
        # the same thing put somewhere else: on the same word, or for a place both name
        ("قتل سليماني في غارة أميركية قرب مطار بغداد.", "قتل سليماني في غارة أميركية قرب مطار دمشق", "contradicts"),
        ("قتل سليماني في غارة أميركية قرب مطار بغداد.", "قتل سليماني في غارة أميركية قرب مطار بغداد", "supports"),
        ("زار الوفد قاعدة حرير في أربيل.", "زار الوفد قاعدة حرير في الأنبار", "contradicts"),
    ],
)
def test_another_place_for_the_same_thing(tmp_path, source, claim, expected):
    evidence = evidence_for(tmp_path, source, claim)
    assert evidence[0].stance.value == expected, [c.text for c in evidence[0].cues]


_IN_BAGHDAD = "قتل سليماني والمهندس في غارة جوية أميركية ببغداد."
_NEAR_DAMASCUS = "اغتيل سليماني في غارة أميركية قرب مطار دمشق"


@pytest.mark.parametrize(
    ("source", "claim", "expected"),
    [
        # another place where the claim's whole place phrase would be: the sentence has none of its words
        (_IN_BAGHDAD, _NEAR_DAMASCUS, "contradicts"),
        (_IN_BAGHDAD, "Soleimani was killed in a US strike near Damascus airport", "contradicts"),
        (
            "زار الوفد اليوم قاعدة حرير في أربيل للاطلاع على انسحاب القوات القتالية.",
            "قاعدة حرير التي انسحبت منها القوات القتالية تقع في محافظة الأنبار",
            "contradicts",
        ),
        # the claim's own place, however coarsely, supports
        (_IN_BAGHDAD, "اغتيل سليماني في غارة أميركية قرب مطار بغداد", "supports"),
        ("قتل سليماني في غارة جوية أميركية في سوريا.", _NEAR_DAMASCUS, "supports"),
        # a place said of something else, a negated or a questioned event: no swap
        ("قتل سليماني في غارة أميركية بعد عودته من دمشق.", "اغتيل سليماني في غارة أميركية قرب مطار بغداد", "mentions"),
        ("قتل سليماني في غارة أميركية، فيما زار الوزير طهران.", _NEAR_DAMASCUS, "mentions"),
        ("لم يقتل سليماني في غارة أميركية ببغداد.", _NEAR_DAMASCUS, "mentions"),
        ("هل قتل سليماني في غارة جوية أميركية ببغداد؟", _NEAR_DAMASCUS, "mentions"),
    ],
)
def test_another_place_for_the_claims_place_phrase(tmp_path, source, claim, expected):
    evidence = evidence_for(tmp_path, source, claim)
    assert evidence[0].stance.value == expected, [c.text for c in evidence[0].cues]


def test_another_place_for_the_place_phrase_in_the_seeds():
    # 001: "مقتل ... قاسم سليماني ... في غارة جوية أميركية ببغداد" has no word of "قرب مطار دمشق".
    damascus = by_source(only_result(_NEAR_DAMASCUS))
    assert damascus["001"]["stance"] == "contradicts"
    assert "ببغداد" in damascus["001"]["evidence"][0]["text"]
    # 000: the sentence on Harir itself ("قاعدة حرير في أربيل") is the one that places it elsewhere.
    harir = by_source(only_result("قاعدة حرير التي انسحبت منها القوات القتالية تقع في محافظة الأنبار"))
    assert harir["000"]["stance"] == "contradicts"
    assert "قاعدة حرير في أربيل" in harir["000"]["evidence"][0]["text"]


@pytest.mark.parametrize(
    ("source", "claim", "expected"),
    [
        # countries beyond the seeds' own, named by country or capital
        (
            "الجزائر تقطع الإنترنت لمنع الغش في امتحانات الثانوية العامة.",
            "مصر تقطع الإنترنت لمنع الغش في امتحانات الثانوية العامة",
            "contradicts",
        ),
        ("عقد الاجتماع في باريس بحضور وزراء الخارجية.", "عقد الاجتماع في لندن بحضور وزراء الخارجية", "contradicts"),
        ("عقد الاجتماع في باريس بحضور وزراء الخارجية.", "عقد الاجتماع في فرنسا بحضور وزراء الخارجية", "supports"),
    ],
)
def test_another_country_for_the_same_thing(tmp_path, source, claim, expected):
    evidence = evidence_for(tmp_path, source, claim)
    assert evidence[0].stance.value == expected, [c.text for c in evidence[0].cues]


def test_a_place_named_elsewhere_in_the_sentence_is_not_a_swap(tmp_path):
    # "الموالية لإيران" names a country, but not where the withdrawal happened.
    source = "وتشكك الفصائل الموالية لإيران بالانسحاب الأميركي من البلاد."
    evidence = evidence_for(tmp_path, source, "الانسحاب الأميركي من العراق")
    assert not any(c.kind == "place" for e in evidence for c in e.cues)


@pytest.mark.parametrize(
    ("claim", "not_expected"),
    [
        ("انسحاب القوات القتالية بحلول 31 ديسمبر", "contradicts"),  # the 26 July is the agreement's date
        ("اتفق البلدان في 26 يوليو على انسحاب القوات القتالية بحلول 31 ديسمبر", "contradicts"),
    ],
)
def test_one_date_for_each_thing(tmp_path, claim, not_expected):
    source = "وفي 26 يوليو 2021 اتفق البلدان على انسحاب القوات القتالية بحلول نهاية 2021.\n"
    evidence = evidence_for(tmp_path, source, claim)
    assert evidence
    assert evidence[0].stance.value != not_expected, [c.text for c in evidence[0].cues]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # The words that differ are the ones that matter: alone the sentence scores too low to
        # take a side, with its opposites in the claim's slots it restates the claim reversed.
        ("ارتفاع أسعار النفط إلى أعلى مستوى منذ عامين.", EvidenceStance.CONTRADICTS),
        # negated, the opposite is turned back: "did not rise" does not refute "fell"
        ("لم ترتفع أسعار النفط إلى أعلى مستوى منذ عامين.", EvidenceStance.MENTIONS),
        # a question asserts nothing
        ("هل ترتفع أسعار النفط إلى أعلى مستوى منذ عامين؟", EvidenceStance.MENTIONS),
        # an opposite standing by no word of the claim is said of something else
        ("سجلت أسعار النفط مستوى جديدا منذ عامين مع ارتفاع الطلب على الذهب.", EvidenceStance.MENTIONS),
    ],
)
def test_an_opposite_in_the_slot_of_the_claims_missing_word(tmp_path, source, expected):
    (evidence,) = evidence_for(tmp_path, source, "تراجع حاد في أسعار النفط إلى أدنى مستوى منذ عامين")
    assert evidence.score < Settings().thresholds.stance  # too loose a match on its words alone
    assert evidence.stance is expected, [c.text for c in evidence.cues]


def test_an_opposite_in_the_slot_where_opposites_are_not_read_otherwise(tmp_path):
    # At 60 the sentence takes a side, but ``_polarity`` reads opposites only from 62: the
    # rule covers the scores in between, or the dollar rising would support its falling.
    source = "الدولار يرتفع لأعلى مستوى في أربعة أشهر."
    (evidence,) = evidence_for(tmp_path, source, "الدولار يهبط لأدنى مستوى في أربعة أشهر")
    assert Settings().thresholds.stance <= evidence.score < 62
    assert evidence.stance is EvidenceStance.CONTRADICTS


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("ارتفاع أسعار النفط إلى أعلى مستوى في عام 2019.", EvidenceStance.CONTRADICTS),
        # no date: the rise may be another year's, as for a negation (``_another_time``)
        ("ارتفاع أسعار النفط إلى أعلى مستوى منذ شهور.", EvidenceStance.MENTIONS),
    ],
)
def test_an_opposite_in_the_slot_of_a_claim_pinned_to_a_year(tmp_path, source, expected):
    (evidence,) = evidence_for(tmp_path, source, "تراجع حاد في أسعار النفط إلى أدنى مستوى عام 2019")
    assert evidence.stance is expected, [c.text for c in evidence.cues]


def test_an_opposite_in_the_slot_refutes_on_the_seeds():
    # 001: "توصلت بغداد وواشنطن إلى اتفاق يقضي بانسحاب القوات القتالية الأميركية من العراق
    # بحلول نهاية العام الجاري" matches "will stay" loosely, through the forces and the date;
    # its word for what happens to them is the opposite of the claim's, next to the forces.
    result = by_source(only_result("ستبقى القوات القتالية الأميركية في العراق بعد 31 ديسمبر"))
    refuting = [e for e in result["001"]["evidence"] if e["stance"] == "contradicts"]
    assert any(e["score"] < 60 and "«ستبقى» ↔ «بانسحاب»" in [c["text"] for c in e["cues"]] for e in refuting)


def test_an_opposite_elsewhere_in_a_long_sentence_refutes_nothing():
    # 001 describes the coalition as "المناهض لتنظيم الدولة" and later says it gives "الدعم" to
    # Iraqi forces: support there is not the opposite of the coalition's stance against ISIS.
    result = by_source(only_result("يضم التحالف الدولي المناهض لتنظيم الدولة بقيادة واشنطن ما يزيد على 60 دولة"))
    assert result["001"]["stance"] == "supports"


@pytest.mark.parametrize(
    ("source", "claim", "expected"),
    [
        # "keep only the advisers": the keeping is not said of the combat forces, whose withdrawal answers the claim
        (
            "اتفق البلدان على انسحاب القوات القتالية من العراق والإبقاء فقط على المستشارين.",
            "اتفق البلدان على بقاء القوات القتالية في العراق",
            "contradicts",
        ),
        (
            "اتفق البلدان على انسحاب القوات القتالية من العراق وإبقاء المستشارين العسكريين فقط.",
            "اتفق البلدان على بقاء القوات القتالية في العراق",
            "contradicts",
        ),
        # the restricted thing itself is kept
        (
            "اتفق البلدان على انسحاب القوات القتالية من العراق والإبقاء فقط على المستشارين.",
            "اتفق البلدان على إبقاء المستشارين في العراق",
            "supports",
        ),
        # no "only": the sentence keeps both, and says so of the claim's forces too
        (
            "اتفق البلدان على إبقاء القوات القتالية والمستشارين في العراق.",
            "اتفق البلدان على إبقاء القوات القتالية في العراق",
            "supports",
        ),
    ],
)
def test_a_word_kept_to_something_else_by_only(tmp_path, source, claim, expected):
    evidence = evidence_for(tmp_path, source, claim)
    assert evidence[0].stance.value == expected, [c.text for c in evidence[0].cues]


def test_keeping_only_advisers_refutes_combat_forces_staying_on_the_seeds():
    # 004: "اتفاق يقضي بانسحاب القوات القتالية في التحالف الدولي في 31 ديسمبر/كانون الأول الحالي،
    # والإبقاء فقط على المستشارين": the keeping is of the advisers alone.
    result = by_source(only_result("يسمح الاتفاق ببقاء قوات قتالية أميركية في العراق بعد نهاية عام 2021"))
    refuting = [e for e in result["004"]["evidence"] if e["stance"] == "contradicts"]
    assert any("«ببقاء» ↔ «بانسحاب»" in [c["text"] for c in e["cues"]] for e in refuting)


@pytest.mark.parametrize(
    ("source", "claim", "expected"),
    [
        # a threat is not the act, either way round
        (
            "تتهم واشنطن مليشيات مقربة من إيران باستهداف المصالح الأميركية في العراق.",
            "مليشيات مقربة من إيران تلوّح باستهداف المصالح الأميركية في العراق",
            "mentions",
        ),
        (
            "مليشيات مقربة من إيران تلوّح باستهداف المصالح الأميركية في العراق.",
            "مليشيات مقربة من إيران تلوّح باستهداف المصالح الأميركية في العراق",
            "supports",
        ),
        (
            "هددت مليشيات مقربة من إيران بقصف السفارة الأميركية في بغداد.",
            "قصفت مليشيات مقربة من إيران السفارة الأميركية في بغداد",
            "mentions",
        ),
        (
            "قصفت مليشيات مقربة من إيران السفارة الأميركية في بغداد.",
            "قصفت مليشيات مقربة من إيران السفارة الأميركية في بغداد",
            "supports",
        ),
        # but a threat does state an intent
        (
            "هددت مليشيات مقربة من إيران بقصف السفارة الأميركية في بغداد.",
            "أعلنت مليشيات مقربة من إيران عزمها قصف السفارة الأميركية في بغداد",
            "supports",
        ),
    ],
)
def test_a_threat_is_not_the_act(tmp_path, source, claim, expected):
    evidence = evidence_for(tmp_path, source, claim)
    assert evidence[0].stance.value == expected, [c.text for c in evidence[0].cues]


def test_attacks_reported_do_not_support_a_threat_on_the_seeds():
    # 000 reports US accusations of attacks on US interests; 004 reports the threat itself.
    result = by_source(only_result("مليشيات مقربة من إيران تلوّح باستهداف المصالح الأميركية في العراق"))
    assert result["000"]["stance"] != "supports"
    assert result["004"]["stance"] == "supports"


POSTPONED = "تأجيل موعد خروج القوات القتالية الأجنبية من العراق"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # The date still stands as scheduled: no postponement.
        ("حلّ موعد خروج القوات القتالية الأجنبية من العراق المقرر في 31 ديسمبر", "contradicts"),
        ("موعد خروج القوات المقاتلة الأجنبية من العراق المقرر في الـ 31 من الشهر الحالي", "contradicts"),
        # The scheduled date is the one put off.
        ("تأجّل موعد خروج القوات القتالية الأجنبية من العراق المقرر في 31 ديسمبر", "supports"),
        # A plan told in the past ("was scheduled") does not say the date holds.
        ("كان من المقرر خروج القوات القتالية الأجنبية من العراق في 31 ديسمبر", "not contradicts"),
        ("وكان مقرراً خروج القوات القتالية الأجنبية من العراق في 31 ديسمبر", "not contradicts"),
    ],
)
def test_a_date_as_scheduled_refutes_a_postponement(tmp_path, source, expected):
    evidence = evidence_for(tmp_path, source, POSTPONED)
    stance = evidence[0].stance.value
    if expected == "not contradicts":
        assert stance != "contradicts", [c.text for c in evidence[0].cues]
    else:
        assert stance == expected, [c.text for c in evidence[0].cues]


def test_the_scheduled_exit_refutes_a_postponement_on_the_seeds():
    # 004: "لموعد خروج القوات الأجنبية المقاتلة ... المقرر في الـ 31 من الشهر الحالي"
    result = by_source(only_result("تأجيل موعد خروج القوات القتالية الأميركية"))
    assert result["004"]["stance"] == "contradicts"
    cues = [c["text"] for e in result["004"]["evidence"] for c in e["cues"]]
    assert any("المقرر" in c for c in cues), cues
