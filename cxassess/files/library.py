"""Where bundled and user standards, rubrics and templates live, and how they are found."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from cxassess.core.model import RUBRIC_SCHEMA, STANDARD_SCHEMA, Rubric, Standard
from cxassess.core.problems import InputError, Problem, file_problem
from cxassess.files.documents import Loaded, load, read_yaml, schema_of, validate_model
from cxassess.files.yamlio import Marks
from cxassess.i18n import msg

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def data_roots() -> list[Path]:
    """Where bundled standards and rubrics live, then ``CXASSESS_PATH`` entries."""
    roots: list[Path] = []
    extra = os.environ.get("CXASSESS_PATH", "")
    roots.extend(Path(p) for p in extra.split(os.pathsep) if p)
    here = Path(__file__).resolve().parent.parent
    bundled = here / "_data"
    roots.append(bundled if bundled.is_dir() else here.parent)
    return roots


def templates_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    bundled = here / "_data" / "templates"
    return bundled if bundled.is_dir() else here.parent / "reports" / "templates"


@dataclass
class Library:
    """Standards and rubrics found in the data roots, by key.

    Parsed files are cached (by path, size and modification time), so loading many answers files
    parses each rubric and standard once.
    """

    roots: list[Path] = field(default_factory=data_roots)
    _cache: dict[tuple[Path, int, int], tuple[Any, Marks, str]] = field(default_factory=dict, repr=False)
    _models: dict[tuple[str, Path, str], Any] = field(default_factory=dict, repr=False)
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()`` once per key for the life of this library (e.g. the checks of a rubric
        and standard pair, which every answers file on that rubric would otherwise repeat)."""
        if key not in self._memo:
            self._memo[key] = compute()
        value: T = self._memo[key]
        return value

    def _read(self, path: Path) -> tuple[Any, Marks, str]:
        st = path.stat()
        key = (path, st.st_size, st.st_mtime_ns)
        if key not in self._cache:
            self._cache[key] = read_yaml(path)
        return self._cache[key]

    def _model(self, cls: type[M], path: Path, data: Any, marks: Marks, sha: str) -> M:
        key = (cls.__name__, path, sha)
        if key not in self._models:
            self._models[key] = validate_model(cls, data, path, marks)
        model: M = self._models[key]
        return model

    def _files(self, sub: str) -> list[Path]:
        """The YAML files under ``sub`` of every root, listed once for the life of this library."""
        return list(self.memo(("files", sub), lambda: self._list(sub)))

    def _list(self, sub: str) -> list[Path]:
        out: list[Path] = []
        for root in self.roots:
            base = root / sub
            if base.is_dir():
                out.extend(sorted(p for p in base.rglob("*.y*ml") if p.is_file()))
        return out

    def standard_files(self) -> list[Path]:
        return self._files("standards")

    def rubric_files(self) -> list[Path]:
        return self._files("rubrics")

    def _scan(self, path: Path) -> tuple[Any, Marks, str] | None:
        try:
            return self._read(path)
        except (InputError, OSError):
            return None

    def find_standard(self, key: str) -> Loaded[Standard] | None:
        for path in self.standard_files():
            got = self._scan(path)
            if got is None:
                continue
            data, marks, sha = got
            if schema_of(data) != STANDARD_SCHEMA or not isinstance(data, dict):
                continue
            if f"{data.get('id')}:{data.get('edition')}" == key:
                return Loaded(self._model(Standard, path, data, marks, sha), path, marks, sha)
        return None

    def find_rubric(self, rubric_id: str, version: str | None = None) -> Loaded[Rubric] | None:
        """The rubric with this id and version (or, without a version, the latest one)."""
        candidates: list[tuple[tuple[int, ...], Path, Any, Marks, str]] = []
        for path in self.rubric_files():
            got = self._scan(path)
            if got is None:
                continue
            data, marks, sha = got
            if schema_of(data) != RUBRIC_SCHEMA or not isinstance(data, dict) or data.get("id") != rubric_id:
                continue
            v = str(data.get("version", ""))
            if version is not None and v == version:
                return Loaded(self._model(Rubric, path, data, marks, sha), path, marks, sha)
            candidates.append((_version_key(v), path, data, marks, sha))
        if not candidates or version is not None:
            return None
        _, path, data, marks, sha = max(candidates, key=lambda c: c[0])
        return Loaded(self._model(Rubric, path, data, marks, sha), path, marks, sha)

    def rubric_ids(self) -> list[str]:
        ids: set[str] = set()
        for path in self.rubric_files():
            got = self._scan(path)
            if got is not None and schema_of(got[0]) == RUBRIC_SCHEMA and isinstance(got[0], dict):
                ids.add(str(got[0].get("id")))
        return sorted(ids)

    def rubric_versions(self, rubric_id: str) -> list[str]:
        out: list[str] = []
        for path in self.rubric_files():
            got = self._scan(path)
            if got is not None and isinstance(got[0], dict) and got[0].get("id") == rubric_id:
                version = got[0].get("version")
                if isinstance(version, str):
                    out.append(version)
        return sorted(out, key=_version_key)

    def unreadable_rubrics(self) -> list[Problem]:
        """The problems of rubric files that could not be read at all (a YAML mistake, a file
        that is not UTF-8 …): never taken, so a rubric not found may be one of them."""
        out: list[Problem] = []
        for path in self.rubric_files():
            try:
                self._read(path)
            except InputError as exc:
                out.extend(exc.problems)
            except OSError as exc:
                out.append(file_problem(path, "file.unreadable", reason=exc.strerror or type(exc).__name__))
        return out

    def unversioned_rubrics(self, rubric_id: str) -> list[Path]:
        """Rubric files with this id and no version: never taken, so their problems are told."""
        out: list[Path] = []
        for path in self.rubric_files():
            got = self._scan(path)
            data = got[0] if got is not None else None
            if isinstance(data, dict) and data.get("id") == rubric_id and not isinstance(data.get("version"), str):
                out.append(path)
        return out


