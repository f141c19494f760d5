"""Safe YAML loading that keeps the line of every node.

PyYAML composes the document into a node graph (C parser where available); this module
turns that graph into plain Python data itself so that it can

* record the 1-based line of every mapping key, sequence item and scalar (``Marks``),
* reject duplicate keys, custom tags and merge keys, and
* refuse documents whose aliases expand past a sane number of nodes (alias bombs).

Nothing here knows about standards, rubrics or answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # the C parser is much faster; marks are available from both
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]

MAX_BYTES = 5 * 1024 * 1024
MAX_EXPANDED_NODES = 200_000

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class YamlError(Exception):
    """A document that cannot be read as safe, plain YAML."""

    def __init__(self, line: int | None, path: Path, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.path = path
        self.message = message


@dataclass
class Marks:
    """Line numbers (1-based) of the nodes of one document, by path."""

    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while True:
            if p in self.lines:
                return self.lines[p]
            if not p:
                return None
            p = p[:-1]


@dataclass
class Document:
    data: Any
    marks: Marks


def _tag(tag: str) -> str:
    """A tag as it is written in the file (``!!python/object`` rather than its URI)."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _expanded_size(root: yaml.Node) -> int:
    """Number of nodes the document has once every alias is expanded.

    Computed in linear time by memoising per node; stops early once past the limit.
    """
    memo: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in memo:
            return memo[key]
        memo[key] = 1  # guards against recursive aliases
        total = 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
                if total > MAX_EXPANDED_NODES:
                    break
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += size(item)
                if total > MAX_EXPANDED_NODES:
                    break
        memo[key] = total
        return total

    return size(root)


class _Builder:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.marks = Marks()
        self.active: set[int] = set()

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.marks.lines.setdefault(path, _line(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise YamlError(_line(node), path, f"expected plain YAML, found the custom tag {_tag(node.tag)}")
            return self.loader.construct_object(node, deep=True)
        if id(node) in self.active:
            raise YamlError(_line(node), path, "expected a finite document, found a recursive alias")
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                if node.tag != _SEQ_TAG:
                    raise YamlError(_line(node), path, f"expected plain YAML, found the custom tag {_tag(node.tag)}")
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode):
                if node.tag != _MAP_TAG:
                    raise YamlError(_line(node), path, f"expected plain YAML, found the custom tag {_tag(node.tag)}")
                return self._mapping(node, path)
        finally:
            self.active.discard(id(node))
        raise YamlError(_line(node), path, "expected a YAML node")  # pragma: no cover

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(_line(key_node), path, "expected plain keys, found a merge key '<<'")
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(_line(key_node), path, "expected a plain key, found a complex key")
            key = self.build(key_node, path)
            if isinstance(key, float | bool) or key is None:
                key = str(key_node.value)
            if key in out:
                raise YamlError(
                    _line(key_node),
                    (*path, key),
                    f"expected each key once, found {key!r} again (first at line {first_line[key]})",
                )
            first_line[key] = _line(key_node)
            child = (*path, key)
            self.marks.lines[child] = _line(key_node)
            out[key] = self.build(value_node, child)
        return out


def load_text(text: str) -> Document:
    """Parse one YAML document into plain data with line marks."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlError(None, (), f"expected a file of at most {MAX_BYTES} bytes, found a larger one")
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = int(mark.line) + 1 if mark is not None else None
            problem = exc.problem or "invalid YAML"
            raise YamlError(line, (), f"expected valid YAML, found a syntax error: {problem}") from None
        except yaml.YAMLError as exc:
            raise YamlError(None, (), f"expected valid YAML, found: {exc}") from None
        if root is None:
            return Document(None, Marks())
        if _expanded_size(root) > MAX_EXPANDED_NODES:
            raise YamlError(
                _line(root),
                (),
                f"expected at most {MAX_EXPANDED_NODES} nodes once aliases are expanded, found more (an alias bomb?)",
            )
        builder = _Builder(loader)
        try:
            data = builder.build(root, ())
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            line = int(mark.line) + 1 if mark is not None else None
            raise YamlError(line, (), f"expected a valid value, found: {exc.problem}") from None
        return Document(data, builder.marks)
    finally:
        loader.dispose()
