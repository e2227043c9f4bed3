"""CSV (RFC 4180) and Markdown output of list and verify, on the real seeds."""

from __future__ import annotations

import csv
import io

from factcheck.tabular import EVIDENCE_COLUMNS, _cell, to_csv
from tests.helpers import run, run_json


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_list_csv_has_one_row_per_claim():
    result = run("list", "--format", "csv")
    assert result.exit_code == 0
    rows = parse(result.stdout)
    claims = run_json("list")["results"]
    assert rows[0][:3] == ["claim_id", "claim_text", "verdict"]
    assert [r[0] for r in rows[1:]] == [c["claim"]["id"] for c in claims]
    assert [r[2] for r in rows[1:]] == [c["verdict"] for c in claims]
    assert b"\r\n" in result.stdout_bytes


def test_verify_csv_has_one_row_per_claim_source_and_evidence():
    result = run("verify", "withdrawal-real", "--top", "3", "--format", "csv")
    rows = parse(result.stdout)
    assert tuple(rows[0]) == EVIDENCE_COLUMNS
    (doc,) = run_json("verify", "withdrawal-real", "--top", "3")["results"]
    expected = sum(max(1, len(s["evidence"])) for s in doc["sources"])
    assert len(rows) - 1 == expected
    arabic = [r for r in rows[1:] if r[EVIDENCE_COLUMNS.index("evidence")]]
    assert any("انسحاب" in r[EVIDENCE_COLUMNS.index("evidence")] for r in arabic)  # logical order, as written


def test_bom_for_spreadsheets():
    assert run("list", "--format", "csv", "--bom").stdout.startswith("\ufeff")
    assert not run("list", "--format", "csv").stdout.startswith("\ufeff")


def test_rfc4180_quoting():
    text = to_csv(("a", "b"), iter([('he said "no", twice', "line\nbreak")]))
    assert text == 'a,b\r\n"he said ""no"", twice","line\nbreak"\r\n'
    assert parse(text)[1] == ['he said "no", twice', "line\nbreak"]


def test_markdown_tables():
    listing = run("list", "--format", "markdown").stdout
    assert listing.startswith("| claim | text | verdict |")
    verify = run("verify", "advisers-ain-al-asad", "--format", "markdown").stdout
    assert verify.startswith("## advisers-ain-al-asad: ")
    assert "| source | stance | score | speaker | evidence | why |" in verify
    assert "(9)" in verify


def test_markdown_cells_escape_pipes_and_breaks():
    assert _cell("a|b\nc") == "a\\|b<br>c"
