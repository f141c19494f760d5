"""The document engine every report shares: header fields, HTML from one base template, and
PDF layout (WeasyPrint) that reads nothing from the network and nothing outside the allowed
folders."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxassess.core.branding import Branding
from cxassess.core.problems import EnvironmentProblem
from cxassess.core.provenance import InputDigest
from cxassess.files.fsys import resolved, shown
from cxassess.i18n import Labels, Lang, msg, t

PRIMARY = "#14396b"
ACCENT = "#d9822b"
FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'


@dataclass(frozen=True)
class View:
    """A view model given as a header and a plain mapping (reports not yet typed use it)."""

    header: dict[str, Any]
    body: dict[str, Any]


@dataclass(frozen=True)
class Pair:
    """A label and its value: cover fields, method tables, keys of charts."""

    label: str
    value: str


@dataclass(frozen=True)
class Kpi:
    """A headline card: the figure and what it is."""

    value: str
    caption: str
    bad: bool = False


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def lvl(value: int | None) -> str:
    return "—" if value is None else str(value)


def report_id(inputs: list[InputDigest], engine: str, kind: str) -> str:
    """A stable id derived from the inputs' digests, the engine and the report kind (the same in
    every language, so the zh and en reports of the same inputs share it)."""
    payload = json.dumps([kind, [(i.role, i.sha256) for i in inputs], engine])
    return "CXA-" + hashlib.sha256(payload.encode()).hexdigest()[:12].upper()


def document_header(lang: Lang, title_key: str, kind: str, inputs: list[InputDigest], engine: str) -> dict[str, Any]:
    """The fields every report template starts from: language, fonts, labels, title, id, engine."""
    return {
        "lang": lang,
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "font_family": FONT_FAMILY,
        "t": Labels(lang),
        "colon": "：" if lang == "zh" else ": ",
        # between two sentences set side by side: none after a Chinese full stop, a space in English
        "sentence_gap": "" if lang == "zh" else " ",
        # a dash between a thing and what was made of it: the Chinese dash is two em wide, unspaced
        "dash": "——" if lang == "zh" else " — ",
        "title": t(title_key, lang),
        "report_id": report_id(inputs, engine, kind),
        "engine": engine,
    }


@functools.cache
def _environment(templates: Path) -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(context: Any, templates: Path, template: str, branding: Branding | None = None) -> str:
    """Render ``template`` (which extends ``base.html.j2``) with the view model ``context``."""
    from markupsafe import Markup

    env = _environment(templates)
    css = (templates / "report.css").read_text(encoding="utf-8").replace("@FONT_FAMILY@", FONT_FAMILY)
    if branding is not None:
        # the stylesheet's two theme colours; values come from a validated #rrggbb field
        css = css.replace(PRIMARY, branding.primary).replace(ACCENT, branding.accent)
    header = context.header
    body = getattr(context, "body", None)
    values = {**header, **body} if isinstance(body, dict) else {**header, "v": context}
    if header["lang"] == "zh":
        css += '\n@page { @bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; } }'
    else:
        css += '\n@page { @bottom-right { content: "Page " counter(page) " of " counter(pages); } }'
    # CSS is ours, never user text: mark it safe so autoescape cannot mangle its quotes
    html: str = env.get_template(template).render(**values, brand=branding, css=Markup(css))
    return html


@functools.cache
def cjk_font_available() -> bool | None:
    """Whether fontconfig knows a Simplified-Chinese font (None when fc-list is missing)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    out = subprocess.run([fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, check=False)
    return bool(out.stdout.strip())


def local_only_fetcher(allowed_roots: list[Path]) -> Any:
    """A WeasyPrint URL fetcher that reads ``data:`` URLs and files under ``allowed_roots`` only."""
    import weasyprint

    roots = [resolved(r) for r in allowed_roots]

    class LocalOnlyFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                from urllib.request import url2pathname

                path = resolved(Path(url2pathname(url.split("?")[0].removeprefix("file:"))))
                if any(path.is_relative_to(r) for r in roots):
                    return super().fetch(url, headers)
            raise ValueError(f"blocked: cxassess reports read no network or outside files ({url})")

    return LocalOnlyFetcher()


@dataclass(frozen=True)
class PdfOptions:
    """How a PDF is laid out: which folders it may read, what it embeds, how it is identified."""

    allowed_roots: list[Path] = field(default_factory=list)
    attachments: list[Path] = field(default_factory=list)
    attachment_date: dt.date | None = None
    identifier: str | None = None
    variant: str | None = None


def pdf_bytes(html: str, templates: Path, options: PdfOptions) -> bytes:
    """Lay out ``html`` into a PDF. Only ``data:`` URLs and files under the allowed roots are read."""
    if cjk_font_available() is False:
        raise EnvironmentProblem(msg("env.no_cjk_font"))
    try:
        import weasyprint
    except ImportError:  # pragma: no cover - depends on the installation
        raise EnvironmentProblem(msg("env.no_report")) from None

    fetcher = local_only_fetcher([templates, *options.allowed_roots])
    doc = weasyprint.HTML(string=html, base_url=str(templates), url_fetcher=fetcher)
    stamp = None
    if options.attachment_date is not None:
        d = options.attachment_date
        stamp = dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC)
    # the bytes are handed over, not the path: WeasyPrint makes a URL of a path, which fails on a
    # file name that is not UTF-8
    files = [
        weasyprint.Attachment(
            string=p.read_bytes(), name=shown(p.name), created=stamp, modified=stamp, relationship="Source"
        )
        for p in options.attachments
    ]
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "document.pdf"
        doc.write_pdf(
            str(target),
            attachments=files or None,
            pdf_identifier=options.identifier.encode() if options.identifier else None,
            pdf_variant=options.variant,
        )
        return target.read_bytes()
