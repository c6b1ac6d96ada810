"""Ending the meeting: one question, which names the raised issues still waiting for an answer.

The live view (e) and the minutes view (c) both end the meeting through here, so the words are
the same everywhere ("End meeting", glossary.toml) and no unanswered issue is left behind unnoticed.
"""

from __future__ import annotations

from roomtui.domain.model import MeetingStatus
from roomtui.i18n import _, ngettext

NAMED = 8  # issues named one per line; the rest are counted


def unanswered(meeting) -> list:
    """Raised issues with no answer the proposer accepted (none yet, or only rejected ones)."""
    return [issue for issue in meeting.issues if issue.raised_at is not None and meeting.issue_open(issue.id)]


def end_question(meeting) -> str:
    question = _("End the meeting now? The current speaker and item end, and the minutes can be made at once.")
    waiting = unanswered(meeting)
    if not waiting:
        return question
    names = "\n".join(f"  #{issue.id} {issue.title}" for issue in waiting[:NAMED])
    if len(waiting) > NAMED:
        names += "\n  " + ngettext("... and {n} more", "... and {n} more", len(waiting) - NAMED)
    return (ngettext("{n} raised issue has no accepted answer yet:", "{n} raised issues have no accepted answer yet:",
                     len(waiting)) + "\n" + names + "\n\n" + question)


def confirm_end_meeting(app) -> None:
    """Ask, then end the open meeting as one saved, undoable action."""
    if app.session is None:
        return
    meeting = app.session.meeting
    if meeting.status is MeetingStatus.CLOSED:
        app.notify(_("The meeting has already ended."), severity="warning")
        return
    from roomtui.tui.dialogs import ConfirmDialog

    def answer(yes: bool | None) -> None:
        if yes and app.act(_("End meeting"), lambda council: council.close_meeting()) and app.phones is not None:
            app.phones.stop()  # phones take part until the meeting ends (the room view shows the hand-out)

    app.push_screen(ConfirmDialog(end_question(meeting), _("End meeting")), answer)
