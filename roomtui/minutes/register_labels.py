"""Headings of the commitments register (督办台账), in the language the register is printed in.

The register spans meetings, so it has no single meeting language: it is printed in the language
asked for (the interface's, or ``--lang``). Like the minutes' labels these are document text, not
interface strings, so they live here rather than in the interface catalog.
"""

from __future__ import annotations

from roomtui.minutes.labels import LABELS, minutes_language

REGISTER_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Commitments register",
        "public_note": "Public register: progress notes and internal references are left out.",
        "internal_note": "Internal register: contains progress notes. Do not hand out.",
        "as_of": "As of {date}",
        "meeting_date": "Meeting date",
        "meeting": "Meeting",
        "series": "Series",
        "no_series": "(no series)",
        "graded_on": "Graded on",
        "overdue": "Overdue",
        "not_graded": "not graded",
        "latest_note": "Latest progress note",
        "history": "Follow-up history",
        "ref": "Reference",
        "counts": "{promised} promised, {solved} solved, {on_time} solved on time, {overdue} overdue",
        "summary": "Summary by department",
        "promised": "Promised",
        "solved": "Solved",
        "solved_on_time": "Solved on time",
        "damaged": "Meeting files that could not be read",
        "empty": "No commitments.",
    },
    "zh": {
        "title": "协商议定事项督办台账",
        "public_note": "公开版：不含办理进展记录和内部编号。",
        "internal_note": "内部版：含办理进展记录，请勿外发。",
        "as_of": "截至 {date}",
        "meeting_date": "会议日期",
        "meeting": "会议",
        "series": "系列",
        "no_series": "（未归入系列）",
        "graded_on": "评定日期",
        "overdue": "逾期",
        "not_graded": "未评定",
        "latest_note": "最新办理进展",
        "history": "办理记录",
        "ref": "编号",
        "counts": "承诺 {promised} 项，已解决 {solved} 项，按期解决 {on_time} 项，逾期 {overdue} 项",
        "summary": "各单位办理情况汇总",
        "promised": "承诺",
        "solved": "已解决",
        "solved_on_time": "按期解决",
        "damaged": "无法读取的会议文件",
        "empty": "暂无议定事项。",
    },
}


def register_labels(language: str) -> dict[str, str]:
    """The register's own labels over the minutes' ones (issue, lead unit, deadline, grade...)."""
    code = minutes_language(language)
    return {**LABELS[code], **REGISTER_LABELS[code]}
