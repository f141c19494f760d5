"""The gap-analysis report: result → view model → HTML (jinja2) → PDF (WeasyPrint).

The view model holds every number already formatted; templates only place values.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxassess.actions import ActionItem
from cxassess.loading import Branding
from cxassess.model import Answers, Lang, Rubric, Standard
from cxassess.rendering import charts
from cxassess.rendering.i18n import Labels, t
from cxassess.scoring import ClauseResult, InputDigest, Result

PRIMARY = "#14396b"
ACCENT = "#d9822b"
FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'


class RenderError(Exception):
    """The report cannot be rendered on this machine (e.g. no Chinese font)."""


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def lvl(value: int | None) -> str:
    return "—" if value is None else str(value)


def report_id(inputs: list[InputDigest], engine: str, kind: str, lang: Lang) -> str:
    """A stable id derived from the inputs' digests, the engine, the report kind and the language."""
    payload = json.dumps([kind, lang, [(i.role, i.sha256) for i in inputs], engine])
    return "CXA-" + hashlib.sha256(payload.encode()).hexdigest()[:12].upper()


def document_header(lang: Lang, title_key: str, kind: str, inputs: list[InputDigest], engine: str) -> dict[str, Any]:
    """The fields every report template starts from: language, fonts, labels, title, id, engine."""
    return {
        "lang": lang,
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "font_family": FONT_FAMILY,
        "t": Labels(lang),
        "title": t(title_key, lang),
        "report_id": report_id(inputs, engine, kind, lang),
        "engine": engine,
    }


@dataclass(frozen=True)
class ReportInputs:
    result: Result
    standard: Standard
    rubric: Rubric
    answers: Answers
    actions: list[ActionItem]


def _clause_label(standard: Standard, cid: str, lang: Lang) -> str:
    c = standard.clause_index()[cid]
    return f"{c.number} {c.title.get(lang)}"


