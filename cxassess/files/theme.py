"""Themes: a consultancy's branding, with its logo read only from the theme's own folder."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from cxassess.core.branding import Branding
from cxassess.core.model import Theme
from cxassess.core.problems import InputError, Problem
from cxassess.files.documents import Loaded, load
from cxassess.files.fsys import read_bytes, resolved

LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
LOGO_MAX_BYTES = 2 * 1024 * 1024
_SVG_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?(<!--.*?-->\s*)*<svg[\s>]", re.S)


def sniff(data: bytes) -> str | None:
    """The image type the bytes are, whatever the file is called."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if _SVG_START.match(data.removeprefix(b"\xef\xbb\xbf")[:4096]):
        return "image/svg+xml"
    return None


# what makes an SVG more than a drawing: scripts, event handlers, embedded documents, links out
_SVG_ACTIVE = re.compile(
    rb"<script|<foreignobject|<iframe|javascript:|\son[a-z]+\s*=|@import|"
    rb"url\(\s*+[\"']?+(?!#)[^)\"']{0,40}|"  # a style's url(…): only to a part of the drawing itself
    rb"(?:xlink:)?href\s*=\s*[\"'](?!#|data:image/(?:png|jpeg|gif|webp)[;,])[^\"']{1,40}",
    re.I,
)
LOGO_MAX_SIDE = 10_000  # pixels: a larger declared image is a decompression bomb, not a logo


def _logo_problem(kind: str, data: bytes) -> tuple[str, str] | None:
    """(message code, what was found) when a logo of the right type is still unfit to embed."""
    if kind == "image/svg+xml":
        found = _SVG_ACTIVE.search(data)
        if found is not None:
            return "theme.logo_active", found.group().decode("ascii", "replace").strip()[:40]
    size = None
    if kind == "image/png" and len(data) >= 24:
        size = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    elif kind == "image/jpeg":
        size = jpeg_size(data)
    if size is not None and max(size) > LOGO_MAX_SIDE:
        return "theme.logo_side", f"{size[0]} × {size[1]}"
    return None


# start-of-frame markers (baseline, progressive, lossless, arithmetic): they carry the image size
_JPEG_FRAMES = frozenset({*range(0xC0, 0xC4), *range(0xC5, 0xC8), *range(0xC9, 0xCC), *range(0xCD, 0xD0)})


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a JPEG's frame header, or None when none comes before the image data."""
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD9:  # markers without a length
            i += 2
            continue
        if marker == 0xDA:  # the image data starts: no frame header before it
            return None
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in _JPEG_FRAMES and i + 9 <= len(data):
            height, width = int.from_bytes(data[i + 5 : i + 7], "big"), int.from_bytes(data[i + 7 : i + 9], "big")
            return width, height
        if length < 2:
            return None
        i += 2 + length
    return None


def check_theme(loaded: Loaded[Theme]) -> tuple[Branding | None, list[Problem]]:
    """The theme as branding, or the problems with it (its logo included)."""
    theme = loaded.model
    logo_uri = None
    if theme.logo:
        where = ("logo",)
        if "://" in theme.logo or theme.logo.startswith(("data:", "//")):
            return None, [loaded.problem(where, "theme.logo_url", found=repr(theme.logo[:80]))]
        folder = resolved(loaded.path).parent
        logo = resolved(folder / theme.logo)
        if not logo.is_relative_to(folder):
            return None, [loaded.problem(where, "theme.logo_outside", found=repr(theme.logo[:80]))]
        kind = LOGO_TYPES.get(logo.suffix.lower())
        if kind is None:
            return None, [loaded.problem(where, "theme.logo_type", found=repr(theme.logo[:80]))]
        if not logo.exists():
            return None, [loaded.problem(where, "theme.logo_missing", found=repr(theme.logo[:80]))]
        try:
            data = read_bytes(logo, LOGO_MAX_BYTES)
        except InputError as exc:
            return None, exc.problems
        if sniff(data) != kind:
            return None, [loaded.problem(where, "theme.logo_content", expected=logo.suffix.lower().lstrip("."))]
        unfit = _logo_problem(kind, data)
        if unfit is not None:
            return None, [loaded.problem(where, unfit[0], found=unfit[1], max=LOGO_MAX_SIDE)]
        logo_uri = f"data:{kind};base64," + base64.b64encode(data).decode("ascii")
    branding = Branding(
        name=theme.name,
        primary=theme.colours.primary,
        accent=theme.colours.accent,
        footer=theme.footer or theme.name,
        logo_uri=logo_uri,
        prepared_by=theme.prepared_by or theme.name,
        confidentiality=theme.confidentiality,
    )
    return branding, []


def load_theme(path: Path) -> Branding:
    branding, problems = check_theme(load(Theme, path))
    if problems or branding is None:
        raise InputError(problems)
    return branding
