from __future__ import annotations

from factcheck.models import UnitKind
from factcheck.segment import segment
from tests.conftest import seed_text


def units(prefix: str):
    text = seed_text(prefix)
    return text, segment(prefix, text)


def test_offsets_point_into_the_original_text():
    for prefix in ("000", "001", "002", "003", "004"):
        text, us = units(prefix)
        for u in us:
            assert text[u.start : u.end] == u.text
            assert u.text == u.text.strip()


def test_never_splits_at_the_arabic_comma_or_inside_numbers():
    for prefix in ("000", "001", "002", "003", "004"):
        _, us = units(prefix)
        assert not any(u.text.endswith("،") for u in us)
    _, us = units("002")
    stamp = next(u for u in us if "28-11-2021" in u.text)
    assert stamp.text == "سياسة | 28-11-2021, 14:13 |"


def test_quotes_that_continue_the_sentence_stay_whole():
    _, us = units("000")
    khafaji = next(u for u in us if "قاعدة حرير" in u.text and "الخفاجي" in u.text)
    assert khafaji.text.startswith("وقال المتحدث")
    assert khafaji.text.endswith('القاعدة".')


def test_headlines_captions_and_link_lists_are_their_own_units():
    _, us = units("000")
    related = [u.text for u in us if u.kind is UnitKind.RELATED]
    assert related == [
        "هجوم صاروخي على المنطقة الخضراء وسط بغداد",
        "جرس إنذار بعودة داعش في العراق.. مخاوف من المناطق الرخوة",
        'بعد "سنوات العراق".. التحالف الدولي يوجه بوصلته نحو إفريقيا',
        "التحالف الدولي يغادر العراق.. هل من تبعات أمنية وسياسية؟",
    ]
    _, us = units("001")
    kinds = {u.text: u.kind for u in us}
    assert kinds["العراق يعلن رسميًا انتهاء المهام القتالية لقوات التحالف"] is UnitKind.HEADLINE
    assert kinds["إجلاء\u00a0معدات عسكرية"] is UnitKind.HEADLINE  # the page uses a no-break space
    assert kinds["شارك القصة"] is UnitKind.BOILERPLATE
    caption = next(t for t in kinds if t.endswith("(غيتي)"))
    assert kinds[caption] is UnitKind.CAPTION


def test_news_ticker_is_not_the_article():
    _, us = units("002")
    ticker = [u for u in us if u.kind is UnitKind.TICKER]
    assert len(ticker) == 1
    assert "غروسي" in ticker[0].text
    assert not ticker[0].kind.is_evidence
    headline = next(u for u in us if u.kind is UnitKind.HEADLINE)
    assert headline.text.startswith("استهداف القوات الامريكية")


def test_body_lines_split_into_sentences():
    _, us = units("002")
    body = [u.text for u in us if u.kind is UnitKind.BODY]
    assert "الى ذلك نفت قيادة العمليات المشتركة العراقية تمديد موعد انسحاب القوات الأمريكية من العراق." in body
