"""The minutes as Markdown: readable as plain text, and the source of the HTML minutes.

User text is escaped so that whatever was typed in the room stays text: a resident's
"# urgent" is not a heading, "| a | b |" does not split a table, "<script>" is not markup and
"[x](javascript:...)" is not a link. Section structure comes only from this module.
"""

from __future__ import annotations

import re

from roomtui.minutes.model import Attendee, Minutes, block, line

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can
# start markup anywhere in a line (emphasis, code, links, raw HTML, entities, tables, strike).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# Markup that only counts at the start of a line: headings, list bullets, setext underlines,
# ordered lists.
_LINE_START = re.compile(r"^([-+=#])")
_ORDERED = re.compile(r"^(\d+)([.)])")
# A '#' ending a heading's text would be taken for the heading's optional closing sequence.
_TRAILING_HASH = re.compile(r"(?<!\\)#(?=\s*$)")


def escape_inline(text: str) -> str:
    """One line of user text, safe anywhere in a Markdown line (including at its start)."""
    text = _INLINE.sub(r"\\\1", line(text))
    text = _LINE_START.sub(r"\\\1", text)
    text = _TRAILING_HASH.sub(r"\\#", text)
    return _ORDERED.sub(r"\1\\\2", text)


def escape_cell(text: str) -> str:
    """User text for a table cell: one line, lines of the original joined with ' / '.

    Inside a cell nothing starts a block, so "#4" or "1." stay as typed; only inline markup
    and the cell separator are escaped."""
    return " / ".join(_INLINE.sub(r"\\\1", line(part)) for part in block(text).split("\n") if part.strip())


def escape_lines(text: str, indent: str = "") -> str:
    """Multi-line user text inside a list item: one paragraph, line breaks kept as hard breaks."""
    lines = [escape_inline(part) for part in block(text).split("\n") if part.strip()]
    return ("\\\n" + indent).join(lines)


def escape_paragraphs(text: str) -> str:
    """Multi-line user text as paragraphs (blank lines) with hard line breaks inside them."""
    paragraphs = re.split(r"\n\s*\n", block(text))
    return "\n\n".join(escape_lines(p) for p in paragraphs if p.strip())


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A GFM table; ``rows`` hold user text, escaped here, ``header`` holds our own labels."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(escape_cell(cell) for cell in row) + " |" for row in rows]
    return out


def _label(m: Minutes, label: str) -> str:
    """A bold 'label:' with the colon of the minutes' language (full-width in Chinese)."""
    return f"**{label}{m.labels['colon'].rstrip()}**"


def _fields(m: Minutes, pairs: list[tuple[str, str]]) -> list[str]:
    """A bullet list of 'label: value', skipping empty values."""
    return [f"- {_label(m, label)} {escape_lines(value, '  ')}" for label, value in pairs if value.strip()]


def render_markdown(minutes: Minutes, *, outcome_first: bool = False) -> str:
    """The whole minutes document; the same minutes always give the same text.

    ``outcome_first`` (the HTML minutes an attendee opens on a phone): what was agreed, who
    does what by when and the next council come first, then the answers; the theme,
    attendance, speeches and speaking time after them. The file keeps the record's order.
    """
    out: list[str] = []
    parts = (_header, _attendance, _theme, _speeches, _responses, _statistics, _remarks, _agreed, _follow_up)
    if outcome_first:
        parts = (_header, _agreed, _follow_up, _responses, _remarks, _theme, _attendance, _speeches, _statistics)
    for part in parts:
        section = part(minutes)
        if section:
            out += section + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _header(m: Minutes) -> list[str]:
    t, h = m.labels, m.header
    title = escape_inline(t["document_title"].format(title=h.title))
    when = "–".join(x for x in (h.start_time, h.end_time) if x)
    out = [f"# {title}", ""]
    planned = " ".join(x for x in (h.planned_date, h.planned_time) if x) if not m.public else ""
    out += _fields(m, [(t["date"], h.date), (t["time"], when), (t["planned"], planned), (t["venue"], h.venue),
                    (t["host"], h.host), (t["recorder"], h.recorder), (t["series"], h.series)])
    out += ["", f"> {t['public_note'] if m.public else t['internal_note']}"]
    if not h.closed:
        out += [">", f"> {t['provisional']}"]
    return out


def _people(m: Minutes, people: list[Attendee]) -> list[str]:
    t = m.labels
    header = [t["role"], t["name"], t["affiliation"]] + ([] if m.public else [t["contact"], t["note"]])
    rows = [[p.role, p.name, p.affiliation] + ([] if m.public else [p.contact, p.note]) for p in people]
    return _table(header, rows) if rows else [t["none"]]


def _attendance(m: Minutes) -> list[str]:
    t = m.labels
    present = [p for group in m.present for p in group.attendees]
    out = [f"## {t['attendance']}", "", t["present_count"].format(present=len(present), absent=len(m.absent)), ""]
    out += [f"### {t['present']}", ""] + _people(m, present)
    out += ["", f"### {t['absent']}", ""] + _people(m, list(m.absent))
    return out


def _theme(m: Minutes) -> list[str]:
    t = m.labels
    out = [f"## {t['theme_background']}", ""]
    if m.theme:
        out += [f"{_label(m, t['theme'])} {escape_lines(m.theme)}", ""]
    if m.background:
        out += [_label(m, t['background']), "", escape_paragraphs(m.background), ""]
    return out[:-1] if len(out) > 2 else out + [t["none"]]


