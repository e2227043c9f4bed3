"""``factcheck report``: the self-contained HTML report — structure, links, escaping, errors, a real browser."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck import load_claims, load_sources
from factcheck.html_report import anchor, highlighted, render_report
from factcheck.models import (
    Claim,
    ClaimResult,
    Evidence,
    EvidenceStance,
    Sentence,
    Source,
    SourceResult,
    SourceStance,
    Verdict,
)
from tests.conftest import CLAIMS, SEEDS
from tests.helpers import run

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    ancestors: tuple[Element, ...]
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def within(self, **attrs: str) -> bool:
        return any(all(a.attrs.get(k) == v for k, v in attrs.items()) for a in self.ancestors)


class Page(HTMLParser):
    """A flat list of every element with its ancestors and text: enough for DOM-level assertions."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, tuple(self._open))
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.parts.append(data)

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if (tag is None or e.tag == tag)
            and (cls is None or cls in e.classes)
            and all(e.attrs.get(k) == v for k, v in attrs.items())
        ]

    @property
    def ids(self) -> list[str]:
        return [e.attrs["id"] for e in self.elements if "id" in e.attrs]

    @property
    def fragment_links(self) -> list[str]:
        return [e.attrs["href"][1:] for e in self.find("a") if e.attrs.get("href", "").startswith("#")]

    def matrix_rows(self) -> list[Element]:
        return [e for e in self.find("tr") if e.within(id="matrix") and any(a.tag == "tbody" for a in e.ancestors)]

    def matrix_columns(self) -> list[Element]:
        return [e for e in self.find("th", cls="source") if e.within(id="matrix")]


