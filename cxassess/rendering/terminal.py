"""The readable summary table printed by ``cxassess score``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from cxassess.model import Lang, Rubric, Standard
from cxassess.rendering.i18n import t
from cxassess.scoring import Result


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _lvl(value: int | None) -> str:
    return "—" if value is None else str(value)


def print_summary(result: Result, standard: Standard, rubric: Rubric, lang: Lang, console: Console) -> None:
    clauses = standard.clause_index()
    principles = {p.id: p for p in standard.principles}
    o = result.overall
    console.print(
        f"[bold]{result.organisation.name}[/bold] — {result.standard.designation} · "
        f"{result.rubric.id} {result.rubric.version} · {result.assessment.date}"
    )
    weakest = o.weakest_clause
    weakest_txt = f"{weakest} {clauses[weakest].title.get(lang)}" if weakest else "—"
    console.print(
        f"{t('overall_score', lang)}: [bold]{_pct(o.percent)}[/bold]   "
        f"{t('level', lang)}: [bold]{_lvl(o.level)}[/bold]   "
        f"{t('weakest_clause', lang)}: {weakest_txt}"
    )
    c = o.counts
    status = t("complete", lang) if o.complete else f"[red]{t('incomplete_assessment', lang)}[/red]"
    console.print(
        f"{status} · {t('scored', lang)} {c.scored}/{c.questions} · {t('na', lang)} {c.na} · "
        f"{t('unanswered', lang)} {c.unanswered} · {t('flag.claimed_not_evidenced', lang)} "
        f"{c.claimed_not_evidenced} · {t('flag.low_coverage', lang)} {c.low_coverage_clauses}"
    )

    table = Table(show_lines=False, header_style="bold")
    for key in ("clause", "title", "percent", "level", "target", "gap", "weakest_question", "flags"):
        table.add_column(t(key, lang), justify="right" if key in ("percent", "level", "target", "gap") else "left")
    for ch in result.chapters:
        title = clauses[ch.id].title.get(lang)
        table.add_row(
            f"[bold]{ch.number}[/bold]",
            f"[bold]{title}[/bold]",
            f"[bold]{_pct(ch.percent)}[/bold]",
            f"[bold]{_lvl(ch.level)}[/bold]",
            "",
            "",
            f"{t('weakest', lang)}: {ch.weakest_clause or '—'}",
            ", ".join(t(f"flag.{f.value}", lang) for f in ch.flags),
        )
        for cr in (x for x in result.clauses if x.chapter == ch.id):
            table.add_row(
                cr.number,
                clauses[cr.id].title.get(lang),
                _pct(cr.percent),
                _lvl(cr.level),
                str(cr.target),
                _lvl(cr.gap),
                cr.weakest_question or "—",
                ", ".join(t(f"flag.{f.value}", lang) for f in cr.flags),
            )
    console.print(table)

    if result.principles:
        pt = Table(title=t("principles", lang), header_style="bold", title_justify="left")
        for key in ("principle", "percent", "level", "questions", "weakest_question"):
            pt.add_column(t(key, lang))
        for pr in result.principles:
            p = principles[pr.id]
            pt.add_row(
                f"{pr.id} {p.title.get(lang)}",
                _pct(pr.percent),
                _lvl(pr.level),
                str(pr.questions),
                pr.weakest_question or "—",
            )
        console.print(pt)

    r = result.rules
    console.print(f"[dim]{t('rules', lang)}:[/dim]")
    for key, values in (
        ("rule.evidence", {"evidence_required_from": r.evidence_required_from, "unevidenced_cap": r.unevidenced_cap}),
        ("rule.na", {"share_pct": f"{r.low_coverage_na_share * 100:g}"}),
        ("rule.unanswered", {}),
        ("rule.level", {}),
        ("rule.weights", {}),
    ):
        console.print(f"[dim]· {t(key, lang, **values)}[/dim]")
