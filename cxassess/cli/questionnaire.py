"""``cxassess questionnaire RUBRIC -o answers.yaml|问卷.xlsx|问卷.csv``"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from cxassess.cli.common import EnvironmentProblem, UserError, lang_option, safe_write
from cxassess.loading import Library, Loaded, load, resolve_standard
from cxassess.model import Answers, Lang, Rubric
from cxassess.rendering.questionnaire_yaml import render_questionnaire

FORMATS = {".yaml": "yaml", ".yml": "yaml", ".xlsx": "xlsx", ".csv": "csv"}


def find_rubric(spec: str, library: Library) -> Loaded[Rubric]:
    """A rubric given as a file path or as the id of a bundled rubric."""
    path = Path(spec)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load(Rubric, path)
    found = library.find_rubric(spec)
    if found is None:
        known = ", ".join(sorted(p.stem for p in library.rubric_files()))
        raise UserError(f"rubric {spec!r}: expected a rubric file or one of: {known}")
    return found


@click.command("questionnaire")
@click.argument("rubric")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Where to write the questionnaire.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "xlsx", "csv"]),
    default=None,
    help="yaml, xlsx or csv (default: from the output's suffix).",
)
@click.option(
    "--answers",
    "existing",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Pre-fill from an existing answers file.",
)
@click.option("--force", is_flag=True, help="Replace an existing output file (a .bak copy is kept).")
@lang_option
def command(rubric: str, output: Path, fmt: str | None, existing: Path | None, force: bool, lang: str) -> None:
    """Write a questionnaire for RUBRIC (a file or a rubric id): a commented bilingual YAML
    template, an Excel workbook or a CSV file, optionally pre-filled from existing answers."""
    fmt = fmt or FORMATS.get(output.suffix.lower(), "yaml")
    library = Library()
    loaded = find_rubric(rubric, library)
    standard = resolve_standard(loaded, library, None)
    prefill = load(Answers, existing).model if existing is not None else None
    data: str | bytes
    if fmt == "yaml":
        data = render_questionnaire(loaded.model, standard.model, prefill)
    else:
        from cxassess.tabular import export_rows

        sheet = export_rows(loaded.model, standard.model, prefill, cast(Lang, lang))
        if fmt == "xlsx":
            try:
                from cxassess.rendering.workbook import write_xlsx
            except ImportError:  # pragma: no cover - depends on the installation
                raise EnvironmentProblem("Excel support needs openpyxl: pip install 'cxassess[xlsx]'") from None
            data = write_xlsx(sheet, loaded.model, cast(Lang, lang))
        else:
            from cxassess.rendering.workbook import write_csv

            data = "\ufeff" + write_csv(sheet)  # a BOM so spreadsheet programs read UTF-8 Chinese
    backup = safe_write(output, data, force=force)
    click.echo(f"wrote {output}" + (f" (previous file kept as {backup})" if backup else ""))
