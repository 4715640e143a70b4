"""Chinese first, English on request: one small mechanism for every text a command says.

Two kinds of text need English:

- what songnuan itself composes (`explain`'s sentences, what-if headers): a `Phrase` holds the
  Chinese and the English template side by side, and `say(lang, **params)` fills one in;
- what arrives as finished Chinese (a rule plugin's reason, a reason stored in plan.json): a
  `Catalogue` of registered phrases recognises the text by its Chinese template and rebuilds it
  from the English one with the same figures. Parameters are translated too, when they are
  themselves registered phrases (a category name inside a reason).

Reasons stay plain Chinese strings everywhere (in Case, in plan.json), so nothing that reads
them changes; plugins register the English of their fixed phrases through the
`songnuan_register_translations` hook. A text no phrase matches is shown as it is, in Chinese.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = get_args(Lang)


@dataclass(frozen=True)
class Phrase:
    """A text in Chinese and English; `{name}` fields are filled in by `say`."""

    zh: str
    en: str

    def say(self, lang: Lang, **params: object) -> str:
        """The phrase in `lang` with its fields filled in."""
        return (self.en if lang == "en" else self.zh).format(**params)


class Catalogue:
    """Finished Chinese texts → English, by the Chinese templates of registered phrases.

    The phrase with the most fixed text is tried first, so a specific reason wins over a general
    pattern such as the list `{first}、{rest}`; among phrases with as much, the one registered
    first.
    """

    def __init__(self, phrases: Iterable[Phrase] = ()) -> None:
        self._patterns: list[tuple[int, re.Pattern[str], Phrase]] = []
        for phrase in phrases:
            self.add(phrase)

    def add(self, phrase: Phrase) -> None:
        """Register a phrase; raise ValueError for a template whose fields are not plain names."""
        fixed = sum(len(literal) for literal, *_ in string.Formatter().parse(phrase.zh))
        self._patterns.append((fixed, _pattern(phrase.zh), phrase))
        self._patterns.sort(key=lambda entry: -entry[0])

    def translate(self, text: str, lang: Lang) -> str:
        """`text` in `lang`: as it is for Chinese or when no registered phrase matches it."""
        if lang == "zh":
            return text
        for _, pattern, phrase in self._patterns:
            match = pattern.fullmatch(text)
            if match:
                found = match.groupdict().items()
                return phrase.say(lang, **{k: self.translate(v, lang) for k, v in found})
        return text


def _pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching what `template.format(...)` can produce.

    Each field matches a non-empty stretch of text, as short as the rest of the template allows;
    a field used twice must match the same text twice.
    """
    parts = []
    seen: set[str] = set()
    for literal, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is None:
            continue
        if not field.isidentifier():
            raise ValueError(f"template {template!r}: field {field!r} must be a plain name")
        parts.append(f"(?P={field})" if field in seen else f"(?P<{field}>.+?)")
        seen.add(field)
    return re.compile("".join(parts), re.DOTALL)
