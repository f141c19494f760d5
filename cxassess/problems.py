"""Problems found in input files, and how they are printed."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """``('answers', 'Q-7.3-02', 'evidence', 0, 'date')`` → ``answers.Q-7.3-02.evidence[0].date``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(document)"


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: ``file:line: path: expected …, found …``."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        """The problem as printed, in English or (``zh``) Chinese."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        if lang == "zh":
            from cxassess.messages import path_zh, to_zh

            return f"{where}: {path_zh(self.path)}: {to_zh(self.message)}"
        return f"{where}: {self.path}: {self.message}"


@dataclass(frozen=True)
class Finding:
    """A problem inside one document, before it is given a file and line."""

    doc: str  # "standard", "rubric", "answers", "targets"
    path: Path
    message: str


class InputError(Exception):
    """Input files that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = sorted(set(problems))
