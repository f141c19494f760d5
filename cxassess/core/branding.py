"""A theme as the reports use it: names, colours, footer and the logo as a data URI."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Branding:
    name: str
    primary: str
    accent: str
    footer: str
    logo_uri: str | None
    prepared_by: str
    confidentiality: str | None = None
