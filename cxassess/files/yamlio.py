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

import re
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
# an integer longer than this is no count or level: Python cannot even print it in decimal
# past 4,300 digits, and a hexadecimal or binary one is read without that limit
MAX_INT_BITS = 4096

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STR_TAG = "tag:yaml.org,2002:str"
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
    # libyaml (the C parser) words some of the same problems differently
    "mapping values are not allowed in this context": "yaml.problem.mapping_values",
    "mapping keys are not allowed in this context": "yaml.problem.mapping_keys",
    "block sequence entries are not allowed in this context": "yaml.problem.dash_indent",
    "did not find expected ',' or ']'": "yaml.problem.unclosed_sequence",
    "did not find expected ',' or '}'": "yaml.problem.unclosed_mapping",
    "did not find expected hexdecimal number": "yaml.problem.unicode_escape",
    "found unexpected document indicator": "yaml.problem.document_start",
    "found an indentation indicator equal to 0": "yaml.problem.block_indicator",
    "found a indentation indicator equal to 0": "yaml.problem.block_indicator",
    "did not find expected alphabetic or numeric character": "yaml.problem.anchor_name",
    "found duplicate %YAML directive": "yaml.problem.directive",
    "found duplicate %TAG directive": "yaml.problem.directive",
    "found incompatible YAML document": "yaml.problem.directive",
    "found unknown directive name": "yaml.problem.directive",
    "did not find expected directive name": "yaml.problem.directive",
    "found unexpected non-alphabetical character": "yaml.problem.directive",
    "did not find expected whitespace": "yaml.problem.directive",
    "did not find expected digit or '.' character": "yaml.problem.directive",
    "found extremely long version number": "yaml.problem.directive",
    "found undefined tag handle": "yaml.problem.tag",
    "did not find expected tag URI": "yaml.problem.tag",
    "did not find URI escaped octet": "yaml.problem.tag",
    "found an incorrect leading UTF-8 octet": "yaml.problem.tag",
    "found an incorrect trailing UTF-8 octet": "yaml.problem.tag",
    "did not find expected '!'": "yaml.problem.tag",
    "did not find expected '>'": "yaml.problem.tag",
    "found extremely long": "yaml.problem.too_long",
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


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence being built."""

    value: dict[Any, Any] | list[Any]
    path: Path
    anchor: str | None
    is_map: bool
    size: int = 1
    key: Any = None  # a mapping's pending key
    have_key: bool = False
    first_line: dict[Any, int] = field(default_factory=dict)


# Plain scalars resolve to a tag by regular expressions; the same (value, style) always gives the
# same tag, and answers files repeat the same short values (kinds, levels, keys) thousands of
# times, so resolutions of short values are remembered (bounded).
_RESOLVED: dict[tuple[str, Any], str] = {}
_RESOLVED_MAX = 20_000
_RESOLVE_SHORT = 64


_RESOLVER: Any = yaml.resolver.Resolver()  # the safe loaders' resolver (no path resolvers)


def _resolve(value: str, implicit: Any) -> str:
    """The tag of an untagged scalar, as the safe loader resolves it."""
    if len(value) > _RESOLVE_SHORT:
        return str(_RESOLVER.resolve(yaml.ScalarNode, value, implicit))
    key = (value, implicit)
    tag = _RESOLVED.get(key)
    if tag is None:
        tag = str(_RESOLVER.resolve(yaml.ScalarNode, value, implicit))
        if len(_RESOLVED) >= _RESOLVED_MAX:
            _RESOLVED.clear()
        _RESOLVED[key] = tag
    return tag


class _Builder:
    """Builds plain data from the parser's events in one loop (no recursion).

    The loop is written for speed (it reads every answers file of a benchmark of thousands):
    event classes are compared by identity, plain strings skip the constructor, and the line of
    a mapping value is its key's line (recorded with the key).
    """

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
            tag = _resolve(event.value, event.implicit)
        if tag == _STR_TAG:
            return event.value  # what the constructor gives for a string, without a node
        if tag not in _SCALAR_TAGS and tag != _MERGE_TAG:
            raise YamlError(_line(event), path, msg("yaml.custom_tag", tag=_tag(tag)))
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        if tag == _MERGE_TAG:
            return _MergeKey
        try:
            value = self.loader.construct_object(node, deep=True)
            if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
                raise ValueError("an integer too long to print")  # 0xfff… has no digit limit
            return value
        except (yaml.constructor.ConstructorError, ValueError, OverflowError):
            code = "yaml.bad_value"
            if tag == "tag:yaml.org,2002:timestamp":
                code = "yaml.bad_date"
            raise YamlError(_line(event), path, msg(code, found=repr(event.value[:60]))) from None

    def build(self, get_event: Any) -> Any:
        stack: list[_Frame] = []
        lines = self.marks.lines
        root: Any = None
        have_root = False
        parent: _Frame | None = None  # the innermost open mapping or sequence (stack[-1])
        while True:
            event = get_event()
            cls = event.__class__
            if cls is yaml.ScalarEvent:
                # the most common event first: a key, a mapping value or a sequence item
                if parent is None:
                    self._count(1, _line(event), ())
                    value = self._scalar(event, ())
                    lines.setdefault((), _line(event))
                    if event.anchor is not None:
                        self.anchors[event.anchor] = (value, 1)
                    root, have_root = value, True
                    continue
                self.total += 1
                if parent.is_map:
                    if not parent.have_key:
                        if self.total > MAX_EXPANDED_NODES:
                            self._count(0, _line(event), parent.path)
                        self._key(parent, self._scalar(event, parent.path), event)
                        continue
                    path = (*parent.path, parent.key)
                    if self.total > MAX_EXPANDED_NODES:
                        self._count(0, _line(event), path)
                    value = self._scalar(event, path)
                    # the path's line is already its key's line
                    if event.anchor is not None:
                        self.anchors[event.anchor] = (value, 1)
                    parent.size += 1
                    parent.value[parent.key] = value
                    parent.have_key = False
                    continue
                items = parent.value
                assert isinstance(items, list)
                path = (*parent.path, len(items))
                if self.total > MAX_EXPANDED_NODES:
                    self._count(0, _line(event), path)
                value = self._scalar(event, path)
                lines.setdefault(path, _line(event))
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                parent.size += 1
                items.append(value)
                continue
            if cls is yaml.StreamEndEvent:
                break
            if cls is yaml.StreamStartEvent or cls is yaml.DocumentEndEvent:
                continue
            if cls is yaml.DocumentStartEvent:
                if have_root:
                    raise YamlError(_line(event), (), msg("yaml.several_documents"))
                continue
            # where the value being started or finished belongs
            if parent is None:
                path = ()
            elif not parent.is_map:
                path = (*parent.path, len(parent.value))
            elif parent.have_key:
                path = (*parent.path, parent.key)
            else:
                path = parent.path  # a key
            is_key = parent is not None and parent.is_map and not parent.have_key

            if cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                frame = stack.pop()
                parent = stack[-1] if stack else None
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.value, frame.size)
                    self.open_anchors.discard(frame.anchor)
                self._attach(parent, frame.value, frame.size)
                if parent is None:
                    root, have_root = frame.value, True
                continue

            if is_key:
                raise YamlError(_line(event), path, msg("yaml.complex_key"))

            if cls is yaml.AliasEvent:
                if event.anchor in self.open_anchors:
                    raise YamlError(_line(event), path, msg("yaml.recursive_alias"))
                if event.anchor not in self.anchors:
                    raise YamlError(_line(event), path, msg("yaml.problem.undefined_alias"))
                value, size = self.anchors[event.anchor]
                self._count(size, _line(event), path)
                lines.setdefault(path, _line(event))
                self._attach(parent, value, size)
                if parent is None:
                    root, have_root = value, True
                continue

            if cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                is_map = cls is yaml.MappingStartEvent
                want = _MAP_TAG if is_map else _SEQ_TAG
                if event.tag not in (None, "!", want):
                    raise YamlError(_line(event), path, msg("yaml.custom_tag", tag=_tag(event.tag)))
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(_line(event), path, msg("yaml.too_deep", limit=MAX_DEPTH))
                self._count(1, _line(event), path)
                lines.setdefault(path, _line(event))
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                parent = _Frame({} if is_map else [], path, event.anchor, is_map)
                stack.append(parent)
                continue
        return root if have_root else None

    def _key(self, frame: _Frame, key: Any, event: Any) -> None:
        if key is _MergeKey:
            raise YamlError(_line(event), frame.path, msg("yaml.merge_key"))
        if isinstance(key, float | bool) or key is None:
            key = str(event.value)
        if key in frame.value or key in frame.first_line:
            raise YamlError(
                _line(event),
                (*frame.path, key),
                msg("yaml.duplicate_key", key=repr(key), line=frame.first_line[key]),
            )
        line = _line(event)
        frame.first_line[key] = line
        frame.key, frame.have_key = key, True
        self.marks.lines[(*frame.path, key)] = line

    @staticmethod
    def _attach(parent: _Frame | None, value: Any, size: int) -> None:
        if parent is None:
            return
        parent.size += size
        if parent.is_map:
            assert isinstance(parent.value, dict)
            parent.value[parent.key] = value
            parent.have_key = False
        else:
            assert isinstance(parent.value, list)
            parent.value.append(value)


class _MergeKeyType:
    pass


_MergeKey = _MergeKeyType()


def load_text(text: str) -> Document:
    """Parse one YAML document into plain data with line marks."""
    fast = _fast_load(text)
    if fast is not None:
        return fast
    return _load_events(text)


def _load_events(text: str) -> Document:
    """Parse with the C parser's events (every document, with every check and error)."""
    loader = _Loader(text)
    try:
        builder = _Builder(loader)
        try:
            data = builder.build(loader.get_event)
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


