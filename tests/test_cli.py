"""Command-line behaviour: formats, the JSON contract, exit codes, entry points."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files

import jsonschema
import pytest

from factcheck.cli import app
from tests.conftest import CLAIMS, ROOT, SEEDS
from tests.helpers import run, run_json, runner

SCHEMA = json.loads((files("factcheck") / "data" / "result.schema.json").read_text(encoding="utf-8"))


def validate(instance, ref: str) -> None:
    schema = {**SCHEMA, "$ref": f"#/$defs/{ref}"}
    schema.pop("oneOf")
    jsonschema.Draft202012Validator(schema).validate(instance)


@pytest.mark.parametrize("command", ["list", "verify"])
def test_json_document_matches_the_schema(command, claim_set):
    doc = run_json(command)
    validate(doc, "document")
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    assert doc["version"] == 1
    assert [r["claim"]["id"] for r in doc["results"]] == [c.id for c in claim_set.claims]
    for result in doc["results"]:
        assert len(result["sources"]) == 5  # every source, silent ones too


def test_evidence_offsets_point_into_the_article():
    doc = run_json("verify")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    seen = 0
    for result in doc["results"]:
        for src in result["sources"]:
            article = texts[src["source"]]
            for e in src["evidence"]:
                assert article[e["start"] : e["end"]] == e["text"]
                for a, b in e["highlights"]:
                    assert e["start"] <= a < b <= e["end"]
                seen += 1
    assert seen > 20


def test_jsonl_is_one_result_per_line():
    result = run("verify", "advisers-ain-al-asad", "shipments-evacuated", "--format", "jsonl")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    for line in lines:
        obj = json.loads(line)
        validate(obj, "line")
        jsonschema.Draft202012Validator(SCHEMA).validate(obj)
    assert [json.loads(x)["claim"]["id"] for x in lines] == ["advisers-ain-al-asad", "shipments-evacuated"]


def test_json_flag_is_format_json():
    assert json.loads(run("verify", "advisers-ain-al-asad", "--json").stdout) == run_json(
        "verify", "advisers-ain-al-asad"
    )


def test_sources_show_metadata_instead_of_the_hash():
    doc = run_json("verify", "deadline-extended")
    src = next(s for s in doc["results"][0]["sources"] if s["source"].startswith("002"))
    assert src["metadata"]["date"] == "2021-11-28"
    assert src["label"] != src["source"]


def test_table_output_lists_every_source_and_the_verdict():
    result = run("verify", "advisers-ain-al-asad")
    assert result.exit_code == 0
    out = result.stdout
    assert "SUPPORTED" in out
    assert "(9)" in out
    assert out.count("silent") >= 4


def test_list_table_shows_every_claim(claim_set):
    result = run("list")
    assert result.exit_code == 0
    for claim in claim_set.claims:
        assert claim.id in result.stdout


def test_fail_on_sets_exit_code():
    assert run("verify", "deadline-extended", "--fail-on", "refuted").exit_code == 1
    assert run("verify", "deadline-extended", "--fail-on", "conflicting").exit_code == 0
    assert run("verify", "advisers-ain-al-asad", "--fail-on", "refuted").exit_code == 0
    assert (
        run("verify", "Turkey withdrew its troops from northern Syria", "--fail-on", "not_enough_info").exit_code == 1
    )


def test_top_limits_evidence_per_source():
    one = run_json("verify", "withdrawal-real", "--top", "1")["results"][0]["sources"]
    three = run_json("verify", "withdrawal-real", "--top", "3")["results"][0]["sources"]
    assert all(len(s["evidence"]) <= (2 if s["stance"] == "mixed" else 1) for s in one)
    assert sum(len(s["evidence"]) for s in three) > sum(len(s["evidence"]) for s in one)


def test_min_score_filters_weak_evidence():
    loose = run_json("verify", "withdrawal-real", "--min-score", "30")
    strict = run_json("verify", "withdrawal-real", "--min-score", "95")

    def scores(doc):
        return [e["score"] for s in doc["results"][0]["sources"] for e in s["evidence"]]

    assert all(x >= 95 for x in scores(strict))
    assert len(scores(loose)) >= len(scores(strict))


def test_python_dash_m_and_version():
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "factcheck",
            "verify",
            "advisers-ain-al-asad",
            "--json",
            "--claims",
            str(CLAIMS),
            "--sources",
            str(SEEDS),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert json.loads(out.stdout)["results"][0]["verdict"] == "supported"
    version = subprocess.run(
        [sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("factcheck ")


def test_version_matches_the_package_metadata():
    import tomllib

    import factcheck

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert factcheck.__version__ == meta["project"]["version"]


def test_library_use_without_the_cli(corpus, claim_set):
    from factcheck import Settings, Verdict

    result = corpus.check(claim_set.get("advisers-ain-al-asad"), claim_set.glossary, Settings())
    assert result.verdict is Verdict.SUPPORTED


def test_a_mixed_source_shows_both_voices_even_with_top_one():
    doc = run_json("verify", "withdrawal-real", "--top", "1")
    mixed = [s for s in doc["results"][0]["sources"] if s["stance"] == "mixed"]
    assert mixed
    for src in mixed:
        assert {e["stance"] for e in src["evidence"]} >= {"supports", "contradicts"}


def test_readme_example_is_real_output():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ factcheck verify advisers-ain-al-asad\n", 1)[1].split("\n```", 1)[0]
    result = run("verify", "advisers-ain-al-asad", env={"COLUMNS": "100"})
    assert result.stdout.rstrip("\n") == block


def test_by_speaker_pivots_the_table_by_group():
    result = run("verify", "withdrawal-real", "--by-speaker", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    out = result.stdout
    assert "armed factions" in out
    assert "iraqi government" in out
    assert "انسحاب شكلي" in out
    assert "contradicted by" in out


def test_claims_file_actors_extend_the_gazetteer(tmp_path):
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "claims:\n"
        "  - id: rasool\n"
        "    text: انسحاب القوات الأميركية بدأ فعليا بعد الجولة الرابعة\n"
        "actors:\n"
        "  iraqi_armed_forces: [الناطق باسم القوات المسلحة اللواء يحيى رسول]\n",
        encoding="utf-8",
    )
    doc = run_json("verify", "rasool", "--claims", str(claims), "--top", "3")
    evidence = [e for s in doc["results"][0]["sources"] for e in s["evidence"] if e["speaker"]]
    rasool = [e for e in evidence if "يحيى رسول" in e["speaker"]]
    assert rasool
    assert rasool[0]["speaker_group"] == "iraqi_armed_forces"
    plain = run_json("verify", "انسحاب القوات الأميركية بدأ فعليا بعد الجولة الرابعة", "--top", "3")
    groups = [e["speaker_group"] for s in plain["results"][0]["sources"] for e in s["evidence"] if e["speaker"]]
    assert "iraqi_armed_forces" not in groups


def test_explain_shows_the_query_and_what_matched():
    result = run("verify", "advisers-ain-al-asad", "--explain", env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "how the claim was read" in result.stdout
    assert "searched for" in result.stdout
    doc = run_json("verify", "advisers-ain-al-asad", "--explain")
    validate(doc, "document")
    (query, *_) = doc["results"][0]["query"]
    assert query["numbers"]
    assert any("000_4830f78e1db2219b" in t["found_in"] for t in query["terms"])
    assert abs(sum(t["weight"] for t in query["terms"]) - 1) < 0.01
    assert "query" not in run_json("verify", "advisers-ain-al-asad")["results"][0]


def test_a_claim_in_an_unknown_language_gets_a_notice():
    result = run("verify", "Les troupes américaines ont quitté l'Irak", "--format", "json")
    assert result.exit_code == 0
    assert "notice" in result.stderr
    assert "known to the Arabic or English lexicons" in result.stderr
    english = run("verify", "US troops left Iraq", "--format", "json")
    assert "notice" not in english.stderr


@pytest.mark.parametrize(
    "command", [["list"], ["verify"], ["eval"], ["report"], ["sources"], ["show"], ["lint"], ["cache", "clear"]]
)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_shell_completion_and_version():
    from factcheck import __version__

    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout
    assert runner.invoke(app, ["--version"]).stdout.strip() == f"factcheck {__version__}"


def test_no_progress_bar_when_stderr_is_not_a_terminal():
    from factcheck.cli import _progress

    with _progress(1000, "sources", enabled=True) as advance:
        advance()  # a no-op: under the test runner stderr is not a terminal
    result = run("verify", "--format", "table", env={"COLUMNS": "100"})
    assert "reading sources" not in result.stderr
