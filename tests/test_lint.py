"""``factcheck lint``: schema errors (exit 1) and warnings about claims that would quietly find little."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factcheck import lint
from factcheck.models import Claim, ClaimSet
from tests.conftest import CLAIMS
from tests.helpers import run

CHECKS = {lint.SCHEMA, lint.UNMENTIONED, lint.DUPLICATE, lint.SILENT_PHRASING, lint.UNUSED_GLOSSARY}

ADVISERS = """\
  - id: advisers
    text: 9 advisers remain at Ain al-Asad
    match:
      - المستشارين المتبقين في قاعدة عين الأسد 9 مستشارين
"""


@pytest.fixture
def write(tmp_path):
    def _write(text: str, name: str = "claims.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def lint_json(path: Path | str, code: int = 0) -> list[dict]:
    result = run("lint", "--claims", str(path), "--format", "json")
    assert result.exit_code == code, result.output
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    assert doc["claims"] == str(path)
    for f in doc["findings"]:
        assert set(f) == {"level", "claim", "line", "message", "check"}
        assert f["level"] in ("error", "warning")
        assert f["check"] in CHECKS
    return doc["findings"]


def only(findings: list[dict], check: str) -> list[dict]:
    return [f for f in findings if f["check"] == check]


# --- the bundled claims --------------------------------------------------------------------------------


def test_lint_bundled_claims_passes_with_warnings_only():
    findings = lint_json(CLAIMS)
    assert all(f["level"] == "warning" for f in findings)
    assert all(isinstance(f["line"], int) and f["line"] > 0 for f in findings)
    assert [f["line"] for f in findings] == sorted(f["line"] for f in findings)  # file order
    # Every bundled claim and every match phrasing finds something in the seeds ...
    assert not only(findings, lint.UNMENTIONED)
    assert not only(findings, lint.SILENT_PHRASING)
    # ... and "six rounds" / "four rounds" are rivals, not duplicates.
    assert not only(findings, lint.DUPLICATE)
    # ... and the glossary holds only what the claims use (the concept lexicon serves ad hoc text).
    assert not only(findings, lint.UNUSED_GLOSSARY)


def test_lint_bundled_claims_table():
    result = run("lint")
    assert result.exit_code == 0, result.output
    *body, last = result.stdout.rstrip("\n").split("\n")
    for line in body:
        assert re.match(rf"^{re.escape(str(CLAIMS))}:\d+: warning: ", line), line
    summary = "no problems found" if not body else f"0 errors, {len(body)} warning"
    assert last.startswith(f"{CLAIMS}: {summary}")
    assert "28 claims, 5 sources" in last
    assert result.stderr == ""


# --- errors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("claims:\n  - id: a\n    text: one\n    mathc: [x]\n", 4, "unknown key 'mathc'"),
        ("claims:\n  - id: a\n    text: one\n  - id: a\n    text: two\n", 4, "duplicate id 'a' (first used on line 2)"),
        ("claims:\n  - id: a\n    text: [unclosed\n", 3, "invalid YAML"),
        ("claims:\n  - text: no id here\n", 2, "has no 'id'"),
    ],
)
def test_schema_error_is_an_error_finding_exit_1(write, text, line, message):
    path = write(text)
    result = run("lint", "--claims", str(path))
    assert result.exit_code == 1, result.output
    first, last = result.stdout.rstrip("\n").split("\n")
    assert first.startswith(f"{path}:{line}: error: ")
    assert message in first
    assert last == f"{path}: 1 error, 0 warnings"
    assert "Traceback" not in result.output
    (finding,) = lint_json(path, code=1)
    assert finding["level"] == "error"
    assert finding["check"] == lint.SCHEMA
    assert finding["line"] == line
    assert message in finding["message"]


def test_missing_claims_file_is_bad_input_exit_2(tmp_path):
    missing = tmp_path / "nope.yaml"
    result = run("lint", "--claims", str(missing))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"factcheck: error: {missing}: claims file not found"


# --- warnings ------------------------------------------------------------------------------------------


def test_duplicate_claims_are_reported(write):
    tail = """\
  - id: advisers-copy
    text: 9 advisers remain at the Ain al-Asad
  - id: advisers-ten
    text: 10 advisers remain at Ain al-Asad
  - id: advisers-again
    text: Advisers stay at the Ain al-Asad base
    match: المستشارين المتبقين في قاعدة عين الأسد 9 مستشارين
