"""Sources beyond a flat folder of .txt: nested folders, Markdown, and JSON Lines corpora."""

from __future__ import annotations

import json
import shutil

import pytest

from factcheck.sources import load_sources
from tests.conftest import SEEDS
from tests.helpers import by_source, run, run_json

ARTICLE = (SEEDS / "000_4830f78e1db2219b.txt").read_text(encoding="utf-8")


def test_folders_are_searched_recursively_and_markdown_is_read(tmp_path):
    (tmp_path / "2021" / "dec").mkdir(parents=True)
    (tmp_path / "2021" / "dec" / "sky.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "top.txt").write_text("وأعلنت بغداد انتهاء المهمة.\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not an article
    ids = [s.id for s in load_sources(tmp_path)]
    assert ids == ["2021/dec/sky", "top"]


def test_the_seeds_keep_their_ids():
    assert [s.id for s in load_sources(SEEDS)] == sorted(p.stem for p in SEEDS.glob("*.txt"))


def corpus_lines() -> list[dict]:
    return [
        {"id": "a1", "title": "انسحاب القوات القتالية", "text": ARTICLE, "date": "2021-12-09T10:00:00", "outlet": "X"},
        {"id": 2, "text": "وأعلنت بغداد انتهاء المهمة.", "url": "https://example.org/2"},
    ]


def test_a_jsonl_corpus_is_one_source_per_line(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in corpus_lines()) + "\n", encoding="utf-8")
    first, second = load_sources(path)
    assert (first.id, second.id) == ("a1", "2")
    assert first.meta.date == "2021-12-09"
    assert first.meta.outlet == "X"
    assert first.meta.headline == "انسحاب القوات القتالية"
    assert first.text.startswith("انسحاب القوات القتالية\n")
    assert second.meta.url == "https://example.org/2"


def test_verify_against_a_corpus_and_a_nested_folder_gives_the_same_answer(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "sky", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    nested = tmp_path / "nested" / "sky"
    nested.mkdir(parents=True)
    shutil.copy(SEEDS / "000_4830f78e1db2219b.txt", nested / "article.txt")
    via_corpus = run_json("verify", "advisers-ain-al-asad", "--sources", str(corpus))["results"][0]
    via_folder = run_json("verify", "advisers-ain-al-asad", "--sources", str(tmp_path / "nested"))["results"][0]
    assert via_corpus["verdict"] == via_folder["verdict"] == "supported"
    texts = {e["text"] for s in via_corpus["sources"] for e in s["evidence"]}
    assert texts == {e["text"] for s in via_folder["sources"] for e in s["evidence"]}
    assert by_source(via_corpus)["sky"]["stance"] == "supports"


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ('{"id": "a", "text": "x"}\nnot json\n', 2, "invalid JSON"),
        ('{"id": "a"}\n', 1, "missing or empty 'text'"),
        ("[1, 2]\n", 1, "must be a JSON object"),
        ('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', None, "two sources have the id 'a'"),
    ],
)
def test_bad_corpus_lines_name_the_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "corpus.jsonl"
    path.write_text(content, encoding="utf-8")
    result = run("list", "--sources", str(path))
    assert result.exit_code == 2
    where = f"{path}:{line}:" if line else str(path)
    assert where in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
