"""Arabic in the terminal: logical order by default and whenever output is not a terminal; visual on request."""

from __future__ import annotations

import unicodedata

from factcheck.bidi_display import visual_lines
from tests.helpers import run

SENTENCE = 'مشيرًا إلى أن "المستشارين المتبقين في قاعدة عين الأسد لا يتجاوز عددهم (9) مستشارين"'


def test_visual_lines_are_shaped_reordered_and_in_reading_order():
    lines = visual_lines(SENTENCE, 40)
    assert len(lines) > 1
    assert all(len(line) == 40 for line in lines)  # right-aligned in the column
    # shaped: Arabic presentation forms, which NFKC folds back to the letters
    assert any("\ufe70" <= ch <= "\ufeff" for ch in "".join(lines))
    first = unicodedata.normalize("NFKC", lines[0]).strip()
    assert first[::-1].startswith("مشير")  # displayed right to left, the first line starts the sentence
    assert "(9)" in "".join(lines)  # brackets mirrored back


def test_verify_keeps_evidence_off_table_borders():
    out = run("verify", "advisers-ain-al-asad", env={"COLUMNS": "100"}).stdout
    evidence_lines = [line for line in out.splitlines() if "قاعدة عين الأسد" in line]
    assert evidence_lines
    assert not any("│" in line for line in evidence_lines)


def test_visual_is_never_applied_when_output_is_not_a_terminal():
    logical = run("verify", "advisers-ain-al-asad", env={"COLUMNS": "100"}).stdout
    assert run("verify", "advisers-ain-al-asad", "--rtl", "visual", env={"COLUMNS": "100"}).stdout == logical
    env = {"COLUMNS": "100", "FACTCHECK_RTL": "visual"}
    assert run("verify", "advisers-ain-al-asad", env=env).stdout == logical


def test_mixed_lines_keep_english_left_to_right():
    from factcheck.bidi_display import visual_mixed

    line = visual_mixed("speaker: الخفاجي · iraqi government")
    assert line.startswith("speaker: ")
    assert line.endswith("· iraqi government")
