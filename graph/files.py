"""Reads a bundle directory: YAML or JSON files, each a mapping of section name to records."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from graph.bundle import SECTIONS

SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Location:
    """Where a record, or a problem with it, is: file, section, position, id and line."""

    file: str
    section: str | None = None
    index: int | None = None
    record_id: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        if self.section is not None:
            where += f": {self.section}" + (f"[{self.index}]" if self.index is not None else "")
        if self.record_id:
            where += f" ({self.record_id})"
        return where


@dataclass
class RawRecord:
    section: str
    data: dict
    location: Location


# What kind of problem a BundleProblem is, set by the check that finds it, so that a caller (the
# API's status codes) can tell them apart without reading the message:
#   invalid    the input itself is wrong: it cannot be read, a field breaks its rule, a value is past a limit;
#   dangling   a reference to a node that is neither in the input nor (where it may be) in the graph;
#   duplicate  an id, or a name or alias, that already belongs to another record;
#   conflict   two statements of the input that cannot both hold (a link declared twice, a target
#              both rejected and taken).
ProblemCode = Literal["invalid", "dangling", "duplicate", "conflict"]


@dataclass
class BundleProblem:
    location: Location
    message: str
    field: str | None = None
    code: ProblemCode = "invalid"  # reading a file or document finds only invalid input

    def __str__(self) -> str:
        return f"{self.location}: " + (f"field '{self.field}': " if self.field else "") + self.message


@dataclass
class RawBundle:
    records: list[RawRecord] = field(default_factory=list)
    problems: list[BundleProblem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


# How deep a document may nest: document, section list, record, then the record's own levels
# (graph.validate limits those further, field by field). Checked right after parsing, before any
# recursive walk could run out of stack.
MAX_DOCUMENT_DEPTH = 12


# How many values all aliases (*name) of one document may stand for together. PyYAML itself writes
# aliases for shared values, so they are allowed; but a body under 1 KB of nested aliases (billion
# laughs) stands for billions of values and gigabytes once expanded.
MAX_ALIAS_EXPANSION = 10_000


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that remembers the line each mapping starts on, and refuses a document
    whose aliases expand past MAX_ALIAS_EXPANSION values."""

    def __init__(self, stream):
        super().__init__(stream)
        self._expanded = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            if event.anchor in self.anchors:
                self._expanded += self._size(self.anchors[event.anchor])
                if self._expanded > MAX_ALIAS_EXPANSION:
                    raise yaml.composer.ComposerError(
                        None,
                        None,
                        f"its aliases (*name) stand for more than {MAX_ALIAS_EXPANSION} values; write the values out",
                        event.start_mark,
                    )
        return super().compose_node(parent, index)

    def _size(self, node) -> int:
        """How many values `node` stands for with its aliases expanded (a shared node counts each
        time it appears, as it will once loaded)."""
        if id(node) not in self._sizes:
            if isinstance(node, yaml.SequenceNode):
                size = 1 + sum(self._size(item) for item in node.value)
            elif isinstance(node, yaml.MappingNode):
                size = 1 + sum(self._size(key) + self._size(value) for key, value in node.value)
            else:
                size = 1
            self._sizes[id(node)] = size
        return self._sizes[id(node)]


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)
# Keep dates as text: pydantic turns them into dates and reports bad ones with their field.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _strip_lines(value):
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def bundle_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def read_bundle(directory: Path) -> RawBundle:
    """All records in `directory`, with the problems that stop a file from being read at all."""
    bundle = RawBundle()
    directory = Path(directory)
    if not directory.is_dir():
        bundle.problems.append(BundleProblem(Location(str(directory)), "not a directory"))
        return bundle
    files = bundle_files(directory)
    if not files:
        bundle.problems.append(BundleProblem(Location(str(directory)), "holds no .yaml, .yml or .json file"))
    for path in files:
        name = str(path.relative_to(directory))
        bundle.files.append(name)
        _read_file(path, name, bundle)
    return bundle


def read_content(content, name: str) -> RawBundle:
    """A bundle of one already parsed document, e.g. a request body: a mapping of section names to
    lists of records. `name` stands in for the file name in every problem ("request body")."""
    bundle = RawBundle(files=[name])
    if content is None:
        # An empty file in a directory is harmless; a bundle that is nothing at all is a mistake.
        bundle.problems.append(BundleProblem(Location(name), "is empty: expected a mapping of section names to lists"))
    else:
        _add_content(content, name, bundle)
    return bundle


def read_text(data: str | bytes, name: str, fmt: str) -> RawBundle:
    """A bundle of one document given as text, `fmt` "json" or "yaml"; YAML keeps line numbers."""
    bundle = RawBundle(files=[name])
    content = _parse(data, name, fmt, bundle)
    return bundle if bundle.problems else read_content(content, name)


def _read_file(path: Path, name: str, bundle: RawBundle) -> None:
    content = _parse(path.read_bytes(), name, "json" if path.suffix.lower() == ".json" else "yaml", bundle)
    if content is not None:
        _add_content(content, name, bundle)


def _parse(data: str | bytes, name: str, fmt: str, bundle: RawBundle):
    """The document's content, or None with a problem added when it cannot be read."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        content = json.loads(text) if fmt == "json" else yaml.load(text, Loader=_LineLoader)
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as error:
        bundle.problems.append(BundleProblem(Location(name), f"cannot be parsed: {error}"))
        return None
    except RecursionError:
        bundle.problems.append(
            BundleProblem(Location(name), f"cannot be parsed: it is nested more than {MAX_DOCUMENT_DEPTH} levels deep")
        )
        return None
    if _depth_over(content, MAX_DOCUMENT_DEPTH):
        bundle.problems.append(BundleProblem(Location(name), f"is nested more than {MAX_DOCUMENT_DEPTH} levels deep"))
        return None
    return content


def _depth_over(content, limit: int) -> bool:
    """Whether `content` nests deeper than `limit`; without recursion, so any depth is safe."""
    stack = [(content, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return False


def _add_content(content, name: str, bundle: RawBundle) -> None:
    """Adds the records of one parsed document to `bundle`, and the problems that keep any out."""
    if not isinstance(content, dict):
        bundle.problems.append(BundleProblem(Location(name), "must be a mapping of section names to lists"))
        return
    for section, items in content.items():
        if section == "__line__":
            continue
        if section not in SECTIONS:
            bundle.problems.append(
                BundleProblem(Location(name, section), f"unknown section; known are: {', '.join(SECTIONS)}")
            )
            continue
        if not isinstance(items, list):
            bundle.problems.append(BundleProblem(Location(name, section), "must be a list of records"))
            continue
        for index, item in enumerate(items):
            line = item.get("__line__") if isinstance(item, dict) else None
            record_id = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
            location = Location(name, section, index, record_id, line)
            if not isinstance(item, dict):
                bundle.problems.append(BundleProblem(location, "a record must be a mapping"))
                continue
            bundle.records.append(RawRecord(section, _strip_lines(item), location))
