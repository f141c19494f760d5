"""Problems found in input files, errors worded for the user, and how they are printed.

Every problem carries a message code and its parameters (``cxassess.i18n.Msg``), so it prints in
the user's language without any translation of English prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cxassess.i18n import Lang, Msg, Param, msg, t

Path = tuple[str | int, ...]

# the "path" of a problem that concerns a whole file rather than a place inside it
WHOLE_DOCUMENT = "(document)"
WHOLE_FILE = "(file)"
SEVERAL_FILES = "(files)"
_PATH_CODES = {WHOLE_DOCUMENT: "path.document", WHOLE_FILE: "path.file", SEVERAL_FILES: "path.files"}


def format_path(path: Path) -> str:
    """``('answers', 'Q-7.3-02', 'evidence', 0, 'date')`` → ``answers.Q-7.3-02.evidence[0].date``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or WHOLE_DOCUMENT


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: ``file:line: path: expected …, found …``."""

    file: str
    line: int
    path: str
    message: Msg
    # a place worded in the user's language (e.g. a CSV row and column); ``path`` then holds its
    # English wording, which is what problems are sorted and compared by
    place: Msg | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: Lang) -> str:
        """The problem as printed, in the user's language."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        code = _PATH_CODES.get(self.path)
        path = self.place.text(lang) if self.place is not None else t(code, lang) if code else self.path
        return f"{where}: {path}: {self.message.text(lang)}"


_DIGITS = re.compile(r"(\d+)")


def _natural(text: str) -> tuple[str | int, ...]:
    """``row 2`` before ``row 11``, ``[9]`` before ``[10]``: digits compare as numbers."""
    return tuple(int(part) if i % 2 else part for i, part in enumerate(_DIGITS.split(text)))


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems without repeats, by file, line and place (numbers in names and places in numeric
    order), then message: the order they are printed in."""
    return sorted(set(problems), key=lambda p: (_natural(p.file), p.line, _natural(p.path), p.message))


@dataclass(frozen=True)
class Finding:
    """A problem inside one document, before it is given a file and line."""

    doc: str  # "standard", "rubric", "answers", "targets", "verification", "theme"
    path: Path
    message: Msg


class InputError(Exception):
    """Input files that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = in_order(problems)


def file_problem(file: object, code: str, **params: Param) -> Problem:
    """A problem about a whole file (missing, unreadable, too large …)."""
    return Problem(str(file), 0, WHOLE_FILE, msg(code, **params))


class UserFacingError(Exception):
    """An error worded for the user as a message code; the CLI maps each kind to an exit code."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.text("en"))
        self.message = message

    def text(self, lang: Lang) -> str:
        return self.message.text(lang)


class UsageProblem(UserFacingError):
    """How a command was called (options, output paths): exit 2."""


class EnvironmentProblem(UserFacingError):
    """This machine lacks something the command needs (e.g. a Chinese font): exit 4."""
