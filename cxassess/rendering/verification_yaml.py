"""An auditor's verification file (``cxassess/verification/1``) as YAML text.

Strings are written as JSON strings (valid YAML double-quoted scalars), so any text survives the
round trip; findings are in the order given (the workspace gives rubric order).
"""

from __future__ import annotations

import json

from cxassess.core.model import VERIFICATION_SCHEMA, Evidence, Verification


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _evidence(items: list[Evidence], indent: str) -> list[str]:
    out: list[str] = []
    for ev in items:
        out.append(f"{indent}- title: {_q(ev.title)}")
        out.append(f"{indent}  kind: {ev.kind}")
        out.append(f"{indent}  date: {ev.date.isoformat() if ev.date else 'null'}")
        out.append(f"{indent}  ref: {_q(ev.ref)}")
    return out


def render_verification(verification: Verification) -> str:
    v = verification
    out = [
        "# 审核员验证记录 / Auditor's verification",
        "# status: verified（已验证）| not_verified（未能验证）| disputed（有异议：须填 level 和 note）",
        f"schema: {VERIFICATION_SCHEMA}",
        f"auditor: {_q(v.auditor)}",
        f"date: {v.date.isoformat()}",
    ]
    if v.started is not None:
        out.append(f"started: {v.started.isoformat()}")
    if v.team:
        out.append("team:")
        out.extend(f"  - {_q(member)}" for member in v.team)
    if v.interviewees:
        out.append("interviewees:")
        for person in v.interviewees:
            out.append(f"  - name: {_q(person.name)}")
            out.append(f"    role: {_q(person.role)}")
    if v.sampling is not None:
        out.append(f"sampling: {_q(v.sampling)}")
    if v.answers is not None:
        out.append(f"answers: {_q(v.answers)}")
    if v.answers_sha256 is not None:
        out.append(f"answers_sha256: {v.answers_sha256}")
    if not v.findings:
        out.append("findings: {}")
        return "\n".join(out) + "\n"
    out.append("findings:")
    for qid, item in v.findings.items():
        out.append(f"  {qid}:")
        out.append(f"    status: {item.status}")
        if item.level is not None:
            out.append(f"    level: {item.level}")
        if item.note is not None:
            out.append(f"    note: {_q(item.note)}")
        if item.seen:
            out.append("    seen:")
            out.extend(_evidence(item.seen, "      "))
    return "\n".join(out) + "\n"
