"""Load source articles: a folder (searched recursively) with its optional sources.yaml, or a JSONL corpus."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from factcheck.claims import NodeReader, compose, json_lines, read_text
from factcheck.errors import FactcheckError
from factcheck.models import Source, SourceMeta

METADATA_FILE = "sources.yaml"
SOURCE_SUFFIXES = (".txt", ".md")
CORPUS_SUFFIX = ".jsonl"
_META_KEYS = ("outlet", "date", "headline", "url", "notes")
_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def load_metadata(path: Path) -> dict[str, SourceMeta]:
    """Parse sources.yaml: ``sources: {file-stem: {outlet, date, headline, url, notes}}``."""
    text = read_text(path, "sources metadata file")
    reader = NodeReader(path)
    root = compose(text, path)
    if root is None:
        return {}
    top = reader.mapping(root, "the top level", ("version", "sources"))
    if "sources" not in top or (isinstance(top["sources"], yaml.ScalarNode) and top["sources"].value in ("", "~")):
        return {}
    out: dict[str, SourceMeta] = {}
    for stem, node in reader.mapping(top["sources"], "sources").items():
        fields = reader.mapping(node, f"source '{stem}'", _META_KEYS)
        values: dict[str, str | None] = {}
        for key, value_node in fields.items():
            if isinstance(value_node, yaml.ScalarNode) and value_node.tag == "tag:yaml.org,2002:null":
                values[key] = None
            elif key == "date":  # an unquoted 2021-11-28 is a YAML timestamp; keep its text
                values[key] = reader.scalar(value_node, f"date of source '{stem}'", any_type=True).strip()
            else:
                values[key] = reader.text(value_node, f"{key} of source '{stem}'")
        date = values.get("date")
        if date is not None and not _DATE_RE.match(date):
            raise reader.fail(fields["date"], f"date of source '{stem}' must be YYYY-MM-DD, YYYY-MM or YYYY")
        out[stem] = SourceMeta(**values)
    return out


def load_sources(location: Path | str) -> list[Source]:
    """The articles at ``location``: a folder searched recursively for ``.txt`` and ``.md`` files and
    ``.jsonl`` corpora, or one ``.jsonl`` corpus. Sorted by path, decoded as UTF-8, with metadata.

    A file's id is its path below the folder without the suffix (``000_…`` at the top,
    ``2021/dec/report`` deeper); a corpus line's id is its ``id`` field. ``sources.yaml`` in
    the folder gives metadata by id; a corpus line carries its own (``title``, ``date``,
    ``outlet``, ``url``).
    """
    location = Path(location)
    if not location.exists():
        raise FactcheckError("sources folder not found", path=location)
    if location.is_file():
        if location.suffix.lower() != CORPUS_SUFFIX:
            raise FactcheckError("sources must be a folder of articles or a .jsonl corpus", path=location)
        return _unique(load_corpus(location))
    try:
        files = sorted(
            (p for p in location.rglob("*") if p.suffix.lower() in (*SOURCE_SUFFIXES, CORPUS_SUFFIX) and p.is_file()),
            key=lambda p: p.relative_to(location).as_posix(),
        )
    except OSError as exc:
        raise FactcheckError(f"cannot list sources folder: {exc.strerror or exc}", path=location) from None
    if not files:
        raise FactcheckError("no source articles (.txt, .md or .jsonl) in the sources folder", path=location)
    meta_path = location / METADATA_FILE
    metadata = load_metadata(meta_path) if meta_path.exists() else {}
    out: list[Source] = []
    for p in files:
        if p.suffix.lower() == CORPUS_SUFFIX:
            out += load_corpus(p)
            continue
        source_id = p.relative_to(location).with_suffix("").as_posix()
        out.append(Source(source_id, p, read_text(p, "source article"), metadata.get(source_id, SourceMeta())))
    return _unique(out)


def _unique(sources: list[Source]) -> list[Source]:
    seen: dict[str, Source] = {}
    for s in sources:
        if s.id in seen:
            raise FactcheckError(f"two sources have the id '{s.id}' (also in {seen[s.id].path})", path=s.path)
        seen[s.id] = s
    return sources


def load_corpus(path: Path) -> list[Source]:
    """A JSON Lines corpus: one article per line, ``{"id", "text"}`` required, ``title``, ``date``,
    ``outlet``, ``url`` optional. The title, when there is one, is the article's first line."""
    out = []
    for number, item in json_lines(path, "sources corpus"):
        for key in ("id", "text"):
            if not isinstance(item.get(key), str | int) or not str(item[key]).strip():
                raise FactcheckError(f"missing or empty '{key}'", path=path, line=number)
        fields = {k: item.get(k) for k in ("title", "date", "outlet", "url")}
        if any(v is not None and not isinstance(v, str) for v in fields.values()):
            raise FactcheckError("title, date, outlet and url must be strings", path=path, line=number)
        title = (fields["title"] or "").strip()
        date = (fields["date"] or "")[:10] or None
        if date is not None and not _DATE_RE.match(date):
            date = None  # a date this reader cannot use is left out rather than guessed
        meta = SourceMeta(outlet=fields["outlet"], date=date, headline=title or None, url=fields["url"])
        text = f"{title}\n{item['text']}" if title else str(item["text"])
        out.append(Source(str(item["id"]), path, text, meta))
    return out
