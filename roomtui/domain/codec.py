"""Meeting <-> plain JSON-ready dicts, driven by the dataclass type hints.

One codec serves the store, the JSON export and the tests, so "what is saved" and "what is
exported" cannot drift apart. Dates are ISO strings; enums are their values.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from datetime import date, datetime, time
from enum import Enum
from functools import lru_cache
from operator import is_
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

from roomtui.caches import enabled
from roomtui.domain.model import Meeting
from roomtui.domain.text import clean_text, shown, visible
from roomtui.domain.validation import (
    MULTILINE_FIELDS,
    encoded_size,
    nesting_problem,
    record_problems,
    size_problem,
)

T = TypeVar("T")


class DecodeError(ValueError):
    """A stored or imported document does not fit the meeting model; says where.

    ``problems`` lists every reason found (one sentence each, control characters made visible).
    """

    def __init__(self, message: str | list[str]) -> None:
        self.problems = [visible(p) for p in ([message] if isinstance(message, str) else message)]
        super().__init__("; ".join(self.problems))


_SCALARS = (str, int, float, bool, type(None))
_ENCODERS: dict[type, Any] = {}


def to_data(value: Any) -> Any:
    """Plain JSON-ready data. Runs on every saved action, so dataclasses go through an encoder
    compiled once per class from its type hints (see ``_compile``); anything else by type."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if enabled("compiled-encoders"):
        encoder = _ENCODERS.get(kind)
        if encoder is None and dataclasses.is_dataclass(kind):
            encoder = _encoder(kind)
    else:
        encoder = _walker(kind) if dataclasses.is_dataclass(kind) else None
    if encoder is not None:
        return encoder(value)
    if kind is list or kind is tuple:
        return [to_data(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    return value


def _encoder(cls: type) -> Any:
    try:
        encoder = _compile(cls)
    except Exception:  # hints that do not resolve: the generic walk gives the same data, slower
        encoder = _walker(cls)
    _ENCODERS[cls] = encoder
    return encoder


def _walker(cls: type) -> Any:
    """The generic walk of a dataclass, field by field (the compiled encoder's reference)."""
    names = tuple(f.name for f in dataclasses.fields(cls))

    def encoder(value: Any) -> dict[str, Any]:
        return {name: to_data(getattr(value, name)) for name in names}
    return encoder


def _compile(cls: type) -> Any:
    """One function per dataclass that builds its dict inline, each field by its declared type.

    Profiling a save (cProfile) showed the generic walk spending its time on a call and type tests
    per value, most of them for fields whose type the hints already tell. Every expression falls
    back to ``to_data`` when the value is not of the declared type, so the result is the same as
    the generic walk's, only faster.
    """
    namespace: dict[str, Any] = {"to": to_data, "S": frozenset(_SCALARS), "I": _iso}
    parts = []
    for number, f in enumerate(dataclasses.fields(cls)):
        tp = _hints(cls)[f.name]
        if get_origin(tp) in (typing.Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else Any
        attr = f"(x := v.{f.name})"
        name_t, name_e = f"T{number}", f"E{number}"
        if tp in _SCALARS:  # its own class first (an identity test), then any scalar, then the walk
            namespace[name_t] = tp
            expr = f"x if {attr}.__class__ is {name_t} or x.__class__ in S else to(x)"
        elif isinstance(tp, type) and issubclass(tp, Enum):
            namespace[name_t] = tp
            expr = f"x._value_ if {attr}.__class__ is {name_t} else to(x)"  # not .value: a descriptor, 2.5x slower
        elif tp is date:
            namespace[name_t] = tp
            expr = f"I(x) if {attr}.__class__ is {name_t} else to(x)"
        elif tp is datetime:  # naive ones (what the record rules accept) from the cache, aware ones as they are
            namespace[name_t] = tp
            expr = f"(I(x) if x.tzinfo is None else x.isoformat()) if {attr}.__class__ is {name_t} else to(x)"
        elif tp is time:
            namespace[name_t] = tp
            expr = f"x.isoformat() if {attr}.__class__ is {name_t} else to(x)"
        elif dataclasses.is_dataclass(tp) and tp is not cls:
            namespace[name_t], namespace[name_e] = tp, _ENCODERS.get(tp) or _encoder(tp)
            expr = f"{name_e}(x) if {attr}.__class__ is {name_t} else to(x)"
        elif get_origin(tp) is list and len(get_args(tp)) == 1:
            (item,) = get_args(tp)
            if item in _SCALARS:
                each = "y if y.__class__ in S else to(y)"
            elif dataclasses.is_dataclass(item) and item is not cls:
                namespace[name_t], namespace[name_e] = item, _ENCODERS.get(item) or _encoder(item)
                each = f"{name_e}(y) if y.__class__ is {name_t} else to(y)"
            else:
                each = "to(y)"
            expr = f"([{each} for y in x] if x else []) if {attr}.__class__ is list else to(x)"  # most are empty
        else:
            expr = f"to(v.{f.name})"
        parts.append(f"{f.name!r}: {expr}")
    source = "def encode(v):\n    return {" + ", ".join(parts) + "}\n"
    exec(compile(source, f"<codec encoder of {cls.__name__}>", "exec"), namespace)
    return namespace["encode"]


@lru_cache(maxsize=8192)
def _iso(value: date) -> str:
    """isoformat (~1.4 us) of the times a meeting holds, which every save encodes again."""
    return value.isoformat()


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def from_data(cls: type[T], data: Any, where: str = "") -> T:
    """Build ``cls`` from ``data``; unknown keys are ignored, missing ones take defaults."""
    return _decode(cls, data, where or cls.__name__)


def _decode(tp: Any, data: Any, where: str) -> Any:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if data is None:
            return None
        return _decode(args[0], data, where)
    if origin is list:
        if not isinstance(data, list):
            raise DecodeError(f"{where}: expected a list")
        (item_type,) = get_args(tp)
        return [_decode(item_type, v, f"{where}[{i}]") for i, v in enumerate(data)]
    if dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise DecodeError(f"{where}: expected an object")
        hints = _hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in data:
                kwargs[f.name] = _decode(hints[f.name], data[f.name], f"{where}.{f.name}")
        try:
            return tp(**kwargs)
        except TypeError as error:
            raise DecodeError(f"{where}: {error}") from None
    try:
        if isinstance(tp, type) and issubclass(tp, Enum):
            return tp(data)
        if tp is datetime:
            return datetime.fromisoformat(data)
        if tp is date:
            return date.fromisoformat(data)
        if tp is time:
            return time.fromisoformat(data)
    except (ValueError, TypeError):
        raise DecodeError(f"{where}: {shown(repr(data))} is not a valid {getattr(tp, '__name__', tp)}") from None
    if tp is bool:
        if not isinstance(data, bool):
            raise DecodeError(f"{where}: expected true or false")
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise DecodeError(f"{where}: expected a whole number")
        return data
    if tp is str:
        if not isinstance(data, str):
            raise DecodeError(f"{where}: expected text")
        return data
    return data


def meeting_to_data(meeting: Meeting) -> dict[str, Any]:
    return to_data(meeting)


class MeetingEncoder:
    """meeting_to_data again and again for one session, encoding only the records that changed.

    Profiled with 500 waiting speakers and 300 issues, encoding every record was half of a saved
    action's own work (~4 ms), for an action that changes one or two records. Each record's
    fingerprint (its fields as a tuple of immutable values, nested records and lists included:
    ~5x cheaper than its dict) is compared with the one it had at the same place last time; an
    unchanged record gives back the very dict it gave then. Those dicts are shared between calls:
    never change them.
    """

    def __init__(self) -> None:
        # list name -> (its records, their fingerprints, their data) as last encoded; the records
        # are held, so an identity test cannot meet a new record at an old one's address
        self._last: dict[str, tuple[list[Any], list[tuple], list[dict[str, Any]]]] = {}

    def data(self, meeting: Meeting) -> dict[str, Any]:
        if not enabled("record-dicts"):
            return meeting_to_data(meeting)  # every record encoded again, every list new
        data = {}
        for name in _MEETING_FIELDS:
            value = getattr(meeting, name)
            data[name] = self._rows(name, value) if name in _RECORD_LISTS and value.__class__ is list else to_data(value)
        return data

    def _rows(self, name: str, value: list[Any]) -> list[dict[str, Any]]:
        records, prints = value[:], list(map(_fingerprint, value))
        old_records, old_prints, old_rows = self._last.get(name, ((), (), ()))
        if len(old_records) == len(records) and all(map(is_, records, old_records)) and old_prints == prints:
            rows = old_rows  # the whole list as it was (the usual case for all but one or two lists)
        else:
            rows = [old_rows[number] if number < len(old_records) and old_records[number] is record
                    and old_prints[number] == prints[number] else to_data(record)
                    for number, record in enumerate(records)]
        self._last[name] = (records, prints, rows)
        return rows


_MEETING_FIELDS = tuple(f.name for f in dataclasses.fields(Meeting))
_RECORD_LISTS = frozenset(("participants", "agenda", "speakers", "issues", "responses", "sign_ins", "floor_requests",
                           "ratings", "votes"))
_FINGERPRINTS: dict[type, Any] = {}


class _Unknown:
    """A value of no declared type: a fingerprint holding one equals no other (always encoded)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


def _fingerprint(value: Any) -> tuple:
    maker = _FINGERPRINTS.get(value.__class__)
    if maker is None:
        maker = _FINGERPRINTS[value.__class__] = _compile_fingerprint(value.__class__)
    return maker(value)


def _compile_fingerprint(cls: type) -> Any:
    """A function giving a record's fields as a tuple of immutable values, each of exactly its
    declared class (True is not 1 in the file; a time is naive, as the record rules want it);
    any other value, or a class whose hints do not resolve, gives a fingerprint equal to nothing."""
    try:
        hints = _hints(cls) if dataclasses.is_dataclass(cls) else None
    except Exception:
        hints = None
    if hints is None:
        return lambda value: (_Unknown(),)
    namespace: dict[str, Any] = {"U": _Unknown, "F": _fingerprint}
    parts = []
    for number, f in enumerate(dataclasses.fields(cls)):
        tp, optional = hints[f.name], False
        if get_origin(tp) in (typing.Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            tp, optional = (args[0] if len(args) == 1 else Any), len(args) < len(get_args(tp))
        other = "(x if x is None else U())" if optional else "U()"
        name_t = f"T{number}"
        attr = f"(x := v.{f.name})"
        if isinstance(tp, type) and (tp in _SCALARS or tp in (date, datetime, time) or issubclass(tp, Enum)):
            namespace[name_t] = tp
            naive = " and x.tzinfo is None" if tp in (datetime, time) else ""
            expr = f"x if {attr}.__class__ is {name_t}{naive} else {other}"
        elif dataclasses.is_dataclass(tp):
            namespace[name_t] = tp
            expr = f"F(x) if {attr}.__class__ is {name_t} else {other}"
        elif get_origin(tp) is list and len(get_args(tp)) == 1 and isinstance(get_args(tp)[0], type):
            namespace[name_t] = item = get_args(tp)[0]
            each = "F(y)" if dataclasses.is_dataclass(item) else "y"
            naive = " and y.tzinfo is None" if item in (datetime, time) else ""
            expr = (f"(tuple([{each} if y.__class__ is {name_t}{naive} else U() for y in x]) if x else ()) "
                    f"if {attr}.__class__ is list else {other}")
        else:
            expr = "U()"
        parts.append(expr)
    source = "def fingerprint(v):\n    return (" + "".join(f"{p}, " for p in parts) + ")\n"
    exec(compile(source, f"<codec fingerprint of {cls.__name__}>", "exec"), namespace)
    return namespace["fingerprint"]


def meeting_from_data(data: Any) -> Meeting:
    return from_data(Meeting, data, "meeting")


def clean_data(value: Any, key: str = "") -> Any:
    """Clean every string of an encoded meeting the way the Council cleans typed text (lengths
    are checked afterwards by record_problems, so the message can name the field)."""
    if isinstance(value, dict):
        return {k: clean_data(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v, key) for v in value]
    if isinstance(value, str):
        return clean_text(value, multiline=key in MULTILINE_FIELDS, limit=sys.maxsize)
    return value


def checked_meeting(data: Any, *, stored: bool = False) -> Meeting:
    """The one way a whole meeting enters roomtui from outside the Council (a JSON file, a
    meeting file on disk): depth, text, types, ranges, links and size are all checked, and
    DecodeError lists every problem with its field. See validation.record_problems."""
    deep = nesting_problem(data)
    if deep:
        raise DecodeError(deep)
    meeting = meeting_from_data(clean_data(data))
    problems = record_problems(meeting, stored=stored)
    if not problems:
        too_big = size_problem(encoded_size(meeting_to_data(meeting)))
        problems = [too_big] if too_big else []
    if problems:
        raise DecodeError(problems)
    return meeting
