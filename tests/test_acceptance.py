"""The product's promises, checked on the real seeds and the bundled claims."""

from __future__ import annotations

from tests.helpers import by_source, only_result


def stances(result) -> dict[str, str]:
    return {k: v["stance"] for k, v in by_source(result).items()}


def test_nine_advisers_supported_by_000_through_the_bracketed_nine():
    result = only_result("advisers-ain-al-asad")
    assert result["verdict"] == "supported"
    found = stances(result)
    assert found.pop("000") == "supports"
    # 003's "those forces will remain on Iraqi soil" may be shown as related; no other source takes a side.
    assert set(found.values()) <= {"silent", "mentions"}, found
    best = by_source(result)["000"]["evidence"][0]
    assert best["stance"] == "supports"
    assert "(9)" in best["text"]
    assert any(c["kind"] == "number" for c in best["cues"])


def test_a_different_number_of_advisers_is_refuted():
    result = only_result("يتبقى 12 مستشارا في قاعدة عين الأسد")
    assert result["claim"]["adhoc"] is True
    assert by_source(result)["000"]["stance"] == "contradicts"


def test_shipments_and_vehicles_supported_by_001():
    for claim_id in ("shipments-evacuated", "vehicles-handed-over"):
        result = only_result(claim_id)
        assert result["verdict"] == "supported", claim_id
        assert by_source(result)["001"]["stance"] == "supports", claim_id


def test_three_thousand_shipments_refuted_by_001_in_arabic_and_english():
    for text in ("إجلاء 3000 شحنة", "3000 shipments evacuated"):
        result = only_result(text)
        assert result["claim"]["adhoc"] is True
        assert result["verdict"] == "refuted", text
        evidence = by_source(result)["001"]["evidence"][0]
        assert evidence["stance"] == "contradicts"
        assert "2100" in evidence["text"]


def test_deadline_extension_refuted_by_the_command_denial():
    result = only_result("deadline-extended")
    assert result["verdict"] == "refuted"
    src = by_source(result)["002"]
    assert src["stance"] == "contradicts"
    kinds = {c["kind"] for e in src["evidence"] for c in e["cues"]}
    assert kinds & {"denial", "rebuttal"}


def test_the_command_denying_the_extension_is_supported_by_the_denial():
    result = only_result("command-denied-extension")
    assert result["verdict"] == "supported"
    assert by_source(result)["002"]["stance"] == "supports"


def test_real_withdrawal_is_conflicting_with_faction_voices_named():
    result = only_result("withdrawal-real")
    assert result["verdict"] == "conflicting"
    sources = by_source(result)
    supporters = [k for k, v in sources.items() if v["stance"] in ("supports", "mixed")]
    assert supporters
    for key, who, phrase in (("000", "الفصائل", "انسحاب شكلي"), ("004", "النجباء", "غير صحيح")):
        assert sources[key]["stance"] in ("contradicts", "mixed"), key
        contra = [e for e in sources[key]["evidence"] if e["stance"] == "contradicts"]
        assert contra, key
        assert any(phrase in e["text"] and e["speaker"] and who in e["speaker"] for e in contra), key


def test_unrelated_claim_has_no_evidence():
    result = only_result("Turkey withdrew its troops from northern Syria")
    assert result["verdict"] == "not_enough_info"
    assert all(s["stance"] == "silent" and not s["evidence"] for s in result["sources"])


def test_words_of_a_claim_find_that_claim():
    result = only_result("advisers at Ain al-Asad")
    assert result["claim"]["id"] == "advisers-ain-al-asad"
    assert result["claim"]["adhoc"] is False


def test_voices_show_who_supports_and_who_contradicts():
    result = only_result("withdrawal-real")
    voices = {v["group"]: v for v in result["voices"]}
    assert voices["armed_factions"]["contradicts"] >= 2
    assert voices["armed_factions"]["supports"] == 0
    assert voices["iraqi_government"]["supports"] >= 2
    assert voices["iraqi_government"]["contradicts"] == 0


def test_speakers_carry_their_group():
    sources = by_source(only_result("withdrawal-real", "--top", "3"))
    faction = next(e for e in sources["000"]["evidence"] if "انسحاب شكلي" in e["text"])
    assert faction["speaker_group"] == "armed_factions"
    nujaba = next(e for e in sources["004"]["evidence"] if e["speaker"] and "النجباء" in e["speaker"])
    assert nujaba["speaker_group"] == "armed_factions"
    khafaji = by_source(only_result("advisers-ain-al-asad"))["000"]["evidence"][0]
    assert "قيادة العمليات المشتركة" in khafaji["speaker"]
    assert khafaji["speaker_group"] == "iraqi_government"


# --------------------------------------------------------------------------- reading Arabic news like an analyst


def test_faction_statements_are_attributed_to_armed_factions():
    sources = by_source(only_result("withdrawal-real", "--top", "3"))
    factions = [e for s in ("000", "004") for e in sources[s]["evidence"] if e["stance"] == "contradicts"]
    assert {e["speaker_group"] for e in factions} == {"armed_factions"}
    assert any("النجباء" in (e["speaker"] or "") for e in factions)


def test_khafaji_speaks_for_the_joint_operations_command_in_000_and_002():
    advisers = by_source(only_result("advisers-ain-al-asad"))["000"]["evidence"][0]
    # 002: "وقال المتحدث باسم القيادة اللواء تحسين الخفاجي إن الحديث عن تمديد موعد انسحاب ... غير دقيق"
    extension = by_source(only_result("deadline-extended", "--top", "5"))["002"]["evidence"]
    khafaji = next(e for e in extension if "الخفاجي" in (e["speaker"] or ""))
    for evidence in (advisers, khafaji):
        assert "الخفاجي" in evidence["speaker"]
        assert evidence["speaker_actor"] == "قيادة العمليات المشتركة"
        assert evidence["speaker_group"] == "iraqi_government"


def test_four_rounds_written_three_ways_agree_and_rule_out_six():
    # 000 "4 جولات", 004 "أربع جولات", 002 "الجولة الرابعة" (the latest round named: four so far)
    four = stances(only_result("أربع جولات حوار"))
    six = stances(only_result("six-rounds"))
    for source in ("000", "002", "004"):
        assert four[source] == "supports", source
        assert six[source] == "contradicts", source


def test_early_january_2020_contradicts_a_march_vote():
    # 002: "واتخذ البرلمان العراقي قرارا مطلع يناير عام 2020 بإخراج القوات الأجنبية"
    march = by_source(only_result("صوت البرلمان العراقي في مارس 2020 على قرار بإخراج القوات الأجنبية", "--top", "3"))
    assert march["002"]["stance"] == "contradicts"
    cues = [c["text"] for e in march["002"]["evidence"] for c in e["cues"] if c["kind"] == "date"]
    assert any("مطلع يناير عام 2020" in c for c in cues), cues
