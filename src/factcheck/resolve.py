"""Turn what the user typed after ``verify`` into claims: an id, a claim's text, or an ad hoc claim."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from factcheck.claims import SLUG_RE
from factcheck.errors import FactcheckError
from factcheck.models import Claim, ClaimSet
from factcheck.normalize import normalize, tokenize
from factcheck.polarity import find_cues

TEXT_MATCH_CUTOFF = 90.0  # token_set_ratio for "advisers at Ain al-Asad" → the advisers claim


def _words(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in normalize(text)).split())


def _negative(text: str) -> bool:
    return bool(find_cues(tokenize(text)))


def find_by_text(query: str, claim_set: ClaimSet) -> Claim | None:
    """The claim whose text contains the typed words, if exactly one does.

    Only the claim's own text is compared (its match phrasings are for finding
    evidence, not for naming claims), and never a claim whose negation differs:
    "forces remain at Harir" must not become "no forces remain at Harir".
    """
    q = _words(query)
    if len(q.split()) < 2:
        return None
    choices = {c.id: _words(c.text) for c in claim_set.claims}
    best = process.extract(
        q, choices, scorer=fuzz.token_set_ratio, processor=None, limit=None, score_cutoff=TEXT_MATCH_CUTOFF
    )
    if not best:
        return None
    top = best[0][1]
    leaders = [key for _, score, key in best if score >= top - 0.5]
    if len(leaders) != 1:
        return None  # ambiguous: check it as typed rather than guess
    claim = claim_set.get(leaders[0])
    if claim is None or _negative(claim.text) != _negative(query):
        return None
    return claim


def resolve(args: Sequence[str], claim_set: ClaimSet) -> list[Claim]:
    """Claims named by ``args``; all claims when there are none."""
    if not args:
        return list(claim_set.claims)
    out: list[Claim] = []
    adhoc = 0
    for arg in args:
        text = arg.strip()
        if not text:
            raise FactcheckError("empty claim given on the command line")
        claim = claim_set.get(text) or find_by_text(text, claim_set)
        if claim is None and SLUG_RE.match(text):
            ids = [c.id for c in claim_set.claims]
            near = [m[0] for m in process.extract(text, ids, scorer=fuzz.ratio, limit=3)] if ids else []
            hint = f"; closest ids: {', '.join(near)}" if near else ""
            raise FactcheckError(f"unknown claim id '{text}'{hint}", path=claim_set.path)
        if claim is None:
            adhoc += 1
            claim = Claim(id=f"adhoc-{adhoc}", text=text, adhoc=True)
        out.append(claim)
    return out
