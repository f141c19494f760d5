"""Reading and writing files safely: sizes checked before reading, special files refused by
name, writes that cannot clobber anything but the output file.

Every operating-system error becomes a message code naming the path and the cause.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from pathlib import Path

from cxassess.core.problems import InputError, UsageProblem, file_problem
from cxassess.i18n import Msg, msg

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024  # YAML documents (answers, rubrics, catalogues …)

_OS_CODES = {
    errno.EACCES: "os.permission",
    errno.EPERM: "os.permission",
    errno.ENOTDIR: "os.parent_not_folder",
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.EROFS: "os.read_only",
    errno.ENOSPC: "os.no_space",
    errno.ENOENT: "os.missing_parent",
}


def shown(path: str | os.PathLike[str]) -> str:
    """A file name or path as text any output can hold (JSON, YAML, a PDF): the bytes of a name
    that are not UTF-8, which Python keeps as lone surrogates, written as ``\\xff`` escapes."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def resolved(path: Path) -> Path:
    """``path.resolve()``, or the absolute path when a loop of symbolic links makes it
    unresolvable (reading the file then gives the located ELOOP error, not a crash)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # RuntimeError up to Python 3.12, OSError from 3.13
        return Path(os.path.abspath(path))


def os_reason(exc: OSError) -> Msg:
    """The cause of an operating-system error as a message (never the locale's English text)."""
    code = _OS_CODES.get(exc.errno or 0)
    if code is not None:
        return msg(code)
    return msg("os.other", errno=errno.errorcode.get(exc.errno or 0, str(exc.errno)))


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "file.kind.fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "file.kind.device"
    if stat.S_ISSOCK(mode):
        return "file.kind.socket"
    return "file.kind.other"


def check_readable(path: Path, limit: int) -> int:
    """The size of ``path`` if it is a regular file within ``limit`` bytes; else an InputError.

    Decided from the file system before anything is read, so a FIFO, a device or a huge file
    never reaches a reader.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError([file_problem(path, "file.missing")]) from None
    except OSError as exc:
        raise InputError([file_problem(path, "file.unreadable", reason=os_reason(exc))]) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError([file_problem(path, "file.is_folder")])
    if not stat.S_ISREG(st.st_mode):
        raise InputError([file_problem(path, "file.special", kind=msg(_special_kind(st.st_mode)))])
    if st.st_size > limit:
        raise InputError([file_problem(path, "file.too_large", limit=limit, size=st.st_size)])
    return st.st_size


def read_bytes(path: Path, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (checked before and while reading)."""
    size = check_readable(path, limit)
    try:
        with path.open("rb") as fh:
            # the size known from the file system, not the limit: a buffer of the limit's size
            # costs more than reading a typical file
            data = fh.read(size + 1)
            if len(data) > size:  # the file grew after it was checked: read on, up to the limit
                data += fh.read(limit + 1 - len(data))
    except PermissionError:
        raise InputError([file_problem(path, "file.permission")]) from None
    except IsADirectoryError:
        raise InputError([file_problem(path, "file.is_folder")]) from None
    except OSError as exc:
        raise InputError([file_problem(path, "file.unreadable", reason=os_reason(exc))]) from None
    if len(data) > limit:  # the file grew after it was checked
        raise InputError([file_problem(path, "file.too_large", limit=limit, size=len(data))])
    return data


def read_text(path: Path, limit: int = MAX_DOCUMENT_BYTES) -> tuple[str, str]:
    """UTF-8 text (a BOM is allowed) and the SHA-256 of the bytes."""
    raw = read_bytes(path, limit)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([file_problem(path, "file.not_utf8", offset=exc.start)]) from None
    return text, hashlib.sha256(raw).hexdigest()


# --------------------------------------------------------------------------- writing


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_outputs(
    targets: list[Path | None] | tuple[Path | None, ...], *, force: bool, inputs: list[Path] | tuple[Path, ...] = ()
) -> None:
    """``check_output`` for each output a command writes, and no two of them the same file (one
    would silently replace the other)."""
    given = [p for p in targets if p is not None]
    for i, path in enumerate(given):
        for other in given[:i]:
            if path.absolute() == other.absolute() or _same_file(path, other):
                raise UsageProblem(msg("usage.same_output", path=str(path)))
    for path in given:
        check_output(path, force=force, inputs=inputs)


def check_output(path: Path, *, force: bool, inputs: list[Path] | tuple[Path, ...] = ()) -> None:
    """Refuse, before any work is done, an output that cannot or must not be written.

    Refused: an empty path, a folder, a path ending in a separator or ``.``, an input file, a
    symbolic link, a special file, an existing file without ``force``, and a parent that is not
    a folder.
    """
    text = str(path)
    if not text.strip():
        raise UsageProblem(msg("usage.output_empty"))
    if text.endswith((os.sep, "/")) or path.name in ("", ".", ".."):
        raise UsageProblem(msg("usage.output_is_folder_path", path=text))
    for source in inputs:
        if _same_file(path, source) or path.absolute() == Path(source).absolute():
            raise UsageProblem(msg("usage.same_as_input", path=text))
    try:
        st = path.lstat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UsageProblem(msg("usage.output_os_error", path=text, reason=os_reason(exc))) from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise UsageProblem(msg("usage.output_is_link", path=text))
        if stat.S_ISDIR(st.st_mode):
            raise UsageProblem(msg("usage.output_is_dir", path=text))
        if not stat.S_ISREG(st.st_mode):
            raise UsageProblem(msg("usage.output_special", path=text))
        if not force:
            raise UsageProblem(msg("usage.exists", path=text))
    parent = path.parent
    for ancestor in (parent, *parent.parents):
        try:
            ast = ancestor.stat()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise UsageProblem(msg("usage.output_os_error", path=text, reason=os_reason(exc))) from None
        if not stat.S_ISDIR(ast.st_mode):
            raise UsageProblem(msg("usage.output_os_error", path=text, reason=msg("os.parent_not_folder")))
        break


def backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    n = 1
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{path.name}.bak.{n}")
        n += 1
    return candidate


def safe_write(
    path: Path, data: bytes | str, *, force: bool, inputs: list[Path] | tuple[Path, ...] = ()
) -> Path | None:
    """Write ``data`` to ``path`` atomically; returns the backup's path when one was made.

    The content goes to a temporary file created exclusively (never through a planted link) in
    the target folder, then is renamed into place. An existing regular file is only replaced
    with ``force``, and then kept as ``NAME.bak``; folders, links and special files never are.
    """
    check_output(path, force=force, inputs=inputs)
    text = str(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:60]}.", suffix=".tmp")
    except OSError as exc:
        raise UsageProblem(msg("usage.output_os_error", path=text, reason=os_reason(exc))) from None
    tmp = Path(tmp_name)
    backup = None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644 & ~_umask())
        check_output(path, force=force, inputs=inputs)  # nothing changed while we wrote
        if os.path.lexists(path):
            backup = backup_path(path)
            os.replace(path, backup)
        os.replace(tmp, path)
    except UsageProblem:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageProblem(msg("usage.output_os_error", path=text, reason=os_reason(exc))) from None
    return backup


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def prepare_folder(path: Path) -> None:
    """Create an output folder (and its parents); refuse one that exists as something else."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UsageProblem(msg("usage.output_os_error", path=str(path), reason=os_reason(exc))) from None
    if st is not None and stat.S_ISLNK(st.st_mode):  # never followed: say what it is
        raise UsageProblem(msg("usage.outdir_is_link", path=str(path)))
    if st is not None and not stat.S_ISDIR(st.st_mode):
        raise UsageProblem(msg("usage.outdir_is_file", path=str(path)))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageProblem(msg("usage.output_os_error", path=str(path), reason=os_reason(exc))) from None