def build_context(data: ReportInputs, lang: Lang) -> dict[str, Any]:
    res, std, rub, ans = data.result, data.standard, data.rubric, data.answers
    clauses = std.clause_index()
    questions = rub.question_index()
    principles = {p.id: p for p in std.principles}
    aliases = rub.alias_index()
    given = {aliases.get(k, k): v for k, v in ans.answers.items()}

    def flags(items: list[Any]) -> list[str]:
        return [t(f"flag.{f.value}", lang) for f in items]

    def level_label(value: int | None) -> str:
        return "" if value is None else rub.scale.label(value, lang)

    def evidence_rows(qid: str) -> list[dict[str, str]]:
        a = given.get(qid)
        if a is None:
            return []
        return [
            {
                "question": qid,
                "title": ev.title,
                "kind": t(f"kind.{ev.kind}", lang),
                "date": ev.date.isoformat() if ev.date else "—",
                "ref": ev.ref or "—",
            }
            for ev in a.evidence
        ]

    scored_clauses = [c for c in res.clauses if c.percent is not None]
    order = {c.id: i for i, c in enumerate(res.clauses)}

    def clause_brief(c: ClauseResult) -> dict[str, str]:
        return {"label": _clause_label(std, c.id, lang), "percent": pct(c.percent), "level": lvl(c.level)}

    strongest = sorted(scored_clauses, key=lambda c: (-(c.percent or 0), order[c.id]))[:3]
    weakest = sorted(scored_clauses, key=lambda c: (c.percent or 0, order[c.id]))[:3]

    clause_blocks: list[dict[str, Any]] = []
    for c in res.clauses:
        clause = clauses[c.id]
        rows = []
        evidence: list[dict[str, str]] = []
        for qres in (x for x in res.questions if x.clause == c.id):
            rq = questions[qres.id]
            rows.append(
                {
                    "id": qres.id,
                    "text": rq.text.get(lang),
                    "core": rq.core,
                    "claimed": lvl(qres.claimed_level),
                    "level": lvl(qres.level),
                    "status": t(f"status.{qres.status}", lang),
                    "status_key": qres.status,
                    "evidence": str(qres.evidence_count),
                    "flags": flags(qres.flags),
                }
            )
            evidence.extend(evidence_rows(qres.id))
        weakest_q = c.weakest_question
        clause_blocks.append(
            {
                "id": c.id,
                "anchor": f"clause-{c.id}",
                "number": c.number,
                "title": clause.title.get(lang),
                "summary": clause.summary.get(lang),
                "percent": pct(c.percent),
                "level": lvl(c.level),
                "level_label": level_label(c.level),
                "target": str(c.target),
                "gap": lvl(c.gap),
                "below": bool(c.gap),
                "band": t(f"band.{c.band.value}", lang) if c.band else "—",
                "flags": flags(c.flags),
                "weakest": (
                    {
                        "id": weakest_q,
                        "text": questions[weakest_q].text.get(lang),
                        "level": lvl(res.question(weakest_q).level),
                    }
                    if weakest_q
                    else None
                ),
                "questions": rows,
                "evidence": evidence,
            }
        )

    chapters = []
    for ch in res.chapters:
        chapters.append(
            {
                "id": ch.id,
                "number": ch.number,
                "title": clauses[ch.id].title.get(lang),
                "percent": pct(ch.percent),
                "level": lvl(ch.level),
                "weight": f"{ch.weight:g}",
                "weakest": _clause_label(std, ch.weakest_clause, lang) if ch.weakest_clause else "—",
                "clauses": [b for b in clause_blocks if res.clause(str(b["id"])).chapter == ch.id],
            }
        )

    rules = rub.action_plan
    actions = []
    for a in data.actions:
        aq = questions[a.question]
        next_criteria = aq.criteria.get(a.next_level)
        owner = rules.owners.get(a.group or "") or rules.default_owner
        actions.append(
            {
                "rank": str(a.rank),
                "clause": _clause_label(std, a.clause, lang),
                "question": a.question,
                "question_text": aq.text.get(lang),
                "core": a.core,
                "level": f"{a.level} → {a.target}",
                "gap": str(a.gap),
                "severity": t(f"severity.{a.severity}", lang),
                "severity_key": a.severity,
                "action": aq.improvement.get(lang),
                "next": f"{a.next_level}: {next_criteria.get(lang)}" if next_criteria else "",
                "owner": owner.get(lang) if owner else "—",
                "due": a.due.isoformat(),
                "evidence_missing": a.evidence_missing,
            }
        )

    appendix = []
    for b in clause_blocks:
        items = []
        for row in b["questions"]:
            given_answer = given.get(row["id"])
            items.append(
                {
                    **row,
                    "justification": (given_answer.justification or "") if given_answer and given_answer.na else "",
                    "notes": (given_answer.notes or "") if given_answer else "",
                    "evidence_rows": evidence_rows(row["id"]),
                }
            )
        appendix.append({"label": f"{b['number']} {b['title']}", "items": items})

    r = res.rules
    o = res.overall
    counts = o.counts
    principle_rows = [
        {
            "id": p.id,
            "title": principles[p.id].title.get(lang),
            "percent": pct(p.percent),
            "level": lvl(p.level),
            "questions": str(p.questions),
            "weakest": p.weakest_question or "—",
        }
        for p in res.principles
    ]

    chart_clauses = list(res.clauses)
    top = r.scale_max - r.scale_min
    radar_clauses = charts.radar(
        "clauses",
        [c.number for c in chart_clauses],
        [(t("report.current", lang), [c.percent for c in chart_clauses])],
        outline=[
            (
                t("report.target_profile", lang),
                [round(100 * (c.target - r.scale_min) / top, 2) for c in chart_clauses],
            )
        ],
    )
    radar_principles = (
        charts.radar(
            "principles",
            [principles[p.id].title.get(lang) for p in res.principles],
            [(t("report.current", lang), [p.percent for p in res.principles])],
            size=(460, 400),
        )
        if res.principles
        else None
    )
    bars = charts.bars(
        "chapters",
        [
            f"{ch.number} {clauses[ch.id].title.get(lang)}" if lang == "en" else clauses[ch.id].title.get(lang)
            for ch in res.chapters
        ],
        [ch.percent for ch in res.chapters],
        round(100 * (rub.target_level - r.scale_min) / top, 2),
        (t("report.current", lang), t("report.target_profile", lang)),
    )

    rule_lines = [
        t("rule.evidence", lang, evidence_required_from=r.evidence_required_from, unevidenced_cap=r.unevidenced_cap),
        t("rule.na", lang, share_pct=f"{r.low_coverage_na_share * 100:g}"),
        t("rule.unanswered", lang),
        t("rule.level", lang),
        t("rule.weights", lang),
    ]
    actions_intro = t(
        "report.actions_intro",
        lang,
        core_factor=f"{rules.core_factor:g}",
        high_from=f"{rules.high_from:g}",
        medium_from=f"{rules.medium_from:g}",
        high_days=rules.due_days.get("high", 90),
        medium_days=rules.due_days.get("medium", 90),
        low_days=rules.due_days.get("low", 90),
    )

    org = ans.organisation
    return {
        **document_header(lang, "report.title", "gap", res.inputs, res.engine),
        "org": {
            "name": org.name,
            "sector": org.sector,
            "size": t(f"size.{org.size}", lang),
            "scope": org.scope or "—",
        },
        "assessment": {"date": res.assessment.date.isoformat(), "assessor": res.assessment.assessor},
        "standard": {"designation": std.designation, "title": std.title.get(lang), "edition": std.edition},
        "rubric": {"id": rub.id, "version": rub.version, "title": rub.title.get(lang)},
        "inputs": [{"role": i.role, "name": i.name, "sha256": i.sha256} for i in res.inputs],
        "summary": {
            "percent": pct(o.percent),
            "level": lvl(o.level),
            "level_label": level_label(o.level),
            "band": t(f"band.{o.band.value}", lang) if o.band else "—",
            "weakest": _clause_label(std, o.weakest_clause, lang) if o.weakest_clause else "—",
            "strongest": [clause_brief(c) for c in strongest],
            "weakest_list": [clause_brief(c) for c in weakest],
            "complete": o.complete,
            "incomplete_banner": t("report.incomplete_banner", lang, n=counts.unanswered),
            "counts": {
                "questions": str(counts.questions),
                "scored": str(counts.scored),
                "na": str(counts.na),
                "unanswered": str(counts.unanswered),
                "claimed_not_evidenced": str(counts.claimed_not_evidenced),
                "low_coverage": str(counts.low_coverage_clauses),
                "below_target": str(sum(1 for c in res.clauses if c.gap)),
            },
            "target_note": t("report.target_source", lang, level=rub.target_level),
        },
        "charts": {"radar_clauses": radar_clauses, "radar_principles": radar_principles, "bars": bars},
        "chapters": chapters,
        "principles": principle_rows,
        "actions": actions,
        "actions_intro": actions_intro,
        "appendix": appendix,
        "method": {
            "scale": [
                {"level": str(s.level), "label": s.label.get(lang), "description": s.description.get(lang)}
                for s in rub.scale.levels
            ],
            "chapter_weights": [
                {"label": f"{ch.number} {clauses[ch.id].title.get(lang)}", "weight": f"{ch.weight:g}"}
                for ch in res.chapters
            ],
            "clause_weights": [
                {"label": _clause_label(std, c.id, lang), "weight": f"{c.weight:g}"} for c in res.clauses
            ],
            "question_weights": [
                {"id": q.id, "weight": f"{q.weight:g}", "core": q.core, "clause": questions[q.id].clause}
                for q in res.questions
            ],
            "core_items": [q.id for q in rub.questions if q.core],
            "rules": rule_lines,
            "bands": r.bands,
        },
    }


