"""Results as CSV and Markdown, for spreadsheets and for pasting into notes and tickets.

CSV follows RFC 4180 (comma separated, fields with commas, quotes or line breaks
quoted, CRLF line ends). ``list`` gives one row per claim; ``verify`` one row per
claim × source × evidence sentence (a source with no evidence still has its row,
with empty evidence fields), so a spreadsheet can filter and count. Markdown keeps
the same content as tables. Text stays in logical order, as written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from factcheck.models import ClaimResult, SourceStance

CLAIM_COLUMNS = ("claim_id", "claim_text", "verdict", *(s.value for s in SourceStance))
EVIDENCE_COLUMNS = (
    "claim_id",
    "claim_text",
    "verdict",
    "source",
    "outlet",
    "date",
    "source_stance",
    "evidence_stance",
    "score",
    "sentence_index",
    "speaker",
    "speaker_group",
    "evidence",
    "why",
)


def claim_rows(results: Sequence[ClaimResult]) -> Iterator[tuple[str, ...]]:
    """``list``: one row per claim, with its verdict and how many sources take each stance."""
    for r in results:
        yield (r.claim.id, r.claim.text, r.verdict.value, *(str(r.count(s)) for s in SourceStance))


def evidence_rows(results: Sequence[ClaimResult]) -> Iterator[tuple[str, ...]]:
    """``verify``: one row per claim × source × evidence sentence."""
    for r in results:
        for s in r.sources:
            meta = s.source.meta
            head = (r.claim.id, r.claim.text, r.verdict.value, s.source.id, meta.outlet or "", meta.date or "")
            if not s.evidence:
                yield (*head, s.stance.value, "", "", "", "", "", "", "")
            for e in s.evidence:
                yield (
                    *head,
                    s.stance.value,
                    e.stance.value,
                    f"{e.score:.1f}",
                    str(e.sentence.index),
                    e.sentence.speaker or "",
                    e.sentence.speaker_group or "",
                    e.sentence.text,
                    "; ".join(c.text for c in e.cues),
                )


def to_csv(header: Sequence[str], rows: Iterator[tuple[str, ...]], *, bom: bool = False) -> str:
    """RFC 4180 text; ``bom`` puts a UTF-8 byte order mark first, which spreadsheet programs look for."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _cell(text: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks as <br>."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def claims_markdown(results: Sequence[ClaimResult]) -> str:
    """``list`` as one Markdown table."""
    header = ("claim", "text", "verdict", *(s.value for s in SourceStance))
    return "\n".join(_table(header, list(claim_rows(results)))) + "\n"


def verify_markdown(results: Sequence[ClaimResult]) -> str:
    """``verify``: per claim a heading, its verdict, and a table of sources with their evidence."""
    out: list[str] = []
    for r in results:
        tag = " (ad hoc)" if r.claim.adhoc else ""
        out += [f"## {_cell(r.claim.id)}{tag}: {_cell(r.claim.text)}", "", f"**Verdict:** {r.verdict.value}", ""]
        rows = []
        for s in r.sources:
            label = s.source.label if s.source.label == s.source.id else f"{s.source.label} ({s.source.id})"
            if not s.evidence:
                rows.append((label, s.stance.value, "", "", "", ""))
            for e in s.evidence:
                speaker = e.sentence.speaker or ""
                if e.sentence.speaker_group:
                    speaker += f" ({e.sentence.speaker_group.replace('_', ' ')})"
                why = "; ".join(c.text for c in e.cues)
                rows.append(
                    (label, f"{s.stance.value} / {e.stance.value}", f"{e.score:.0f}", speaker, e.sentence.text, why)
                )
        out += _table(("source", "stance", "score", "speaker", "evidence", "why"), rows)
        out.append("")
    return "\n".join(out)
