"""Checking in parts (worker processes, a Dask cluster) and through the candidate index gives the answers
of scoring every sentence in one process: on the seeds, and on a sample of the news corpus."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import Corpus, Settings, load_claims, load_sources
from factcheck.evaluate import load_gold
from factcheck.models import Claim, Source
from factcheck.parts import PartedCorpus, ProcessRunner, answer_bytes, read_answer, split
from factcheck.query import Glossary, build_query
from factcheck.report import document
from tests.conftest import CLAIMS, ROOT, SEEDS
from tests.helpers import run

GOLD = ROOT / "tests" / "gold" / "seeds.yaml"
NEWS = ROOT.parent / "shared" / "bench" / "corpus" / "saudinewsnet_sample20k.jsonl"


def _claims(path: Path = CLAIMS):
    claim_set = load_claims(path)
    return claim_set, [*claim_set.claims]


def _gold_claims():
    gold_set, _ = load_gold(GOLD, [s.id for s in load_sources(SEEDS)])
    return gold_set, [*gold_set.claims]


@pytest.fixture(scope="module")
def seeds_single():
    claim_set, claims = _claims()
    corpus = Corpus(load_sources(SEEDS), actors=claim_set.actors, lexicon=claim_set.lexicon)
    return claim_set, claims, corpus, corpus.check_all(claims, claim_set.glossary, Settings())


@pytest.mark.parametrize("parts", [2, 5])
def test_worker_processes_give_the_in_process_answers(seeds_single, parts):
    claim_set, claims, _, expected = seeds_single
    with PartedCorpus(
        load_sources(SEEDS), ProcessRunner(), parts=parts, actors=claim_set.actors, lexicon=claim_set.lexicon
    ) as corpus:
        got = corpus.check_all(claims, claim_set.glossary, Settings())
    assert document(got) == document(expected)
    assert [r.verdict for r in got] == [r.verdict for r in expected]


@pytest.mark.parametrize("gold", ["seeds.yaml", "seeds_en.yaml"])
def test_worker_processes_answer_every_gold_claim_as_in_process(gold):
    # Judging looks up spelling neighbours of claim words beyond the matched terms (a counted
    # noun's forms, a claim word with an opposite); a part has no vocabulary, so the parent finds them.
    gold_set, _ = load_gold(ROOT / "tests" / "gold" / gold, [s.id for s in load_sources(SEEDS)])
    claims = [*gold_set.claims]
    expected = Corpus(load_sources(SEEDS), actors=gold_set.actors, lexicon=gold_set.lexicon).check_all(
        claims, gold_set.glossary, Settings()
    )
    with PartedCorpus(
        load_sources(SEEDS), ProcessRunner(), parts=2, actors=gold_set.actors, lexicon=gold_set.lexicon
    ) as corpus:
        got = corpus.check_all(claims, gold_set.glossary, Settings())
    assert document(got) == document(expected)


def test_the_index_finds_what_scoring_every_sentence_finds(seeds_single):
    claim_set, _, corpus, expected = seeds_single
    gold_set, gold_claims = _gold_claims()
    for claims, glossary in ((claim_set.claims, claim_set.glossary), (gold_claims, gold_set.glossary)):
        for claim in claims:
            indexed = corpus.check(claim, glossary, Settings())
            exhaustive = corpus.check(claim, glossary, Settings(), exhaustive=True)
            assert indexed == exhaustive, claim.id
    assert any(r.evidence for r in expected)


def test_the_dask_engine_gives_the_in_process_answers(seeds_single):
    pytest.importorskip("dask.distributed")
    from factcheck.dask_engine import DaskRunner

    claim_set, claims, _, expected = seeds_single
    runner = DaskRunner(workers=2)
    assert runner.workers == 2
    with PartedCorpus(
        load_sources(SEEDS), runner, parts=runner.workers, actors=claim_set.actors, lexicon=claim_set.lexicon
    ) as corpus:
        got = corpus.check_all(claims, claim_set.glossary, Settings())
    assert document(got) == document(expected)


def _news_sample(articles: int, headlines: int) -> tuple[list[Source], list[Claim]]:
    sources: list[Source] = []
    claims: list[Claim] = []
    with NEWS.open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if len(sources) < articles:
                sources.append(Source(obj["id"], NEWS, (obj.get("title") or "") + "\n\n" + obj["text"]))
            elif obj.get("title"):
                claims.append(Claim(f"headline-{len(claims)}", obj["title"]))  # headlines of other articles
            if len(claims) >= headlines:
                break
    # and headlines of the sample itself, which their own articles support
    claims += [Claim(f"own-{i}", s.text.split("\n")[0]) for i, s in enumerate(sources[:: articles // 10])]
    return sources, claims


@pytest.mark.skipif(not NEWS.exists(), reason="the news corpus of ../shared/bench is not beside the repo")
def test_a_news_sample_gets_the_same_answers_every_way():
    """120 articles, the bundled claims and 40 headlines: in parts, indexed, and scoring every sentence."""
    sources, headlines = _news_sample(120, 30)
    claim_set, claims = _claims()
    claims += headlines
    single = Corpus(sources)
    expected = single.check_all(claims, claim_set.glossary, Settings())
    with PartedCorpus(sources, ProcessRunner(), parts=2) as parted:
        assert document(parted.check_all(claims, claim_set.glossary, Settings())) == document(expected)
    for claim, result in zip(claims[::4], expected[::4], strict=True):
        assert single.check(claim, claim_set.glossary, Settings(), exhaustive=True) == result, claim.id
    supported = [r for r in expected if r.claim.id.startswith("own-")]
    assert all(r.supporting >= 1 for r in supported), [r.claim.id for r in supported if not r.supporting]


def test_cli_jobs_and_dask_give_the_same_json():
    one = run("list", "--format", "json", "--jobs", "1")
    two = run("list", "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert json.loads(one.stdout) == json.loads(two.stdout)
    pytest.importorskip("dask.distributed")
    dask = run("verify", "--format", "json", "--engine", "dask", "--jobs", "2")
    assert dask.exit_code == 0, dask.output
    assert json.loads(dask.stdout) == json.loads(run("verify", "--format", "json").stdout)


def test_explain_wants_the_corpus_in_process():
    result = run("verify", "--explain", "--jobs", "2")
    assert result.exit_code == 2
    assert "--jobs 1" in result.stderr
    assert "Traceback" not in result.output


def test_an_unreachable_scheduler_is_one_line_and_exit_2():
    pytest.importorskip("dask.distributed")
    result = run("list", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("factcheck: error:")
    assert "127.0.0.1:9" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@given(st.lists(st.text(min_size=0, max_size=30), min_size=1, max_size=40), st.integers(1, 8))
def test_split_keeps_every_source_once_in_order(texts, parts):
    sources = [Source(f"s{i}", Path("x"), t) for i, t in enumerate(texts)]
    chunks = split(sources, parts)
    assert 1 <= len(chunks) <= parts
    assert [s for _, chunk in chunks for s in chunk] == sources
    assert all(chunk for _, chunk in chunks)
    assert [first for first, _ in chunks] == [sources.index(chunk[0]) for _, chunk in chunks]


def test_an_answer_travels_without_its_sentence_texts(seeds_single):
    claim_set, claims, corpus, _ = seeds_single
    glossary = Glossary.build(claim_set.glossary)
    found = corpus.findings_many([build_query(c, glossary, claim_set.actors) for c in claims], Settings())
    sentences = {e.sentence.text.encode() for claim in found for f in claim for e in f.evidence}
    whole, compact = answer_bytes(found, texts_elsewhere=False), answer_bytes(found, texts_elsewhere=True)
    assert len(sentences) > 50
    assert all(text in whole for text in sentences)
    assert not any(text in compact for text in sentences)
    assert len(compact) < len(whole) - sum(map(len, sentences))
    texts = {s.id: s.text for s in corpus.sources}
    assert read_answer(compact, texts) == found == read_answer(whole, texts)


def test_sources_sharing_an_id_send_their_texts_back(seeds_single):
    claim_set, claims, _, _ = seeds_single
    sources = [dataclasses.replace(s, id="same") for s in load_sources(SEEDS)]
    expected = Corpus(sources, actors=claim_set.actors, lexicon=claim_set.lexicon).check_all(
        claims, claim_set.glossary, Settings()
    )
    with PartedCorpus(sources, ProcessRunner(), parts=2, actors=claim_set.actors, lexicon=claim_set.lexicon) as corpus:
        got = corpus.check_all(claims, claim_set.glossary, Settings())
    assert got == expected


@given(st.dictionaries(st.text(max_size=4), st.integers(1, 10**6), max_size=60), st.integers(1, 10**7))
def test_the_weight_of_an_unseen_word_is_the_median_weight_of_the_keys(frequencies, sentences):
    # Worked out from the median frequency (one logarithm): the same number as the median of every key's weight.
    import math

    from factcheck.match import unseen_weight

    weights = sorted(math.log((sentences + 1) / (df + 0.5)) for df in frequencies.values())
    assert unseen_weight(frequencies, sentences) == (weights[len(weights) // 2] if weights else 1.0)
