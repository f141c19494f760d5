"""Safe YAML loading that keeps the line of every node.

PyYAML's C parser turns the text into a stream of events; this module builds plain Python data
from that stream itself, without recursion, so that it can

* record the 1-based line of every mapping key, sequence item and scalar (``Marks``),
* reject duplicate keys, custom tags, merge keys and complex keys,
* refuse nesting deeper than ``MAX_DEPTH`` and documents whose aliases expand past
  ``MAX_EXPANDED_NODES`` nodes (alias bombs) before they can exhaust the machine.

Nothing here knows about standards, rubrics or answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from cxassess.i18n import Msg, msg

try:  # the C parser is much faster; marks are available from both
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]

MAX_EXPANDED_NODES = 200_000
MAX_DEPTH = 64

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
_MERGE_TAG = "tag:yaml.org,2002:merge"

# PyYAML's problem texts (English prose from the parser) → our message codes
_SYNTAX = {
    "did not find expected key": "yaml.problem.expected_key",
    "mapping values are not allowed here": "yaml.problem.mapping_values",
    "could not find expected ':'": "yaml.problem.expected_colon",
    "did not find expected '-' indicator": "yaml.problem.expected_dash",
    "found character '\\t' that cannot start any token": "yaml.problem.tab",
    "found character that cannot start any token": "yaml.problem.bad_character",
    "found unexpected end of stream": "yaml.problem.end_of_stream",
    "found unknown escape character": "yaml.problem.escape",
    "found invalid Unicode character escape code": "yaml.problem.unicode_escape",
    "expected escape sequence of": "yaml.problem.unicode_escape",
    "expected <block end>, but found '-'": "yaml.problem.dash_indent",
    "did not find expected node content": "yaml.problem.node_content",
    "did not find expected <document start>": "yaml.problem.document_start",
    "found undefined alias": "yaml.problem.undefined_alias",
    "found unexpected ':'": "yaml.problem.unexpected_colon",
    "found a tab character that violates indentation": "yaml.problem.tab",
    "found a tab character where an indentation space is expected": "yaml.problem.tab",
    "control characters are not allowed": "yaml.problem.control_characters",
    "expected a comment or a line break": "yaml.problem.line_break",
    "did not find expected comment or line break": "yaml.problem.line_break",
    "found duplicate anchor": "yaml.problem.duplicate_anchor",
}


class YamlError(Exception):
    """A document that cannot be read as safe, plain YAML."""

    def __init__(self, line: int | None, path: Path, message: Msg) -> None:
        super().__init__(message.text("en"))
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


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


def syntax_problem(problem: str | None) -> Msg:
    """A parser problem as a message: a known one by its code, else the parser's own words."""
    text = problem or ""
    for english, code in _SYNTAX.items():
        if text.startswith(english):
            return msg(code)
    return msg("yaml.problem.other", detail=text[:200])


@dataclass
class _Frame:
    """A mapping or sequence being built."""

    value: dict[Any, Any] | list[Any]
    path: Path
    anchor: str | None
    size: int = 1
    key: Any = None  # a mapping's pending key
    key_line: int = 0
    have_key: bool = False
    first_line: dict[Any, int] = field(default_factory=dict)