def _issues_cell(m: Minutes, speech) -> str:
    refs = [f"#{r.number} {r.title}" for r in speech.issues_raised]
    if speech.answers is not None:
        refs.append(m.labels["answers_issue"].format(number=speech.answers.number) + f" {speech.answers.title}")
    return m.labels["list_separator"].join(refs)


def _speeches(m: Minutes) -> list[str]:
    t = m.labels
    out = [f"## {t['speeches']}", ""]
    if not m.speeches:
        return out + [t["none"]]
    header = ["#", t["speaker"], t["role"], t["kind"], t["agenda_item"], t["start"], t["time_used"],
              t["key_points"], t["issues_raised"]]
    rows = [[str(s.number), s.speaker, s.role, s.kind, s.agenda_item, s.start,
             s.time_used + (f" (+{s.over_by})" if s.over_by else ""), s.key_points, _issues_cell(m, s)]
            for s in m.speeches]
    return out + _table(header, rows)


def _responses(m: Minutes) -> list[str]:
    t = m.labels
    out = [f"## {t['responses']}", ""]
    if not m.responses:
        return out + [t["none"]]
    yes_no = {True: t["yes"], False: t["no"]}
    out += _table([t["issue_number"], t["issue"], t["location"], t["department"], t["disposition"], t["confirmed"]],
                  [[str(r.issue_number), r.issue_title, r.location, r.department, r.disposition, yes_no[r.confirmed]]
                   for r in m.responses])
    for r in m.responses:
        heading = t["issue_heading"].format(number=r.issue_number, title=r.issue_title)
        out += ["", f"### {escape_inline(heading)} — {escape_inline(r.department)}", ""]
        pairs = [(t["location"], r.location), (t["department"], r.department), (t["responder"], r.responder),
                 (t["disposition"], r.disposition), *r.details, (t["confirmed"], yes_no[r.confirmed]),
                 (t["satisfaction"], r.satisfaction), (t["room_rating"], r.room_rating)]
        if not m.public:
            pairs += [(t["issue_note"], r.issue_note), (t["response_note"], r.note)]
        out += _fields(m, pairs)
        if r.text:
            out += ["", _label(m, t['response']), "", escape_paragraphs(r.text)]
        if r.commitments:
            out += ["", _label(m, t['commitments']), ""]
            out += _table(["#", t["lead_unit"], t["co_units"], t["deliverable"], t["deadline"], t["grade"]],
                          [[str(c.number), c.lead_unit, t["list_separator"].join(c.co_units), c.deliverable,
                            c.deadline, c.grade] for c in r.commitments])
            for c in r.commitments:  # the follow-up history (internal variant only)
                if c.history:
                    out += ["", f"{_label(m, t['followup_history'].format(number=c.number))}", ""]
                    out += [f"- {escape_inline(entry)}" for entry in c.history]
    return out


def _statistics(m: Minutes) -> list[str]:
    t = m.labels
    out = [f"## {t['statistics']}", ""]
    if not m.statistics:
        return out + [t["none"]]
    rows = [[s.role, str(s.turns), s.time_used, s.share] for s in (*m.statistics, m.total_time)]
    return out + _table([t["role"], t["turns"], t["time_used"], t["share"]], rows)


def _remarks(m: Minutes) -> list[str]:
    t = m.labels
    out = [f"## {t['remarks']}", ""]
    for label, text in ((t["leader_summary"], m.leader_summary), (t["closing_remarks"], m.closing_remarks)):
        if text:
            out += [f"### {label}", "", escape_paragraphs(text), ""]
    return out[:-1] if len(out) > 2 else out + [t["none"]]


def _agreed(m: Minutes) -> list[str]:
    t = m.labels
    out = [f"## {t['agreed_items']}", ""]
    if not m.agreed_items:
        return out + [t["none"]]
    return out + [f"{n}. {escape_lines(item, '   ')}" for n, item in enumerate(m.agreed_items, 1)]


def _follow_up(m: Minutes) -> list[str]:
    t = m.labels
    out = [f"## {t['follow_up']}", ""]
    fields = _fields(m, [(t["review_date"], m.review_date), (t["next_theme"], m.next_theme)])
    if fields:
        out += fields + [""]
    out += [f"### {t['open_commitments']}", ""]
    if m.open_commitments:
        out += _table([t["deadline"], t["issue_number"], t["issue"], t["lead_unit"], t["co_units"], t["deliverable"],
                       t["grade"]],
                      [[c.deadline, str(c.issue_number), c.issue_title, c.lead_unit,
                        t["list_separator"].join(c.co_units), c.deliverable, c.grade] for c in m.open_commitments])
    else:
        out.append(t["none"])
    out += ["", f"### {t['unanswered']}", ""]
    if m.unanswered:
        header = [t["issue_number"], t["issue"], t["location"], t["expected_department"]]
        rows = [[str(i.number), i.title, i.location, i.expected_department] for i in m.unanswered]
        if not m.public:
            header.append(t["note"])
            rows = [row + [i.note] for row, i in zip(rows, m.unanswered)]
        out += _table(header, rows)
    else:
        out.append(t["none"])
    return out
