"""Rich renderings of results for the terminal. Decisions are made elsewhere; this only draws."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from factcheck.explain import PhrasingExplanation
from factcheck.models import ClaimResult, Evidence, EvidenceStance, SourceResult, SourceStance, Verdict
from factcheck.normalize import normalize

# Symbols carry the meaning so colour is never the only signal.
STANCE_STYLE = {
    SourceStance.SUPPORTS: ("✔ supports", "green"),
    SourceStance.CONTRADICTS: ("✘ contradicts", "red"),
    SourceStance.MIXED: ("◐ mixed", "magenta"),
    SourceStance.MENTIONS: ("~ mentions", "yellow"),
    SourceStance.SILENT: ("· silent", "dim"),
}
EVIDENCE_STYLE = {
    EvidenceStance.SUPPORTS: ("✔", "green"),
    EvidenceStance.CONTRADICTS: ("✘", "red"),
    EvidenceStance.MENTIONS: ("~", "yellow"),
}
VERDICT_STYLE = {
    Verdict.SUPPORTED: ("SUPPORTED", "bold green"),
    Verdict.REFUTED: ("REFUTED", "bold red"),
    Verdict.CONFLICTING: ("CONFLICTING", "bold magenta"),
    Verdict.NOT_ENOUGH_INFO: ("NOT ENOUGH INFO", "bold yellow"),
}


def verdict_text(verdict: Verdict) -> Text:
    label, style = VERDICT_STYLE[verdict]
    return Text(label, style=style)


def stance_text(stance: SourceStance) -> Text:
    label, style = STANCE_STYLE[stance]
    return Text(label, style=style)


def claims_table(results: Sequence[ClaimResult]) -> Table:
    """``factcheck list``: one row per claim."""
    table = Table(title="Claims", show_lines=False, expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("claim")
    table.add_column("verdict", no_wrap=True)
    table.add_column("support", justify="right")
    table.add_column("contra", justify="right")
    for r in results:
        table.add_row(r.claim.id, r.claim.text, verdict_text(r.verdict), str(r.supporting), str(r.contradicting))
    return table


def highlighted(e: Evidence) -> Text:
    """The evidence sentence with its matched words (and compared numbers) highlighted."""
    s = e.sentence
    text = Text(s.text)
    for start, end in e.highlights:
        a, b = max(start - s.start, 0), min(end - s.start, len(s.text))
        if a < b:
            text.stylize("bold underline", a, b)
    return text


def group_label(group: str) -> str:
    return group.replace("_", " ")


def voices_text(r: ClaimResult) -> str:
    """ "supported by iraqi government (3), us coalition (1); contradicted by armed factions (2)" """
    parts = []
    for label, pick in (("supported by", lambda v: v.supports), ("contradicted by", lambda v: v.contradicts)):
        named = [f"{group_label(v.group)} ({pick(v)})" for v in r.voices if pick(v)]
        if named:
            parts.append(f"{label} {', '.join(named)}")
    return "; ".join(parts)


def summary_line(r: ClaimResult) -> Text:
    counts = [f"{n} {stance.value}" for stance in SourceStance if (n := r.count(stance))]
    line = Text.assemble(verdict_text(r.verdict), "  ", (" · ".join(counts), "dim"))
    voices = voices_text(r)
    if voices:
        line.append(f"\n{voices}", style="dim")
    return line


def _speaker(e: Evidence) -> Text:
    line = Text()
    if e.sentence.speaker:
        line.append("speaker: ", style="dim")
        line.append(e.sentence.speaker)
        actor = e.sentence.speaker_actor
        if actor and normalize(actor) not in normalize(e.sentence.speaker):
            line.append(f" ({actor})", style="dim")
        if e.sentence.speaker_group:
            line.append(f" · {group_label(e.sentence.speaker_group)}", style="dim")
    return line


def _why(e: Evidence) -> str:
    # The decisive reasons; the matched-terms line only when nothing else explains the stance
    # (JSON always has every cue).
    decisive = [c.text for c in e.cues if c.kind != "terms"]
    return "; ".join(decisive or [c.text for c in e.cues])


INDENT = 4


def _source_block(s: SourceResult, width: int, visual: bool) -> list[RenderableType]:
    """One source: a metadata line, then per evidence sentence its speaker, the sentence alone on
    its own full-width lines (no borders for a bidirectional terminal to displace), and why."""
    top = s.evidence[0] if s.evidence else None
    head = stance_text(s.stance)
    head.pad_right(max(0, 14 - head.cell_len))
    head.append(f"{top.score:>4.0f}  " if top else "      ")
    head.append(s.source.label, style="bold")
    if s.source.label != s.source.id:
        head.append(f"  {s.source.id}", style="dim")
    out: list[RenderableType] = [head]
    pad = " " * INDENT
    for e in s.evidence:
        mark, style = EVIDENCE_STYLE[e.stance]
        meta = Text(pad)
        meta.append(f"{mark} ", style=style)
        meta.append(f"#{e.sentence.index}", style="dim")
        speaker = _speaker(e)
        if speaker and visual:
            from factcheck.bidi_display import visual_mixed

            meta.append("  " + visual_mixed(speaker.plain))
        elif speaker:
            meta.append("  ")
            meta.append_text(speaker)
        out.append(meta)
        if visual:
            from factcheck.bidi_display import visual_lines

            out.append(
                Text("\n".join(pad + line for line in visual_lines(e.sentence.text, width - INDENT)), no_wrap=True)
            )
        else:
            out.append(Padding(highlighted(e), (0, 0, 0, INDENT), expand=False))
        why = _why(e)
        if why and visual:
            from factcheck.bidi_display import visual_mixed

            out.append(Text(pad + visual_mixed(f"why: {why}"), style="dim", no_wrap=True, overflow="ellipsis"))
        elif why:
            out.append(Padding(Text(f"why: {why}", style="dim"), (0, 0, 0, INDENT), expand=False))
    return out


def claim_table(r: ClaimResult, *, width: int = 100, visual: bool = False) -> RenderableType:
    """``factcheck verify``: per claim a titled block, one entry per source, silent ones too.

    Each evidence sentence stands on its own full-width lines under a line of
    metadata (stance, score, source, speaker) rather than in a table cell: Arabic
    wraps less, and terminals that reorder right-to-left text have no borders
    inside a line to displace. ``visual`` lays Arabic out for terminals without
    bidirectional support (see ``bidi_display``).
    """
    tag = " (ad hoc)" if r.claim.adhoc else ""
    parts: list[RenderableType] = [Rule(Text(f"{r.claim.id}{tag}: {r.claim.text}", style="bold"), align="left")]
    for s in r.sources:
        parts += _source_block(s, width, visual)
    parts.append(summary_line(r))
    parts.append(Text(""))
    return Group(*parts)


def speaker_table(r: ClaimResult, top: int = 1) -> Table:
    """``factcheck verify --by-speaker``: one row per speaker group, with its best sentences for each voice."""
    tag = " (ad hoc)" if r.claim.adhoc else ""
    table = Table(title=f"{r.claim.id}{tag}: {r.claim.text}", caption=summary_line(r), show_lines=True, expand=True)
    table.add_column("voice", no_wrap=True)
    table.add_column("speaker group · evidence · source", ratio=1)
    by_group: dict[str, list[Evidence]] = {}
    for e in r.evidence:
        if e.stance is EvidenceStance.MENTIONS:
            continue
        group = e.sentence.speaker_group or ("unidentified" if e.sentence.speaker else "outlet")
        by_group.setdefault(group, []).append(e)
    labels = {s.source.id: s.source.label for s in r.sources}
    for v in r.voices:
        cell = Text(group_label(v.group), style="bold")
        for stance in (EvidenceStance.CONTRADICTS, EvidenceStance.SUPPORTS):
            chosen = sorted((e for e in by_group.get(v.group, []) if e.stance is stance), key=lambda e: -e.score)
            for e in chosen[:top]:
                mark, style = EVIDENCE_STYLE[e.stance]
                cell.append(f"\n{mark} ", style=style)
                cell.append_text(highlighted(e))
                who = f" — {e.sentence.speaker}" if e.sentence.speaker else ""
                cell.append(f"\n  {labels.get(e.sentence.source_id, e.sentence.source_id)}{who}", style="dim")
        counts = Text.assemble((f"✔ {v.supports}", "green"), "  ", (f"✘ {v.contradicts}", "red"))
        table.add_row(counts, cell)
    if not r.voices:
        table.add_row(Text("—", style="dim"), Text("no source takes a side", style="dim"))
    return table


def metrics_tables(report: dict[str, object]) -> list[RenderableType]:
    """``factcheck eval``: headline figures, per-class scores and the confusion matrix."""
    summary = Table(title="Scores", show_header=False)
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    skip = {"kind", "per_class", "confusion"}
    for key, value in report.items():
        if key not in skip:
            summary.add_row(key.replace("_", " "), f"{value:.3f}" if isinstance(value, float) else str(value))
    per_class = Table(title="Per class")
    for col in ("class", "precision", "recall", "F1", "n"):
        per_class.add_column(col, justify="left" if col == "class" else "right")
    for label, s in report["per_class"].items():  # type: ignore[union-attr]
        per_class.add_row(label, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", str(s["n"]))
    matrix: dict[str, dict[str, int]] = report["confusion"]  # type: ignore[assignment]
    conf = Table(title="Confusion (rows: gold, columns: predicted)")
    conf.add_column("gold \\ predicted")
    for label in matrix:
        conf.add_column(label, justify="right")
    for gold, row in matrix.items():
        conf.add_row(gold, *(str(row[p]) for p in matrix))
    return [summary, per_class, conf]


def explain_table(claim_id: str, phrasings: Sequence[PhrasingExplanation]) -> Table:
    """``verify --explain``: what the claim was matched as, and what each source's best sentence contains."""
    table = Table(title=f"{claim_id}: how the claim was read", show_lines=True, expand=True)
    table.add_column("phrasing · term", ratio=1)
    table.add_column("weight", justify="right", no_wrap=True)
    table.add_column("searched for", ratio=2)
    table.add_column("in the top evidence of", ratio=1)
    for p in phrasings:
        notes = [f"numbers: {', '.join(p.numbers)}"] if p.numbers else []
        notes += [f"dates: {', '.join(p.dates)}"] if p.dates else []
        if p.negated:
            notes.append(f"negated by: {', '.join(p.cues)}")
        table.add_row(Text(p.text, style="bold"), "", Text("; ".join(notes), style="dim"), "")
        for t in p.terms:
            forms = ", ".join(t.forms) + (f" (+{t.more_forms} more)" if t.more_forms else "")
            found = Text(", ".join(t.found_in)) if t.found_in else Text("nowhere", style="red")
            table.add_row(f"  {t.label}", f"{100 * t.weight:.0f}%", forms, found)
    return table
