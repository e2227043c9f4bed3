"""An on-disk cache of analysed articles, so a re-run only analyses what changed.

Each article's analysis (its units with speakers, and every evidence sentence
with its tokens, match keys, quantities, dates and negation cues) is stored in
one SQLite file under the user's cache directory, keyed by a hash of the
article's id, text and date and of the engine itself (the package's code and
data files). Any change to an article or to factcheck gives a new key, so a
stale entry can never be read; old entries are simply not found again.
An archive's built index is kept too, as a snapshot keyed by all its articles'
keys; snapshots are large, so only the few used last are kept.

The cache is an optimisation only: if the directory cannot be created or the
database cannot be read or written, checking goes on without it. Entries are
pickles, so the cache directory must be the user's own (it is by default:
``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``, else
``~/.cache/factcheck``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

CACHE_FILE = "analysis.sqlite"
SNAPSHOTS_KEPT = 8  # built indexes of whole corpora (or parts) kept, the least recently used dropped


def default_cache_dir() -> Path:
    explicit = os.environ.get("FACTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "factcheck"


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A hash of every module and data file of the package: any change to the engine changes it."""
    digest = hashlib.sha256()
    root = files("factcheck")
    entries = sorted(
        [p for p in root.iterdir() if p.name.endswith(".py")]
        + [p for p in (root / "data").iterdir() if p.name.endswith((".yaml", ".json"))],
        key=lambda p: p.name,
    )
    for entry in entries:
        digest.update(entry.name.encode())
        digest.update(entry.read_bytes())
    return digest.hexdigest()


def source_key(source_id: str, text: str, date: str | None, extra: str = "") -> str:
    """The cache key of one article's analysis; ``extra`` holds user extensions that change it (actors)."""
    digest = hashlib.sha256()
    for part in (engine_fingerprint(), source_id, date or "", extra, text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class AnalysisCache:
    """Get and put pickled analyses by key; silently does nothing when the store is unusable."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_cache_dir()
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Worker processes share the file: wait for each other's writes rather than fail.
            self._db = sqlite3.connect(self.directory / CACHE_FILE, timeout=120)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS analysis (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS snapshot (key TEXT PRIMARY KEY, value BLOB NOT NULL, used REAL NOT NULL)"
            )
        except (OSError, sqlite3.Error):
            self._db = None

    def get(self, key: str) -> Any | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM analysis WHERE key = ?", (key,)).fetchone()
            value = pickle.loads(row[0]) if row else None
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            value = None  # an unreadable entry is a miss; it will be written again
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def get_many(self, keys: Sequence[str], *, count: bool = True) -> list[Any | None]:
        """``get`` for many keys in one query (``count=False``: not counted as hits and misses)."""
        found: dict[str, Any] = {}
        if self._db is not None and keys:
            try:
                marks = ",".join("?" * len(keys))
                rows = self._db.execute(f"SELECT key, value FROM analysis WHERE key IN ({marks})", list(keys))
                for key, blob in rows.fetchall():
                    # an unreadable entry is a miss; it will be written again
                    with contextlib.suppress(pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
                        found[key] = pickle.loads(blob)
            except sqlite3.Error:
                found = {}
        out = [found.get(key) for key in keys]
        if count:
            hits = sum(1 for value in out if value is not None)
            self.hits += hits
            self.misses += len(out) - hits
        return out

    def put_many(self, entries: Mapping[str, Any]) -> None:
        """``put`` for many entries in one transaction."""
        if self._db is None or not entries:
            return
        try:
            rows = [(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for key, value in entries.items()]
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO analysis (key, value) VALUES (?, ?)", rows)
        except (sqlite3.Error, pickle.PicklingError):
            pass

    def put(self, key: str, value: Any) -> None:
        if self._db is None:
            return
        try:
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO analysis (key, value) VALUES (?, ?)", (key, blob))
        except (sqlite3.Error, pickle.PicklingError):
            pass

    def get_snapshot(self, key: str) -> Any | None:
        """A snapshot put under ``key`` (marked as used now), or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM snapshot WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            value = pickle.loads(row[0])
            with self._db:
                self._db.execute("UPDATE snapshot SET used = ? WHERE key = ?", (time.time(), key))
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None
        return value

    def put_snapshot(self, key: str, value: Any) -> None:
        """Keep ``value`` (something large built from many entries, such as an index) under ``key``.

        Unlike analyses, snapshots are bounded: a corpus that grows by an article a day
        gets a new one every day, and only the ``SNAPSHOTS_KEPT`` used last are kept.
        """
        if self._db is None:
            return
        try:
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO snapshot (key, value, used) VALUES (?, ?, ?)", (key, blob, time.time())
                )
                self._db.execute(
                    "DELETE FROM snapshot WHERE key NOT IN (SELECT key FROM snapshot ORDER BY used DESC LIMIT ?)",
                    (SNAPSHOTS_KEPT,),
                )
        except (sqlite3.Error, pickle.PicklingError):
            pass

    def resource(self, name: str, build: Callable[[], Any]) -> Any:
        """Something derived from the engine's own files only (an indexed lexicon), built once per engine."""
        key = f"{name}:{engine_fingerprint()}"
        value = self.get(key)
        if value is None:
            value = build()
            self.put(key, value)
        return value

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def clear_cache(directory: Path | None = None) -> bool:
    """Delete the cache file; True when there was one."""
    path = (directory or default_cache_dir()) / CACHE_FILE
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True
