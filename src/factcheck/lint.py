"""``factcheck lint``: problems in a claims file that make its results less useful than they look.

Each check is a plain function returning findings. Schema problems are errors (the
file cannot be used); everything else is a warning (the file works, but a claim or a
phrasing finds nothing, two claims say the same thing, or a glossary entry is dead).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from rapidfuzz import fuzz

from factcheck.claims import compose, line_of, parse_claims, read_text
from factcheck.dates import extract_dates
from factcheck.engine import Corpus, Settings
from factcheck.errors import FactcheckError
from factcheck.models import Claim, ClaimResult, ClaimSet, SourceStance
from factcheck.normalize import normalize, stem, tokenize
from factcheck.numbers import extract_quantities
from factcheck.polarity import find_cues
from factcheck.query import _en_words

SCHEMA_VERSION = 1
DUPLICATE_CUTOFF = 90.0  # rapidfuzz token_set_ratio of two claims' texts

Level = Literal["error", "warning"]

# The checks, by the name a finding carries.
SCHEMA = "schema"
UNMENTIONED = "unmentioned"
DUPLICATE = "duplicate"
SILENT_PHRASING = "silent-phrasing"
UNUSED_GLOSSARY = "unused-glossary"


@dataclass(frozen=True)
class Finding:
    """One problem: how bad, which claim (if any), where in the file (if known), and what."""

    level: Level
    claim: str | None
    line: int | None
    message: str
    check: str = SCHEMA

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Lines:
    """Where the parts of a claims file are: each claim's ``match`` items and each glossary term."""

    match: dict[str, tuple[int, ...]] = field(default_factory=dict)  # claim id -> line of each match phrasing
    glossary: dict[str, int] = field(default_factory=dict)  # term (stripped) -> line


def load(path: Path) -> tuple[ClaimSet | None, Lines, list[Finding]]:
    """Parse the claims file; a problem in its content is an error finding, not an exception.

    A file that cannot be read at all (missing, a directory, no permission) raises
    FactcheckError: there is nothing to lint.
    """
    try:
        text = read_text(path, "claims file")
    except FactcheckError as exc:
        if exc.line is None:
            raise
        return None, Lines(), [Finding("error", None, exc.line, exc.message)]  # not UTF-8
    try:
        claim_set = parse_claims(text, path)
    except FactcheckError as exc:
        return None, Lines(), [Finding("error", None, exc.line, exc.message)]
    return claim_set, lines_of(text, path), []


def lines_of(text: str, path: Path) -> Lines:
    """Lines of the match phrasings and glossary terms of a file that parsed."""
    root = compose(text, path)
    if not isinstance(root, yaml.MappingNode):
        return Lines()
    top = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    match: dict[str, tuple[int, ...]] = {}
    claims = top.get("claims")
    for item in claims.value if isinstance(claims, yaml.SequenceNode) else ():
        if not isinstance(item, yaml.MappingNode):
            continue
        fields = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
        id_node, match_node = fields.get("id"), fields.get("match")
        if not isinstance(id_node, yaml.ScalarNode) or match_node is None:
            continue
        nodes = match_node.value if isinstance(match_node, yaml.SequenceNode) else [match_node]
        match[str(id_node.value).strip()] = tuple(line_of(n) for n in nodes)
    glossary: dict[str, int] = {}
    gloss = top.get("glossary")
    if isinstance(gloss, yaml.MappingNode):
        for key, _ in gloss.value:
            if isinstance(key, yaml.ScalarNode):
                glossary[str(key.value).strip()] = line_of(key)
    return Lines(match, glossary)


def unmentioned(results: Iterable[ClaimResult]) -> list[Finding]:
    """Claims every source is silent on: nothing in the sources is even on topic."""
    return [
        Finding(
            "warning",
            r.claim.id,
            r.claim.line,
            f"no source mentions claim '{r.claim.id}' (every source is silent); "
            "reword it or add `match` phrasings as the sources word it",
            UNMENTIONED,
        )
        for r in results
        if all(s.stance is SourceStance.SILENT for s in r.sources)
    ]


def _words(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in normalize(text)).split())


def _assertion(text: str) -> tuple[tuple[float, ...], tuple[tuple[int | None, ...], ...], bool]:
    """What a text commits to beyond its words: its figures, its dates and whether it is negated."""
    dates = extract_dates(text)
    figures = sorted(
        q.value
        for q in extract_quantities(text, role="claim")
        if not any(q.start < d.end and d.start < q.end for d in dates)
    )
    return (
        tuple(figures),
        tuple(sorted(((d.year, d.month, d.day) for d in dates), key=repr)),
        bool(find_cues(tokenize(text))),
    )