def _version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return (0,)


Locator = Callable[[tuple[str, ...]], tuple[str, int]]


def resolve_rubric(
    rubric_id: str, version: str, library: Library, rubric_path: Path | None, where: Locator
) -> Loaded[Rubric]:
    """The rubric an answers file names (or the one given with --rubric)."""
    if rubric_path is not None:
        return load(Rubric, rubric_path)
    found = library.find_rubric(rubric_id, version)
    if found is None:
        for broken in library.unversioned_rubrics(rubric_id):
            load(Rubric, broken)  # the rubric meant, perhaps: its problems at their lines
    versions = library.rubric_versions(rubric_id)
    if found is None and versions:
        raise InputError(
            [
                *library.unreadable_rubrics(),
                Problem(
                    *where(("assessment", "rubric_version")),
                    "assessment.rubric_version",
                    msg("library.unknown_version", rubric=rubric_id, known=tuple(versions), found=repr(version)),
                ),
            ]
        )
    if found is None:
        known = [f"{r} {v}" for r in library.rubric_ids() for v in library.rubric_versions(r)]
        raise InputError(
            [
                *library.unreadable_rubrics(),
                Problem(
                    *where(("assessment", "rubric")),
                    "assessment.rubric",
                    msg(
                        "library.unknown_rubric",
                        known=tuple(known) or (msg("value.none"),),
                        found=repr(f"{rubric_id} {version}"),
                    ),
                ),
            ]
        )
    return found


def resolve_standard(rubric: Loaded[Rubric], library: Library, standard_path: Path | None) -> Loaded[Standard]:
    if standard_path is not None:
        return load(Standard, standard_path)
    found = library.find_standard(rubric.model.standard)
    if found is None:
        raise InputError([rubric.problem(("standard",), "library.unknown_standard", found=repr(rubric.model.standard))])
    return found
