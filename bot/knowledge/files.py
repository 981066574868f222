"""Reading one knowledge/ YAML file and checking it against the pydantic model of its shape.

`read(path, rel)` parses a file once (yaml.safe_load rules, a key given twice in one mapping
is a problem: YAML would silently keep the last). `check(model, raw, where)` validates data
against a model (bot/knowledge/schema.py) and turns every validation error into the
project's problem line, "file: where: what", all of them at once. The cross-reference checks
a schema cannot express (a cited document exists, an id is known elsewhere) stay with the
module that reads the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, Extra, ValidationError

from bot.knowledge.errors import KnowledgeError

M = TypeVar("M", bound=BaseModel)


class Shape(BaseModel):
    """The base of every model of a knowledge file: an unknown field is a problem."""

    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True
        allow_population_by_field_name = True


class _UniqueKeyLoader(yaml.SafeLoader):
    """yaml.SafeLoader that refuses a key given twice in one mapping."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"key '{key}' is given twice in one mapping (lines {seen[key] + 1} and "
                f"{key_node.start_mark.line + 1}); YAML would keep only the last",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def read(path: Path, rel: str | None = None) -> tuple[Any, list[str]]:
    """(data, problems) of one YAML file; data is None when it cannot be read."""
    rel = rel or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [f"{rel}: not UTF-8 text"]
    except OSError as exc:
        return None, [f"{rel}: cannot be read ({exc.strerror})"]
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader), []  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        return None, [f"{rel}: not valid YAML{line}: {getattr(exc, 'problem', exc)}"]


def read_or_raise(path: Path, rel: str | None = None) -> Any:
    """The data of one YAML file; KnowledgeError when it is missing or cannot be read."""
    if not path.exists():
        raise KnowledgeError([f"{rel or path.name}: missing"])
    data, problems = read(path, rel)
    if problems:
        raise KnowledgeError(problems)
    return data


def label(node: Any) -> str:
    """How a problem line names a list element: its id or key (and its ref) when it has one."""
    name = node.get("id", node.get("key")) if isinstance(node, dict) else None
    if not isinstance(name, (str, int)):
        return ""
    out = f" '{name}'"
    return out + (f" ({node['ref']})" if isinstance(node.get("ref"), str) else "")


def _where_and_field(where: str, raw: Any, loc: Sequence[Any]) -> tuple[str, str]:
    """Splits an error location into the element it is in (a list element, named by its id)
    and the field path inside that element."""
    node, fields = raw, []
    for part in loc:
        if part == "__root__":
            continue
        if isinstance(part, int) and isinstance(node, list) and part < len(node) and isinstance(node[part], dict):
            name = ".".join(fields)
            where = f"{where}: {name}[{part}]" if name else f"{where}[{part}]"
            fields = []
            node = node[part]
            where += label(node)
        elif isinstance(part, int) and fields:
            fields[-1] += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            fields.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return where, ".".join(fields)


def _line(where: str, field: str, err: dict) -> str:
    kind, msg = err.get("type", ""), err["msg"]
    if kind == "value_error.missing":
        return f"{where}: missing required field '{field}'" if field else f"{where}: {msg}"
    if kind == "value_error.extra":
        return f"{where}: unknown field '{field}': {msg}"
    if not field:
        return f"{where}: {msg}"
    if kind == "value_error.const" and "permitted" in err.get("ctx", {}):
        known = ", ".join(str(p) for p in err["ctx"]["permitted"])
        return f"{where}: field '{field}': unknown value {err['ctx'].get('given')!r} (known: {known})"
    if msg.startswith(("must ", "needs ")):  # a validator's own sentence reads on from the field
        return f"{where}: field '{field}' {msg}"
    return f"{where}: field '{field}': {msg}"


def problems_of(exc: ValidationError, raw: Any, where: str) -> list[str]:
    """One problem line per validation error, in the order pydantic found them."""
    out: list[str] = []
    for err in exc.errors():
        at, field = _where_and_field(where, raw, err["loc"])
        line = _line(at, field, err)
        if line not in out:
            out.append(line)
    return out


def check(model: type[M], raw: Any, where: str, problems: list[str]) -> M | None:
    """`raw` as the model, or None with every problem added to `problems`."""
    try:
        return model.parse_obj(raw)
    except ValidationError as exc:
        problems.extend(problems_of(exc, raw, where))
        return None


def check_or_raise(model: type[M], raw: Any, where: str) -> M:
    """`raw` as the model; KnowledgeError naming every problem."""
    problems: list[str] = []
    out = check(model, raw, where, problems)
    if out is None:
        raise KnowledgeError(problems)
    return out


def check_file(
    model: type[M], elements: dict[str, type[BaseModel]], raw: Any, where: str, problems: list[str]
) -> tuple[M | None, dict[str, list[tuple[int, Any]]]]:
    """A file whose lists (`elements`: key -> model of one element) are checked element by
    element, so that one broken element does not hide the problems of the others:
    (the file as `model`, or None; {key: [(position, element as its model), ...]})."""
    spec = check(model, raw, where, problems)
    out: dict[str, list[tuple[int, Any]]] = {key: [] for key in elements}
    if spec is None:
        return None, out
    for key, element in elements.items():
        for n, node in enumerate(raw.get(key) or []):
            parsed = check(element, node, f"{where}: {key}[{n}]{label(node)}", problems)
            if parsed is not None:
                out[key].append((n, parsed))
    return spec, out
