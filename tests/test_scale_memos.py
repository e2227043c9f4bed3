"""The shortcuts the opposites lexicon takes when reading many sentences give the answers of a fresh
lexicon, and facts written to the analysis cache in batches are all read back."""

from __future__ import annotations

import factcheck.engine as engine
import factcheck.match as match
from factcheck import Corpus, Settings, load_claims, load_sources
from factcheck.cache import AnalysisCache
from factcheck.normalize import tokenize
from factcheck.opposites import build_default
from factcheck.query import Glossary
from factcheck.report import document
from tests.conftest import CLAIMS, SEEDS

PAIRS = [
    ("ارتفعت أسعار النفط اليوم", "انخفضت أسعار النفط اليوم بشكل حاد"),
    ("انسحبت القوات من المدينة", "بقيت القوات في المدينة رغم الضغوط"),
    ("الحكومة توافق على الخطة الجديدة", "الحكومة ترفض الخطة الجديدة وتعلن موافقته لاحقا"),
    ("أفرجت السلطات عن المعتقلين", "اعتقلت السلطات عشرات المحتجين في العاصمة"),
    ("prices rose sharply", "prices fell sharply in the morning"),
]


def _found(lexicon, claim: str, source: str) -> list:
    return lexicon.find(tokenize(claim), tokenize(source))


def test_a_lexicon_that_has_read_many_texts_finds_what_a_fresh_one_finds():
    expected = [_found(build_default(), c, s) for c, s in PAIRS]
    assert any(expected)
    used = build_default()
    for _ in range(2):  # the second time every word is known, and quiet words are passed over
        assert [_found(used, c, s) for c, s in PAIRS] == expected
    assert any(used._quiet)


def test_a_text_is_read_again_when_given_as_another_object():
    lexicon = build_default()
    claim, source = PAIRS[0]
    first = _found(lexicon, claim, source)
    copies = (*tokenize(claim),), (*tokenize(source),)  # equal tokens, other objects
    assert copies[0] is not tokenize(claim)
    assert lexicon.find(*copies) == first
    lexicon.forget(copies[1])  # only that object's reading goes
    assert any(tokens is copies[0] for tokens, *_ in lexicon._reads.values())
    assert not any(tokens is copies[1] for tokens, *_ in lexicon._reads.values())


def test_facts_written_in_batches_are_all_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "WARM_UP_TO", 0)
    monkeypatch.setattr(engine, "KEEP_ANALYSED", 0)
    monkeypatch.setattr(engine, "_READ_BATCH", 2)  # many small batches
    claim_set = load_claims(CLAIMS)
    settings = Settings()
    corpus = Corpus(load_sources(SEEDS), cache=AnalysisCache(tmp_path))
    expected = document(corpus.check_all(claim_set.claims, claim_set.glossary, settings))
    stored = AnalysisCache(tmp_path).get_many([engine._FACTS + key for key in corpus._article_keys])
    assert all(isinstance(facts, list) for facts in stored)  # every article had a sentence judged
    sentences = corpus.index.sentences
    written = 0
    for first, facts in zip(corpus._first, stored, strict=True):
        for sentence, blob in zip(sentences[first : first + len(facts)], facts, strict=True):
            if blob is not None:  # what was written is what working the sentence out afresh gives
                fresh = match.AnalysedSentence(sentence.sentence, sentence.reference)
                _ = fresh.dates
                assert fresh.facts == blob
                written += 1
    assert written > 2

    def worked_out(*_: object, **__: object) -> None:
        raise AssertionError("facts worked out again instead of read back")

    monkeypatch.setattr(match, "extract_dates", worked_out)
    again = Corpus(load_sources(SEEDS), cache=AnalysisCache(tmp_path))
    results = again._check_many(claim_set.claims, Glossary.build(claim_set.glossary), settings)
    assert document(results) == expected
    assert again.store_facts() == 0


def test_credits_kept_from_one_claim_to_the_next_give_the_same_answers(monkeypatch):
    claim_set = load_claims(CLAIMS)
    settings = Settings()
    expected = document(Corpus(load_sources(SEEDS)).check_all(claim_set.claims, claim_set.glossary, settings))
    monkeypatch.setattr(engine, "KEEP_ANALYSED", 0)  # what a claim's terms found is forgotten after each claim
    computed: list[tuple[str, bool]] = []
    sims = match.CorpusIndex.word_sims

    def counted(index, word, fuzzy=True):
        if (word, fuzzy) not in index._word_sims:
            computed.append((word, fuzzy))
        return sims(index, word, fuzzy)

    monkeypatch.setattr(match.CorpusIndex, "word_sims", counted)
    runs = {}
    for budget in (0, 40, match.SIMS_KEPT):  # none kept, a few (the least recently used dropped), all
        monkeypatch.setattr(match, "SIMS_KEPT", budget)
        computed.clear()
        corpus = Corpus(load_sources(SEEDS))
        assert document(corpus.check_all(claim_set.claims, claim_set.glossary, settings)) == expected
        runs[budget] = len(computed)
        assert not corpus.index._word_sims  # emptied when the run ends
    assert runs[0] > runs[40] > runs[match.SIMS_KEPT] == len(set(computed))