# --------------------------------------------------------------------------- the common case, fast
#
# Answers files are mostly comments around a few hundred lines of block mappings and sequences of
# one-line scalars. ``_fast_load`` reads exactly that subset line by line, several times faster
# than building from the parser's events, and gives up (returns None) at the first thing outside
# it: flow collections other than ``[]``/``{}``, block or multi-line scalars, anchors, aliases,
# tags, escapes, directives, tabs, unusual line breaks or characters, duplicate keys, documents
# deeper or larger than the limits, anything an error might be reported for. The event builder
# then reads the document, so every problem is reported by one reader with one wording. The two
# readers are compared on every file of the repository and on thousands of mutated documents
# (tests/test_yamlio.py): the same data and the same line marks.

# characters libyaml reads as printable, less tab, CR, NEL, LS, PS and the BOM
_FAST_UNSAFE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FAST_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_NULL = (True, False)  # a plain scalar's implicit flags
_MAX_FAST_KEY = 200


class _GiveUp(Exception):
    """Outside the fast reader's subset: the event builder reads the document."""


def _rest_is_comment(rest: str) -> bool:
    """Nothing, spaces, or spaces then a comment after a quoted scalar."""
    stripped = rest.lstrip(" ")
    return not stripped or (stripped[0] == "#" and len(stripped) < len(rest))


