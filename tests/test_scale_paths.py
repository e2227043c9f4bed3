"""The paths taken on large corpora give the answers of the plain ones: stored sentence facts,
sentence-by-sentence judging, thresholds applied to unrounded scores, stored spelling
neighbours, and results that keep only the sources saying something."""

from __future__ import annotations

import pickle

import pytest

import factcheck.engine as engine
import factcheck.match as match
from factcheck import Corpus, Settings, load_claims, load_sources
from factcheck.cache import AnalysisCache
from factcheck.match import GROUP_UNKNOWN, AnalysedSentence, CorpusIndex, fuzzy_words, token_keys
from factcheck.models import SourceResult, SourceResults, SourceStance
from factcheck.normalize import tokenize
from factcheck.query import Glossary, build_query
from factcheck.report import document
from tests.conftest import CLAIMS, SEEDS


def _parts(s: AnalysedSentence) -> tuple:
    return (s.tokens, s.keys, s.dates, s.quantities, s.quantity_spans, s.cues, s.sides)


def test_facts_read_back_are_the_facts_worked_out(corpus):
    compared = 0
    for s in corpus.index.sentences:
        fresh = AnalysedSentence(s.sentence, s.reference)
        expected = _parts(fresh)
        assert fresh.facts is not None
        again = AnalysedSentence(s.sentence, s.reference, facts=pickle.loads(pickle.dumps(fresh.facts)))
        assert _parts(again) == expected
        assert again.tokens == tokenize(s.sentence.text)
        assert again.keys == token_keys(tokenize(s.sentence.text))
        compared += 1
    assert compared > 50


def test_forgetting_keeps_the_facts(corpus):
    s = AnalysedSentence(corpus.index.sentences[3].sentence, corpus.index.sentences[3].reference)
    expected = _parts(s)
    s.forget()
    assert "tokens" not in s.__dict__
    assert s.facts is not None
    assert _parts(s) == expected


def _checked(cache: AnalysisCache | None) -> tuple[dict, Corpus]:
    claim_set = load_claims(CLAIMS)
    corpus = Corpus(load_sources(SEEDS), cache=cache)
    return document(corpus.check_all(claim_set.claims, claim_set.glossary, Settings())), corpus


def test_facts_are_stored_and_read_back_on_a_corpus_too_large_to_analyse_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "WARM_UP_TO", 0)  # as on an archive: facts are worked out when first judged
    monkeypatch.setattr(engine, "KEEP_ANALYSED", 0)  # and each sentence forgotten once judged
    plain, _ = _checked(None)
    first, corpus = _checked(AnalysisCache(tmp_path))
    assert first == plain
    # Written article by article as judging went, then dropped: no sentence holds its facts now.
    assert all(s.facts is None and "tokens" not in s.__dict__ for s in corpus.index.sentences)
    cache = AnalysisCache(tmp_path)
    stored = cache.get_many([engine._FACTS + key for key in corpus._article_keys])
    assert all(isinstance(facts, list) for facts in stored)
    judged = sum(1 for facts in stored for f in facts if f is not None)
    assert judged > 50

    def worked_out(*_: object, **__: object) -> None:
        raise AssertionError("facts worked out again instead of read back")

    monkeypatch.setattr(match, "extract_dates", worked_out)
    second, again = _checked(AnalysisCache(tmp_path))
    assert second == plain
    assert again.store_facts() == 0  # nothing new to store
    assert cache.get_many([engine._FACTS + key for key in again._article_keys]) == stored


def test_sentence_by_sentence_judging_gives_the_claim_by_claim_answers(corpus, claim_set, monkeypatch):
    glossary = Glossary.build(claim_set.glossary)
    queries = [build_query(c, glossary) for c in claim_set.claims]
    one_by_one = [corpus.findings(q, Settings()) for q in queries]
    assert corpus.findings_many(queries, Settings()) == one_by_one
    monkeypatch.setattr(engine, "KEEP_ANALYSED", 0)
    assert corpus.findings_many(queries, Settings(top=2), first=7) == [
        [f.__class__(f.position + 7, f.stance, f.shown, f.evidence) for f in claim]
        for claim in (corpus.findings(q, Settings(top=2)) for q in queries)
    ]


