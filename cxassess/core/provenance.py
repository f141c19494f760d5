"""What every result records to be traced to its inputs: the engine, the standard, the rubric,
the organisation, the assessment and the SHA-256 of every input file."""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field

from cxassess import __version__
from cxassess.core.model import Answers, Rubric, Standard

ENGINE = f"cxassess {__version__}"


class Out(BaseModel):
    """Base of every result model: closed and immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


Role = Literal["standard", "rubric", "answers", "targets", "verification", "metrics"]


class InputDigest(Out):
    role: Role
    name: str
    sha256: str


class StandardRef(Out):
    id: str
    designation: str
    edition: str


class RubricRef(Out):
    id: str
    version: str


class OrgRef(Out):
    id: str
    name: str
    sector: str
    size: str


class AssessmentRef(Out):
    date: dt.date
    assessor: str


class Traced(Out):
    """Format, engine, standard, rubric, organisation, assessment and the digest of every input."""

    schema_: str = Field(alias="schema")
    engine: str
    standard: StandardRef
    rubric: RubricRef
    organisation: OrgRef
    assessment: AssessmentRef
    inputs: list[InputDigest]


class References(TypedDict):
    engine: str
    standard: StandardRef
    rubric: RubricRef
    organisation: OrgRef
    assessment: AssessmentRef


def references(standard: Standard, rubric: Rubric, answers: Answers) -> References:
    """What every result records about its inputs: engine, standard, rubric, organisation, date."""
    org = answers.organisation
    return {
        "engine": ENGINE,
        "standard": StandardRef(id=standard.id, designation=standard.designation, edition=standard.edition),
        "rubric": RubricRef(id=rubric.id, version=rubric.version),
        "organisation": OrgRef(id=org.id, name=org.name, sector=org.sector, size=org.size),
        "assessment": AssessmentRef(date=answers.assessment.date, assessor=answers.assessment.assessor),
    }


def to_json(result: BaseModel) -> str:
    """The versioned JSON form of a result: stable key order, UTF-8, newline-terminated."""
    return result.model_dump_json(indent=2, by_alias=True) + "\n"
