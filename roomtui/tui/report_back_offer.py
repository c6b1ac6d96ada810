"""Offering a meeting of a series the report on its earlier commitments (回头看), as an item of its agenda.

Asked by the meetings list and the import flow, not by the follow-up view: it opens the meeting
and adds the item, while the register itself stays in screens/followup.py.
"""

from __future__ import annotations

from roomtui.i18n import _


def offer_report_back(app, meeting_id: str, *, ask_only_if_new: bool = False) -> bool:
    """Offer the "Report on earlier commitments" item to a meeting of a series with open promises.

    Asked once when a meeting is created from a template or a plan, and on demand (r in the
    meetings list). Yes opens the meeting and adds the item as one saved, undoable action.
    Returns whether anything was offered.
    """
    from roomtui.domain.report_back_agenda import add_report_back
    from roomtui.store import BadMeetingFile, MeetingNotFound
    from roomtui.store.followup_index import load_register
    from roomtui.tui.dialogs import ConfirmDialog

    try:
        meeting = app.archive.load(meeting_id)
    except (BadMeetingFile, MeetingNotFound) as error:
        app.notify(str(error), severity="error")
        return False
    if not meeting.series:
        if not ask_only_if_new:
            app.notify(_("This meeting belongs to no series: set its series in Prepare first."), severity="warning")
        return False
    already = {issue.followup_of for issue in meeting.issues if issue.followup_of}
    register = load_register(app.archive, app.clock.now().date())
    items = [e for e in register.open_in_series(meeting.series, before=meeting.date, exclude=meeting.id)
             if e.ref not in already]
    if not items:
        if not ask_only_if_new:
            app.notify(_("No open commitments in {series} to report on.", series=meeting.series))
        return False

    def answer(yes: bool | None) -> None:
        if not yes:
            return
        session = app.session
        if (session is None or session.meeting.id != meeting_id) and not app.open_meeting(meeting_id, view="prepare"):
            return
        app.act(_("Add the report on earlier commitments"),
                lambda council: add_report_back(council, items, language=council.meeting.language))

    app.push_screen(ConfirmDialog(
        _("Open the council with a report on earlier commitments? {n} commitments of {series} are still open; "
          "each becomes an issue expected from its lead unit.", n=len(items), series=meeting.series),
        _("Add the report-back"), destructive=False), answer)
    return True
