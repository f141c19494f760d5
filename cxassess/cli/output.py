"""Writing a rendered report: HTML as is, or laid out into a PDF, never over a file without --force."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from cxassess.cli.common import EnvironmentProblem, safe_write


def output_format(output: Path, fmt: str | None) -> str:
    """The explicit --format, else html for an .html/.htm output, else pdf."""
    if fmt is not None:
        return fmt
    return "html" if output.suffix.lower() in (".html", ".htm") else "pdf"


def save_document(
    html: str, output: Path, fmt: str, *, force: bool, templates: Path, read_from: list[Path], **pdf: Any
) -> Path | None:
    """Write ``html`` (or its PDF) to ``output``; returns the backup made, if any.

    The PDF is laid out in a temporary folder first, so a failed render never touches ``output``.
    Only the templates and the ``read_from`` folders may be read while rendering.
    """
    if fmt == "html":
        return safe_write(output, html, force=force)
    from cxassess.rendering.report import RenderError, write_pdf

    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / output.name
        try:
            write_pdf(html, staged, allowed_roots=[templates, *read_from], base_url=templates, **pdf)
        except RenderError as exc:
            raise EnvironmentProblem(str(exc)) from None
        return safe_write(output, staged.read_bytes(), force=force)