def _quoted(s: str) -> tuple[str, str]:
    """A one-line quoted scalar at the start of ``s`` without escapes: (value, what follows)."""
    quote = s[0]
    if quote == '"':
        end = s.find('"', 1)
        if end < 0 or "\\" in s[1:end]:
            raise _GiveUp
        return s[1:end], s[end + 1 :]
    i = 1
    while True:
        end = s.find("'", i)
        if end < 0:
            raise _GiveUp
        if s[end + 1 : end + 2] == "'":
            i = end + 2
            continue
        return s[1:end].replace("''", "'"), s[end + 1 :]


_PLAIN: dict[str, Any] = {}  # short plain scalars already constructed (all immutable values)
_MISSING = object()


def _plain_value(text: str) -> Any:
    """A plain scalar as the safe loader constructs it."""
    value = _PLAIN.get(text, _MISSING)
    if value is not _MISSING:
        return value
    tag = _resolve(text, _NULL)
    if tag == _STR_TAG:
        value = text
    elif tag not in _SCALAR_TAGS:
        raise _GiveUp
    else:
        try:
            value = _FAST_CONSTRUCTOR.yaml_constructors[tag](_FAST_CONSTRUCTOR, yaml.ScalarNode(tag, text))
        except Exception:
            raise _GiveUp from None
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            raise _GiveUp
    if len(text) <= _RESOLVE_SHORT:
        if len(_PLAIN) >= _RESOLVED_MAX:
            _PLAIN.clear()
        _PLAIN[text] = value
    return value


