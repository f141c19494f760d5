"""``--help`` in the interface language.

Commands and options declare message codes as their help (``help="help.score.output"``); this
formatter prints each code's text in the language of ``--lang`` (wherever it stands on the command
line), else ``CXASSESS_LANG``, else Chinese. Text is wrapped by display width: a Chinese character
takes two columns, and no line starts with closing punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from cxassess.cli.common import current_lang
from cxassess.i18n import Lang, has, t

_CODE = re.compile(r"^(help\.[a-z0-9_.]+)(.*)$", re.S)
_EXTRAS = re.compile(r"\s+\[([^\[\]]*)\]$")
# click's own wording of its built-in options and sections, as codes
_CLICK = {
    "Show this message and exit.": "help.opt.help",
    "Show the version and exit.": "help.opt.version",
    "Options": "help.options",
}
_NO_LINE_START = set("，。、；：！？）》」』】”’,.;:!?)")


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_TOKEN = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+\\s*|\\s+")


def wrap(text: str, columns: int) -> list[str]:
    """``text`` as lines of at most ``columns`` columns: Latin words (with the spaces after them)
    stay whole, a Chinese character is a token of its own, and closing punctuation never starts a
    line (the character before it moves down with it). A word longer than a line stands alone."""
    lines: list[list[str]] = [[]]
    for token in _TOKEN.findall(text):
        line = lines[-1]
        if not line or width("".join([*line, token]).rstrip()) <= columns:
            line.append(token)
            continue
        carried = [token]
        while line and carried[0][0] in _NO_LINE_START and len(line) > 1:
            carried.insert(0, line.pop())
        lines.append(carried)
    out = ["".join(line).strip() for line in lines]
    return [line for line in out if line]


class LocalFormatter(click.HelpFormatter):
    """click's help layout with the text of message codes in one language."""

    def __init__(self, lang: Lang, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang: Lang = lang

    def text_of(self, text: str) -> str:
        """A help code's text (click's ``[default: …]`` and ``[required]`` notes translated too)."""
        text = text.strip()
        extras = ""
        found = _EXTRAS.search(text)
        if found is not None:
            notes = []
            for note in found.group(1).split("; "):
                if note == "required":
                    notes.append(t("help.required", self.lang))
                elif note.startswith("default: "):
                    notes.append(t("help.default", self.lang, value=note.removeprefix("default: ")))
                else:
                    notes.append(note)
            extras = "  [" + "; ".join(notes) + "]"
            text = text[: found.start()]
        code = _CLICK.get(text, text)
        m = _CODE.match(code)
        if m is not None and has(m.group(1)):
            text = t(m.group(1), self.lang) + m.group(2)
        return text + extras

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        label = t("help.usage", self.lang)
        super().write_usage(prog, args, prefix=label if label.endswith("：") else label + " ")

    def write_heading(self, heading: str) -> None:
        colon = "：" if self.lang == "zh" else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(self.text_of(name)):
            yield

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        columns = max(self.width - self.current_indent, 20)
        paragraphs = self.text_of(text).split("\n\n")
        for i, paragraph in enumerate(paragraphs):
            if i:
                self.write("\n")
            if paragraph.startswith("\b"):  # as written, line by line
                lines = paragraph[1:].strip("\n").split("\n")
            else:
                lines = wrap(" ".join(part.strip() for part in paragraph.split("\n")), columns)
            self.write("".join(f"{indent}{line}\n" for line in lines))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first = min(max((width(term) for term, _ in rows), default=0), col_max)
        indent = " " * self.current_indent
        text_col = self.current_indent + first + col_spacing
        columns = max(self.width - text_col, 20)
        for term, help_text in rows:
            self.write(f"{indent}{term}")
            lines = wrap(self.text_of(help_text), columns) if help_text else []
            if not lines:
                self.write("\n")
                continue
            if width(term) <= first:
                self.write(" " * (first - width(term) + col_spacing))
            else:
                self.write("\n" + " " * text_col)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * text_col + line + "\n")


def help_lang(ctx: click.Context) -> Lang:
    """The language of ``--help``: ``--lang`` anywhere on the command line, else the default."""
    here: click.Context | None = ctx
    while here is not None:
        if isinstance(here.obj, dict) and "argv_lang" in here.obj:
            lang: Lang = here.obj["argv_lang"]
            return lang
        here = here.parent
    return current_lang()


class HelpContext(click.Context):
    """A context whose help is printed by ``LocalFormatter``."""

    def make_formatter(self) -> click.HelpFormatter:
        return LocalFormatter(help_lang(self), width=self.terminal_width, max_width=self.max_content_width)
