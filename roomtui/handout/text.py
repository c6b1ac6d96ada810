"""The public summary that attendees take home, as plain text made of items.

The text is what a phone shows after scanning, so it is written for a small screen: one line
per fact, one item per issue, labels in the meeting's language (not the interface's: a Chinese
council hands out Chinese text even when the secretary runs the app in English). Labels live
in a table here, not in the interface catalog, for that reason.

Only public fields are read. Participant records (with their private ``contact``) and every
``note`` are never touched, so no change elsewhere can leak them into a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roomtui.domain.model import Commitment, Disposition, Issue, Meeting, Response
from roomtui.domain.text import clean_text

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "language": "en",
        "colon": ": ",
        "place": ", ",
        "theme": "Theme",
        "action": "Action",
        "plan": "Plan",
        "milestones": "Milestones",
        "target": "Target",
        "reason": "Reason",
        "body_asked": "Asked of",
        "next_step": "Next step",
        "interim": "Meanwhile",
        "lead": "led by {unit}",
        "with": "with {units}",
        "by": "by {date}",
        "sep": "; ",
        "list": ", ",
        "aside": " ({text})",
        "pending": "No response yet",
        "next_theme": "Next council",
        "review": "Report back on",
    },
    "zh": {
        "language": "zh",
        "colon": "：",
        "place": "，",
        "theme": "主题",
        "action": "措施",
        "plan": "方案",
        "milestones": "节点",
        "target": "目标",
        "reason": "原因",
        "body_asked": "请求",
        "next_step": "下一步",
        "interim": "过渡措施",
        "lead": "{unit}牵头",
        "with": "{units}配合",
        "by": "{date}前",
        "sep": "；",
        "list": "、",
        "aside": "（{text}）",
        "pending": "尚未答复",
        "next_theme": "下次协商",
        "review": "落实情况通报",
    },
}


@dataclass(frozen=True)
class Document:
    """Text to hand out, as items that pages keep whole where they can.

    ``title`` and ``date`` go into every page header; the items, joined, are the text itself.
    """

    title: str
    date: str
    items: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(self.items)


def labels(language: str) -> dict:
    """The label table for a meeting language; unknown languages get English."""
    return _LABELS.get(language, _LABELS["en"])


def handout_document(meeting: Meeting) -> Document:
    """The whole public summary: heading, every issue dealt with, the next council."""
    words = labels(meeting.language)
    items = [_heading(meeting, words)]
    for issue in _public_issues(meeting):
        lines = [_issue_line(issue, words)]
        responses = meeting.responses_to(issue.id)
        for response in responses:
            lines += _response_lines(response, words)
        if not responses:
            lines.append(words["pending"])
        items.append(_item(lines))
    closing = []
    if _one_line(meeting.next_theme):
        closing.append(words["next_theme"] + words["colon"] + _one_line(meeting.next_theme))
    if meeting.review_date:
        closing.append(words["review"] + words["colon"] + meeting.review_date.isoformat())
    if closing:
        items.append(_item(closing))
    return Document(_one_line(meeting.title), _date(meeting.date), _last_item_plain(items))


def handout_text(meeting: Meeting) -> str:
    return handout_document(meeting).text


def response_document(meeting: Meeting, response: Response) -> Document:
    """One response on its own: the issue, then the answer exactly as in the hand-out."""
    words = labels(meeting.language)
    issue = meeting.issue(response.issue_id)
    lines = ([_issue_line(issue, words)] if issue else []) + _response_lines(response, words)
    return Document(_one_line(meeting.title), _date(meeting.date), (_item(lines, blank=False),))


def response_text(meeting: Meeting, response: Response) -> str:
    return response_document(meeting, response).text


def _public_issues(meeting: Meeting) -> list[Issue]:
    """Issues the room dealt with: raised at the meeting or answered. Report-only issues that
    never came up are the research report's business, not the hand-out's."""
    answered = {r.issue_id for r in meeting.responses}
    return [i for i in meeting.issues if i.raised_at is not None or i.id in answered]


def _heading(meeting: Meeting, words: dict) -> str:
    when = _date(meeting.date)
    if meeting.start_time is not None:
        when = f"{when} {meeting.start_time:%H:%M}".strip()
    lines = [_one_line(meeting.title), words["place"].join(p for p in (when, _one_line(meeting.venue)) if p)]
    if _one_line(meeting.theme):
        lines.append(words["theme"] + words["colon"] + _one_line(meeting.theme))
    return _item(lines)


def _issue_line(issue: Issue, words: dict) -> str:
    place = _one_line(issue.location)
    return f"#{issue.id} {_one_line(issue.title)}" + (words["aside"].format(text=place) if place else "")


def _response_lines(response: Response, words: dict) -> list[str]:
    colon = words["colon"]
    lines = [_one_line(response.department) + colon + response.disposition.label_in(words["language"])]
    if response.disposition is Disposition.RESOLVE_NOW:
        lines.append(_fact(words, "action", response.action,
                           _lead(words, response.lead_unit), _by(words, response.deadline)))
    elif response.disposition is Disposition.STEP_BY_STEP:
        lines.append(_fact(words, "plan", response.plan))
        lines.append(_fact(words, "milestones", response.milestones))
        if response.target_date:
            lines.append(words["target"] + colon + response.target_date.isoformat())
    else:
        for key, value in (("reason", response.reason), ("body_asked", response.body_asked),
                           ("next_step", response.next_step), ("interim", response.interim_measure)):
            lines.append(_fact(words, key, value))
    lines += [_commitment_line(c, words) for c in response.commitments]
    return [line for line in lines if line]


def _commitment_line(commitment: Commitment, words: dict) -> str:
    units = [_one_line(u) for u in commitment.co_units if _one_line(u)]
    parts = [_lead(words, commitment.lead_unit),
             words["with"].format(units=words["list"].join(units)) if units else "",
             _by(words, commitment.deadline)]
    details = words["sep"].join(p for p in parts if p)
    return "- " + _one_line(commitment.deliverable) + (words["aside"].format(text=details) if details else "")


def _fact(words: dict, key: str, value: str, *extra: str) -> str:
    value = _one_line(value)
    if not value:
        return ""
    return words[key] + words["colon"] + words["sep"].join([value, *(e for e in extra if e)])


def _lead(words: dict, unit: str) -> str:
    unit = _one_line(unit)
    return words["lead"].format(unit=unit) if unit else ""


def _by(words: dict, deadline: date | None) -> str:
    return words["by"].format(date=deadline.isoformat()) if deadline else ""


def _item(lines: list[str], blank: bool = True) -> str:
    """An item is its lines, then an empty line so items stand apart on a phone."""
    return "\n".join(lines) + ("\n\n" if blank else "\n")


def _last_item_plain(items: list[str]) -> tuple[str, ...]:
    """No empty line after the last item: it would only cost bytes."""
    if items and items[-1].endswith("\n\n"):
        items[-1] = items[-1][:-1]
    return tuple(items)


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _one_line(value: object) -> str:
    """A field as one clean line: layout is ours, so typed newlines and escapes go."""
    return clean_text(value, limit=10**7)
