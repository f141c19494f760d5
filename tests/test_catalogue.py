"""One bilingual catalogue: every code in both languages, every code the program uses defined."""

from __future__ import annotations

import re
import string

import pytest

from cxassess.i18n import LANGS, Msg, msg, render
from cxassess.i18n.catalogue import CATALOGUE
from tests.conftest import REPO

CJK = re.compile(r"[\u4e00-\u9fff]")
SYMBOLIC = {"value.true", "value.false", "value.number", "gap.coverage"}  # the same in both languages
SOURCES = sorted((REPO / "cxassess").rglob("*.py"))
TEMPLATES = sorted((REPO / "reports" / "templates").glob("*.j2"))


def _fields(template: str) -> set[str]:
    return {name.split("|")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_both_languages_with_the_same_placeholders(code: str) -> None:
    zh, en = CATALOGUE[code]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en), code
    if code not in SYMBOLIC:
        assert CJK.search(zh), f"{code}: the Chinese text has no Chinese: {zh!r}"


def test_every_code_renders_in_both_languages() -> None:
    for code, (zh, _) in CATALOGUE.items():
        values = {name: "X" for name in _fields(zh)}
        for lang in LANGS:
            assert render(code, lang, values)


def _used_codes() -> set[str]:
    used: set[str] = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'\b(?:msg|t|Msg\.of|render)\(\s*"([a-z0-9_.]+)"', text))
    for path in TEMPLATES:
        used |= set(re.findall(r"t\['([a-z0-9_.]+)'\]", path.read_text(encoding="utf-8")))
    return used


def test_every_code_the_program_uses_is_in_the_catalogue() -> None:
    used = _used_codes()
    assert len(used) > 150
    assert sorted(used - set(CATALOGUE)) == []


def test_every_reason_code_the_core_produces_has_a_text() -> None:
    core = "".join(p.read_text(encoding="utf-8") for p in (REPO / "cxassess" / "core").glob("*.py"))
    codes = set(re.findall(r'Reason\(code="([a-z_]+)"', core))
    codes |= {f"evidence_{w}" for w in ("too_old", "undated", "post_dated", "not_verified")}
    codes |= {"major_finding", "minor_finding", "system_major", "system_minor", "auditor_not_verified_none"}
    codes |= {"major_finding_unverified", "minor_finding_unverified"}
    assert "capped" in codes and "no_counted_evidence" in codes
    missing = sorted(c for c in codes if f"reason.{c}" not in CATALOGUE)
    assert missing == []


def test_dynamic_families_are_complete() -> None:
    from cxassess.core.model import EVIDENCE_KINDS, GRADES, ORG_SIZES, STRENGTHS
    from cxassess.core.readiness import VERDICTS
    from cxassess.core.scoring import Band, Flag

    families = {
        "kind": EVIDENCE_KINDS,
        "size": ORG_SIZES,
        "strength": STRENGTHS,
        "grade": GRADES,
        "rd.verdict": VERDICTS,
        "rd.indication": VERDICTS,
        "flag": [f.value for f in Flag],
        "band": [b.value for b in Band],
        "system": ["no_counted_evidence", "unevidenced_share", "clause_below_target"],
        "rd.rule.system": ["no_counted_evidence", "unevidenced_share", "clause_below_target"],
        "rd.clause": ["meets_target", "gaps", "not_assessed", "not_applicable"],
        "role": ["standard", "rubric", "answers", "targets", "verification", "metrics"],
    }
    missing = [
        f"{prefix}.{key}" for prefix, keys in families.items() for key in keys if f"{prefix}.{key}" not in CATALOGUE
    ]
    assert missing == []


def test_nested_messages_and_lists_render_in_the_same_language() -> None:
    m = msg("field.type", expected=msg("type.date"), found=msg("value.nothing"))
    assert m.text("zh") == "应为日期（YYYY-MM-DD），实际为 空"
    assert m.text("en") == "expected a date (YYYY-MM-DD), found nothing"
    listed = Msg.of("field.choice", choices=["'a'", "'b'"], found="'c'")
    assert listed.text("zh") == "应为以下之一：'a'、'b'；实际为 'c'"
    assert listed.text("en") == "expected one of 'a', 'b', found 'c'"


def test_templates_never_show_a_message_that_needs_values() -> None:
    """``t['code']`` in a template renders a message without values; a code with placeholders
    there would print ``{designation}`` to the reader, so it is refused as a bug."""
    needing = {code for code, (zh, _) in CATALOGUE.items() if _fields(zh)}
    in_templates: set[str] = set()
    for path in TEMPLATES + sorted((REPO / "cxassess" / "web" / "templates").glob("*.j2")):
        in_templates |= set(re.findall(r"t\['([a-z0-9_.]+)'\]", path.read_text(encoding="utf-8")))
    assert sorted(in_templates & needing) == []
    with pytest.raises(ValueError, match=r"rd\.basis_text"):
        render("rd.basis_text", "zh")


def test_english_counts_take_the_singular_only_for_one() -> None:
    assert render("status.files_checked", "en", {"n": 1}) == "1 file checked."
    assert render("status.files_checked", "en", {"n": 2}) == "2 files checked."
    assert render("status.files_checked", "en", {"n": 0}) == "0 files checked."
    assert render("status.files_checked", "zh", {"n": 1}) == "已检查 1 个文件。"
