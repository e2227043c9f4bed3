"""Load a folder of source articles and their optional metadata file (sources.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from factcheck.claims import NodeReader, compose, read_text
from factcheck.errors import FactcheckError
from factcheck.models import Source, SourceMeta

METADATA_FILE = "sources.yaml"
SOURCE_SUFFIXES = (".txt",)
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


def load_sources(directory: Path | str) -> list[Source]:
    """Every ``.txt`` file in ``directory`` (sorted by name), decoded as UTF-8, with its metadata."""
    directory = Path(directory)
    if not directory.exists():
        raise FactcheckError("sources folder not found", path=directory)
    if not directory.is_dir():
        raise FactcheckError("sources must be a folder of .txt articles", path=directory)
    try:
        files = sorted(p for p in directory.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file())
    except OSError as exc:
        raise FactcheckError(f"cannot list sources folder: {exc.strerror or exc}", path=directory) from None
    if not files:
        raise FactcheckError("no .txt source articles in the sources folder", path=directory)
    meta_path = directory / METADATA_FILE
    metadata = load_metadata(meta_path) if meta_path.exists() else {}
    return [Source(p.stem, p, read_text(p, "source article"), metadata.get(p.stem, SourceMeta())) for p in files]
