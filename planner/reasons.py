"""Reasons as data: a code with parameters, rendered to Chinese or English only at the edge.

Every stage (rules, allocation, routing) and every plugin says *why* with a `Reason`: a dotted
code such as `route.full_visits` and the figures that go with it. Nothing between the stages
holds a finished sentence, so the same reason reads in Chinese on the terminal, in English in
`explain --lang en`, and as a stable code in plan.json for other systems.

The words live in `Template`s, one per code, with a Chinese and an English `str.format`
template over the same fields. Core modules declare theirs with `template(...)` next to the
code that gives the reason; plugins register theirs through a hook, into the `ReasonBook` that
renders. Parameters are rendered by kind: a date as `2月1日` / `1 Feb`, a tuple as a list
(`甲、乙` / `A, B`), a nested `Reason` by its own template, anything else with `str()`.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict
from typing_extensions import TypeAliasType

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = get_args(Lang)

Param = TypeAliasType("Param", 'str | int | dt.date | Reason | tuple["Param", ...]')
"""What a reason's parameter may hold: office text, a figure, a date, a reason, or a list."""


class Reason(BaseModel):
    """Why something is so: a code naming the rule, and the figures that go with it.

    `params` are kept as name/value pairs in the order given, so that a reason is hashable and
    compares equal to the same reason built again.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    params: tuple[tuple[str, Param], ...] = ()

    @classmethod
    def of(cls, code: str, **params: Param) -> Reason:
        """`Reason.of("route.full_visits", cap=8)`."""
        return cls(code=code, params=tuple(params.items()))

    def param(self, name: str) -> Param:
        """The value of one parameter; KeyError when the reason has none of that name."""
        for key, value in self.params:
            if key == name:
                return value
        raise KeyError(name)

    def to_data(self) -> dict[str, Any]:
        """A JSON-ready form (dates as `{"date": ISO}`, reasons nested) that `from_data` reads."""
        return {"code": self.code, "params": {k: _param_data(v) for k, v in self.params}}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Reason:
        """The reason `to_data` wrote; ValueError for anything else."""
        if not isinstance(data, Mapping):
            raise ValueError("a reason is a mapping with a code and its parameters")
        code, params = data.get("code"), data.get("params", {})
        if not isinstance(code, str) or not isinstance(params, Mapping):
            raise ValueError("a reason needs a text code and a mapping of parameters")
        return cls(code=code, params=tuple((str(k), _param_value(v)) for k, v in params.items()))


class Template(BaseModel):
    """The words of one reason code, in Chinese and English, with the same `{name}` fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    zh: str
    en: str

    def fields(self) -> set[str]:
        """The field names of the Chinese template (the English one must use the same)."""
        return _fields(self.zh)


_CORE: dict[str, Template] = {}


def template(code: str, zh: str, en: str) -> str:
    """Declare a core reason's words; returns `code`, to be kept as the module's constant.

    Raises ValueError when the code is declared twice with other words, or when the two
    templates do not use the same fields.
    """
    _add(_CORE, Template(code=code, zh=zh, en=en))
    return code


def core_templates() -> tuple[Template, ...]:
    """Every template declared by songnuan's own modules that have been imported."""
    return tuple(_CORE.values())


class ReasonBook:
    """The templates reasons are rendered with: the core's and those plugins registered.

    A core template declared after the book was made (its module imported later) is known too.
    """

    def __init__(self, templates: Iterable[Template] = ()) -> None:
        self._templates: dict[str, Template] = {}
        for each in (*core_templates(), *templates):
            self.add(each)

    def add(self, each: Template) -> None:
        """Register one template; ValueError on a clash of codes or mismatched fields."""
        _add(self._templates, each)

    def knows(self, code: str) -> bool:
        """Whether a template for `code` is registered."""
        return code in self._templates or code in _CORE

    def render(self, reason: Reason, lang: Lang = "zh") -> str:
        """The reason as a sentence in `lang`. An unknown code, or parameters that lack a field
        of its words (a tampered plan.json), renders as the code and its parameters, so a reason
        from a plugin that is no longer installed still says something."""
        found = self._templates.get(reason.code) or _CORE.get(reason.code)
        params = {name: self._param(value, lang) for name, value in reason.params}
        if found is None or not found.fields() <= params.keys():
            figures = "，".join(f"{k}={v}" for k, v in params.items())
            return f"{reason.code}（{figures}）" if figures else reason.code
        return (found.en if lang == "en" else found.zh).format(**params)

    def _param(self, value: Param, lang: Lang) -> str:
        if isinstance(value, Reason):
            return self.render(value, lang)
        if isinstance(value, dt.date):
            return f"{value.day} {value:%b}" if lang == "en" else f"{value.month}月{value.day}日"
        if isinstance(value, tuple):
            return ("、" if lang == "zh" else ", ").join(self._param(v, lang) for v in value)
        return str(value)


def _add(templates: dict[str, Template], each: Template) -> None:
    if each.fields() != _fields(each.en):
        raise ValueError(f"reason {each.code}: the Chinese and English fields differ")
    known = templates.get(each.code)
    if known is not None and known != each:
        raise ValueError(f"reason {each.code} is registered twice with different words")
    templates[each.code] = each


def _fields(text: str) -> set[str]:
    fields = set()
    for _, field, _, _ in string.Formatter().parse(text):
        if field is not None:
            if not field.isidentifier():
                raise ValueError(f"template {text!r}: field {field!r} must be a plain name")
            fields.add(field)
    return fields


def _param_data(value: Param) -> Any:
    if isinstance(value, Reason):
        return {"reason": value.to_data()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return [_param_data(v) for v in value]
    return value


def _param_value(data: Any) -> Param:
    if isinstance(data, bool):
        raise ValueError("a reason parameter is text, a whole number, a date, a reason or a list")
    if isinstance(data, str | int):
        return data
    if isinstance(data, list):
        return tuple(_param_value(v) for v in data)
    if isinstance(data, Mapping) and set(data) == {"date"} and isinstance(data["date"], str):
        return dt.date.fromisoformat(data["date"])
    if isinstance(data, Mapping) and set(data) == {"reason"}:
        return Reason.from_data(data["reason"])
    raise ValueError("a reason parameter is text, a whole number, a date, a reason or a list")


Reason.model_rebuild()
