"""The minutes as a Word document (.docx), the form county offices edit, stamp and file.

Built with python-docx from the same minutes model as the Markdown minutes, in the same order,
on the page of docx_document.py (GB/T 9704-2012 for a Chinese meeting, plain business minutes
for an English one). What a clerk files: official forms throughout (dates 2019年11月22日,
durations 4分钟 not 4:00, headings without "#4"), a speeches table of five columns with the key
points under each speech, the document number under the title and, at the end, the issuing
office, the date of issue and the copy-to line when Prepare (or the plan file) gives them.

The same minutes always give the same bytes: the core properties carry the record's own moment,
not the clock, and the zip entries are rewritten with that same fixed date.
"""

from __future__ import annotations

from roomtui.minutes.docx_document import (
    BUSINESS,
    FALLBACKS,
    GBT9704,
    DocxUnavailable,
    OfficialDocument,
    Properties,
    docx_available,
)
from roomtui.minutes.model import Attendee, Minutes
from roomtui.minutes.official_forms import chinese_number, duration, official_date, official_dates


def render_docx(minutes: Minutes) -> bytes:
    """The whole minutes as a .docx file; the same minutes always give the same bytes."""
    try:
        import docx  # noqa: F401
    except ImportError as error:
        raise DocxUnavailable(str(error)) from error
    writer = _MinutesWriter(minutes)
    writer.write()
    return writer.d.save()


def minutes_properties(minutes: Minutes) -> Properties:
    t, h = minutes.labels, minutes.header
    office = minutes.filing.issuing_office if minutes.filing else ""
    return Properties(title=t["document_title"].format(title=h.title), author=office or h.series or "roomtui",
                      subject=h.series, comments=t["public_note"] if minutes.public else t["internal_note"],
                      stamp=minutes.stamp)


