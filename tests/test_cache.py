"""The analysis cache: same answers as without it, reuse across runs, and never a reason to fail."""

from __future__ import annotations

import pickle
import shutil
import sqlite3

import factcheck.cache as cache_module
import factcheck.engine as engine
from factcheck import Corpus, Settings, load_claims, load_sources
from factcheck.cache import CACHE_FILE, AnalysisCache, clear_cache
from factcheck.cli import app
from factcheck.match import CorpusIndex
from factcheck.report import document
from tests.conftest import CLAIMS, SEEDS
from tests.helpers import runner


def results(corpus):
    claim_set = load_claims(CLAIMS)
    return document(corpus.check_all(claim_set.claims, claim_set.glossary, Settings()))


def test_cached_analysis_gives_identical_results(tmp_path):
    plain = results(Corpus(load_sources(SEEDS)))
    # articles, the opposites lexicon, each claim's analysis, and the answer as a whole
    entries = 5 + 1 + len(load_claims(CLAIMS).claims) + 1
    first = AnalysisCache(tmp_path)
    assert results(Corpus(load_sources(SEEDS), cache=first)) == plain
    assert (first.hits, first.misses) == (0, entries)
    second = AnalysisCache(tmp_path)
    assert results(Corpus(load_sources(SEEDS), cache=second)) == plain
    assert (second.hits, second.misses) == (5 + 1 + 1, 0)  # the claims are not analysed again


def test_cached_answers_follow_settings_and_metadata(tmp_path):
    folder = tmp_path / "src"
    shutil.copytree(SEEDS, folder)
    claim_set = load_claims(CLAIMS)
    cache = AnalysisCache(tmp_path / "cache")
    Corpus(load_sources(folder), cache=cache).check_all(claim_set.claims, claim_set.glossary, Settings())
    top3 = Corpus(load_sources(folder), cache=AnalysisCache(tmp_path / "cache")).check_all(
        claim_set.claims, claim_set.glossary, Settings(top=3)
    )
    assert top3 == Corpus(load_sources(folder)).check_all(claim_set.claims, claim_set.glossary, Settings(top=3))
    meta = folder / "sources.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("Sky News Arabia", "Sky News"), encoding="utf-8")
    renamed = Corpus(load_sources(folder), cache=AnalysisCache(tmp_path / "cache")).check_all(
        claim_set.claims, claim_set.glossary, Settings()
    )
    assert "Sky News (سكاي نيوز عربية)" in {r.source.meta.outlet for c in renamed for r in c.sources}


def test_a_changed_article_is_analysed_again(tmp_path):
    folder = tmp_path / "src"
    shutil.copytree(SEEDS, folder)
    cache = AnalysisCache(tmp_path / "cache")
    Corpus(load_sources(folder), cache=cache)
    article = next(folder.glob("003*.txt"))
    article.write_text(article.read_text(encoding="utf-8") + "\nوأعلنت بغداد انتهاء المهمة.\n", encoding="utf-8")
    again = AnalysisCache(tmp_path / "cache")
    corpus = Corpus(load_sources(folder), cache=again)
    assert (again.hits, again.misses) == (5, 1)  # the lexicon and four unchanged articles
    assert any("انتهاء المهمة" in u.text for u in corpus.units[article.stem])


def test_an_unusable_cache_is_ignored(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    cache = AnalysisCache(blocked / "cache")  # cannot be created under a file
    assert results(Corpus(load_sources(SEEDS), cache=cache)) == results(Corpus(load_sources(SEEDS)))
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / CACHE_FILE).write_bytes(b"this is not sqlite")
    assert results(Corpus(load_sources(SEEDS), cache=AnalysisCache(corrupt))) == results(Corpus(load_sources(SEEDS)))


def test_cache_commands_and_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    args = ["verify", "advisers-ain-al-asad", "--json", "--claims", str(CLAIMS), "--sources", str(SEEDS)]
    assert runner.invoke(app, [*args, "--no-cache"]).exit_code == 0
    assert not (tmp_path / CACHE_FILE).exists()
    assert runner.invoke(app, args).exit_code == 0
    assert (tmp_path / CACHE_FILE).exists()
    path = runner.invoke(app, ["cache", "path"])
    assert path.stdout.strip() == str(tmp_path / CACHE_FILE)
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0
    assert "removed" in cleared.stdout
    assert not (tmp_path / CACHE_FILE).exists()
    assert clear_cache(tmp_path) is False


def test_an_archive_index_is_kept_whole_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "WARM_UP_TO", 0)  # as on an archive
    built = Corpus(load_sources(SEEDS))
    plain = results(built)
    assert results(Corpus(load_sources(SEEDS), cache=AnalysisCache(tmp_path))) == plain
    adds = []
    real_add = CorpusIndex.add
    monkeypatch.setattr(CorpusIndex, "add", lambda self, s, *a: (adds.append(len(s)), real_add(self, s, *a)))
    again = Corpus(load_sources(SEEDS), cache=AnalysisCache(tmp_path))
    assert not any(adds)  # no sentence indexed again: the postings were read back
    assert again.index.postings == built.index.postings
    assert again.index.speaker_postings == built.index.speaker_postings
    assert again.index.words == built.index.words
    assert results(again) == plain


def test_an_index_snapshot_for_other_sentences_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "WARM_UP_TO", 0)
    built = Corpus(load_sources(SEEDS))
    cache = AnalysisCache(tmp_path)
    Corpus(load_sources(SEEDS), cache=cache)
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        key, blob = db.execute("SELECT key, value FROM snapshot").fetchone()
        wrong = pickle.loads(blob)._replace(sentences=len(built.index.sentences) + 1)
        db.execute("UPDATE snapshot SET value = ? WHERE key = ?", (pickle.dumps(wrong), key))
    again = Corpus(load_sources(SEEDS), cache=AnalysisCache(tmp_path))
    assert again.index.postings == built.index.postings  # built anew
    assert results(again) == results(built)


def test_only_the_snapshots_used_last_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "SNAPSHOTS_KEPT", 2)
    clock = iter(range(100))
    monkeypatch.setattr(cache_module.time, "time", lambda: next(clock))
    cache = AnalysisCache(tmp_path)
    for key in "abc":
        cache.put_snapshot(key, key * 3)
    assert [cache.get_snapshot(k) for k in "abc"] == [None, "bbb", "ccc"]
    cache.get_snapshot("b")  # used again: now the newest
    cache.put_snapshot("d", "ddd")
    assert [cache.get_snapshot(k) for k in "bcd"] == ["bbb", None, "ddd"]


def _count(path, like: str) -> int:
    with sqlite3.connect(path / CACHE_FILE) as db:
        return db.execute("SELECT COUNT(*) FROM analysis WHERE key LIKE ?", (like,)).fetchone()[0]


def test_an_analysis_whose_stored_terms_are_gone_is_made_again(tmp_path):
    plain = results(Corpus(load_sources(SEEDS)))
    Corpus(load_sources(SEEDS), cache=AnalysisCache(tmp_path))
    assert _count(tmp_path, "terms:%") == 5  # each article's sentence keys and words, apart from its analysis
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        db.execute("DELETE FROM analysis WHERE key LIKE 'terms:%'")
    assert results(Corpus(load_sources(SEEDS), cache=AnalysisCache(tmp_path))) == plain
    assert _count(tmp_path, "terms:%") == 5
