"""Values as a form or a file gives them, cleaned by field name: text checked and trimmed, dates,
times and durations parsed; every problem about the field it names (one pass, all problems)."""

from __future__ import annotations

from typing import Any

from roomtui.domain.problems import problem
from roomtui.domain.validation import (
    MAX_MEETING_MINUTES,
    MULTILINE_FIELDS,
    ValidationError,
    parse_date,
    parse_minutes,
    parse_time,
    text_field,
)

NON_TEXT_FIELDS = {"parent_id", "raised_by", "present", "role", "kind", "source", "disposition", "satisfaction", "grade"}


def clean_fields(values: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """Clean every text value; parse dates, times and durations by their field names."""
    cleaned: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in values.items():
        try:
            if name in ("date", "deadline", "target_date", "review_date", "issue_date"):
                cleaned[name] = parse_date(value, name)
            elif name == "start_time":
                cleaned[name] = parse_time(value, name)
            elif name == "planned_minutes":
                cleaned[name] = parse_minutes(value, name, MAX_MEETING_MINUTES)
            elif name in NON_TEXT_FIELDS:
                cleaned[name] = value
            else:
                cleaned[name] = text_field(value, name, required=name in required, multiline=name in MULTILINE_FIELDS)
        except ValidationError as error:
            problems.extend(error.at(name).problems)
    for name in required:
        if name not in values:
            problems.append(problem("{field} is required", name))
    if problems:
        raise ValidationError(problems)
    return cleaned
