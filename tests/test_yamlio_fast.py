"""The fast reader of common answers files gives exactly what the event builder gives, or nothing.

``load_text`` reads a document with the fast line reader when it can and with the event builder
otherwise; both must agree on the data and on the line of every node, and every document the fast
reader takes must be one the event builder takes without a problem.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from cxassess.files import yamlio

REPO = Path(__file__).resolve().parent.parent
FILES = sorted(p for p in REPO.glob("**/*.yaml") if ".venv" not in p.parts and ".git" not in p.parts)

# Each of these is outside the fast reader's subset: it must give up and leave it to the builder.
OUTSIDE = {
    "tab": "a:\tb\n",
    "carriage return": "a: b\r\nc: d\n",
    "line separator": "a: b\u2028c\n",
    "byte order mark": "\ufeffa: b\n",
    "control character in a comment": "# \x07\na: b\n",
    "document marker": "---\na: b\n",
    "directive": "%YAML 1.1\n---\na: b\n",
    "anchor and alias": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "block scalar": "a: |\n  # not a comment\n  b\n",
    "multi-line quoted": 'a: "b\n  c"\n',
    "escape": 'a: "b\\tc"\n',
    "plain continuation": "a: b\n  c\n",
    "comment inside a plain scalar": "a: b\n# c\n  d\n",
    "flow collection": "a: [1, 2]\n",
    "duplicate key": "a: 1\na: 2\n",
    "merge key": "a: {}\n<<: x\n",
    "mapping value in a value": "a: b: c\n",
    "empty sequence item": "a:\n  -\n  - b\n",
    "nested sequence on one line": "a:\n  - - b\n",
    "sequence at the root": "- a\n",
    "key with trailing space": "a : b\n",
    "only comments": "# a\n",
    "wrong indentation": "a:\n    b: 1\n  c: 2\n",
    "too deep": "".join("  " * i + f"k{i}:\n" for i in range(70)) + "  " * 70 + "v: 1\n",
}

INSIDE = {
    "answers": "a:\n  b: 1\n  c:\n    - x\n    - y: 2\n      z: '3'\n",
    "indentless sequence": "a:\n- 1\n- b: c\nd: e\n",
    "quoted keys and values": "\"k\": 'it''s'  # note\n'k2': \"a #b\"\n",
    "types": "d: 2026-01-02\nn: 3\nf: 1.5\nb: true\nz: null\ne:\ns: '5'\n",
    "odd keys": "1.5: a\ntrue: b\n~: c\n0: d\n",
    "empty collections": "a: []\nb: {}\nc:\n  - []\n",
    "comments everywhere": "# head\na: 1  # one\n\n   # indented\nb:   # opens\n  - x  # item\n",
    "unicode": "名称: 智联云（SaaS）　全角空格\nurl: http://x/y?z=1#frag\n",
}


def both(text: str) -> tuple[Any, Any]:
    fast = yamlio._fast_load(text)
    try:
        doc = yamlio._load_events(text)
        slow: Any = (doc.data, doc.marks.lines)
    except yamlio.YamlError as exc:
        slow = ("error", exc.line, exc.path, exc.message.text("en"))
    return (None if fast is None else (fast.data, fast.marks.lines)), slow


@pytest.mark.parametrize("name", sorted(OUTSIDE))
def test_the_fast_reader_gives_up_outside_its_subset(name: str) -> None:
    fast, _ = both(OUTSIDE[name])
    assert fast is None


@pytest.mark.parametrize("name", sorted(INSIDE))
def test_the_fast_reader_reads_its_subset_as_the_builder_does(name: str) -> None:
    fast, slow = both(INSIDE[name])
    assert fast is not None
    assert fast == slow


def test_types_and_lines_of_the_fast_reader() -> None:
    doc = yamlio.load_text(INSIDE["types"])
    assert doc.data == {"d": dt.date(2026, 1, 2), "n": 3, "f": 1.5, "b": True, "z": None, "e": None, "s": "5"}
    assert doc.marks.line_of(("e",)) == 6


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(REPO)) for p in FILES])
def test_every_file_of_the_repository_reads_the_same(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    fast, slow = both(text)
    assert fast is None or fast == slow


def test_mutated_documents_read_the_same_or_fall_back() -> None:
    rng = random.Random(20261122)
    bases = [p.read_text(encoding="utf-8") for p in FILES if "answers" in p.name][:6]
    bases += list(INSIDE.values())
    pieces = ["&a ", "*a", "!x ", ": ", "- ", "\n  ", "\n", "[", "{", "<<: ", "'", '"', "\t", " #", "|", "null", "0"]
    taken = 0
    for _ in range(1500):
        text = rng.choice(bases)
        i = rng.randrange(len(text))
        j = min(len(text), i + rng.randrange(1, 20))
        op = rng.randrange(3)
        if op == 0:
            text = text[:i] + text[j:]
        elif op == 1:
            text = text[:i] + rng.choice(pieces) + text[i:]
        else:
            text = text[:i] + text[j : i + 2 * (j - i)] + text[i:]
        fast, slow = both(text)
        if fast is not None:
            taken += 1
            assert fast == slow, text
    assert taken > 100  # the comparison exercised the fast reader, not only its fallback
