"""Bad input: one clear line on stderr naming the file and place, exit 2, no traceback, nothing written."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from factcheck.cli import app
from tests.conftest import CLAIMS, SEEDS
from tests.helpers import runner

GOOD = """\
claims:
  - id: advisers
    text: 9 advisers remain at Ain al-Asad
    match: ["المستشارين المتبقين في قاعدة عين الأسد 9 مستشارين"]
"""


def snapshot(*paths: Path) -> dict[Path, str]:
    out = {}
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for f in files:
            out[f] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def fails(args: list[str], *expected: str, watch: tuple[Path, ...] = ()) -> str:
    before = snapshot(*watch)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.stdout == ""
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    for part in expected:
        assert part in err, (part, err)
    assert snapshot(*watch) == before
    return err


@pytest.fixture
def write(tmp_path):
    def _write(text: str | bytes, name: str = "claims.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


def verify_with(claims: Path, *extra: str) -> list[str]:
    return ["verify", *extra, "--claims", str(claims), "--sources", str(SEEDS)]


def test_missing_claims_file(tmp_path):
    missing = tmp_path / "nope.yaml"
    fails(["list", "--claims", str(missing), "--sources", str(SEEDS)], str(missing), "not found")


def test_claims_path_is_a_directory(tmp_path):
    fails(["list", "--claims", str(tmp_path), "--sources", str(SEEDS)], str(tmp_path), "directory")


def test_invalid_yaml_names_the_line(write):
    path = write(GOOD + "  - id: [unclosed\n")
    fails(verify_with(path), f"{path}:5:", "invalid YAML", watch=(path,))


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("claims:\n  - text: no id here\n", 2, "has no 'id'"),
        ("claims:\n  - id: a\n", 2, "claim 'a' has no 'text'"),
        ("claims:\n  - id: a\n    text: one\n  - id: a\n    text: two\n", 4, "duplicate id 'a' (first used on line 2)"),
        ("claims:\n  - id: a\n    text: one\n    match: 5\n", 4, "match of claim 'a' must be a string, not int"),
        ("claims:\n  - id: a\n    text: [1, 2]\n", 3, "text of claim 'a' must be a string"),
        ("claims:\n  - id: a\n    text: one\n    mathc: [x]\n", 4, "unknown key 'mathc'"),
        ("claims: {a: 1}\n", 1, "'claims' must be a list"),
        ("claim:\n  - id: a\n", 1, "unknown key 'claim'"),
        ("claims:\n  - id: Not A Slug\n    text: x\n", 2, "must be a slug"),
        ("", 1, "empty"),
        ("claims: []\nactors: [a, b]\n", 2, "actors must be a mapping"),
        ("claims: []\nactors:\n  Bad Group: [x]\n", 3, "actor group 'Bad Group' must be a slug"),
        ("claims: []\nactors:\n  analysts: [5]\n", 3, "a name in group 'analysts' must be a string"),
        ("claims: []\nlexicon: [a]\n", 2, "lexicon must be a mapping"),
        ("claims: []\nlexicon:\n  framings: [x]\n", 3, "unknown key 'framings' in lexicon"),
        ("claims: []\nlexicon:\n  denial: [نفي قاطع]\n", 3, "lexicon denial 'نفي قاطع' must be one word"),
        ("claims: []\nlexicon:\n  opposites: [[تشديد]]\n", 3, "two or more opposite sides"),
        ("claims: []\nlexicon:\n  opposites: {a: b}\n", 3, "lexicon opposites must be a list"),
    ],
)
def test_schema_errors_name_file_line_and_claim(write, text, line, message):
    path = write(text)
    fails(verify_with(path), f"{path}:{line}:", message, watch=(path,))


def test_unknown_claim_id_suggests_the_closest(write):
    path = write(GOOD)
    err = fails(verify_with(path, "advisors"), str(path), "unknown claim id 'advisors'", "advisers", watch=(path,))
    assert "closest ids" in err


def test_missing_sources_folder(write, tmp_path):
    path = write(GOOD)
    fails(["list", "--claims", str(path), "--sources", str(tmp_path / "none")], "sources folder not found")


def test_empty_sources_folder(write, tmp_path):
    path = write(GOOD)
    empty = tmp_path / "empty"
    empty.mkdir()
    fails(["list", "--claims", str(path), "--sources", str(empty)], str(empty), "no source articles (.txt")


def test_non_utf8_source_names_file_and_line(write, tmp_path):
    path = write(GOOD)
    folder = tmp_path / "src"
    shutil.copytree(SEEDS, folder)
    bad = folder / "005_bad.txt"
    bad.write_bytes("سطر أول\nسطر ثان ".encode() + "قوات".encode("cp1256") + b"\n")
    fails(["list", "--claims", str(path), "--sources", str(folder)], f"{bad}:2:", "not valid UTF-8", watch=(folder,))


def test_bad_sources_metadata(write, tmp_path):
    path = write(GOOD)
    folder = tmp_path / "src"
    shutil.copytree(SEEDS, folder)
    meta = folder / "sources.yaml"
    meta.write_text("sources:\n  000_4830f78e1db2219b:\n    outlet: X\n    publisher: Y\n", encoding="utf-8")
    fails(["list", "--claims", str(path), "--sources", str(folder)], f"{meta}:4:", "unknown key 'publisher'")


def test_bundled_inputs_are_untouched_by_a_run():
    before = snapshot(CLAIMS, SEEDS)
    result = runner.invoke(app, ["list", "--claims", str(CLAIMS), "--sources", str(SEEDS)])
    assert result.exit_code == 0
    assert snapshot(CLAIMS, SEEDS) == before
