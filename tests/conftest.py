"""Shared fixtures: the real seeds and claims, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CLAIMS = ROOT / "claims.yaml"


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Keep the analysis cache of test runs out of the user's cache directory."""
    mp = pytest.MonkeyPatch()
    mp.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def corpus():
    from factcheck import Corpus, load_sources

    return Corpus(load_sources(SEEDS))


@pytest.fixture(scope="session")
def claim_set():
    from factcheck import load_claims

    return load_claims(CLAIMS)


def seed_text(prefix: str) -> str:
    """Text of the seed article whose file name starts with ``prefix`` (e.g. "002")."""
    (path,) = SEEDS.glob(f"{prefix}*.txt")
    return path.read_text(encoding="utf-8")
