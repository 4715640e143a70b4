"""Forms generated from a plugin's pydantic options model, with the model's own documentation.

Each field becomes one input: a checkbox for a yes/no, a number box for a number, a line of text
otherwise; fields holding lists or mappings are written as YAML flow text (`{教务处: 校办}`). The
help under each input is the field's attribute docstring in the plugin's source, which is where
the plugins document their options.
"""

from __future__ import annotations

import ast
import inspect
import io
import itertools
import textwrap
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

Kind = str  # "bool" | "int" | "float" | "text" | "yaml"


@dataclass(frozen=True)
class OptionField:
    """One input of a plugin's options form."""

    name: str
    kind: Kind
    value: str
    default: str
    doc: str
    checked: bool = False


def option_fields(model: type[BaseModel], current: dict[str, Any]) -> list[OptionField]:
    """The inputs of `model`'s form, filled with `current` (the scenario's) or the defaults."""
    docs = attribute_docs(model)
    fields = []
    for name, info in model.model_fields.items():
        kind = _kind(info.annotation)
        default = info.get_default(call_default_factory=True)
        value = current.get(name, default)
        fields.append(OptionField(name, kind, _shown(value, kind), _shown(default, kind),
                                  docs.get(name, info.description or ""), bool(value)))
    return fields


def form_options(model: type[BaseModel], form: dict[str, str]) -> dict[str, Any]:
    """The options a submitted form sets, leaving out those equal to the model's default.

    Values are left as the form's text where they are not yes/no or YAML, so that the model's
    own validation (run by the loader's rules check) judges them and names the key.
    """
    options: dict[str, Any] = {}
    for field in option_fields(model, {}):
        raw = form.get(field.name, "")
        if field.kind == "bool":
            value: Any = raw == "on"
            if value != (field.default == "on"):
                options[field.name] = value
        elif raw.strip() != field.default:
            options[field.name] = _parsed(raw, field.kind)
    return options


def attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    """The docstring under each field of the model's class body (and of its bases)."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for field, after in itertools.pairwise(body):
            if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                    and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)):
                docs[field.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _kind(annotation: object) -> Kind:
    """How a field of this type is entered."""
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    if annotation is str:
        return "text"
    return "yaml"


def _shown(value: object, kind: Kind) -> str:
    """A value as its input shows it."""
    if kind == "bool":
        return "on" if value else ""
    if kind == "yaml":
        if value is None or value == {} or value == () or value == []:
            return ""
        yaml = YAML(typ="safe")
        yaml.default_flow_style = True
        yaml.allow_unicode = True
        out = io.StringIO()
        yaml.dump(_plain(value), out)
        return out.getvalue().strip()
    return "" if value is None else str(value)


def _parsed(raw: str, kind: Kind) -> Any:
    """A submitted value: YAML flow text parsed (left as text when it is not YAML)."""
    text = raw.strip()
    number = {"int": int, "float": float}.get(kind)
    if number is not None:
        try:
            return number(text)
        except ValueError:
            return text or None
    if kind != "yaml" or not text:
        return text or None
    try:
        return YAML(typ="safe").load(text)
    except YAMLError:
        return text


def _plain(value: object) -> object:
    """Tuples and frozensets as lists, so that YAML writes them plainly."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list | set | frozenset):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return str(value)
    return value