def _seed_tokens() -> list:
    return [tokenize(s.sentence.text) for s in Corpus(load_sources(SEEDS)).index.sentences]


def test_per_word_memos_give_what_each_word_asks_for():
    # Keys, opposite sides and date triggers are looked up word by word from memos filled as
    # words come; the answers are those of asking each token.
    from factcheck.dates import _TRIGGERS, _bare_forms, _may_hold_a_date
    from factcheck.normalize import WORD_KEYS, match_keys
    from factcheck.opposites import load_opposites

    lexicon = load_opposites()
    for _ in range(2):  # the second time every word is known
        for tokens in _seed_tokens():
            assert match.token_key_sets(tokens) == tuple(
                tuple(match_keys(t.norm)) if t.is_word and not t.is_number else None for t in tokens
            )
            assert match.token_sides(tokens) == tuple(
                (lexicon.sides_of(t.norm) or frozenset()) if t.is_word else frozenset() for t in tokens
            )
            assert _may_hold_a_date(tokens) == any(
                t.is_number or t.norm in _TRIGGERS or any(f in _TRIGGERS for f, _ in _bare_forms(t.norm))
                for t in tokens
            )
    assert WORD_KEYS


def test_the_quiet_words_of_the_lexicon_are_quiet_however_they_end():
    # ``_scan`` passes over a word quiet with its final ه read as ة before asking how it ends.
    lexicon = build_default()
    for tokens in _seed_tokens():
        lexicon._scan(tokens)
    quiet_plain = lexicon._quiet[False]
    assert quiet_plain
    assert all(lexicon._is_quiet(word, True) for word in list(quiet_plain)[:2000])


def test_reading_only_the_loud_positions_finds_what_reading_every_word_finds():
    # A judged sentence's loud positions are kept with its facts; the lexicon then looks at those words only.
    from factcheck.opposites import KnownReading

    seeds = _seed_tokens()
    fresh = build_default()
    expected = [fresh._scan(tokens) for tokens in seeds]
    assert any(hits for hits, _ in expected)
    lexicon = build_default()
    for tokens, want in zip(seeds, expected, strict=True):
        loud = lexicon.loud_positions(tokens)
        assert len(loud) < len(tokens) or not tokens
        assert all(tokens[k].is_word and not tokens[k].is_number for k in loud)
        assert lexicon._scan(tokens, loud) == want
    claims = [tokenize(c) for c, _ in PAIRS]
    for claim in claims:
        for tokens in seeds[:60]:
            keys = match.all_keys(match.token_key_sets(tokens))
            known = KnownReading(lexicon.loud_positions(tokens), keys)
            assert build_default().find(claim, tokens, known) == fresh.find(claim, tokens)


def test_a_sentence_keeps_its_loud_positions_with_its_facts():
    lexicon = build_default()
    sentences = Corpus(load_sources(SEEDS)).index.sentences
    sentence = next(s for s in sentences if lexicon.loud_positions(tokenize(s.sentence.text)))
    fresh = match.AnalysedSentence(sentence.sentence, sentence.reference)
    loud = fresh.loud
    assert loud
    assert loud == lexicon.loud_positions(fresh.tokens)
    again = match.AnalysedSentence(sentence.sentence, sentence.reference, facts=fresh.facts)
    assert again.loud == loud


def test_reading_and_judging_leave_no_cycles(monkeypatch, tmp_path):
    # Reading a corpus and judging run with the cyclic collector off (``fewer_collections(none=True)``):
    # what they build and drop must be freed by reference counts alone, read afresh or from the cache,
    # on a corpus that keeps or forgets its sentences' analyses.
    import gc

    claim_set = load_claims(CLAIMS)
    gloss = Glossary.build(claim_set.glossary)
    sources = load_sources(SEEDS)
    Corpus(sources)  # what is built once per process is built now
    for kept, cache in ((engine.KEEP_ANALYSED, None), (0, AnalysisCache(tmp_path)), (0, AnalysisCache(tmp_path))):
        monkeypatch.setattr(engine, "KEEP_ANALYSED", kept)
        gc.collect()
        gc.disable()
        try:
            corpus = Corpus(sources, cache, actors=claim_set.actors, lexicon=claim_set.lexicon)
            assert gc.collect() == 0
            queries = [corpus._query(claim, gloss) for claim in claim_set.claims]
            corpus.findings_many(queries, Settings())  # what is built once per process is built now
            gc.collect()
            found = corpus.findings_many(queries, Settings())
            assert gc.collect() == 0
        finally:
            gc.enable()
        assert any(found)
