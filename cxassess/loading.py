"""Files → validated models, with every problem located as ``file:line: path: expected …, found …``."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from cxassess import checks
from cxassess.model import (
    ANSWERS_SCHEMA,
    RUBRIC_SCHEMA,
    STANDARD_SCHEMA,
    TARGETS_SCHEMA,
    THEME_SCHEMA,
    VERIFICATION_SCHEMA,
    Answers,
    Rubric,
    Standard,
    Targets,
    Theme,
    Verification,
)
from cxassess.problems import Finding, InputError, Problem, format_path
from cxassess.scoring import InputDigest
from cxassess.yamlio import Marks, YamlError, load_text

M = TypeVar("M", bound=BaseModel)

KINDS: dict[str, type[BaseModel]] = {
    STANDARD_SCHEMA: Standard,
    RUBRIC_SCHEMA: Rubric,
    ANSWERS_SCHEMA: Answers,
    TARGETS_SCHEMA: Targets,
    VERIFICATION_SCHEMA: Verification,
    THEME_SCHEMA: Theme,
}
ROLE_OF_SCHEMA = {
    STANDARD_SCHEMA: "standard",
    RUBRIC_SCHEMA: "rubric",
    ANSWERS_SCHEMA: "answers",
    TARGETS_SCHEMA: "targets",
    VERIFICATION_SCHEMA: "verification",
    THEME_SCHEMA: "theme",
}


@dataclass(frozen=True)
class Loaded(Generic[M]):
    model: M
    path: Path
    marks: Marks
    sha256: str

    def locate(self, findings: Iterable[Finding]) -> list[Problem]:
        return [
            Problem(str(self.path), self.marks.line_of(f.path) or 0, format_path(f.path), f.message) for f in findings
        ]

    def digest(self, role: str) -> InputDigest:
        return InputDigest.model_validate({"role": role, "name": self.path.name, "sha256": self.sha256})


# --------------------------------------------------------------------------- reading files


def _read(path: Path) -> tuple[str, str]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(str(path), 0, "(file)", "expected an existing file, found none")]) from None
    except IsADirectoryError:
        raise InputError([Problem(str(path), 0, "(file)", "expected a file, found a folder")]) from None
    except OSError as exc:
        raise InputError(
            [Problem(str(path), 0, "(file)", f"expected a readable file, found: {exc.strerror}")]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(str(path), 0, "(file)", f"expected UTF-8 text, found an invalid byte at offset {exc.start}")]
        ) from None
    return text, hashlib.sha256(raw).hexdigest()


def read_yaml(path: Path) -> tuple[Any, Marks, str]:
    text, sha = _read(path)
    try:
        doc = load_text(text)
    except YamlError as exc:
        raise InputError([Problem(str(path), exc.line or 0, format_path(exc.path), exc.message)]) from None
    return doc.data, doc.marks, sha


# --------------------------------------------------------------------------- pydantic errors


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    return str(value)


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Annotated to the model type a location points into."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp


def _model_at(cls: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    tp: Any = cls
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = {f.alias or name: f for name, f in tp.model_fields.items()}
            if part not in fields:
                return None
            tp = fields[part].annotation
        elif typing.get_origin(tp) in (list, dict):
            tp = typing.get_args(tp)[-1]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


_PLAIN = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD) without a time",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def describe_error(cls: type[BaseModel], err: Any) -> tuple[tuple[Any, ...], str]:
    """A pydantic error as (location in the document, 'expected …, found …')."""
    loc = tuple(p for p in err["loc"] if p != "[key]")
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    found = _describe(value)
    if kind == "missing":
        return loc, "expected a value, found nothing"
    if kind == "extra_forbidden":
        parent = _model_at(cls, loc[:-1])
        known = sorted(f.alias or n for n, f in parent.model_fields.items()) if parent else []
        hint = f"one of {', '.join(known)}" if known else "a known key"
        return loc, f"expected {hint}, found unknown key {loc[-1]!r}"
    if kind == "literal_error":
        return loc, f"expected {ctx.get('expected')}, found {found}"
    if kind == "enum":
        return loc, f"expected one of {ctx.get('expected')}, found {found}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        sym = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}[kind]
        bound = next(iter(ctx.values()))
        return loc, f"expected a number {sym} {bound}, found {found}"
    if kind == "string_too_short":
        return loc, f"expected non-empty text, found {found}"
    if kind == "string_too_long":
        return loc, f"expected at most {ctx.get('max_length')} characters, found {len(str(value))}"
    if kind == "string_pattern_mismatch":
        return loc, f"expected text matching {ctx.get('pattern')}, found {found}"
    if kind == "too_short":
        return loc, f"expected at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length')}"
    if kind == "value_error":
        msg = str(err["msg"]).removeprefix("Value error, ")
        return loc, msg
    if kind in _PLAIN:
        return loc, f"expected {_PLAIN[kind]}, found {found}"
    return loc, f"expected {err['msg'][0].lower()}{err['msg'][1:]}, found {found}"


def validate_model(cls: type[M], data: Any, path: Path, marks: Marks) -> M:
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc, msg = describe_error(cls, err)
            problems.append(Problem(str(path), marks.line_of(loc) or 0, format_path(loc), msg))
        raise InputError(problems) from None


def schema_of(data: Any) -> str | None:
    if isinstance(data, dict):
        value = data.get("schema")
        return value if isinstance(value, str) else None
    return None


def load_any(path: Path) -> Loaded[BaseModel]:
    """Load a file of any known kind, told apart by its ``schema`` key."""
    data, marks, sha = read_yaml(path)
    schema = schema_of(data)
    if schema not in KINDS:
        found = _describe(data.get("schema")) if isinstance(data, dict) else "no mapping"
        raise InputError(
            [
                Problem(
                    str(path),
                    marks.line_of(("schema",)) or 1,
                    "schema",
                    f"expected one of {', '.join(KINDS)}, found {found}",
                )
            ]
        )
    model = validate_model(KINDS[schema], data, path, marks)
    return Loaded(model, path, marks, sha)


def load(cls: type[M], path: Path) -> Loaded[M]:
    data, marks, sha = read_yaml(path)
    return Loaded(validate_model(cls, data, path, marks), path, marks, sha)


# --------------------------------------------------------------------------- library


def data_roots() -> list[Path]:
    """Where bundled standards and rubrics live, then ``CXASSESS_PATH`` entries."""
    roots: list[Path] = []
    extra = os.environ.get("CXASSESS_PATH", "")
    roots.extend(Path(p) for p in extra.split(os.pathsep) if p)
    here = Path(__file__).resolve().parent
    bundled = here / "_data"
    roots.append(bundled if bundled.is_dir() else here.parent)
    return roots


def templates_dir() -> Path:
    here = Path(__file__).resolve().parent
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
    _models: dict[tuple[str, Path], Any] = field(default_factory=dict, repr=False)

    def _read(self, path: Path) -> tuple[Any, Marks, str]:
        st = path.stat()
        key = (path, st.st_size, st.st_mtime_ns)
        if key not in self._cache:
            self._cache[key] = read_yaml(path)
        return self._cache[key]

    def _model(self, cls: type[M], path: Path, data: Any, marks: Marks) -> M:
        key = (cls.__name__, path)
        if key not in self._models:
            self._models[key] = validate_model(cls, data, path, marks)
        model: M = self._models[key]
        return model

    def _files(self, sub: str) -> list[Path]:
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

    def find_standard(self, key: str) -> Loaded[Standard] | None:
        for path in self.standard_files():
            data, marks, sha = self._read(path)
            if schema_of(data) != STANDARD_SCHEMA or not isinstance(data, dict):
                continue
            if f"{data.get('id')}:{data.get('edition')}" == key:
                return Loaded(self._model(Standard, path, data, marks), path, marks, sha)
        return None

    def find_rubric(self, rubric_id: str, version: str | None = None) -> Loaded[Rubric] | None:
        fallback: Loaded[Rubric] | None = None
        for path in self.rubric_files():
            data, marks, sha = self._read(path)
            if schema_of(data) != RUBRIC_SCHEMA or not isinstance(data, dict):
                continue
            if data.get("id") != rubric_id:
                continue
            loaded = Loaded(self._model(Rubric, path, data, marks), path, marks, sha)
            if version is None or loaded.model.version == version:
                return loaded
            fallback = fallback or loaded
        return fallback


# --------------------------------------------------------------------------- assessments


@dataclass(frozen=True)
class Assessment:
    """Everything needed to score one organisation, each file with its digest."""

    standard: Loaded[Standard]
    rubric: Loaded[Rubric]
    answers: Loaded[Answers]
    targets: Loaded[Targets] | None = None
    verification: Loaded[Verification] | None = None

    def digests(self) -> list[InputDigest]:
        out = [
            self.standard.digest("standard"),
            self.rubric.digest("rubric"),
            self.answers.digest("answers"),
        ]
        if self.targets is not None:
            out.append(self.targets.digest("targets"))
        if self.verification is not None:
            out.append(self.verification.digest("verification"))
        return out

    def files(self) -> list[Path]:
        """Every input file, in a stable order (answers, verification, targets, rubric, standard)."""
        out = [self.answers.path]
        out += [x.path for x in (self.verification, self.targets) if x is not None]
        return [*out, self.rubric.path, self.standard.path]

    def target_levels(self) -> dict[str, int]:
        """Per-clause targets: the rubric's level, then the targets file's default and clauses."""
        base = self.rubric.model.target_level
        if self.targets is not None and self.targets.model.default is not None:
            base = self.targets.model.default
        out = {c.id: base for c, _ in self.standard.model.walk() if not c.clauses}
        if self.targets is not None:
            out.update(self.targets.model.clauses)
        return out


def resolve_rubric(answers: Loaded[Answers], library: Library, rubric_path: Path | None) -> Loaded[Rubric]:
    if rubric_path is not None:
        return load(Rubric, rubric_path)
    info = answers.model.assessment
    found = library.find_rubric(info.rubric, info.rubric_version)
    if found is None:
        known = sorted({p.stem for p in library.rubric_files()})
        raise InputError(
            [
                Problem(
                    str(answers.path),
                    answers.marks.line_of(("assessment", "rubric")) or 0,
                    "assessment.rubric",
                    f"expected a known rubric ({', '.join(known) or 'none found'}), found {info.rubric!r}",
                )
            ]
        )
    return found


def resolve_standard(rubric: Loaded[Rubric], library: Library, standard_path: Path | None) -> Loaded[Standard]:
    if standard_path is not None:
        return load(Standard, standard_path)
    found = library.find_standard(rubric.model.standard)
    if found is None:
        raise InputError(
            [
                Problem(
                    str(rubric.path),
                    rubric.marks.line_of(("standard",)) or 0,
                    "standard",
                    f"expected a known standard (id:edition), found {rubric.model.standard!r}",
                )
            ]
        )
    return found


def load_assessment(
    answers_path: Path,
    *,
    today: dt.date,
    rubric_path: Path | None = None,
    standard_path: Path | None = None,
    targets_path: Path | None = None,
    verification_path: Path | None = None,
    library: Library | None = None,
) -> Assessment:
    """Load and cross-check the answers, their rubric and standard (and an optional targets file).

    Raises InputError with every problem found in every file.
    """
    library = library or Library()
    answers = load(Answers, answers_path)
    rubric = resolve_rubric(answers, library, rubric_path)
    standard = resolve_standard(rubric, library, standard_path)
    problems = standard.locate(checks.check_standard(standard.model))
    problems += rubric.locate(checks.check_rubric(rubric.model, standard.model))
    problems += answers.locate(checks.check_answers(answers.model, rubric.model, today))
    targets = None
    if targets_path is not None:
        targets = load(Targets, targets_path)
        problems += targets.locate(checks.check_targets(targets.model, rubric.model, standard.model))
    verification = None
    if verification_path is not None:
        verification = load(Verification, verification_path)
        problems += verification.locate(
            checks.check_verification(verification.model, rubric.model, answers.sha256, today)
        )
    if problems:
        raise InputError(problems)
    return Assessment(standard, rubric, answers, targets, verification)


def validate_paths(paths: Sequence[Path], *, today: dt.date, library: Library | None = None) -> list[Problem]:
    """Check every catalogue, rubric and answers file under ``paths``, cross-references included.

    Standards and rubrics among the paths are used to resolve references before the library's.
    """
    library = library or Library()
    files: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*.y*ml") if f.is_file()))
        else:
            files.append(p)
    loaded: list[Loaded[BaseModel]] = []
    for f in files:
        try:
            loaded.append(load_any(f))
        except InputError as exc:
            problems.extend(exc.problems)

    standards = {
        f"{x.model.id}:{x.model.edition}": typing.cast(Loaded[Standard], x)
        for x in loaded
        if isinstance(x.model, Standard)
    }
    rubrics = {
        (x.model.id, x.model.version): typing.cast(Loaded[Rubric], x) for x in loaded if isinstance(x.model, Rubric)
    }

    def standard_for(r: Loaded[Rubric]) -> Loaded[Standard] | None:
        return standards.get(r.model.standard) or library.find_standard(r.model.standard)

    for x in loaded:
        try:
            if isinstance(x.model, Standard):
                problems += x.locate(checks.check_standard(x.model))
            elif isinstance(x.model, Rubric):
                r = typing.cast(Loaded[Rubric], x)
                std = standard_for(r)
                if std is None:
                    problems += r.locate(
                        [
                            Finding(
                                "rubric",
                                ("standard",),
                                f"expected a known standard (id:edition), found {r.model.standard!r}",
                            )
                        ]
                    )
                else:
                    problems += r.locate(checks.check_rubric(r.model, std.model))
            elif isinstance(x.model, Answers):
                a = typing.cast(Loaded[Answers], x)
                info = a.model.assessment
                rub = rubrics.get((info.rubric, info.rubric_version)) or resolve_rubric(a, library, None)
                problems += a.locate(checks.check_answers(a.model, rub.model, today))
        except InputError as exc:
            problems.extend(exc.problems)
    return sorted(set(problems))


def find_answer_files(paths: Sequence[Path]) -> list[Path]:
    """Answers files among ``paths``: files as given, folders searched recursively for YAML files
    whose ``schema`` is ``cxassess/answers/1`` (verification and targets files are skipped)."""
    out: list[Path] = []
    for p in paths:
        if not p.is_dir():
            out.append(p)
            continue
        for f in sorted(p.rglob("*.y*ml")):
            try:
                head = f.read_text(encoding="utf-8-sig", errors="replace")[:4096]
            except OSError:
                continue
            if ANSWERS_SCHEMA in head:
                out.append(f)
    return out


def load_many(paths: Sequence[Path], *, today: dt.date, library: Library | None = None) -> list[Assessment]:
    """Load every answers file (all problems of all files at once); all must use one rubric."""
    library = library or Library()
    loaded: list[Assessment] = []
    problems: list[Problem] = []
    for path in find_answer_files(paths):
        try:
            loaded.append(load_assessment(path, today=today, library=library))
        except InputError as exc:
            problems.extend(exc.problems)
    if loaded:
        ref = loaded[0]
        want = (ref.rubric.model.id, ref.rubric.model.version)
        for a in loaded[1:]:
            got = (a.rubric.model.id, a.rubric.model.version)
            if got != want:
                problems.append(
                    Problem(
                        str(a.answers.path),
                        a.answers.marks.line_of(("assessment", "rubric")) or 0,
                        "assessment.rubric",
                        f"expected {want[0]} {want[1]} (as in {ref.answers.path}), found {got[0]} {got[1]}: "
                        "a comparison needs one rubric",
                    )
                )
    if not loaded and not problems:
        problems.append(Problem(", ".join(str(p) for p in paths), 0, "(files)", "expected answers files, found none"))
    if problems:
        raise InputError(problems)
    return loaded


LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
LOGO_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Branding:
    name: str
    primary: str
    accent: str
    footer: str
    logo_uri: str | None


def load_theme(path: Path) -> Branding:
    """A theme file and its logo, read only from the local file system (never a URL)."""
    import base64

    loaded = load(Theme, path)
    theme = loaded.model
    logo_uri = None
    if theme.logo:
        line = loaded.marks.line_of(("logo",)) or 0
        if "://" in theme.logo:
            raise InputError(
                [Problem(str(path), line, "logo", f"expected a local image file, found the URL {theme.logo!r}")]
            )
        logo = (path.parent / theme.logo).resolve()
        kind = LOGO_TYPES.get(logo.suffix.lower())
        if kind is None:
            raise InputError(
                [Problem(str(path), line, "logo", f"expected a .png, .jpg or .svg file, found {theme.logo!r}")]
            )
        if not logo.is_file():
            raise InputError([Problem(str(path), line, "logo", f"expected an existing file, found none at {logo}")])
        data = logo.read_bytes()
        if len(data) > LOGO_MAX_BYTES:
            raise InputError(
                [Problem(str(path), line, "logo", f"expected at most {LOGO_MAX_BYTES} bytes, found {len(data)}")]
            )
        logo_uri = f"data:{kind};base64," + base64.b64encode(data).decode("ascii")
    return Branding(theme.name, theme.colours.primary, theme.colours.accent, theme.footer or theme.name, logo_uri)
