"""One writer registry for every command: the output format is chosen here, and each format's
bytes are produced here (pdf, html, json, xlsx, csv, yaml; docx has its place and no writer yet)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cxassess.core.problems import UsageProblem
from cxassess.i18n import msg
from cxassess.rendering.document import PdfOptions, pdf_bytes


class Format(StrEnum):
    pdf = "pdf"
    html = "html"
    json = "json"
    xlsx = "xlsx"
    csv = "csv"
    yaml = "yaml"
    docx = "docx"


SUFFIXES: dict[str, Format] = {
    ".pdf": Format.pdf,
    ".html": Format.html,
    ".htm": Format.html,
    ".json": Format.json,
    ".xlsx": Format.xlsx,
    ".csv": Format.csv,
    ".yaml": Format.yaml,
    ".yml": Format.yaml,
    ".docx": Format.docx,
}


@dataclass
class Output:
    """What a command can write: one producer per format it offers (called only when chosen)."""

    html: Callable[[], str] | None = None
    json: Callable[[], str] | None = None
    xlsx: Callable[[], bytes] | None = None
    csv: Callable[[], str] | None = None
    yaml: Callable[[], str] | None = None
    templates: Path | None = None
    pdf: PdfOptions = field(default_factory=PdfOptions)

    def formats(self) -> list[Format]:
        out: list[Format] = []
        if self.html is not None:
            out += [Format.pdf, Format.html]
        for fmt in (Format.json, Format.xlsx, Format.csv, Format.yaml):
            if getattr(self, fmt.value) is not None:
                out.append(fmt)
        return out


def choose_format(output: Path, explicit: str | None, offered: list[Format]) -> Format:
    """The explicit --format, else the output's suffix, else the first format offered."""
    names = tuple(f.value for f in offered)
    if explicit is not None:
        if explicit not in names:
            raise UsageProblem(msg("usage.format_for_command", known=names, found=repr(explicit)))
        return Format(explicit)
    by_suffix = SUFFIXES.get(output.suffix.lower())
    if by_suffix is None:
        return offered[0]  # no suffix, or one that names no format: the command's own
    if by_suffix not in offered:  # e.g. -o report.docx, or a questionnaire named .pdf
        code = "usage.format_for_suffix" if len(names) > 1 else "usage.format_for_suffix_only"
        raise UsageProblem(msg(code, path=str(output), suffix=output.suffix, known=names))
    return by_suffix


def encode(out: Output, fmt: Format) -> bytes:
    """The bytes of ``out`` in ``fmt``."""
    if fmt is Format.pdf:
        assert out.html is not None and out.templates is not None
        return pdf_bytes(out.html(), out.templates, out.pdf)
    if fmt is Format.html:
        assert out.html is not None
        return out.html().encode("utf-8")
    if fmt is Format.xlsx:
        assert out.xlsx is not None
        return out.xlsx()
    if fmt is Format.csv:
        assert out.csv is not None
        return ("\ufeff" + out.csv()).encode("utf-8")  # a BOM so spreadsheet programs read UTF-8 Chinese
    producer = {Format.json: out.json, Format.yaml: out.yaml}.get(fmt)
    if producer is None:
        raise UsageProblem(
            msg("usage.format_for_command", known=tuple(f.value for f in out.formats()), found=fmt.value)
        )
    return producer().encode("utf-8")