def duplicates(claims: Sequence[Claim], cutoff: float = DUPLICATE_CUTOFF) -> list[Finding]:
    """Claims whose texts are near-identical, or that share a match phrasing, each reported on the later claim.

    Texts that differ only in a figure, a date or a negation ("six rounds" / "four rounds")
    are rival claims, kept apart on purpose, not duplicates.
    """
    out: list[Finding] = []
    words = [_words(c.text) for c in claims]
    assertions = [_assertion(c.text) for c in claims]
    phrasings = [{normalize(" ".join(m.split())): m for m in c.match} for c in claims]
    for j, later in enumerate(claims):
        for i in range(j):
            earlier = claims[i]
            where = f"'{earlier.id}'" + (f" on line {earlier.line}" if earlier.line else "")
            shared = [phrasings[j][k] for k in phrasings[j] if k in phrasings[i]]
            if shared:
                out.append(
                    Finding(
                        "warning",
                        later.id,
                        later.line,
                        f"claim '{later.id}' has the same match phrasing as claim {where}: {shared[0]}",
                        DUPLICATE,
                    )
                )
                continue
            score = fuzz.token_set_ratio(words[i], words[j], processor=None)
            if score >= cutoff and assertions[i] == assertions[j]:
                out.append(
                    Finding(
                        "warning",
                        later.id,
                        later.line,
                        f"claim '{later.id}' nearly duplicates claim {where} (text similarity {score:.0f}/100)",
                        DUPLICATE,
                    )
                )
    return out


def silent_phrasings(
    corpus: Corpus,
    claim_set: ClaimSet,
    lines: Lines,
    settings: Settings | None = None,
    *,
    skip: Iterable[str] = (),
) -> list[Finding]:
    """``match`` phrasings that, checked alone as a claim, find no evidence in any source.

    Claims named in ``skip`` (already reported as mentioned by no source) are left out.
    """
    skipped = set(skip)
    probes: list[tuple[Claim, Claim, int]] = []
    for claim in claim_set.claims:
        if claim.id in skipped:
            continue
        for n, text in enumerate(claim.match):
            probes.append((claim, Claim(id=f"{claim.id}-match-{n + 1}", text=text), n))
    results = corpus.check_all([p for _, p, _ in probes], claim_set.glossary, settings or Settings())
    out = []
    for (claim, probe, n), result in zip(probes, results, strict=True):
        if result.evidence:
            continue
        where = lines.match.get(claim.id, ())
        out.append(
            Finding(
                "warning",
                claim.id,
                where[n] if n < len(where) else claim.line,
                f"match phrasing {n + 1} of claim '{claim.id}' finds nothing in any source: {probe.text}",
                SILENT_PHRASING,
            )
        )
    return out


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _en_words(text))


def _contains(words: Sequence[str], part: Sequence[str]) -> bool:
    n = len(part)
    return any(tuple(words[k : k + n]) == tuple(part) for k in range(len(words) - n + 1))


def unused_glossary(claim_set: ClaimSet, lines: Lines) -> list[Finding]:
    """Glossary terms that occur (by English word stems) in no claim's text, match or counter phrasing."""
    texts = [_stems(t) for c in claim_set.claims for t in (c.text, *c.match, *c.counter)]
    out = []
    for term in claim_set.glossary:
        stems = _stems(term)
        if stems and any(_contains(words, stems) for words in texts):
            continue
        why = "is used by no claim" if stems else "has no English word, so no claim can use it"
        out.append(
            Finding("warning", None, lines.glossary.get(term), f"glossary entry '{term}' {why}", UNUSED_GLOSSARY)
        )
    return out


def lint(claim_set: ClaimSet, lines: Lines, corpus: Corpus, settings: Settings | None = None) -> list[Finding]:
    """Every warning for a claims file that parsed, in file order."""
    settings = settings or Settings()
    results = corpus.check_all(claim_set.claims, claim_set.glossary, settings)
    silent = unmentioned(results)
    found = [
        *silent,
        *duplicates(claim_set.claims),
        *silent_phrasings(corpus, claim_set, lines, settings, skip=[f.claim for f in silent if f.claim]),
        *unused_glossary(claim_set, lines),
    ]
    return sorted(found, key=lambda f: (f.line is None, f.line or 0))


def format_finding(finding: Finding, path: Path | str) -> str:
    """``claims.yaml:12: warning: ...`` (the path as given, as compilers print it)."""
    where = f"{path}:{finding.line}" if finding.line is not None else str(path)
    return f"{where}: {finding.level}: {finding.message}"


def summary(findings: Sequence[Finding], path: Path | str, extra: str = "") -> str:
    errors = sum(1 for f in findings if f.level == "error")
    warnings = len(findings) - errors
    if not findings:
        return f"{path}: no problems found{extra}"
    parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
    return f"{path}: {', '.join(parts)}{extra}"


def document(findings: Sequence[Finding], path: Path | str) -> dict[str, Any]:
    """``--format json``: one document."""
    return {"version": SCHEMA_VERSION, "claims": str(path), "findings": [f.as_dict() for f in findings]}


def exit_code(findings: Iterable[Finding]) -> int:
    return 1 if any(f.level == "error" for f in findings) else 0