class _MinutesWriter:
    """The sections of the minutes, in the order of the Markdown minutes."""

    def __init__(self, minutes: Minutes) -> None:
        self.m = minutes
        self.t = minutes.labels
        self.d = OfficialDocument(minutes.language, minutes.labels, minutes_properties(minutes))
        self.zh = minutes.language == "zh"

    def date(self, value: str) -> str:
        return official_date(value, self.m.language) if value else ""

    def time(self, seconds: int | None) -> str:
        return duration(seconds, self.t)

    def write(self) -> None:
        for part in (self._header, self._attendance, self._theme, self._agenda, self._speeches, self._responses,
                     self._statistics, self._remarks, self._agreed, self._follow_up, self._filing):
            part()

    def _header(self) -> None:
        t, h, d = self.t, self.m.header, self.d
        d.title(t["document_title"].format(title=h.title))
        if self.m.filing and self.m.filing.document_number:
            d.centred(self.m.filing.document_number)
        when = "–".join(x for x in (h.start_time, official_dates(h.end_time, self.m.language)) if x)
        for label, value in ((t["date"], self.date(h.date)), (t["time"], when), (t["venue"], h.venue),
                             (t["host"], h.host), (t["recorder"], h.recorder), (t["series"], h.series)):
            d.field(label, value)
        d.paragraph(t["public_note"] if self.m.public else t["internal_note"]).runs[0].italic = not self.zh
        if not h.closed:
            d.paragraph(t["provisional"])

    def _people(self, people: list[Attendee]) -> None:
        t = self.t
        if not people:
            self.d.none()
            return
        header = [t["role"], t["name"], t["affiliation"]] + ([] if self.m.public else [t["contact"], t["note"]])
        rows = [[p.role, p.name, p.affiliation] + ([] if self.m.public else [p.contact, p.note]) for p in people]
        self.d.table(header, rows, [2.4, 2, 4] + ([] if self.m.public else [3.3, 2.2]))

    def _attendance(self) -> None:
        t, d = self.t, self.d
        present = [p for group in self.m.present for p in group.attendees]
        d.heading1(t["attendance"])
        d.paragraph(t["present_count"].format(present=len(present), absent=len(self.m.absent)))
        d.heading2(t["present"])
        self._people(present)
        d.heading2(t["absent"])
        self._people(list(self.m.absent))

    def _theme(self) -> None:
        t, d = self.t, self.d
        d.heading1(t["theme_background"])
        if not (self.m.theme or self.m.background):
            d.none()
            return
        d.field(t["theme"], self.m.theme)
        if self.m.background:
            d.label(t["background"])
            d.paragraphs(self.m.background)

    def _agenda(self) -> None:
        t, rows = self.t, self.m.agenda
        self.d.heading1(t["agenda"])
        if not rows:
            self.d.none()
            return
        self.d.table([t["number_column"], t["agenda_item"], t["planned_time"], t["start"], t["end"], t["actual"]],
                     [[a.number, a.title, a.planned, a.start, a.end, self.time(a.actual_seconds)] for a in rows],
                     [1.5, 6, 2.2, 1.9, 1.9, 2.4])

    def _speeches(self) -> None:
        """Five columns a reader can follow, the key points and issues in a full-width row under
        each speech (nine columns broke "booked" and 部门负责人 inside their cells)."""
        t = self.t
        self.d.heading1(t["speeches"])
        if not self.m.speeches:
            self.d.none()
            return
        header = [t["number_column"], t["speaker"], t["kind"], t["start"], t["time_used"]]
        rows, notes = [], []
        for s in self.m.speeches:
            used = self.time(s.used_seconds)
            if s.over_seconds:
                used += "\n" + t["overtime"].format(time=self.time(s.over_seconds))
            rows.append([str(s.number), f"{s.speaker}\n{s.role}", f"{s.kind}\n{s.agenda_item}", s.start, used])
            said = [x for x in (s.key_points, self._issues_cell(s)) if x]
            notes.append((t["key_points"] if s.key_points else t["issues_raised"], "\n".join(said)))
        self.d.table(header, rows, [1.5, 4, 4.2, 1.8, 2.6], notes)

    def _issues_cell(self, speech) -> str:
        t = self.t
        refs = [t["issue_heading"].format(number=r.number, title=r.title) for r in speech.issues_raised]
        if speech.answers is not None:
            refs.append(t["answers_issue"].format(number=speech.answers.number) + f" {speech.answers.title}")
        text = t["list_separator"].join(refs)
        return f"{t['issues_raised']}{t['colon']}{text}" if text and speech.key_points else text

    def _responses(self) -> None:
        t, m, d = self.t, self.m, self.d
        d.heading1(t["responses"])
        if not m.responses:
            d.none()
            return
        yes_no = {True: t["yes"], False: t["no"]}
        d.table([t["number_column"], t["issue"], t["department"], t["disposition"], t["confirmed"]],
                [[str(r.issue_number), r.issue_title, r.department, r.disposition, yes_no[r.confirmed]]
                 for r in m.responses], [1.4, 4.6, 4.2, 3.2, 2.6])
        for r in m.responses:
            d.heading2(t["issue_heading"].format(number=r.issue_number, title=r.issue_title))
            details = [(label, self.date(value) if value[:4].isdigit() and value[4:5] == "-" else value)
                       for label, value in r.details]
            pairs = [(t["location"], r.location), (t["department"], r.department), (t["responder"], r.responder),
                     (t["disposition"], r.disposition), *details, (t["confirmed"], yes_no[r.confirmed]),
                     (t["satisfaction"], r.satisfaction), (t["room_rating"], r.room_rating)]
            if not m.public:
                pairs += [(t["issue_note"], r.issue_note), (t["response_note"], r.note)]
            for label, value in pairs:
                d.field(label, value)
            if r.text:
                d.label(t["response"])
                d.paragraphs(r.text)
            if r.commitments:
                d.label(t["commitments"])
                d.table([t["number_column"], t["lead_unit"], t["co_units"], t["deliverable"], t["deadline"],
                         t["grade"]],
                        [[str(c.number), c.lead_unit, t["list_separator"].join(c.co_units), c.deliverable,
                          self.date(c.deadline), c.grade] for c in r.commitments], [1.5, 3.2, 2.8, 3.6, 4.3, 2.4])

    def _statistics(self) -> None:
        t = self.t
        self.d.heading1(t["statistics"])
        if not self.m.statistics:
            self.d.none()
            return
        rows = [[s.role, str(s.turns), self.time(s.seconds), s.share] for s in (*self.m.statistics, self.m.total_time)]
        self.d.table([t["role"], t["turns"], t["time_used"], t["share"]], rows, [4, 2, 3, 2])

    def _remarks(self) -> None:
        t = self.t
        self.d.heading1(t["remarks"])
        said = [(label, text) for label, text in ((t["leader_summary"], self.m.leader_summary),
                                                  (t["closing_remarks"], self.m.closing_remarks)) if text]
        if not said:
            self.d.none()
        for label, text in said:
            self.d.heading2(label)
            self.d.paragraphs(text)

    def _agreed(self) -> None:
        t = self.t
        self.d.heading1(t["agreed_items"])
        if not self.m.agreed_items:
            self.d.none()
        for n, item in enumerate(self.m.agreed_items, 1):
            lines = [x.strip() for x in item.split("\n") if x.strip()]
            self.d.paragraph(f"{n}.{lines[0]}" if self.zh else f"{n}. {lines[0]}")
            for more in lines[1:]:
                self.d.paragraph(more)

    def _follow_up(self) -> None:
        t, m, d = self.t, self.m, self.d
        d.heading1(t["follow_up"])
        d.field(t["review_date"], self.date(m.review_date))
        d.field(t["next_theme"], m.next_theme)
        d.heading2(t["open_commitments"])
        if m.open_commitments:
            d.table([t["deadline"], t["issue"], t["lead_unit"], t["co_units"], t["deliverable"], t["grade"]],
                    [[self.date(c.deadline), t["issue_heading"].format(number=c.issue_number, title=c.issue_title),
                      c.lead_unit, t["list_separator"].join(c.co_units), c.deliverable, c.grade]
                     for c in m.open_commitments],
                    [5, 3.6, 3, 2.6, 3.4, 2.4])
        else:
            d.none()
        d.heading2(t["unanswered"])
        if m.unanswered:
            header = [t["number_column"], t["issue"], t["location"], t["expected_department"]]
            rows = [[str(i.number), i.title, i.location, i.expected_department] for i in m.unanswered]
            weights = [1.5, 6, 3, 3.5]
            if not m.public:
                header.append(t["note"])
                rows = [row + [i.note] for row, i in zip(rows, m.unanswered)]
                weights.append(4)
            d.table(header, rows, weights)
        else:
            d.none()

    def _filing(self) -> None:
        """The issuing office and the date of issue, then the copy-to line (GB/T 9704 7.3.5, 7.4)."""
        filing = self.m.filing
        if filing is not None:
            self.d.sign_off(filing.issuing_office, filing.issue_date)
            self.d.copy_to(filing.copy_to)


__all__ = ["BUSINESS", "DocxUnavailable", "FALLBACKS", "GBT9704", "chinese_number", "docx_available",
           "minutes_properties", "render_docx"]
