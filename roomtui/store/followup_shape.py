"""Is a row of followup.json what roomtui wrote? Checked against the register's own dataclasses.

followup.json is a cache (see followup_index.py): anything in it that is not exactly the shape
roomtui writes, hand-edited, damaged, or from another version, is dropped and the meeting is read
again, as index.json is. A row that merely unpacks is not enough: a department that is a number
or a history that is a string would build a register entry and stop `roomtui followup` or the
app's register later, far from the cause. So every field of the rebuilt records is checked
against its declared type (the dataclasses' hints, so the check follows the records as they grow).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

_CONTROL = frozenset(chr(n) for n in (*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)))  # \t and \n stay


class WrongShape(ValueError):
    """A cached value is not of the type its record declares."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def check_shape(value: Any, hint: Any = None, where: str = "") -> None:
    """Raise WrongShape unless ``value`` is exactly of type ``hint`` (a dataclass's fields, recursively)."""
    hint = type(value) if hint is None and dataclasses.is_dataclass(value) else hint
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        errors = []
        for option in typing.get_args(hint):
            try:
                return check_shape(value, option, where)
            except WrongShape as error:
                errors.append(error)
        raise errors[0]
    if hint is type(None):
        if value is not None:
            raise WrongShape(f"{where}: not None")
        return None
    if origin is tuple:
        args = typing.get_args(hint)
        if type(value) is not tuple:
            raise WrongShape(f"{where}: not a tuple")
        if len(args) == 2 and args[1] is Ellipsis:
            for n, item in enumerate(value):
                check_shape(item, args[0], f"{where}[{n}]")
            return None
        if len(args) != len(value):
            raise WrongShape(f"{where}: {len(value)} items")
        for n, (item, arg) in enumerate(zip(value, args)):
            check_shape(item, arg, f"{where}[{n}]")
        return None
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint)
        if type(value) is not dict:
            raise WrongShape(f"{where}: not a dict")
        for key, item in value.items():
            check_shape(key, key_hint, f"{where} key")
            check_shape(item, value_hint, f"{where}[{key!r}]")
        return None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if type(value) is not hint:
            raise WrongShape(f"{where}: not a {hint.__name__}")
        for name, field_hint in _hints(hint).items():
            check_shape(getattr(value, name), field_hint, f"{where}.{name}")
        return None
    if hint in (str, int, bool, date, datetime) or (isinstance(hint, type) and issubclass(hint, Enum)):
        if type(value) is not hint:  # exactly: True is not an issue number, a datetime not a date
            raise WrongShape(f"{where}: not {getattr(hint, '__name__', hint)}")
        if hint is str and not _CONTROL.isdisjoint(value):
            raise WrongShape(f"{where}: control characters")
        if hint is datetime and value.tzinfo is not None:
            raise WrongShape(f"{where}: a time zone")
        return None
    raise WrongShape(f"{where}: no rule for {hint!r}")


def check_lists(data: Any) -> None:
    """The containers of one cached meeting (followup_index.followup_to_data's layout) are lists
    and dicts where it writes them: a string or a 0 there would pass for an empty list or a tuple
    of letters once rebuilt, which check_shape cannot tell from the real thing."""
    def rows(value: Any, width: int, where: str) -> None:
        if type(value) is not list or not all(type(row) is list and len(row) == width for row in value):
            raise WrongShape(f"{where}: not a list of {width}-item lists")

    if type(data) is not dict or set(data) != {"meeting", "rows", "answers", "targets", "claims", "origin"}:
        raise WrongShape("not a cached meeting")
    rows(data["claims"], 3, "claims")
    rows([data["origin"]], 4, "origin")
    if data["meeting"] is not None:
        rows([data["meeting"]], 5, "meeting")
    rows(data["rows"], 12, "rows")
    for row in data["rows"]:
        if type(row[6]) is not list:
            raise WrongShape("co-units: not a list")
        rows(row[10], 5, "history")
        if row[11] is not None:
            rows([row[11]], 4, "room tally")
    if type(data["answers"]) is not dict or type(data["targets"]) is not list:
        raise WrongShape("answers or targets")
    for entries in data["answers"].values():
        rows(entries, 5, "answers")


__all__ = ["WrongShape", "check_lists", "check_shape"]