# Short mapping lines (``kind: record``, ``level: 3``, ``evidence:``) recur thousands of times:
# their key and (immutable) value are remembered by the line's text.
_ENTRIES: dict[str, tuple[Any, str, Any]] = {}
_ENTRY_SHORT = 48
_NESTED = object()  # a key whose value follows on the next lines


class _Empty:
    """``[]`` or ``{}``."""

    def __init__(self, value: list[Any] | dict[Any, Any]) -> None:
        self.value = value


def _scalar_text(s: str) -> Any:
    """The value a one-line scalar (possibly followed by a comment) gives; ``s`` starts at it."""
    first = s[0]
    if first == '"' or first == "'":
        value, rest = _quoted(s)
        if not _rest_is_comment(rest):
            raise _GiveUp
        return value
    cut = s.find(" #")
    text = (s if cut < 0 else s[:cut]).rstrip(" ")
    if first in _INDICATORS:
        if text == "[]":
            return _Empty([])
        if text == "{}":
            return _Empty({})
        raise _GiveUp
    if ": " in text or text.endswith(":"):
        raise _GiveUp
    return _plain_value(text)


def _split_key(s: str) -> tuple[Any, str, str] | None:
    """``key: rest`` → (key, raw key text, rest); None when ``s`` is not a mapping entry."""
    first = s[0]
    if first == '"' or first == "'":
        raw, rest = _quoted(s)
        if rest == ":" or rest.startswith(": "):
            return raw, raw, rest[1:].lstrip(" ")
        if _rest_is_comment(rest):
            return None  # a quoted scalar alone
        raise _GiveUp
    if first in _INDICATORS:
        raise _GiveUp
    colon = s.find(": ")
    hash_ = s.find(" #")
    if colon < 0 or (0 <= hash_ < colon):
        main = (s if hash_ < 0 else s[:hash_]).rstrip(" ")
        if not main.endswith(":"):
            return None  # a plain scalar alone
        if hash_ >= 0 and hash_ < len(main):
            raise _GiveUp
        raw, rest = main[:-1], ""
    else:
        raw, rest = s[:colon], s[colon + 2 :].lstrip(" ")
    if not raw or raw.endswith(" ") or len(raw) > _MAX_FAST_KEY or ": " in raw:
        raise _GiveUp
    return _plain_value(raw), raw, rest