N_CLAIMS = len(load_claims(CLAIMS).claims)
SOURCE_IDS = [s.id for s in load_sources(SEEDS)]


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "seeds.html"
    result = run("report", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    return out


@pytest.fixture(scope="module")
def page(seeds_report) -> Page:
    return Page(seeds_report.read_text(encoding="utf-8"))


def test_report_is_one_html5_document(seeds_report):
    text = seeds_report.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert text.count("<html") == 1
    assert text.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in text
    assert "@media print" in text
    for font in ("Noto Naskh Arabic", "Amiri", "Geeza Pro", "Arial"):
        assert font in text
    for fixed in ("position: fixed", "position: sticky"):
        assert fixed not in text


def test_matrix_has_a_row_per_claim_and_a_column_per_source(page):
    assert len(page.find("table", id="matrix")) == 1
    rows = page.matrix_rows()
    assert len(rows) == N_CLAIMS
    columns = page.matrix_columns()
    assert len(columns) == len(SOURCE_IDS)
    for column, source_id in zip(columns, SOURCE_IDS, strict=True):
        assert source_id in column.text
    assert "Baghdad Today" in columns[2].text
    assert "2021-11-28" in columns[2].text
    cells = [e for e in page.find("td", cls="cell") if e.within(id="matrix")]
    assert len(cells) == N_CLAIMS * len(SOURCE_IDS)
    for cell in cells:
        (stance,) = [c for c in cell.classes if c.startswith("stance-")]
        word = stance.removeprefix("stance-")
        assert word in {s.value for s in SourceStance}
        assert word in cell.text  # the word, not only the colour
        symbol = {"supports": "✔", "contradicts": "✘", "mixed": "◐", "mentions": "~", "silent": "·"}[word]
        assert symbol in cell.text


def test_matrix_cells_match_the_verdicts_of_verify(page):
    """The advisers claim: supported by Sky News alone, score 100; its cells link into the claim's section."""
    (row,) = [r for r in page.matrix_rows() if r.attrs.get("id") == "row-advisers-ain-al-asad"]
    assert "SUPPORTED" in row.text
    cells = [e for e in page.find("td", cls="cell") if row in e.ancestors]
    # 003's "those forces will remain on Iraqi soil" is shown as related, no side taken
    assert [next(c for c in e.classes if c.startswith("stance-")) for e in cells] == [
        "stance-supports",
        "stance-silent",
        "stance-silent",
        "stance-mentions",
        "stance-silent",
    ]
    assert "100" in cells[0].text
    links = [a.attrs["href"] for a in page.find("a") if any(c in a.ancestors for c in cells)]
    assert links[0] == "#claim-advisers-ain-al-asad-src-000_4830f78e1db2219b"
    assert links[1:] == [
        "#claim-advisers-ain-al-asad",
        "#claim-advisers-ain-al-asad",
        "#claim-advisers-ain-al-asad-src-003_d1d81ffa7bb39219",  # a source with evidence links to it
        "#claim-advisers-ain-al-asad",
    ]


def test_header_has_counts_and_a_legend_that_does_not_rely_on_colour(page):
    (counts,) = page.find("p", cls="counts")
    assert f"{N_CLAIMS} claims" in counts.text
    assert f"{len(SOURCE_IDS)} sources" in counts.text
    (legend,) = page.find("div", cls="legend")
    for symbol, word in [("✔", "supports"), ("✘", "contradicts"), ("◐", "mixed"), ("~", "mentions"), ("·", "silent")]:
        (item,) = [li for li in page.find("li", cls=f"stance-{word}") if legend in li.ancestors]
        assert f"{symbol} {word}" in item.text


def test_every_claim_and_source_has_a_section(page):
    ids = set(page.ids)
    for claim in load_claims(CLAIMS).claims:
        assert f"claim-{claim.id}" in ids
    for source_id in SOURCE_IDS:
        assert f"src-{source_id}" in ids
        units = [e for e in page.find("li", cls="unit") if e.within(id=f"src-{source_id}")]
        assert units
        assert all(u.attrs["dir"] == "rtl" for u in units)
        assert [u.attrs["id"] for u in units] == [f"src-{source_id}-s{i}" for i in range(len(units))]


def test_every_internal_link_has_a_target_and_ids_are_unique(page):
    ids = page.ids
    assert len(ids) == len(set(ids))
    links = page.fragment_links
    assert len(links) > 100
    missing = sorted(set(links) - set(ids))
    assert not missing, missing[:10]


def test_evidence_is_rtl_arabic_with_marks_speakers_cues_and_a_link_in_context(page):
    blocks = page.find("blockquote", cls="evidence")
    assert len(blocks) > 50
    assert all(b.attrs.get("dir") == "rtl" and b.attrs.get("lang") == "ar" for b in blocks)
    assert sum(1 for m in page.find("mark") if any(a in blocks for a in m.ancestors)) > 50
    units = {e.attrs["id"]: e for e in page.find("li", cls="unit")}
    for block in blocks:
        ev = block.ancestors[-1]
        assert "ev" in ev.classes
        (link,) = [a for a in page.find("a") if ev in a.ancestors and a.attrs["href"].startswith("#src-")]
        # the link lands on the very sentence the evidence quotes
        assert block.text in units[link.attrs["href"][1:]].text
        assert any("badge" in e.classes and "speaker:" in e.text for e in page.elements if ev in e.ancestors)


def test_withdrawal_claim_shows_the_faction_voice_with_its_cues(page):
    (section,) = page.find("section", id="claim-withdrawal-real")
    inside = [e for e in page.elements if section in e.ancestors]
    assert "CONFLICTING" in section.text
    (by_speaker,) = [e for e in inside if e.tag == "table" and "by-speaker" in e.classes]
    assert "armed factions" in by_speaker.text
    assert "iraqi government" in by_speaker.text
    assert "انسحاب شكلي" in section.text
    kinds = {e.text for e in inside if "cue-kind" in e.classes}
    assert {"counter", "framing", "terms"} <= kinds
    assert "الفصائل المسلحة" in section.text  # the speaker badge


def test_no_external_assets_or_scripts(seeds_report):
    text = seeds_report.read_text(encoding="utf-8")
    lowered = text.lower()
    for needle in ("<link", "<script", "<iframe", "<img", "src=", "@import", "url(", "http://", "https://"):
        assert needle not in lowered, needle


def test_default_output_is_report_html_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("report", "--top", "1", "--min-score", "60")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "report.html"
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "min score: 60" in text


EVIL_CLAIMS = """\
claims:
  - id: evil
    text: "<b>bold</b> troops withdrew & stayed"
    match: ["انسحاب القوات الأميركية من العراق"]
"""
EVIL_SOURCE = """\
أعلنت الحكومة انسحاب القوات الأميركية من العراق <script>alert(1)</script> في نهاية العام.

وقال المتحدث إن "الانسحاب تم" </li></ol><b>bold</b>.
"""
EVIL_META = """\
sources:
  "evil":
    outlet: "<i>Outlet</i> & Co"
    headline: "<img src=x onerror=alert(1)>"
    url: "javascript:alert(1)"
    notes: "</section><script>alert(2)</script>"
"""


@pytest.fixture
def evil(tmp_path) -> tuple[Path, Path]:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "evil.txt").write_text(EVIL_SOURCE, encoding="utf-8")
    (sources / "sources.yaml").write_text(EVIL_META, encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text(EVIL_CLAIMS, encoding="utf-8")
    return claims, sources


def test_source_and_claim_text_is_escaped_not_injected(evil, tmp_path):
    claims, sources = evil
    out = tmp_path / "evil.html"
    result = run("report", "--claims", str(claims), "--sources", str(sources), "--output", str(out), "--no-cache")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    for raw in ("<script", "<b>", "<i>", "<img", "</li></ol>", 'href="javascript:'):
        assert raw not in text, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;bold&lt;/b&gt; troops withdrew &amp; stayed" in text
    assert "&lt;i&gt;Outlet&lt;/i&gt; &amp; Co" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    page = Page(text)
    # the hostile text stayed text: it is inside the evidence block and the article, not new elements
    for tag in ("script", "b", "i", "img"):
        assert not page.find(tag), tag
    blocks = page.find("blockquote", cls="evidence")
    assert any("<script>alert(1)</script>" in b.text for b in blocks)
    assert len(page.find("li", cls="unit")) == 2  # headline and body: the injected </li></ol> closed nothing
    assert not sorted(set(page.fragment_links) - set(page.ids))


def fails(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.stdout == ""
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def test_output_that_is_a_folder_is_refused(tmp_path):
    err = fails("report", "--output", str(tmp_path))
    assert str(tmp_path) in err
    assert "folder" in err


def test_output_in_a_missing_folder_is_refused(tmp_path):
    err = fails("report", "--output", str(tmp_path / "nope" / "report.html"))
    assert "nope" in err
    assert not (tmp_path / "nope").exists()


def test_report_never_overwrites_the_claims_or_the_sources(evil):
    claims, sources = evil
    before = {p: p.read_bytes() for p in [claims, *sources.iterdir()]}
    common = ("--claims", str(claims), "--sources", str(sources))
    assert "claims file" in fails("report", *common, "--output", str(claims))
    assert "sources folder" in fails("report", *common, "--output", str(sources / "evil.txt"))
    assert "sources folder" in fails("report", *common, "--output", str(sources / "report.html"))
    assert {p: p.read_bytes() for p in [claims, *sources.iterdir()]} == before


def test_unwritable_output_is_one_line_on_stderr(tmp_path):
    """A write that fails (here: a file name too long for the file system, which stops root too)."""
    err = fails("report", "--output", str(tmp_path / ("x" * 300 + ".html")))
    assert "cannot write the report" in err


def test_bad_input_is_still_exit_2(tmp_path):
    err = fails("report", "--claims", str(tmp_path / "missing.yaml"), "--output", str(tmp_path / "r.html"))
    assert "missing.yaml" in err
    assert not (tmp_path / "r.html").exists()


def test_importing_the_cli_does_not_import_the_html_renderer():
    code = "import sys, factcheck.cli; assert 'factcheck.html_report' not in sys.modules, 'imported'"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    # and the command module can be imported on its own (no circular import)
    subprocess.run([sys.executable, "-c", "import factcheck.cli_report"], check=True, timeout=60)


# --- the renderer on hand-made records -------------------------------------------------------------


def _sentence(text: str, start: int = 100, index: int = 0) -> Sentence:
    return Sentence("s<1>", index, start, start + len(text), text, speaker="<المتحدث>")


def test_highlights_are_article_offsets_converted_to_the_sentence():
    s = _sentence("قال <إن> القوات انسحبت")
    spans = ((104, 108), (109, 115), (111, 113), (90, 103), (500, 510))  # overlapping, before and after it too
    e = Evidence(s, 90.0, EvidenceStance.SUPPORTS, highlights=spans)
    assert highlighted(e) == "<mark>قال</mark> <mark>&lt;إن&gt;</mark> <mark>القوات</mark> انسحبت"


def test_ids_are_fragment_safe_and_distinct():
    assert anchor("000_4830f78e1db2219b") == "000_4830f78e1db2219b"
    odd = ["a b", "a.20.b", "a_b", "مقال", "a/b", 'a"b']
    made = [anchor(x) for x in odd]
    assert len(set(made)) == len(odd)
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+", m) for m in made)


def test_render_report_links_resolve_for_odd_source_ids():
    s = _sentence("أعلنت الحكومة انسحاب القوات", start=0)
    source = Source("s<1>", Path("s<1>.txt"), s.text)
    e = Evidence(s, 100.0, EvidenceStance.SUPPORTS, highlights=((14, 20),))
    result = ClaimResult(
        Claim("c1", "withdrawal"), Verdict.SUPPORTED, (SourceResult(source, SourceStance.SUPPORTS, (e,)),), (), (e,)
    )
    text = render_report([result], {source.id: [s]}, [source], title="<T>")
    page = Page(text)
    assert not sorted(set(page.fragment_links) - set(page.ids))
    (title,) = page.find("title")
    assert title.text == "<T>"
    assert "<T>" not in text
    assert "<المتحدث>" not in text
    assert "&lt;المتحدث&gt;" in text


# --- a real browser -------------------------------------------------------------------------------


def _chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found is None:
        pytest.skip("no chromium: install Debian's chromium package (the CI script does)")
    return found


def _headless(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    argv = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)


def test_chromium_renders_the_report(seeds_report, tmp_path):
    chromium = _chromium()
    url = seeds_report.resolve().as_uri()

    dumped = _headless(chromium, tmp_path / "profile-dom", "--dump-dom", url)
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = Page(dumped.stdout)
    assert dom.find("table", id="matrix")
    assert len(dom.matrix_rows()) == N_CLAIMS
    assert len(dom.matrix_columns()) == len(SOURCE_IDS)
    assert len(dom.find(dir="rtl")) > 100
    assert len(dom.find("blockquote", cls="evidence", dir="rtl")) > 50
    assert not sorted(set(dom.fragment_links) - set(dom.ids))
    assert not dom.find("script")

    shot = tmp_path / "report.png"
    taken = _headless(chromium, tmp_path / "profile-png", f"--screenshot={shot}", "--window-size=1280,2000", url)
    assert taken.returncode == 0, taken.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 10_000
