"""Every user-facing text as a code with parameters, rendered from one bilingual catalogue.

A message is ``Msg(code, **params)``; ``Msg.text(lang)`` looks the code up in
``cxassess.i18n.catalogue`` and fills its ``{placeholders}``. Parameters may themselves be
messages (rendered in the same language) or sequences of values (joined the way the language
joins lists). Nothing is translated by pattern matching: a code without both languages fails the
catalogue test.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Union

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


def lang_named(name: str | None) -> Lang:
    """The language a setting such as ``CXASSESS_LANG`` names: ``en``, ``EN`` or ``en_US.UTF-8`` is
    English; anything else (unset included) is Chinese, the default."""
    base = re.split(r"[_.@-]", (name or "").strip().lower(), maxsplit=1)[0]
    return "en" if base == "en" else "zh"


Param = Union[str, int, float, "Msg", tuple["Param", ...]]


@dataclass(frozen=True, order=True)
class Msg:
    """A message code and its parameters; comparable and hashable so problems sort and dedupe."""

    code: str
    params: tuple[tuple[str, Param], ...] = field(default=())

    @classmethod
    def of(cls, code: str, **params: Param | Sequence[Param]) -> Msg:
        fixed: list[tuple[str, Param]] = []
        for key, value in sorted(params.items()):
            if isinstance(value, list):
                value = tuple(value)
            fixed.append((key, value))  # type: ignore[arg-type]
        return cls(code, tuple(fixed))

    def param(self, name: str) -> Param | None:
        return dict(self.params).get(name)

    def text(self, lang: Lang) -> str:
        return render(self.code, lang, dict(self.params))

    def __str__(self) -> str:
        return self.text("en")


def msg(code: str, **params: Param | Sequence[Param]) -> Msg:
    """Shorthand for ``Msg.of``."""
    return Msg.of(code, **params)


def value_text(value: Param, lang: Lang) -> str:
    if isinstance(value, Msg):
        return value.text(lang)
    if isinstance(value, tuple):
        sep = "、" if lang == "zh" else ", "
        return sep.join(value_text(v, lang) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
# "{n|item|items}": the singular when the value of n reads "1", else the plural (English only)
_PLURAL = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\|([^|{}]*)\|([^|{}]*)\}")


def render(code: str, lang: Lang, params: Mapping[str, Param] | None = None) -> str:
    from cxassess.i18n.catalogue import CATALOGUE

    zh, en = CATALOGUE[code]
    template = zh if lang == "zh" else en
    if not params:
        if _PLACEHOLDER.search(template):
            raise ValueError(f"message {code!r} has placeholders and was rendered without values")
        return template
    values = {k: value_text(v, lang) for k, v in params.items()}
    if "|" in template:
        template = _PLURAL.sub(lambda m: m[2] if values.get(m[1]) == "1" else m[3], template)
    return template.format_map(values)


def t(code: str, lang: Lang, **params: Param | Sequence[Param]) -> str:
    """The text of ``code`` in ``lang`` with ``{placeholders}`` filled in."""
    return Msg.of(code, **params).text(lang) if params else render(code, lang)


def has(code: str) -> bool:
    from cxassess.i18n.catalogue import CATALOGUE

    return code in CATALOGUE


class Labels(dict[str, str]):
    """Label lookup for templates, ``t['rd.title']``, in one language."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang: Lang = lang

    def __missing__(self, key: str) -> str:
        return render(key, self.lang)


_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_SPACE_AFTER_PUNCT = re.compile(f"(?<=[{_CJK_PUNCT}])[ \t]+")
_SPACE_BEFORE_PUNCT = re.compile(f"[ \t]+(?=[{_CJK_PUNCT}])")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")


def tidy(text: str) -> str:
    """Drops the spaces a line-folding editor or YAML's folded style leaves between Chinese
    characters and next to full-width punctuation ("记录， 查阅" → "记录，查阅"); spaces between
    Chinese and Latin text or digits stay."""
    text = _SPACE_AFTER_PUNCT.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    return _SPACE_BETWEEN_CJK.sub("", text)


def join(items: Sequence[str], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(items)