class _FastReader:
    """Reads the content lines; a line gives at most four nodes (sequence item, mapping, key and
    value), so documents of at most ``MAX_EXPANDED_NODES // 4`` lines need no node count."""

    def __init__(self, lines: list[tuple[int, int, str]]) -> None:
        self.lines = lines  # (line number, indent, content) of every line that is not blank or a comment
        self.end = len(lines)
        self.pos = 0
        self.marks: dict[Path, int] = {}

    def _peek(self) -> tuple[int, int, str] | None:
        return self.lines[self.pos] if self.pos < self.end else None

    def mapping(self, indent: int, path: Path, depth: int, first: tuple[Any, str, str, int] | None = None) -> Any:
        """A block mapping whose keys sit at column ``indent``; ``first`` is an entry already
        split from a sequence item's line."""
        if depth >= MAX_DEPTH:
            raise _GiveUp
        out: dict[Any, Any] = {}
        lines, marks = self.lines, self.marks
        while True:
            value: Any = _NESTED
            if first is not None:
                key, raw, rest, lineno = first
                first = None
                if rest and rest[0] != "#":
                    value = _scalar_text(rest)
            else:
                if self.pos >= self.end:
                    return out
                lineno, col, content = lines[self.pos]
                if col < indent:
                    return out
                if col > indent or content[:2] == "- " or content == "-":
                    raise _GiveUp
                entry = _ENTRIES.get(content)
                if entry is None:
                    split = _split_key(content)
                    if split is None:
                        raise _GiveUp
                    key, raw, rest = split
                    if rest and rest[0] != "#":
                        value = _scalar_text(rest)
                    if len(content) <= _ENTRY_SHORT and value.__class__ is not _Empty:
                        if len(_ENTRIES) >= _RESOLVED_MAX:
                            _ENTRIES.clear()
                        _ENTRIES[content] = (key, raw, value)
                else:
                    key, raw, value = entry
                self.pos += 1
            if key.__class__ is not str and (isinstance(key, float | bool) or key is None):
                key = raw
            if key in out:
                raise _GiveUp  # duplicate keys are reported by the event builder
            here = (*path, key)
            marks[here] = lineno
            if value is not _NESTED:
                out[key] = value.value if value.__class__ is _Empty else value
                continue
            nxt = self._peek()
            if nxt is not None and nxt[1] > indent:
                if nxt[2][:2] == "- ":
                    out[key] = self.sequence(nxt[1], here, depth + 1)
                else:
                    out[key] = self.mapping(nxt[1], here, depth + 1)
            elif nxt is not None and nxt[1] == indent and nxt[2][:2] == "- ":
                out[key] = self.sequence(indent, here, depth + 1)
            elif nxt is not None and nxt[1] == indent and nxt[2] == "-":
                raise _GiveUp
            else:
                out[key] = _plain_value("")

    def sequence(self, indent: int, path: Path, depth: int) -> list[Any]:
        if depth >= MAX_DEPTH:
            raise _GiveUp
        out: list[Any] = []
        lines = self.lines
        while True:
            if self.pos >= self.end:
                return out
            lineno, col, content = lines[self.pos]
            if col < indent:
                return out
            if col > indent:
                raise _GiveUp
            if content[:2] != "- ":
                return out  # the parent mapping's next key (a sequence at the key's indent)
            body = content[2:].lstrip(" ")
            if not body or body[0] == "#" or body[:2] == "- " or body == "-":
                raise _GiveUp
            self.pos += 1
            here = (*path, len(out))
            self.marks.setdefault(here, lineno)
            split = None if body[0] in "[{" else _split_key(body)
            if split is not None:
                column = col + len(content) - len(body)
                out.append(self.mapping(column, here, depth + 1, (*split, lineno)))
                continue
            value = _scalar_text(body)
            out.append(value.value if value.__class__ is _Empty else value)


def _fast_load(text: str) -> Document | None:
    """The document read by the fast reader, or None when it is outside its subset."""
    lines: list[tuple[int, int, str]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.isprintable() and _FAST_UNSAFE.search(line) is not None:
            return None  # tabs, CR, control characters, other line breaks, a BOM …
        content = line.lstrip(" ")
        if content and content[0] != "#":
            indent = len(line) - len(content)
            if indent == 0 and content.startswith(("---", "...", "%")):
                return None  # document markers and directives
            lines.append((number, indent, content))
    if not lines or len(lines) > MAX_EXPANDED_NODES // 4:
        return None
    reader = _FastReader(lines)
    try:
        first = lines[0]
        if first[2][:2] == "- " or first[2] == "-":
            return None
        reader.marks[()] = first[0]
        data = reader.mapping(first[1], (), 0)
    except _GiveUp:
        return None
    if reader.pos != len(lines):
        return None
    return Document(data, Marks(reader.marks))