class _Builder:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.marks = Marks()
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor → (value, expanded size)
        self.open_anchors: set[str] = set()
        self.total = 0

    def _count(self, n: int, line: int, path: Path) -> None:
        self.total += n
        if self.total > MAX_EXPANDED_NODES:
            raise YamlError(line, path, msg("yaml.alias_bomb", limit=MAX_EXPANDED_NODES))

    def _scalar(self, event: Any, path: Path) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag not in _SCALAR_TAGS and tag != _MERGE_TAG:
            raise YamlError(_line(event), path, msg("yaml.custom_tag", tag=_tag(tag)))
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        if tag == _MERGE_TAG:
            return _MergeKey
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError):
            code = "yaml.bad_date" if tag == "tag:yaml.org,2002:timestamp" else "yaml.bad_value"
            raise YamlError(_line(event), path, msg(code, found=repr(event.value[:60]))) from None

    def build(self, events: Any) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        have_root = False
        for event in events:
            if isinstance(event, yaml.StreamStartEvent | yaml.DocumentStartEvent):
                if isinstance(event, yaml.DocumentStartEvent) and have_root:
                    raise YamlError(_line(event), (), msg("yaml.several_documents"))
                continue
            if isinstance(event, yaml.DocumentEndEvent | yaml.StreamEndEvent):
                continue
            parent = stack[-1] if stack else None
            # where the value being started or finished belongs
            if parent is None:
                path: Path = ()
            elif isinstance(parent.value, list):
                path = (*parent.path, len(parent.value))
            elif parent.have_key:
                path = (*parent.path, parent.key)
            else:
                path = parent.path  # a key

            is_key = parent is not None and isinstance(parent.value, dict) and not parent.have_key
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.value, frame.size)
                    self.open_anchors.discard(frame.anchor)
                self._attach(stack, frame.value, frame.size, frame.path, event)
                if not stack:
                    root, have_root = frame.value, True
                continue

            if is_key and not isinstance(event, yaml.ScalarEvent):
                if isinstance(event, yaml.AliasEvent):
                    raise YamlError(_line(event), path, msg("yaml.complex_key"))
                raise YamlError(_line(event), path, msg("yaml.complex_key"))

            if isinstance(event, yaml.AliasEvent):
                if event.anchor in self.open_anchors:
                    raise YamlError(_line(event), path, msg("yaml.recursive_alias"))
                if event.anchor not in self.anchors:
                    raise YamlError(_line(event), path, msg("yaml.problem.undefined_alias"))
                value, size = self.anchors[event.anchor]
                self._count(size, _line(event), path)
                self.marks.lines.setdefault(path, _line(event))
                self._attach(stack, value, size, path, event)
                if not stack:
                    root, have_root = value, True
                continue

            if isinstance(event, yaml.ScalarEvent):
                self._count(1, _line(event), path)
                value = self._scalar(event, path)
                if is_key:
                    assert parent is not None
                    self._key(parent, value, event)
                    continue
                self.marks.lines.setdefault(path, _line(event))
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                self._attach(stack, value, 1, path, event)
                if not stack:
                    root, have_root = value, True
                continue

            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                want = _MAP_TAG if isinstance(event, yaml.MappingStartEvent) else _SEQ_TAG
                if event.tag not in (None, "!", want):
                    raise YamlError(_line(event), path, msg("yaml.custom_tag", tag=_tag(event.tag)))
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(_line(event), path, msg("yaml.too_deep", limit=MAX_DEPTH))
                self._count(1, _line(event), path)
                self.marks.lines.setdefault(path, _line(event))
                container: dict[Any, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                stack.append(_Frame(container, path, event.anchor))
                continue
        return root if have_root else None

    def _key(self, frame: _Frame, key: Any, event: Any) -> None:
        if key is _MergeKey:
            raise YamlError(_line(event), frame.path, msg("yaml.merge_key"))
        if isinstance(key, float | bool) or key is None:
            key = str(event.value)
        assert isinstance(frame.value, dict)
        if key in frame.value or key in frame.first_line:
            raise YamlError(
                _line(event),
                (*frame.path, key),
                msg("yaml.duplicate_key", key=repr(key), line=frame.first_line[key]),
            )
        frame.first_line[key] = _line(event)
        frame.key, frame.have_key, frame.key_line = key, True, _line(event)
        self.marks.lines[(*frame.path, key)] = _line(event)

    def _attach(self, stack: list[_Frame], value: Any, size: int, path: Path, event: Any) -> None:
        if not stack:
            return
        parent = stack[-1]
        parent.size += size
        if isinstance(parent.value, list):
            parent.value.append(value)
        else:
            parent.value[parent.key] = value
            parent.have_key = False


class _MergeKeyType:
    pass


_MergeKey = _MergeKeyType()


def _events(loader: Any) -> Any:
    while loader.check_event():
        yield loader.get_event()


def load_text(text: str) -> Document:
    """Parse one YAML document into plain data with line marks."""
    loader = _Loader(text)
    try:
        builder = _Builder(loader)
        try:
            data = builder.build(_events(loader))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = int(mark.line) + 1 if mark is not None else None
            raise YamlError(line, (), msg("yaml.syntax", problem=syntax_problem(exc.problem))) from None
        except yaml.reader.ReaderError as exc:
            line = text.count("\n", 0, max(0, int(exc.position))) + 1
            code = f"U+{int(exc.character):04X}" if isinstance(exc.character, int) else repr(exc.character)
            problem = msg(
                "yaml.problem.nul_character" if exc.character in (0, "\x00") else "yaml.problem.character", char=code
            )
            raise YamlError(line, (), msg("yaml.syntax", problem=problem)) from None
        except yaml.YAMLError as exc:
            raise YamlError(None, (), msg("yaml.syntax", problem=syntax_problem(str(exc)))) from None
        return Document(data, builder.marks)
    finally:
        loader.dispose()
