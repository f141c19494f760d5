"""Evidence files stored by content: ``ROOT/ab/abcdef…`` (the SHA-256 of the bytes), written
atomically and flushed to disk before anyone refers to them, never executable, never named by
the uploader. What a file is comes from its bytes, checked against an allow-list.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

_SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class FileType:
    media_type: str
    extension: str
    label: str  # shown to people: "PDF", "PNG" …


PDF = FileType("application/pdf", ".pdf", "PDF")
PNG = FileType("image/png", ".png", "PNG")
JPEG = FileType("image/jpeg", ".jpg", "JPEG")
GIF = FileType("image/gif", ".gif", "GIF")
WEBP = FileType("image/webp", ".webp", "WebP")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word (.docx)")
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel (.xlsx)")
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", "PowerPoint (.pptx)"
)
TEXT = FileType("text/plain; charset=utf-8", ".txt", "UTF-8 text")
ALLOWED: tuple[FileType, ...] = (PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, TEXT)

_OOXML = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
_COMMENTS = re.compile(r"^(?:\s*<!--.*?-->)+", re.S)  # markup behind leading comments is still markup
_MARKUP = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body", b"<iframe")


def sniff(data: bytes) -> FileType | None:
    """The allow-listed type of ``data`` judged from its bytes, or None (anything else: programs,
    HTML, SVG, archives other than Office documents, unknown binaries)."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"PK\x03\x04"):
        return _office(data)
    return _text(data)


def _office(data: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return None
    if "[Content_Types].xml" not in names or any(n.lower().endswith(("vbaproject.bin", ".exe", ".js")) for n in names):
        return None
    for prefix, kind in _OOXML.items():
        if any(n.startswith(prefix) for n in names):
            return kind
    return None


def _text(data: bytes) -> FileType | None:
    if not data or b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if any(ord(c) < 32 and c not in "\t\r\n\f" for c in text[:4096]):
        return None
    head = _COMMENTS.sub("", text[:4096]).lstrip().lower().encode("utf-8")
    if head.startswith(_MARKUP):
        return None
    return TEXT


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    """Files under ``root`` by SHA-256. Reading takes a digest only, never a path."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha256: str) -> Path:
        if not _SHA.match(sha256):
            raise ValueError("not a SHA-256 digest")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` (once: the same bytes are kept once) and return its digest; the file is
        on disk, flushed, before this returns."""
        sha = digest(data)
        target = self.path_of(sha)
        if target.is_file() and target.stat().st_size == len(data):
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o444)
            os.replace(tmp, target)
            dirfd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dirfd)
            finally:
                os.close(dirfd)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha

    def get(self, sha256: str) -> bytes | None:
        path = self.path_of(sha256)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