"""
    path = write("claims:\n" + ADVISERS + tail)  # the copy on line 6, a rival figure on 8, a shared phrasing on 10
    findings = lint_json(path)
    dups = only(findings, lint.DUPLICATE)
    assert [(f["claim"], f["line"]) for f in dups] == [("advisers-copy", 6), ("advisers-again", 10)]
    assert "nearly duplicates claim 'advisers' on line 2" in dups[0]["message"]
    assert "same match phrasing as claim 'advisers'" in dups[1]["message"]
    assert "المستشارين المتبقين" in dups[1]["message"]
    table = run("lint", "--claims", str(path))
    assert table.exit_code == 0  # warnings only
    assert f"{path}:6: warning: claim 'advisers-copy' nearly duplicates claim 'advisers'" in table.stdout


def test_match_phrasing_that_finds_nothing_is_reported(write):
    path = write(
        "claims:\n" + ADVISERS + "      - زراعة الطماطم في حدائق أوسلو الشتوية\n"  # line 6
    )
    (finding,) = only(lint_json(path), lint.SILENT_PHRASING)
    assert finding["claim"] == "advisers"
    assert finding["line"] == 6
    assert "match phrasing 2 of claim 'advisers'" in finding["message"]
    assert "زراعة الطماطم في حدائق أوسلو الشتوية" in finding["message"]


def test_claim_no_source_mentions_is_reported_once(write):
    tail = """\
  - id: tomatoes
    text: Oslo grows tomatoes in winter gardens
    match: [زراعة الطماطم في حدائق أوسلو الشتوية]
"""
    path = write("claims:\n" + ADVISERS + tail)  # tomatoes on line 6
    findings = lint_json(path)
    (finding,) = only(findings, lint.UNMENTIONED)
    assert (finding["claim"], finding["line"]) == ("tomatoes", 6)
    assert "no source mentions claim 'tomatoes'" in finding["message"]
    assert not only(findings, lint.SILENT_PHRASING)  # its phrasings are not reported again


def test_unused_glossary_entry_is_reported(write):
    path = write(
        "claims:\n" + ADVISERS + "glossary:\n"
        "  Ain al-Asad: [عين الأسد]\n"
        "  advisers: [المستشارين]\n"  # used as "advisers" → stem "advis"
        "  Trump: [ترامب]\n"  # line 9
    )
    findings = lint_json(path)
    (finding,) = only(findings, lint.UNUSED_GLOSSARY)
    assert finding["line"] == 9
    assert finding["claim"] is None
    assert "glossary entry 'Trump'" in finding["message"]
    assert findings == only(findings, lint.UNUSED_GLOSSARY)  # nothing else is wrong with this file


# --- the checks as functions ---------------------------------------------------------------------------


def test_duplicates_function_skips_rivals():
    claims = [
        Claim("six", "Baghdad and Washington held six rounds of talks", line=1),
        Claim("four", "Baghdad and Washington held four rounds of talks on the withdrawal", line=2),
        Claim("harir", "No combat forces remain at Harir", line=3),
        Claim("harir-not", "Combat forces remain at Harir", line=4),
        Claim("harir-2", "No combat forces remain at the Harir base", line=5),
    ]
    found = lint.duplicates(claims)
    assert [(f.claim, f.line) for f in found] == [("harir-2", 5)]
    assert "'harir'" in found[0].message


def test_unused_glossary_function_matches_by_stem():
    claim_set = ClaimSet(
        (Claim("a", "Shipments were evacuated", match=("the troops withdrew",)),),
        {"evacuate": ("إجلاء",), "troops": ("القوات",), "withdrawal": ("انسحاب",), "shipment": ("شحنة",)},
    )
    found = lint.unused_glossary(claim_set, lint.Lines(glossary={"withdrawal": 7}))
    assert [(f.message, f.line) for f in found] == [("glossary entry 'withdrawal' is used by no claim", 7)]


def test_format_and_exit_code():
    warning = lint.Finding("warning", "a", 3, "something", lint.DUPLICATE)
    error = lint.Finding("error", None, None, "bad")
    assert lint.format_finding(warning, "claims.yaml") == "claims.yaml:3: warning: something"
    assert lint.format_finding(error, "claims.yaml") == "claims.yaml: error: bad"
    assert lint.exit_code([warning]) == 0
    assert lint.exit_code([warning, error]) == 1
    assert lint.summary([], "c.yaml") == "c.yaml: no problems found"
    assert lint.summary([warning, error], "c.yaml") == "c.yaml: 1 error, 1 warning"


def test_match_lines_with_a_single_string_match(tmp_path):
    path = tmp_path / "c.yaml"
    text = "claims:\n  - id: a\n    text: x\n    match: عين الأسد\nglossary:\n  Harir: حرير\n"
    path.write_text(text, encoding="utf-8")
    claim_set, lines, findings = lint.load(path)
    assert claim_set is not None
    assert not findings
    assert lines.match == {"a": (4,)}
    assert lines.glossary == {"Harir": 6}
