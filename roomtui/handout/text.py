"""What the hand-out says: a digest written for a phone, and one answer per resident.

Two documents, both plain text made of items:

- the **summary** (``handout_document``): the meeting's title, date and place, then one short
  block per issue the room dealt with (what, which department, the disposition, what will be
  done by when), then the next council's theme and the report-back date. It is a digest, not
  the minutes cut into pieces: plans, milestones, reasons and lead units stay in the minutes
  (exports, the Wi-Fi share), and so does the issue's location (it is on the issue's own code),
  so that the summary of a council fits in three codes. No fact is said twice: a commitment that
  repeats the response's own action (same deadline, same unit) is left out.
- **one response** (``response_document``): the issue and its place (unless the title already
  names it), the department and disposition, what will be done by when, then as many of the
  response's details (plan, milestones, reason, ...) as fit one code of the default size, in a
  fixed order. A resident scans one code and has the answer.

The text is written in the meeting's language (labels from a table here and from
``label_in``), not the interface's: a Chinese council hands out Chinese text even when the
secretary runs the app in English. Only public fields are read: participant records (with their
private ``contact``) and every ``note`` are never touched, so no change elsewhere can leak them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from roomtui.domain.model import Commitment, Disposition, Issue, Meeting, Response
from roomtui.domain.text import clean_text
from roomtui.domain.timeline import held_times
from roomtui.handout.headers import single_header
from roomtui.handout.qr import DEFAULT_MAX_VERSION, byte_capacity
from roomtui.i18n import RecordTables, normalise

_ENGLISH: dict[str, str] = {
    "colon": ": ",
    "place": ", ",
    "action": "Action",
    "plan": "Plan",
    "milestones": "Milestones",
    "target": "Target",
    "reason": "Reason",
    "body_asked": "Asked of",
    "next_step": "Next step",
    "interim": "Meanwhile",
    "due": "{what} by {date}",
    "aside": " ({text})",
    "pending": "no response yet",
    # the dispositions in a word or two, for the summary (one response's code has the full label)
    "resolve_now": "resolve now",
    "step_by_step": "step by step",
    "higher_level": "higher-level support",
    "next_theme": "Next council",
    "review": "Report back",
}
_LABELS = RecordTables("handout", _ENGLISH)  # other languages: the record catalog (i18n.py)

BULLET = "- "


class Block(NamedTuple):
    """Lines a page keeps together, and what a page repeats first when it must open inside
    them (the issue's line, when its commitments do not fit one page)."""

    text: str
    heading: str = ""


@dataclass(frozen=True)
class Document:
    """Text to hand out, as items that pages keep whole where they can.

    ``title`` and ``date`` make the few characters that tie pages together in their headers;
    ``titled`` says the text itself opens with the title, so page 1 needs no more than its
    number. The items, joined, are the text itself. ``blocks`` may say, item by item, which
    runs of lines a page never separates (an issue and what will be done about it, so that no
    page opens with a commitment whose issue is on the page before); each item's blocks, joined,
    are the item. Without them a page may end after any line.
    """

    title: str
    date: str
    items: tuple[str, ...]
    titled: bool = False
    blocks: tuple[tuple[Block, ...], ...] = ()

    def __post_init__(self) -> None:
        if self.blocks and tuple("".join(b.text for b in item) for item in self.blocks) != self.items:
            raise ValueError("a document's blocks must join to its items")

    @property
    def text(self) -> str:
        return "".join(self.items)

    def item_blocks(self) -> tuple[tuple[Block, ...], ...]:
        """Each item as the blocks a page keeps together (its lines, if none were given)."""
        if self.blocks:
            return self.blocks
        return tuple(tuple(Block(line) for line in item.splitlines(keepends=True)) for item in self.items)


def labels(language: str) -> dict:
    """The label table for a meeting language; unknown languages get English."""
    code = normalise(language)
    return {**_LABELS[code], "language": code}


def handout_document(meeting: Meeting) -> Document:
    """The summary: heading, the issues dealt with, the next council.

    Issues are grouped under the department that answered them first, each department named
    once (as the README promises: "each department with its issues"): departments in the order
    of their first answer, issues by number within; a department named once for all its issues,
    instead of once per issue, is what lets the summary of a whole council fit in a few codes.
    Issues still waiting for an answer come last, by number. Each group is one item, so pages
    rather start a new department than cut one.
    """
    words = labels(meeting.language)
    # items, of blocks, of lines; a block's last line is what a page opening inside it repeats
    groups: list[list[list[str]]] = [[_heading(meeting, words) + [""]]]
    for owner, issues in _by_department(meeting):
        group: list[list[str]] = []
        for issue in issues:
            lines = _digest_lines(issue, meeting.responses_to(issue.id), words)
            group.append(([owner] if not group and owner else []) + lines + [lines[0]])  # the heading last
        groups.append(group)
    closing = []
    if _one_line(meeting.next_theme):
        closing.append(words["next_theme"] + words["colon"] + _one_line(meeting.next_theme))
    if meeting.review_date:
        closing.append(words["review"] + words["colon"] + meeting.review_date.isoformat())
    if closing:
        groups.append([closing + [""]])
    blocks = _blocks(groups)
    return Document(_one_line(meeting.title), _date(held_times(meeting).day),
                    tuple("".join(b.text for b in item) for item in blocks),
                    titled=bool(_one_line(meeting.title)), blocks=blocks)


def _by_department(meeting: Meeting) -> list[tuple[str, list[Issue]]]:
    """The public issues, each under the department that answered it first: departments in the
    order they first answered (the record's order of responses), issues by number within; then
    the issues with no answer yet, under no department."""
    public = {issue.id: issue for issue in _public_issues(meeting)}
    owned: dict[str, list[Issue]] = {}  # a dict keeps the order departments first answered in
    for response in meeting.responses:
        issue = public.pop(response.issue_id, None)  # popped: only an issue's first answer places it
        if issue is not None:
            owned.setdefault(_one_line(response.department), []).append(issue)
    groups = [(owner, sorted(issues, key=lambda issue: issue.id)) for owner, issues in owned.items()]
    if public:  # raised, not answered
        groups.append(("", sorted(public.values(), key=lambda issue: issue.id)))
    return groups


def _blocks(groups: list[list[list[str]]]) -> tuple[tuple[Block, ...], ...]:
    """Items of blocks as text: every line ends with a newline, and an empty line follows each
    item but the last, so items stand apart on a phone (after the last it would only cost bytes).
    Each block's last line in ``groups`` is its heading, not its text."""
    items = []
    for number, group in enumerate(groups, 1):
        blocks = [Block("\n".join(lines[:-1]) + "\n", lines[-1]) for lines in group if lines[:-1]]
        if blocks and number < len(groups):
            blocks[-1] = blocks[-1]._replace(text=blocks[-1].text + "\n")
        items.append(tuple(blocks))
    return tuple(items)


def _digest_lines(issue: Issue, responses: list[Response], words: dict) -> list[str]:
    """One issue in the summary: what and its disposition, then what will be done by when.
    A second department answering the same issue is named on its own line."""
    what = f"#{issue.id} {_one_line(issue.title)}"
    if not responses:
        return [what + words["colon"] + words["pending"]]
    lines = [what + words["colon"] + words[responses[0].disposition.value]]
    lines += [BULLET + due for due in _what_by_when(responses[0], words)]
    for response in responses[1:]:
        lines.append(_one_line(response.department) + words["colon"] + words[response.disposition.value])
        lines += [BULLET + due for due in _what_by_when(response, words)]
    return lines


def handout_text(meeting: Meeting) -> str:
    return handout_document(meeting).text


def response_document(meeting: Meeting, response: Response, budget: int | None = None) -> Document:
    """One response on its own, in at most ``budget`` UTF-8 bytes if the essentials allow.

    The essentials (issue, department and disposition, what by when) always come; the details
    follow in a fixed order, each only if it still fits, so that the answer is one code at the
    default size. ``budget`` defaults to what one page of that size leaves for the text.
    """
    if budget is None:
        budget = single_page_budget(meeting)
    words = labels(meeting.language)
    issue = meeting.issue(response.issue_id)
    lines = ([_issue_line(issue, words)] if issue else []) + [_verdict_line(response, words)]
    dues = [BULLET + due for due in _what_by_when(response, words)]
    details = _details(response, words, dues)
    for detail in details:
        if _size(_item(lines + [detail] + dues, blank=False)) <= budget:
            lines.append(detail)
    return Document(_one_line(meeting.title), _date(held_times(meeting).day), (_item(lines + dues, blank=False),))


def response_text(meeting: Meeting, response: Response, budget: int | None = None) -> str:
    return response_document(meeting, response, budget).text


def single_page_budget(meeting: Meeting) -> int:
    """Bytes of text one code of the default maximum version carries under its header."""
    header = single_header(_one_line(meeting.title), _date(held_times(meeting).day))
    return byte_capacity(DEFAULT_MAX_VERSION) - _size(header) - 1


def _public_issues(meeting: Meeting) -> list[Issue]:
    """Issues the room dealt with: raised at the meeting or answered. Report-only issues that
    never came up are the research report's business, not the hand-out's."""
    answered = {r.issue_id for r in meeting.responses}
    return [i for i in meeting.issues if i.raised_at is not None or i.id in answered]


def _heading(meeting: Meeting, words: dict) -> list[str]:
    """Title, then when and where: the day and times the meeting was held, as the minutes say
    them (the first item's start, the close), the plan only while nothing has happened yet."""
    held = held_times(meeting)
    when = _date(held.day)
    start = held.start or (meeting.planned_start if meeting.start_time is not None else None)
    if start is not None:
        times = f"{start:%H:%M}"
        if held.end is not None:
            end = f"{held.end:%H:%M}"
            if held.end.date() != start.date():
                end = f"{held.end.date().isoformat()} {end}"
            times = f"{times}-{end}"
        when = f"{when} {times}".strip()
    lines = [_one_line(meeting.title), words["place"].join(p for p in (when, _one_line(meeting.venue)) if p)]
    return [line for line in lines if line]


def _issue_line(issue: Issue, words: dict) -> str:
    title = _one_line(issue.title)
    place = _one_line(issue.location)
    if place and not _named_in(place, title):
        title += words["aside"].format(text=place)
    return f"#{issue.id} {title}"


def _named_in(place: str, title: str) -> bool:
    """Whether ``title`` already names ``place`` ("Chunchangping" for "Chunchangping community",
    "春场坪社区" itself): then the place in brackets would say it twice."""
    if place in title:
        return True
    first = re.split(r"[\s,，、]", place, maxsplit=1)[0]
    return len(first) >= 4 and first != place and first in title


def _verdict_line(response: Response, words: dict) -> str:
    return _one_line(response.department) + words["colon"] + response.disposition.label_in(words["language"])


def _what_by_when(response: Response, words: dict) -> list[str]:
    """What will be done by when: the response's own action (resolve now), then every
    commitment that does not repeat it; for the other dispositions, the commitments, or the
    plan or interim measure when there are none."""
    dues = []
    if response.disposition is Disposition.RESOLVE_NOW and _one_line(response.action):
        dues.append(_due(words, response.action, response.deadline))
    for commitment in response.commitments:
        if dues and _repeats_action(response, commitment):
            continue
        dues.append(_due(words, commitment.deliverable, commitment.deadline))
    if not dues and response.disposition is Disposition.STEP_BY_STEP and _one_line(response.plan):
        dues.append(_due(words, response.plan, response.target_date))
    if not dues and response.disposition is Disposition.HIGHER_LEVEL:
        for measure in (response.interim_measure, response.next_step):
            if _one_line(measure):
                dues.append(_due(words, measure, None))
                break
    return [due for due in dues if due]


def _repeats_action(response: Response, commitment: Commitment) -> bool:
    """A commitment with the action's own deadline and lead unit is the action again."""
    return (commitment.deadline == response.deadline
            and _one_line(commitment.lead_unit) == _one_line(response.lead_unit))


def _details(response: Response, words: dict, dues: list[str]) -> list[str]:
    """The response's further facts for its own code, most useful first; none that only
    repeats a line already there."""
    facts: list[tuple[str, object]] = []
    if response.disposition is Disposition.STEP_BY_STEP:
        facts = [("plan", response.plan), ("milestones", response.milestones), ("target", response.target_date)]
    elif response.disposition is Disposition.HIGHER_LEVEL:
        facts = [("next_step", response.next_step), ("body_asked", response.body_asked),
                 ("reason", response.reason), ("interim", response.interim_measure)]
    said = "\n".join(dues)
    lines = []
    for key, value in facts:
        value = value.isoformat() if isinstance(value, date) else _one_line(value)
        if value and value not in said:
            lines.append(words[key] + words["colon"] + value)
    return lines


def _due(words: dict, what: str, deadline: date | None) -> str:
    what = _one_line(what)
    if not what:
        return ""
    return words["due"].format(what=what, date=deadline.isoformat()) if deadline else what


def _item(lines: list[str], blank: bool = True) -> str:
    """An item is its lines, then an empty line so items stand apart on a phone."""
    return "\n".join(lines) + ("\n\n" if blank else "\n")


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _one_line(value: object) -> str:
    """A field as one clean line: layout is ours, so typed newlines and escapes go."""
    return clean_text(value, limit=10**7)


def _size(text: str) -> int:
    return len(text.encode("utf-8"))
