"""``factcheck sources`` and ``factcheck show``: the sources at a glance, an article unit by unit."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import SEEDS
from tests.helpers import run, run_json

SOURCE_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))
UNIT_LINE = re.compile(r"^(> |  )?#(\d+) +(\w+)(?:  \[speaker: ([^\]]+)\])?  (.+)$")


def unit_lines(stdout: str) -> list[re.Match[str]]:
    """The unit lines of ``show`` output (after the header line), each parsed."""
    header, *rest = stdout.rstrip("\n").split("\n")
    assert header.startswith(tuple(SOURCE_IDS)), header
    parsed = [UNIT_LINE.match(line) for line in rest]
    assert all(parsed), rest
    return [m for m in parsed if m]


def failed(result, *expected: str) -> str:
    """Bad input: exit 2, nothing on stdout, one line on stderr, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.stdout == ""
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert err.startswith("factcheck: error: ")
    for part in expected:
        assert part in err, (part, err)
    return err


# --- sources -----------------------------------------------------------------------------------------


def test_sources_json_lists_every_source_with_metadata():
    doc = run_json("sources")
    assert doc["version"] == 1
    rows = doc["sources"]
    assert [r["id"] for r in rows] == SOURCE_IDS
    assert len(rows) == 5
    by_prefix = {r["id"][:3]: r for r in rows}
    assert by_prefix["002"]["date"] == "2021-11-28"
    assert by_prefix["002"]["outlet"] == "Baghdad Today (بغداد اليوم)"
    assert by_prefix["001"]["headline"] == "العراق يعلن رسميًا انتهاء المهام القتالية لقوات التحالف"
    assert by_prefix["003"]["outlet"] is None
    for r in rows:
        assert set(r) >= {"id", "outlet", "date", "headline", "sentences", "supports", "contradicts"}
        assert 0 < r["sentences"] <= r["units"]


def test_sources_counts_agree_with_list(corpus):
    rows = {r["id"]: r for r in run_json("sources")["sources"]}
    results = run_json("list")["results"]
    for source_id, row in rows.items():
        stances = [s["stance"] for r in results for s in r["sources"] if s["source"] == source_id]
        assert len(stances) == len(results)
        assert row["supports"] == sum(s in ("supports", "mixed") for s in stances)
        assert row["contradicts"] == sum(s in ("contradicts", "mixed") for s in stances)
        assert row["mixed"] == stances.count("mixed")
        assert row["sentences"] == sum(u.kind.is_evidence for u in corpus.units[source_id])
        assert row["units"] == len(corpus.units[source_id])
    # Every source takes a side on some bundled claim, and a mixed source counts on both sides.
    assert all(row["supports"] > 0 for row in rows.values())
    assert sum(row["mixed"] for row in rows.values()) > 0


def test_sources_table_names_every_source():
    result = run("sources")
    assert result.exit_code == 0, result.output
    assert "Sources" in result.stdout
    for source_id in SOURCE_IDS:
        assert source_id in result.stdout
    assert "Baghdad Today" in result.stdout


def test_sources_json_flag_is_format_json():
    assert json.loads(run("sources", "--json").stdout) == run_json("sources")


# --- show --------------------------------------------------------------------------------------------


def test_show_whole_article_numbers_every_unit(corpus):
    source_id = next(s for s in SOURCE_IDS if s.startswith("002"))
    result = run("show", "002")
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0]
    assert header.startswith(source_id)
    assert "Baghdad Today" in header
    assert "2021-11-28" in header
    lines = unit_lines(result.stdout)
    units = corpus.units[source_id]
    assert [int(m[2]) for m in lines] == [u.index for u in units] == list(range(len(units)))
    for m, u in zip(lines, units, strict=True):
        assert m[1] is None  # no marker without :N
        assert m[3] == u.kind.value
        assert m[5] == u.text  # as written, in logical order
        assert (m[4] or "").startswith(u.speaker or "")
    kinds = {m[3] for m in lines}
    assert {"headline", "body", "ticker", "boilerplate"} <= kinds
    assert any(m[4] and "iraqi government" in m[4] for m in lines)  # speaker with its group


def test_show_accepts_the_full_id_and_a_longer_prefix():
    source_id = next(s for s in SOURCE_IDS if s.startswith("004"))
    whole = run("show", source_id)
    assert whole.exit_code == 0
    assert run("show", source_id[:6]).stdout == whole.stdout
    assert run("show", "004").stdout == whole.stdout


def test_show_unit_with_default_context():
    result = run("show", "002:9")
    assert result.exit_code == 0, result.output
    lines = unit_lines(result.stdout)
    assert [int(m[2]) for m in lines] == [7, 8, 9, 10, 11]
    assert [m[1] for m in lines] == ["  ", "  ", "> ", "  ", "  "]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("002:9", "--context", "0"), [9]),
        (("002:9", "-C", "1"), [8, 9, 10]),
        (("002:0",), [0, 1, 2]),  # clipped at the start
        (("004:11", "--context", "3"), [8, 9, 10, 11]),  # and at the end
        (("002:#9", "-C", "0"), [9]),  # as verify prints it
    ],
)
def test_show_context(args, expected):
    result = run("show", *args)
    assert result.exit_code == 0, result.output
    lines = unit_lines(result.stdout)
    assert [int(m[2]) for m in lines] == expected
    marked = [int(m[2]) for m in lines if m[1] == "> "]
    assert marked == [int(args[0].split(":")[1].lstrip("#"))]


def test_show_indices_are_verify_indices():
    doc = run_json("verify", "advisers-ain-al-asad", "withdrawal-real", "--top", "3")
    checked = 0
    for r in doc["results"]:
        for s in r["sources"]:
            for e in s["evidence"]:
                out = run("show", f"{s['source'][:3]}:{e['sentence_index']}", "--context", "0")
                assert out.exit_code == 0, out.output
                (line,) = unit_lines(out.stdout)
                assert int(line[2]) == e["sentence_index"]
                assert line[5] == e["text"]
                assert line[3] == e["kind"]
                checked += 1
    assert checked >= 5


@pytest.mark.parametrize(
    ("arg", "expected"),
    [
        ("9", ("unknown source '9'", str(SEEDS), SOURCE_IDS[0])),
        ("zzz:3", ("unknown source 'zzz'",)),
        ("00", ("source prefix '00' is ambiguous", SOURCE_IDS[0], SOURCE_IDS[1])),
        ("002:99", ("unit #99 is out of range", "002_", ".txt", "#0-#23")),
        ("002:-1", ("unit #-1 is out of range",)),
        ("002:x", ("'002:x'", "SOURCE:N")),
    ],
)
def test_show_bad_source_or_unit_is_one_line_exit_2(arg, expected):
    failed(run("show", arg), *expected)


def test_show_missing_sources_folder(tmp_path):
    failed(run("show", "002", "--sources", str(tmp_path / "none")), "sources folder not found")


@pytest.mark.parametrize("command", ["sources", "show", "lint"])
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"factcheck {command}" in result.stdout
