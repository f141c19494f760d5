"""``cxassess questionnaire RUBRIC -o answers.yaml``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.common import UserError, safe_write
from cxassess.loading import Library, Loaded, load, resolve_standard
from cxassess.model import Answers, Rubric
from cxassess.rendering.questionnaire_yaml import render_questionnaire


def find_rubric(spec: str) -> Loaded[Rubric]:
    """A rubric given as a file path or as the id of a bundled rubric."""
    path = Path(spec)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load(Rubric, path)
    found = Library().find_rubric(spec)
    if found is None:
        known = ", ".join(sorted(p.stem for p in Library().rubric_files()))
        raise UserError(f"rubric {spec!r}: expected a rubric file or one of: {known}")
    return found


@click.command("questionnaire")
@click.argument("rubric")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Where to write the template.",
)
@click.option(
    "--answers",
    "existing",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Pre-fill from an existing answers file.",
)
@click.option("--force", is_flag=True, help="Replace an existing output file (a .bak copy is kept).")
def command(rubric: str, output: Path, existing: Path | None, force: bool) -> None:
    """Write a blank, commented, bilingual answers template for RUBRIC (a file or a rubric id)."""
    loaded = find_rubric(rubric)
    standard = resolve_standard(loaded, Library(), None)
    prefill = load(Answers, existing).model if existing is not None else None
    text = render_questionnaire(loaded.model, standard.model, prefill)
    backup = safe_write(output, text, force=force)
    click.echo(f"wrote {output}" + (f" (previous file kept as {backup})" if backup else ""))