@pytest.mark.parametrize("threshold", [0.0, 12.3, 44.95, 45.0, 60.0, 75.0, 99.99])
def test_candidates_are_the_sentences_whose_rounded_score_reaches_the_threshold(corpus, claim_set, threshold):
    glossary = Glossary.build(claim_set.glossary)
    for claim in claim_set.claims:
        query = build_query(claim, glossary)
        for phrasing in (*query.phrasings, *query.counters):
            scores = corpus.index.scores(phrasing)
            expected = sorted(n for n, score in scores.items() if score >= threshold)
            assert corpus.index.candidates(phrasing, threshold) == expected


def test_spelling_neighbours_are_read_back_from_the_store(corpus, claim_set, tmp_path):
    glossary = Glossary.build(claim_set.glossary)
    words = {w for c in claim_set.claims for q in [build_query(c, glossary)] for w in fuzzy_words(q.phrasings)}
    plain = CorpusIndex(corpus.index.sentences, None)
    plain.prepare(words)
    stored = CorpusIndex(corpus.index.sentences, None)
    stored.prepare(words, AnalysisCache(tmp_path), "engine")
    assert stored.neighbours_found() == plain.neighbours_found()

    class Unreachable(AnalysisCache):
        def put_many(self, entries):  # nothing may be looked up again
            raise AssertionError(sorted(entries))

    again = CorpusIndex(corpus.index.sentences, None)
    again.prepare(words, Unreachable(tmp_path), "engine")
    assert again.neighbours_found() == plain.neighbours_found()


def test_source_results_read_and_compare_as_the_tuple_of_all_results(corpus):
    sources = corpus.sources
    silent = tuple(SourceResult(s, SourceStance.SILENT, ()) for s in sources)
    said = SourceResult(sources[2], SourceStance.SUPPORTS, ())
    results = SourceResults(silent, {2: said})
    expected = (*silent[:2], said, *silent[3:])
    assert tuple(results) == expected
    assert list(results) == list(expected)
    assert results == expected
    assert expected == results
    assert results == SourceResults(tuple(silent), {2: said})  # another base, equal results
    assert results != SourceResults(silent, {})
    assert results != expected[:-1]
    assert len(results) == len(sources)
    assert results[2] is said
    assert results[-1] is silent[-1]
    assert results[1:3] == expected[1:3]
    with pytest.raises(IndexError):
        results[len(sources)]
    assert hash(results) == hash(expected)
    assert pickle.loads(pickle.dumps(results)) == results
    assert results.count(said) == 1
    assert said in results


def test_named_groups_looked_up_when_judged_give_the_answers_of_groups_looked_up_when_analysed(
    claim_set, tmp_path, monkeypatch
):
    glossary = Glossary.build(claim_set.glossary)
    assert any(build_query(c, glossary).speaker_group for c in claim_set.claims)  # claims about a group's words
    lazy = Corpus(load_sources(SEEDS))
    assert all(s.named_group == GROUP_UNKNOWN for s in lazy.index.sentences)
    monkeypatch.setattr(engine, "WARM_UP_TO", 10**6)  # analysed whole before being cached: groups looked up
    eager = Corpus(load_sources(SEEDS), cache=AnalysisCache(tmp_path))
    assert not any(s.named_group == GROUP_UNKNOWN for s in eager.index.sentences)
    settings = Settings()
    expected = document(eager.check_all(claim_set.claims, claim_set.glossary, settings))
    assert document(lazy.check_all(claim_set.claims, claim_set.glossary, settings)) == expected
    looked_up = [s for s in lazy.index.sentences if s.named_group != GROUP_UNKNOWN]
    assert looked_up
    by_text = {s.sentence.text: s.named_group for s in eager.index.sentences}
    assert all(s.named_group == by_text[s.sentence.text] for s in looked_up)


def test_a_judged_sentence_forgotten_leaves_no_reading_with_the_opposites_lexicon(corpus, claim_set, monkeypatch):
    from factcheck.opposites import load_opposites

    monkeypatch.setattr(engine, "KEEP_ANALYSED", 0)
    glossary = Glossary.build(claim_set.glossary)
    held = load_opposites()._reads
    held.clear()
    corpus.findings_many([build_query(c, glossary) for c in claim_set.claims], Settings())
    sentences = {tuple(s.tokens) for s in corpus.index.sentences}
    assert held  # the claims' own readings stay
    assert not sentences & {tuple(tokens) for tokens, *_ in held.values()}