# --------------------------------------------------------------------------- HTML and PDF


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


def render_html(
    context: dict[str, Any], templates: Path, template: str = "gap_report.html.j2", branding: Branding | None = None
) -> str:
    from markupsafe import Markup

    env = _environment(templates)
    css = (templates / "report.css").read_text(encoding="utf-8").replace("@FONT_FAMILY@", FONT_FAMILY)
    if branding is not None:
        # the stylesheet's two theme colours; values come from a validated #rrggbb field
        css = css.replace(PRIMARY, branding.primary).replace(ACCENT, branding.accent)
        css += "\n@page { @bottom-left { content: string(brand); } }"
    page_zh = context["lang"] == "zh"
    page_css = (
        '@page { @bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; } }'
        if page_zh
        else '@page { @bottom-right { content: "Page " counter(page) " of " counter(pages); } }'
    )
    # CSS is ours, never user text: mark it safe so autoescape cannot mangle its quotes
    brand = None
    if branding is not None:
        brand = {"name": branding.name, "footer": branding.footer, "logo": branding.logo_uri}
    html: str = env.get_template(template).render(**context, brand=brand, css=Markup(css + "\n" + page_css))
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

    roots = [r.resolve() for r in allowed_roots]

    class LocalOnlyFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                from urllib.request import url2pathname

                path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
                if any(path.is_relative_to(r) for r in roots):
                    return super().fetch(url, headers)
            raise ValueError(f"blocked: cxassess reports read no network or outside files ({url})")

    return LocalOnlyFetcher()


def write_pdf(
    html: str,
    target: Path,
    *,
    allowed_roots: list[Path],
    base_url: Path,
    attachments: list[Path] | None = None,
    attachment_date: dt.date | None = None,
    identifier: str | None = None,
    pdf_variant: str | None = None,
) -> None:
    """Lay out ``html`` into a PDF. Only ``data:`` URLs and files under ``allowed_roots`` are read."""
    if cjk_font_available() is False:
        raise RenderError(
            "no Chinese font is installed, so Chinese text would print as boxes: "
            "install one (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk, or run scripts/run setup as root)"
        )
    import weasyprint

    fetcher = local_only_fetcher(allowed_roots)
    doc = weasyprint.HTML(string=html, base_url=str(base_url), url_fetcher=fetcher)
    stamp = None
    if attachment_date is not None:
        stamp = dt.datetime(attachment_date.year, attachment_date.month, attachment_date.day, tzinfo=dt.UTC)
    files = [
        weasyprint.Attachment(
            filename=str(p), url_fetcher=fetcher, name=p.name, created=stamp, modified=stamp, relationship="Source"
        )
        for p in attachments or []
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.write_pdf(
        str(target),
        attachments=files or None,
        pdf_identifier=identifier.encode() if identifier else None,
        pdf_variant=pdf_variant,
    )
