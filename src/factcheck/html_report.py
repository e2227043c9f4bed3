"""Results → one self-contained HTML5 report: a claims × sources matrix, each claim's evidence, each article.

No scripts, no external assets, no network: the CSS is inline and the fonts are the
reader's own. Every piece of text from a claims file or an article goes through
``html.escape``; colour is never the only signal (each stance has a symbol and a word).
Decisions are made elsewhere; this only draws.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from factcheck.models import (
    ClaimResult,
    Evidence,
    EvidenceStance,
    Sentence,
    Source,
    SourceResult,
    SourceStance,
    UnitKind,
    Verdict,
)

STANCE_SYMBOL = {
    SourceStance.SUPPORTS: "✔",
    SourceStance.CONTRADICTS: "✘",
    SourceStance.MIXED: "◐",
    SourceStance.MENTIONS: "~",
    SourceStance.SILENT: "·",
}
STANCE_MEANING = {
    SourceStance.SUPPORTS: "the source backs the claim",
    SourceStance.CONTRADICTS: "the source says otherwise",
    SourceStance.MIXED: "the source carries both voices",
    SourceStance.MENTIONS: "on topic, takes no side",
    SourceStance.SILENT: "nothing on the claim",
}
EVIDENCE_SYMBOL = {
    EvidenceStance.SUPPORTS: "✔",
    EvidenceStance.CONTRADICTS: "✘",
    EvidenceStance.MENTIONS: "~",
}
VERDICT_LABEL = {
    Verdict.SUPPORTED: "SUPPORTED",
    Verdict.REFUTED: "REFUTED",
    Verdict.CONFLICTING: "CONFLICTING",
    Verdict.NOT_ENOUGH_INFO: "NOT ENOUGH INFO",
}
VERDICT_MEANING = {
    Verdict.SUPPORTED: "sources support it, none contradicts it",
    Verdict.REFUTED: "sources contradict it, none supports it",
    Verdict.CONFLICTING: "sources disagree",
    Verdict.NOT_ENOUGH_INFO: "no source takes a side",
}

NOT_KNOWN = '<span class="muted">not known</span>'
ARABIC_FONTS = '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Geeza Pro", "Arial", "DejaVu Sans", sans-serif'

CSS = f"""
:root {{
  --ink: #1b1f24; --muted: #5b636e; --line: #c9ced6; --paper: #ffffff; --soft: #f4f6f8;
  --supports: #d9f2df; --supports-ink: #14532d;
  --contradicts: #fbdcdc; --contradicts-ink: #7f1d1d;
  --mixed: #eddcf7; --mixed-ink: #581c87;
  --mentions: #fdf3c7; --mentions-ink: #713f12;
  --silent: #ffffff; --silent-ink: #5b636e;
  --target: #fff2a8;
}}
* {{ box-sizing: border-box; }}
html {{ color: var(--ink); background: var(--paper); }}
body {{
  margin: 0 auto; max-width: 78rem; padding: 1.5rem 1.25rem 4rem; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", {ARABIC_FONTS};
}}
[lang="ar"] {{ font-family: {ARABIC_FONTS}; line-height: 1.9; }}
h1 {{ font-size: 1.7rem; margin: 0 0 .25rem; }}
h2 {{ font-size: 1.3rem; margin: 2.5rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }}
h3 {{ font-size: 1.05rem; margin: 1.25rem 0 .4rem; }}
h4 {{ font-size: 1rem; margin: 1rem 0 .3rem; }}
a {{ color: #0b4f9c; }}
.muted, .subtitle {{ color: var(--muted); }}
.id {{ font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .85em; }}
header .counts {{ margin: .5rem 0; }}
nav ul, .legend ul {{
  list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem;
}}
.legend {{ border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; margin: .75rem 0; }}
.legend h2 {{ font-size: 1rem; margin: 0; border: 0; padding: 0; }}
.legend li {{ padding: .1rem .5rem; border-radius: 4px; border: 1px solid var(--line); }}
.sym {{ display: inline-block; min-width: 1.1em; text-align: center; font-weight: bold; }}
.stance-supports {{ background: var(--supports); color: var(--supports-ink); }}
.stance-contradicts {{ background: var(--contradicts); color: var(--contradicts-ink); }}
.stance-mixed {{ background: var(--mixed); color: var(--mixed-ink); }}
.stance-mentions {{ background: var(--mentions); color: var(--mentions-ink); }}
.stance-silent {{ background: var(--silent); color: var(--silent-ink); }}
.verdict {{ font-weight: bold; white-space: nowrap; }}
.verdict-supported {{ color: var(--supports-ink); }}
.verdict-refuted {{ color: var(--contradicts-ink); }}
.verdict-conflicting {{ color: var(--mixed-ink); }}
.verdict-not_enough_info {{ color: var(--mentions-ink); }}
.table-wrap {{ overflow-x: auto; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: start; }}
thead th {{ background: var(--soft); }}
#matrix {{ width: 100%; }}
#matrix th.source {{ min-width: 7rem; font-weight: normal; }}
#matrix th.source .id {{ word-break: break-all; font-size: .75em; }}
#matrix th.source a {{ font-weight: bold; }}
#matrix th.claim {{ font-weight: normal; min-width: 14rem; }}
#matrix td.cell {{ text-align: center; }}
#matrix td.cell .label {{ white-space: nowrap; }}
#matrix td.cell a {{ color: inherit; text-decoration: none; display: block; }}
#matrix td.cell a:hover, #matrix td.cell a:focus {{ text-decoration: underline; }}
.score {{ font-variant-numeric: tabular-nums; font-size: .85em; opacity: .85; }}
.claim-text {{ display: block; }}
section.claim, section.source {{ margin-top: 2rem; }}
.back {{ font-size: .85rem; }}
.counts-table td.num {{ text-align: end; font-variant-numeric: tabular-nums; }}
.tables {{ display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }}
.source-evidence {{ border-inline-start: 4px solid var(--line); padding-inline-start: .75rem; margin: 1rem 0; }}
.source-evidence.stance-supports {{ border-color: var(--supports-ink); }}
.source-evidence.stance-contradicts {{ border-color: var(--contradicts-ink); }}
.source-evidence.stance-mixed {{ border-color: var(--mixed-ink); }}
.source-evidence.stance-mentions {{ border-color: var(--mentions-ink); }}
.source-evidence, .ev {{ background: none; color: var(--ink); }}
.ev {{ margin: .6rem 0 1rem; }}
.ev-head {{ font-size: .9rem; }}
.ev-head .tag {{ padding: .05rem .4rem; border-radius: 4px; border: 1px solid currentColor; font-weight: bold; }}
blockquote.evidence {{
  margin: .35rem 0; padding: .5rem .75rem; background: var(--soft); border-radius: 6px;
  border-inline-start: 3px solid var(--line); font-size: 1.12rem;
}}
mark {{ background: #ffe36e; color: inherit; padding: 0; }}  /* no padding: it would break Arabic joining */
.badge {{
  display: inline-block; font-size: .85rem; padding: .05rem .5rem; border-radius: 999px;
  border: 1px solid var(--line); background: var(--soft); margin: .1rem 0;
}}
ul.cues {{ margin: .25rem 0; padding-inline-start: 1.25rem; font-size: .9rem; }}
.cue-kind {{ font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .85em;
  padding: 0 .3rem; border: 1px solid var(--line); border-radius: 3px; }}
dl.meta {{ display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }}
dl.meta dt {{ font-weight: bold; }}
dl.meta dd {{ margin: 0; }}
ol.article {{ list-style: none; padding: 0; margin: .5rem 0; }}
ol.article li {{ padding: .3rem .5rem; border-bottom: 1px solid var(--soft); font-size: 1.08rem; }}
ol.article li .n {{ display: inline-block; min-width: 2.2em; color: var(--muted); font-size: .8rem; }}
ol.article li.kind-related, ol.article li.kind-ticker, ol.article li.kind-boilerplate {{ color: var(--muted); }}
ol.article li.kind-headline {{ font-weight: bold; }}
ol.article .unit-meta {{
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", {ARABIC_FONTS};
  font-size: .78rem; font-weight: normal; color: var(--muted); line-height: 1.5; margin: .15rem 0 0;
}}
ol.article .unit-meta .kind {{ text-transform: uppercase; letter-spacing: .03em; }}
ol.article .cited a {{ text-decoration: none; white-space: nowrap; }}
:target {{ background: var(--target); outline: 2px solid #e0b400; }}
@media print {{
  @page {{ margin: 1.5cm; }}
  body {{ max-width: none; padding: 0; font-size: 10pt; }}
  nav, .back {{ display: none; }}
  a {{ color: inherit; text-decoration: none; }}
  .table-wrap {{ overflow: visible; }}
  #matrix thead {{ display: table-header-group; }}
  tr, .ev, blockquote.evidence, ol.article li {{ break-inside: avoid; }}
  h2, h3, h4 {{ break-after: avoid; }}
  #claims, #sources, section.source {{ break-before: page; }}
  .source-evidence h4 {{ break-after: avoid; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  :target {{ background: none; outline: none; }}
}}
"""

# Runs of Arabic script (with the spaces, digits and punctuation between Arabic words), isolated in <bdi>
# inside English text so that they keep their own direction and shaping.
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RUN = re.compile(rf"[{_ARABIC}]+(?:[\s\d()«»\"'.,:%/\-]*[{_ARABIC}]+)*")
_SAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def anchor(value: str) -> str:
    """A fragment-safe, injective form of an id: letters, digits, - and _ kept, anything else as ``.hex.``."""
    return _SAFE_ID.sub(lambda m: f".{ord(m.group()):x}.", value)


def claim_anchor(claim_id: str) -> str:
    return f"claim-{anchor(claim_id)}"


def claim_source_anchor(claim_id: str, source_id: str) -> str:
    return f"claim-{anchor(claim_id)}-src-{anchor(source_id)}"


def source_anchor(source_id: str) -> str:
    return f"src-{anchor(source_id)}"


def unit_anchor(source_id: str, index: int) -> str:
    return f"src-{anchor(source_id)}-s{index}"


def mixed(text: str) -> str:
    """Escaped text with its Arabic runs isolated (``<bdi lang="ar">``), for English lines quoting Arabic."""
    out: list[str] = []
    pos = 0
    for m in _ARABIC_RUN.finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append(f'<bdi lang="ar">{escape(m.group())}</bdi>')
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def _spans(sentence: Sentence, highlights: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Article offsets → sorted, merged offsets into the sentence's text."""
    clipped = sorted(
        (max(a - sentence.start, 0), min(b - sentence.start, len(sentence.text)))
        for a, b in highlights
        if min(b - sentence.start, len(sentence.text)) > max(a - sentence.start, 0)
    )
    merged: list[tuple[int, int]] = []
    for a, b in clipped:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def highlighted(e: Evidence) -> str:
    """The evidence sentence, escaped, with its matched spans in ``<mark>``."""
    text = e.sentence.text
    out: list[str] = []
    pos = 0
    for a, b in _spans(e.sentence, e.highlights):
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def group_label(group: str) -> str:
    return group.replace("_", " ")


def _stance_label(stance: SourceStance) -> str:
    symbol = f'<span class="sym" aria-hidden="true">{STANCE_SYMBOL[stance]}</span>'
    return f'<span class="label">{symbol} {stance.value}</span>'


def _verdict(verdict: Verdict) -> str:
    return f'<span class="verdict verdict-{verdict.value}">{VERDICT_LABEL[verdict]}</span>'


def _source_heading(source: Source) -> str:
    """Outlet and date when known, else the file id; the id always, small."""
    lines = [f"<bdi>{mixed(p)}</bdi>" for p in (source.meta.outlet, source.meta.date) if p]
    if not lines:
        lines = [f'<span class="id">{escape(source.id)}</span>']
    else:
        lines.append(f'<span class="id muted">{escape(source.id)}</span>')
    return "<br>".join(lines)


def _header(results: Sequence[ClaimResult], sources: Sequence[Source], title: str, subtitle: str | None) -> list[str]:
    verdicts = Counter(r.verdict for r in results)
    stances = Counter(s.stance for r in results for s in r.sources)
    n_evidence = sum(1 for r in results for e in r.evidence if e.stance is not EvidenceStance.MENTIONS)
    verdict_counts = ", ".join(f"{verdicts[v]} {VERDICT_LABEL[v].lower()}" for v in Verdict)
    stance_counts = ", ".join(f"{stances[s]} {s.value}" for s in SourceStance)
    out = ["<header>", f"<h1>{mixed(title)}</h1>"]
    if subtitle:
        out.append(f'<p class="subtitle">{mixed(subtitle)}</p>')
    out.append(
        f'<p class="counts"><strong>{len(results)}</strong> claims × <strong>{len(sources)}</strong> sources · '
        f"verdicts: {verdict_counts} · cells: {stance_counts} · "
        f"{n_evidence} sentences take a side</p>"
    )
    out.append('<div class="legend" role="note"><h2>Legend</h2><ul>')
    for stance in SourceStance:
        out.append(
            f'<li class="stance-{stance.value}">{_stance_label(stance)} '
            f'<span class="muted">— {STANCE_MEANING[stance]}</span></li>'
        )
    out.append("</ul><ul>")
    for verdict in Verdict:
        out.append(f'<li>{_verdict(verdict)} <span class="muted">— {VERDICT_MEANING[verdict]}</span></li>')
    out.append(
        '</ul><p class="muted">The number in a cell is the source\'s top match score (0-100). '
        "Highlighted words in an evidence sentence are the words that matched the claim.</p></div>"
    )
    out.append(
        '<nav><ul><li><a href="#matrix">Claims × sources</a></li><li><a href="#claims">Claims</a></li>'
        '<li><a href="#sources">Sources</a></li></ul></nav>'
    )
    out.append("</header>")
    return out


def _matrix(results: Sequence[ClaimResult], sources: Sequence[Source]) -> list[str]:
    out = [
        '<h2 id="matrix-title">Claims × sources</h2>',
        '<div class="table-wrap"><table id="matrix" aria-labelledby="matrix-title">',
        '<thead><tr><th scope="col">Claim</th><th scope="col">Verdict</th>',
    ]
    for source in sources:
        out.append(
            f'<th scope="col" class="source"><a href="#{source_anchor(source.id)}">{_source_heading(source)}</a></th>'
        )
    out.append("</tr></thead><tbody>")
    for r in results:
        cid = r.claim.id
        out.append(
            f'<tr class="claim-row" id="row-{anchor(cid)}"><th scope="row" class="claim">'
            f'<a class="id" href="#{claim_anchor(cid)}">{escape(cid)}</a>'
            f'<span class="claim-text" dir="auto">{mixed(r.claim.text)}</span></th>'
            f"<td>{_verdict(r.verdict)}</td>"
        )
        by_id = {s.source.id: s for s in r.sources}
        for source in sources:
            s = by_id.get(source.id)
            stance = s.stance if s is not None else SourceStance.SILENT
            top = s.evidence[0] if s is not None and s.evidence else None
            target = claim_source_anchor(cid, source.id) if top is not None else claim_anchor(cid)
            score = f' <span class="score" title="top match score">{top.score:.0f}</span>' if top else ""
            out.append(
                f'<td class="cell stance-{stance.value}"><a href="#{target}" '
                f'title="{escape(cid)} × {escape(source.label)}">{_stance_label(stance)}{score}</a></td>'
            )
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return out


def _speaker_badge(s: Sentence) -> str:
    if not (s.speaker or s.speaker_actor or s.speaker_group):
        return '<span class="badge">speaker: <em>none named</em> (the outlet)</span>'
    parts = []
    if s.speaker:
        parts.append(f'<bdi lang="ar">{escape(s.speaker)}</bdi>')
    if s.speaker_actor and s.speaker_actor != s.speaker:
        parts.append(f'actor: <bdi lang="ar">{escape(s.speaker_actor)}</bdi>')
    if s.speaker_group:
        parts.append(f"group: {escape(group_label(s.speaker_group))}")
    return f'<span class="badge">speaker: {" · ".join(parts)}</span>'


def _evidence(e: Evidence) -> list[str]:
    s = e.sentence
    stance = e.stance.value
    out = [
        f'<div class="ev ev-{stance}">',
        f'<div class="ev-head"><span class="tag stance-{stance}"><span class="sym" aria-hidden="true">'
        f"{EVIDENCE_SYMBOL[e.stance]}</span> {stance}</span> · score {e.score:.0f} · "
        f"{escape(s.kind.value)} · "
        f'<a href="#{unit_anchor(s.source_id, s.index)}">sentence #{s.index} in context</a></div>',
        f'<blockquote class="evidence" dir="rtl" lang="ar">{highlighted(e)}</blockquote>',
        f"<div>{_speaker_badge(s)}</div>",
    ]
    if e.cues:
        out.append('<ul class="cues">')
        for c in e.cues:
            out.append(f'<li><span class="cue-kind">{escape(c.kind)}</span> <span>{mixed(c.text)}</span></li>')
        out.append("</ul>")
    out.append("</div>")
    return out


def _counts_by_source(r: ClaimResult) -> list[str]:
    sentences: dict[str, Counter[EvidenceStance]] = {}
    for e in r.evidence:
        sentences.setdefault(e.sentence.source_id, Counter())[e.stance] += 1
    out = [
        '<table class="counts-table by-source"><caption>By source</caption>',
        '<thead><tr><th scope="col">Source</th><th scope="col">Stance</th>'
        '<th scope="col">✔ supporting sentences</th><th scope="col">✘ contradicting</th>'
        '<th scope="col">~ mentioning</th></tr></thead><tbody>',
    ]
    for s in r.sources:
        n = sentences.get(s.source.id, Counter())
        out.append(
            f'<tr><th scope="row"><a href="#{source_anchor(s.source.id)}"><bdi>{mixed(s.source.label)}</bdi></a></th>'
            f'<td class="stance-{s.stance.value}">{_stance_label(s.stance)}</td>'
            f'<td class="num">{n[EvidenceStance.SUPPORTS]}</td><td class="num">{n[EvidenceStance.CONTRADICTS]}</td>'
            f'<td class="num">{n[EvidenceStance.MENTIONS]}</td></tr>'
        )
    out.append(
        f'</tbody><tfoot><tr><th scope="row">Sources</th><td colspan="4">{r.supporting} with a supporting voice, '
        f"{r.contradicting} with a contradicting voice (mixed ones counted in both)</td></tr></tfoot></table>"
    )
    return out


def _counts_by_speaker(r: ClaimResult) -> list[str]:
    out = [
        '<table class="counts-table by-speaker"><caption>By speaker group</caption>',
        '<thead><tr><th scope="col">Speaker group</th><th scope="col">✔ supports</th>'
        '<th scope="col">✘ contradicts</th></tr></thead><tbody>',
    ]
    for v in r.voices:
        out.append(
            f'<tr><th scope="row">{escape(group_label(v.group))}</th>'
            f'<td class="num">{v.supports}</td><td class="num">{v.contradicts}</td></tr>'
        )
    if not r.voices:
        out.append('<tr><td colspan="3" class="muted">no speaker takes a side</td></tr>')
    out.append("</tbody></table>")
    return out


def _claim_section(r: ClaimResult) -> list[str]:
    c = r.claim
    out = [
        f'<section class="claim" id="{claim_anchor(c.id)}">',
        f'<h3><span class="id">{escape(c.id)}</span>{" (ad hoc)" if c.adhoc else ""}: '
        f'<span dir="auto">{mixed(c.text)}</span></h3>',
        f'<p>Verdict: {_verdict(r.verdict)} <a class="back" href="#row-{anchor(c.id)}">↑ back to the matrix</a></p>',
        '<div class="tables">',
        *_counts_by_source(r),
        *_counts_by_speaker(r),
        "</div>",
    ]
    with_evidence = [s for s in r.sources if s.evidence]
    if not with_evidence:
        out.append('<p class="muted">No source says anything on this claim.</p>')
    for s in with_evidence:
        out += _source_evidence(c.id, s)
    out.append("</section>")
    return out


def _source_evidence(claim_id: str, s: SourceResult) -> list[str]:
    out = [
        f'<div class="source-evidence stance-{s.stance.value}" id="{claim_source_anchor(claim_id, s.source.id)}">',
        f'<h4>{_stance_label(s.stance)} — <a href="#{source_anchor(s.source.id)}">'
        f'<bdi>{mixed(s.source.label)}</bdi></a> <span class="id muted">{escape(s.source.id)}</span></h4>',
    ]
    for e in s.evidence:
        out += _evidence(e)
    out.append("</div>")
    return out


def _citations(results: Sequence[ClaimResult]) -> dict[tuple[str, int], list[tuple[str, EvidenceStance]]]:
    """(source, unit index) → the claims whose shown evidence is that unit."""
    cited: dict[tuple[str, int], list[tuple[str, EvidenceStance]]] = {}
    for r in results:
        for s in r.sources:
            for e in s.evidence:
                cited.setdefault((e.sentence.source_id, e.sentence.index), []).append((r.claim.id, e.stance))
    return cited


def _source_section(
    source: Source, units: Sequence[Sentence], cited: Mapping[tuple[str, int], list[tuple[str, EvidenceStance]]]
) -> list[str]:
    m = source.meta
    out = [
        f'<section class="source" id="{source_anchor(source.id)}">',
        f"<h3><bdi>{mixed(source.label)}</bdi></h3>",
        '<dl class="meta">',
        f'<dt>File</dt><dd class="id">{escape(source.path.name)}</dd>',
        f"<dt>Outlet</dt><dd>{mixed(m.outlet) if m.outlet else NOT_KNOWN}</dd>",
        f"<dt>Date</dt><dd>{escape(m.date) if m.date else NOT_KNOWN}</dd>",
    ]
    if m.headline:
        out.append(f'<dt>Headline</dt><dd dir="rtl" lang="ar">{escape(m.headline)}</dd>')
    if m.url:
        if m.url.startswith(("http://", "https://")):
            out.append(f'<dt>URL</dt><dd><a href="{escape(m.url)}" rel="noopener noreferrer">{escape(m.url)}</a></dd>')
        else:
            out.append(f"<dt>URL</dt><dd>{escape(m.url)}</dd>")
    if m.notes:
        out.append(f"<dt>Notes</dt><dd>{mixed(m.notes)}</dd>")
    out.append("</dl>")
    out.append(f'<ol class="article" dir="rtl" lang="ar" aria-label="{escape(source.id)}: units">')
    for u in units:
        notes: list[str] = []
        if u.kind is not UnitKind.BODY:
            notes.append(f'<span class="kind">{escape(u.kind.value)}</span>')
        if u.speaker:
            notes.append(f'speaker: <bdi lang="ar">{escape(u.speaker)}</bdi>')
        refs = cited.get((source.id, u.index), [])
        if refs:
            links = " ".join(
                f'<a href="#{claim_source_anchor(cid, source.id)}">{EVIDENCE_SYMBOL[st]}&#160;{escape(cid)}</a>'
                for cid, st in refs
            )
            notes.append(f'<span class="cited">evidence for: {links}</span>')
        meta = f'<div class="unit-meta" dir="ltr" lang="en">{" · ".join(notes)}</div>' if notes else ""
        out.append(
            f'<li id="{unit_anchor(source.id, u.index)}" class="unit kind-{escape(u.kind.value)}" dir="rtl" lang="ar">'
            f'<span class="n" dir="ltr">#{u.index}</span> {escape(u.text)}{meta}</li>'
        )
    out.append("</ol></section>")
    return out


def render_report(
    results: Sequence[ClaimResult],
    corpus_units: Mapping[str, Sequence[Sentence]],
    sources: Sequence[Source],
    *,
    title: str,
    subtitle: str | None = None,
) -> str:
    """One self-contained HTML5 document: header and legend, the matrix, one section per claim and per source.

    ``corpus_units`` is ``Corpus.units``: every source's units (index, text, kind, speaker),
    which the evidence links point into.
    """
    cited = _citations(results)
    body: list[str] = [*_header(results, sources, title, subtitle), "<main>", *_matrix(results, sources)]
    body.append('<section id="claims"><h2>Claims</h2>')
    for r in results:
        body += _claim_section(r)
    body.append('</section><section id="sources"><h2>Sources</h2>')
    for source in sources:
        body += _source_section(source, corpus_units.get(source.id, ()), cited)
    body.append("</section></main>")
    head = (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="factcheck">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    )
    return head + "\n".join(body) + "\n</body>\n</html>\n"
