"""Chinese first, English on request: the texts songnuan composes itself.

`explain`'s sentences and what-if's headers are `Phrase`s: the Chinese and the English template
side by side, filled in by `say(lang, **params)`. Reasons, which stages and plugins give, are
data instead (`planner.reasons`): a code with parameters, rendered by a `ReasonBook`.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.reasons import LANGS, Lang

__all__ = ["LANGS", "Lang", "Phrase"]


@dataclass(frozen=True)
class Phrase:
    """A text in Chinese and English; `{name}` fields are filled in by `say`."""

    zh: str
    en: str

    def say(self, lang: Lang, **params: object) -> str:
        """The phrase in `lang` with its fields filled in."""
        return (self.en if lang == "en" else self.zh).format(**params)
