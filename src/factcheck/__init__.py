"""factcheck: cross-check claims against source articles (Arabic news first).

Library use, without the command line::

    from factcheck import Corpus, Settings, load_claims, load_sources
    claim_set = load_claims("claims.yaml")
    corpus = Corpus(load_sources("seeds"))
    for result in corpus.check_all(claim_set.claims, claim_set.glossary, Settings()):
        print(result.claim.id, result.verdict)
"""

from __future__ import annotations

from factcheck.claims import load_claims
from factcheck.engine import Corpus, Settings, check
from factcheck.errors import FactcheckError
from factcheck.models import (
    Claim,
    ClaimResult,
    ClaimSet,
    Evidence,
    EvidenceStance,
    Sentence,
    Source,
    SourceResult,
    SourceStance,
    Verdict,
)
from factcheck.sources import load_sources

__version__ = "0.1.0"  # keep in step with pyproject.toml (a test checks)

__all__ = [
    "Claim",
    "ClaimResult",
    "ClaimSet",
    "Corpus",
    "Evidence",
    "EvidenceStance",
    "FactcheckError",
    "Sentence",
    "Settings",
    "Source",
    "SourceResult",
    "SourceStance",
    "Verdict",
    "__version__",
    "check",
    "load_claims",
    "load_sources",
]
