"""Negation, denial, rebuttal and framing cues: what counts as one, and what each governs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.normalize import tokenize
from factcheck.polarity import CueKind, find_cues, governed_indexes, is_negated


def cues(text: str) -> list[tuple[str, str]]:
    return [(c.kind.value, c.text) for c in find_cues(tokenize(text))]


def governs(text: str, word: str) -> bool:
    """Is ``word`` (its first occurrence) governed by a cue in ``text``?"""
    tokens = tokenize(text)
    (k,) = [i for i, t in enumerate(tokens) if t.text == word][:1]
    return is_negated(find_cues(tokens), [k], tokens)


@pytest.mark.parametrize(
    ("text", "kind", "cue"),
    [
        ("لم تنسحب القوات من القاعدة", "negation", "لم"),
        ("لن تكون هناك قوات قتالية", "negation", "لن"),
        ("لا توجد قوات قتالية في القاعدة", "negation", "لا"),
        ("ليس هناك أي تمديد للموعد", "negation", "ليس"),
        ("أكد عدم وجود قوات قتالية", "negation", "عدم"),
        ("انسحبت القوات دون قتال", "negation", "دون"),
        ("نفت قيادة العمليات المشتركة تمديد موعد الانسحاب", "denial", "نفت"),
        ("كذب المتحدث الأنباء عن بقاء القوات", "denial", "كذب"),
        ("أنكر الفصيل مسؤوليته عن الهجوم", "denial", "أنكر"),
        ("ترفض الفصائل التخلي عن سلاحها", "denial", "ترفض"),
        ("الحديث عن تمديد الموعد غير دقيق", "rebuttal", "غير دقيق"),
        ("هذه الأنباء عارية عن الصحة", "rebuttal", "عارية عن الصحة"),
        ("الأنباء عن بقاء القوات لا أساس لها من الصحة", "rebuttal", "لا أساس لها من الصحة"),
        ("وتروج الفصائل أنه انسحاب شكلي", "framing", "شكلي"),
        ("انسحابها بين الواقع والخيال", "framing", "بين الواقع والخيال"),
        ("the spokesman denied the extension", "denial", "denied"),
        ("reports of an extension are untrue", "rebuttal", "untrue"),
    ],
)
def test_each_cue_is_found_with_its_kind(text, kind, cue):
    assert (kind, cue) in cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "ما زالت القوات الأمريكية في القاعدة",  # still
        "لا تزال الفصائل تهدد المصالح الأميركية",  # still
        "لا يتجاوز عددهم (9) مستشارين",  # at most
        "الانتقال إلى المهام غير القتالية",  # non-combat: content, not a denial
        "انتهت المهام القتالية إلا أن التنسيق مستمر",  # however
        "انتهت المهام القتالية، غير أن التنسيق مستمر",  # however
        "لا سيما في قاعدة عين الأسد",  # especially
        "انسحبت القوات القتالية بينما بقي المستشارون",  # while: a contrast, not a negation
        "انسحبت القوات القتالية في حين بقي المستشارون",
    ],
)
def test_expressions_that_look_negative_are_not_cues(text):
    assert cues(text) == []


def test_a_particle_negates_its_head_not_the_whole_clause():
    # 002: "لن تكون هناك قوات أميركية ذات دور قتالي": being there is negated, not the forces.
    text = "لن تكون هناك قوات أميركية ذات دور قتالي في العراق"
    assert governs(text, "تكون")
    assert not governs(text, "قوات")


def test_a_denial_governs_its_clause_up_to_a_comma():
    # 004: the militias refuse to give up their arms, and (a new clause) threaten US interests.
    text = "ما زالت مليشيات مسلّحة ترفض التخلي عن سلاحها، وتلوّح باستهداف المصالح الأميركية"
    assert governs(text, "التخلي")
    assert not governs(text, "باستهداف")


def test_a_rebuttal_reaches_back_to_the_complementizer():
    # 002 (Khafaji): what is untrue is the talk of an extension, not his saying it.
    text = 'وقال المتحدث إن "الحديث عن تمديد موعد انسحاب القوات غير دقيق"'
    assert governs(text, "تمديد")
    assert not governs(text, "المتحدث")


@pytest.mark.parametrize(
    ("text", "cue_count"),
    [
        ("لم ينف المتحدث تمديد الموعد", 0),  # did not deny: no cue at all
        ("ليس انسحابا شكليا", 0),  # not nominal: the negator undoes the framing
        ("الانسحاب شكلي وغير حقيقي", 2),  # two rebuttals do not cancel
    ],
)
def test_double_negation(text, cue_count):
    assert len(find_cues(tokenize(text))) == cue_count


def test_numbers_are_masked_before_cues_are_found():
    tokens = tokenize("لا يتجاوز عددهم 9 مستشارين")
    assert find_cues(tokens, masked=[(0, 5)]) == []


def test_conjunctions_attach_to_cues():
    assert ("rebuttal", "وغير صحيح") in cues("الانسحاب شكلي وغير صحيح")
    assert ("denial", "ونفت") in cues("ونفت القيادة تمديد الموعد")


def test_governed_words_of_a_denial():
    tokens = tokenize("نفت القيادة تمديد الموعد")
    governed = {tokens[k].text for k in governed_indexes(find_cues(tokens), tokens)}
    assert governed == {"القيادة", "تمديد", "الموعد"}
    assert all(c.kind is CueKind.DENIAL for c in find_cues(tokens))


_PLAIN = st.lists(st.sampled_from("القوات قاعدة انسحاب التحالف العراق المستشارين بغداد".split()), max_size=12)


@given(_PLAIN)
def test_text_without_cue_words_has_no_cues(words):
    assert find_cues(tokenize(" ".join(words))) == []


@given(_PLAIN, _PLAIN)
def test_cue_scopes_stay_inside_the_text(before, after):
    tokens = tokenize(" ".join([*before, "لم", *after, "غير", "صحيح"]))
    for c in find_cues(tokens):
        assert 0 <= c.scope[0] <= c.scope[1] <= len(tokens)
        assert 0 <= c.first <= c.last < len(tokens)


def test_an_english_rebuttal_reaches_back_to_the_verb_of_saying():
    """ "A member said talk of a withdrawal is untrue": the talk is untrue, not the member's saying it."""
    tokens = tokenize("A Nujaba member said talk of a US withdrawal is untrue")
    (cue,) = find_cues(tokens)
    governed = {tokens[k].norm for k in governed_indexes([cue], tokens)}
    assert {"talk", "withdrawal"} <= governed
    assert not {"nujaba", "member", "said"} & governed
