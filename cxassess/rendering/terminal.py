"""The summary printed by ``cxassess score``: fits 80 columns in both languages.

Clause titles wrap whole (never cut to fragments); flags are one-character marks explained in a
legend, so the table keeps its shape on a narrow terminal.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from cxassess.core.model import Rubric, Standard
from cxassess.core.scoring import Flag, Result
from cxassess.i18n import Lang, t

MARKS: dict[Flag, str] = {
    Flag.below_target: "▼",
    Flag.claimed_not_evidenced: "!",
    Flag.evidence_not_counted: "?",
    Flag.incomplete: "◐",
    Flag.core_unanswered: "✗",
    Flag.low_coverage: "○",
    Flag.verified: "✓",
    Flag.not_verified: "⊘",
}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _lvl(value: int | None) -> str:
    return "—" if value is None else str(value)


def _marks(flags: list[Flag]) -> str:
    return "".join(MARKS[f] for f in MARKS if f in flags)


def print_summary(result: Result, standard: Standard, rubric: Rubric, lang: Lang, console: Console) -> None:
    clauses = standard.clause_index()
    principles = {p.id: p for p in standard.principles}
    o = result.overall
    c = o.counts
    console.print(
        f"[bold]{result.organisation.name}[/bold] · {result.standard.designation} · "
        f"{result.rubric.id} {result.rubric.version} · {result.assessment.date}",
        highlight=False,
    )
    state = (
        t("term.complete", lang, answered=o.coverage.answered, applicable=o.coverage.applicable)
        if o.complete
        else "[red]"
        + t(
            "term.provisional",
            lang,
            answered=o.coverage.answered,
            applicable=o.coverage.applicable,
            percent=_pct(o.coverage.percent),
        )
        + "[/red]"
    )
    console.print(
        t("term.overall", lang, percent=_pct(o.percent), level=_lvl(o.level), target=result.rules.target_level)
        + " · "
        + state,
        highlight=False,
    )
    console.print(
        t(
            "term.counts",
            lang,
            below=c.below_target_clauses,
            clauses=len(result.clauses),
            capped=c.claimed_not_evidenced,
            dropped=c.evidence_not_counted,
            na=c.na,
        ),
        highlight=False,
    )

    width = min(console.width, 100)
    table = Table(show_lines=False, header_style="bold", width=width, pad_edge=False, padding=(0, 1))
    table.add_column(t("clause", lang), no_wrap=True, width=6)
    table.add_column(t("title", lang), ratio=1, overflow="fold")
    table.add_column(t("percent", lang), justify="right", no_wrap=True, width=6)
    table.add_column(t("term.level_target", lang), justify="center", no_wrap=True, width=5)
    table.add_column(t("term.weakest", lang), no_wrap=True, width=9)
    table.add_column(t("flags", lang), no_wrap=True, width=5)
    for ch in result.chapters:
        table.add_row(
            f"[bold]{ch.number}[/bold]",
            f"[bold]{clauses[ch.id].title.get(lang)}[/bold]",
            f"[bold]{_pct(ch.percent)}[/bold]",
            f"[bold]{_lvl(ch.level)}[/bold]",
            ch.weakest_clause or "",
            _marks(ch.flags),
        )
        for cr in (x for x in result.clauses if x.chapter == ch.id):
            table.add_row(
                cr.number,
                clauses[cr.id].title.get(lang),
                _pct(cr.percent),
                f"{_lvl(cr.level)}/{cr.target}",
                cr.weakest_question or "—",
                _marks(cr.flags),
            )
    console.print(table)
    console.print(
        "  ".join(f"{mark} {t(f'flag.{flag.value}', lang)}" for flag, mark in MARKS.items()),
        style="dim",
        highlight=False,
    )

    if result.principles:
        console.print(f"[bold]{t('principles', lang)}[/bold]")
        for pr in result.principles:
            p = principles[pr.id]
            console.print(
                f"  {p.number or pr.id} {p.title.get(lang)}: {_pct(pr.percent)} · {t('level', lang)} {_lvl(pr.level)}",
                highlight=False,
            )
    console.print(f"[dim]{t('term.rules', lang)}[/dim]", highlight=False)
