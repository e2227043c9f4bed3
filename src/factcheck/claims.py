"""Load and validate claims.yaml (format version 1).

The file is composed into YAML nodes rather than plain values so that every
schema problem can name its line. Unknown keys are errors: a misspelt
``mathc:`` silently ignored would change results without telling anyone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from factcheck.errors import FactcheckError
from factcheck.models import Claim, ClaimSet, LexiconExtension

FORMAT_VERSION = 1
SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_CLAIM_KEYS = ("id", "text", "match", "counter", "tags")
_TOP_KEYS = ("version", "claims", "glossary", "actors", "lexicon")
_LEXICON_KEYS = ("framing", "denial", "rebuttal", "opposites")


def read_text(path: Path, what: str) -> str:
    """Read a UTF-8 file, turning every failure into one FactcheckError naming the file."""
    if not path.exists():
        raise FactcheckError(f"{what} not found", path=path)
    if path.is_dir():
        raise FactcheckError(f"{what} is a directory, expected a file", path=path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FactcheckError(f"cannot read {what}: {exc.strerror or exc}", path=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FactcheckError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
            path=path,
            line=line,
        ) from None


def json_lines(path: Path, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of a JSON Lines file with their line numbers; blank lines skipped, bad ones named."""
    for number, line in enumerate(read_text(path, what).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FactcheckError(f"invalid JSON: {exc.msg}", path=path, line=number) from None
        if not isinstance(item, dict):
            raise FactcheckError("each line must be a JSON object", path=path, line=number)
        yield number, item


def compose(text: str, path: Path) -> yaml.Node | None:
    """Parse YAML into nodes (with line marks); syntax errors name their line."""
    try:
        return yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError:
        pass  # parse again with the pure-Python loader: its messages and marks are the clearer ones
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context_mark is not None and "<stream end>" in problem:
            # Unclosed brackets and quotes are only noticed at the end of the file;
            # the line where they were opened is the one to fix.
            problem = f"{problem} ({exc.context} on this line was never closed)"
            mark = exc.context_mark
        line = mark.line + 1 if mark else None
        raise FactcheckError(f"invalid YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise FactcheckError(f"invalid YAML: {exc}", path=path) from None


# libyaml's parser when PyYAML was built with it (the wheels are): same nodes and marks, ~10x faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class NodeReader:
    """Typed access to YAML nodes; every mismatch raises a FactcheckError with the node's line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: yaml.Node, message: str) -> FactcheckError:
        return FactcheckError(message, path=self.path, line=line_of(node))

    def mapping(
        self, node: yaml.Node, what: str, allowed: Iterable[str] | None = None, *, any_key_type: bool = False
    ) -> dict[str, yaml.Node]:
        """A mapping's entries by key. ``any_key_type`` keeps keys as written (``000:`` stays "000", not 0)."""
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        out: dict[str, yaml.Node] = {}
        allowed_keys = tuple(allowed) if allowed is not None else None
        for key_node, value_node in node.value:
            key = self.scalar(key_node, f"a key in {what}", any_type=any_key_type)
            if key in out:
                raise self.fail(key_node, f"duplicate key '{key}' in {what}")
            if allowed_keys is not None and key not in allowed_keys:
                raise self.fail(key_node, f"unknown key '{key}' in {what} (allowed: {', '.join(allowed_keys)})")
            out[key] = value_node
        return out

    def scalar(self, node: yaml.Node, what: str, *, any_type: bool = False) -> str:
        """A scalar's text. Unless ``any_type``, numbers and booleans are refused (``match: 5`` is a slip)."""
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
            raise self.fail(node, f"{what} must be a string")
        if not any_type and node.tag != _STR:
            raise self.fail(
                node, f'{what} must be a string, not {node.tag.rsplit(":", 1)[-1]} (quote it: "{node.value}")'
            )
        return str(node.value)

    def text(self, node: yaml.Node, what: str) -> str:
        value = self.scalar(node, what).strip()
        if not value:
            raise self.fail(node, f"{what} must not be empty")
        return value

    def strings(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        """A string or a list of strings."""
        if isinstance(node, yaml.ScalarNode):
            return (self.text(node, what),)
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a string or a list of strings")
        return tuple(self.text(item, f"each item of {what}") for item in node.value)


ClaimHook = Callable[[Claim, dict[str, yaml.Node], NodeReader], Any]


def parse_claims(
    text: str,
    path: Path,
    *,
    extra_keys: tuple[str, ...] = (),
    on_claim: ClaimHook | None = None,
) -> ClaimSet:
    """Parse the text of a claims file. ``extra_keys``/``on_claim`` let the gold-set loader add ``expect``."""
    reader = NodeReader(path)
    root = compose(text, path)
    if root is None:
        raise FactcheckError("the file is empty; expected a 'claims:' list", path=path, line=1)
    top = reader.mapping(root, "the top level", _TOP_KEYS)
    if "version" in top:
        version = reader.scalar(top["version"], "version", any_type=True)
        if version != str(FORMAT_VERSION):
            raise reader.fail(top["version"], f"unsupported version {version}; this factcheck reads version 1")
    if "claims" not in top:
        raise FactcheckError("missing 'claims:' list", path=path, line=1)
    claims_node = top["claims"]
    if not isinstance(claims_node, yaml.SequenceNode):
        raise reader.fail(claims_node, "'claims' must be a list")
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    for item in claims_node.value:
        fields = reader.mapping(item, "a claim", _CLAIM_KEYS + extra_keys)
        if "id" not in fields:
            raise reader.fail(item, "claim has no 'id'")
        if "text" not in fields:
            raise reader.fail(item, f"claim '{reader.scalar(fields['id'], 'id')}' has no 'text'")
        claim_id = reader.text(fields["id"], "id")
        if not SLUG_RE.match(claim_id):
            raise reader.fail(fields["id"], f"id '{claim_id}' must be a slug: lower-case letters, digits, '-' or '_'")
        if claim_id in seen:
            raise reader.fail(fields["id"], f"duplicate id '{claim_id}' (first used on line {seen[claim_id]})")
        seen[claim_id] = line_of(fields["id"])
        claim = Claim(
            id=claim_id,
            text=reader.text(fields["text"], f"text of claim '{claim_id}'"),
            match=reader.strings(fields["match"], f"match of claim '{claim_id}'") if "match" in fields else (),
            counter=reader.strings(fields["counter"], f"counter of claim '{claim_id}'") if "counter" in fields else (),
            tags=reader.strings(fields["tags"], f"tags of claim '{claim_id}'") if "tags" in fields else (),
            line=line_of(item),
        )
        if on_claim is not None:
            on_claim(claim, fields, reader)
        claims.append(claim)
    glossary: dict[str, tuple[str, ...]] = {}
    if "glossary" in top:
        for term, node in reader.mapping(top["glossary"], "glossary").items():
            glossary[term.strip()] = reader.strings(node, f"glossary entry '{term}'")
    actors = _parse_actors(top["actors"], reader) if "actors" in top else {}
    lexicon = _parse_lexicon(top["lexicon"], reader) if "lexicon" in top else LexiconExtension()
    return ClaimSet(tuple(claims), glossary, path, actors, lexicon)


def _parse_lexicon(node: yaml.Node, reader: NodeReader) -> LexiconExtension:
    """``lexicon: {framing: [...], denial: [...], rebuttal: [...], opposites: [[side, side], ...]}``."""
    fields = reader.mapping(node, "lexicon", _LEXICON_KEYS)
    words = {key: reader.strings(fields[key], f"lexicon {key}") for key in ("framing", "rebuttal") if key in fields}
    denial = reader.strings(fields["denial"], "lexicon denial") if "denial" in fields else ()
    for word in denial:
        if len(word.split()) != 1:
            raise reader.fail(fields["denial"], f"lexicon denial '{word}' must be one word (a verb or noun of denying)")
    groups: list[tuple[tuple[str, ...], ...]] = []
    if "opposites" in fields:
        groups_node = fields["opposites"]
        if not isinstance(groups_node, yaml.SequenceNode):
            raise reader.fail(groups_node, "lexicon opposites must be a list of groups, each a list of opposite sides")
        for group in groups_node.value:
            if not isinstance(group, yaml.SequenceNode) or len(group.value) < 2:
                raise reader.fail(group, "each group of lexicon opposites lists two or more opposite sides")
            groups.append(tuple(reader.strings(side, "a side of lexicon opposites") for side in group.value))
        from factcheck.opposites import load_opposites  # the lexicon's own checks

        try:
            load_opposites(groups)
        except ValueError as exc:
            raise reader.fail(groups_node, f"lexicon {exc}") from None
    return LexiconExtension(
        framing=words.get("framing", ()), denial=denial, rebuttal=words.get("rebuttal", ()), opposites=tuple(groups)
    )


def _parse_actors(node: yaml.Node, reader: NodeReader) -> dict[str, tuple[str | tuple[str, ...], ...]]:
    """``actors: {group: [name, [alias, alias], ...]}``, extending the built-in actor gazetteer."""
    actors: dict[str, tuple[str | tuple[str, ...], ...]] = {}
    for group, names_node in reader.mapping(node, "actors").items():
        if not SLUG_RE.match(group):
            raise reader.fail(
                names_node, f"actor group '{group}' must be a slug: lower-case letters, digits, '-' or '_'"
            )
        if isinstance(names_node, yaml.ScalarNode):
            actors[group] = (reader.text(names_node, f"actors of group '{group}'"),)
            continue
        if not isinstance(names_node, yaml.SequenceNode):
            raise reader.fail(names_node, f"actors of group '{group}' must be a list of names")
        entries: list[str | tuple[str, ...]] = []
        for item in names_node.value:
            if isinstance(item, yaml.SequenceNode):
                entries.append(reader.strings(item, f"an actor's names in group '{group}'"))
            else:
                entries.append(reader.text(item, f"a name in group '{group}'"))
        actors[group] = tuple(entries)
    from factcheck.attribution import load_actors  # the gazetteer's own checks, only when actors are given

    try:
        load_actors(actors)
    except ValueError as exc:
        raise reader.fail(node, f"actors: {exc}") from None
    return actors


def load_claims(path: Path | str) -> ClaimSet:
    """Read and validate a claims file."""
    path = Path(path)
    return parse_claims(read_text(path, "claims file"), path)
