"""Links between meetings that must stay true: copies of report-back answers, imported links.

A report-back answer is recorded in the later meeting, and a copy is kept in the earlier one
(domain/followup.py says why). These functions keep the copies right when an undo restores an
older version of the earlier meeting (``keep_copies``) or a crash left them behind
(``take_merged``); and they keep links that came in through an import from changing another
meeting until the secretary confirms them (``untrust_links``, ``link_report_back``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from roomtui.domain.followup import commitment_ref, merge_history, parse_ref
from roomtui.domain.model import Meeting
from roomtui.domain.problems import problem
from roomtui.domain.validation import ValidationError

if TYPE_CHECKING:
    from roomtui.domain.followup import RegisterEntry


def keep_copies(undone: Meeting, restored: Meeting) -> bool:
    """Undoing one of a meeting's own actions must not take back the copies of other meetings'
    answers written since: carry the copies of ``undone`` into ``restored``; True if changed."""
    changed = False
    for response in restored.responses:
        before = undone.response(response.id)
        for index, commitment in enumerate(response.commitments):
            kept = before.commitments[index].history if before and index < len(before.commitments) else []
            sources = {e.source.split("#")[0] for e in (*kept, *commitment.history) if e.source}
            for source in sorted(sources):
                wanted = [e for e in kept if e.source.startswith(source + "#")]
                merged = merge_history(commitment.history, commitment.grade, source, wanted)
                if merged is not None:
                    commitment.history, commitment.grade = merged
                    changed = True
    return changed


def take_merged(meeting: Meeting, entries: Iterable[RegisterEntry]) -> bool:
    """Give ``meeting``'s commitments the history and grade the register merged for them (the
    repair of copies that lag after a crash between an answer's two writes); True if changed."""
    wanted = {e.ref: e for e in entries if e.meeting_id == meeting.id}
    changed = False
    for response in meeting.responses:
        for n, commitment in enumerate(response.commitments, 1):
            entry = wanted.get(commitment_ref(meeting.id, response.id, n))
            if entry is not None and (list(entry.history) != commitment.history or entry.grade is not commitment.grade):
                commitment.history, commitment.grade = list(entry.history), entry.grade
                changed = True
    return changed


def untrust_links(meeting: Meeting, trusted: Iterable[tuple[int, str]] = ()) -> int:
    """An imported file's report-back links are kept as text, never trusted to change another
    meeting: each becomes a claim the secretary confirms in the register (``link_report_back``).
    ``trusted`` are (issue id, ref) the meeting already had (a replacing import of itself).
    Returns how many links were set aside."""
    keep = set(trusted)
    count = 0
    for issue in meeting.issues:
        if issue.followup_of and (issue.id, issue.followup_of) not in keep:
            issue.followup_claim, issue.followup_of = issue.followup_of, ""
            count += 1
    return count


def link_report_back(council: Any, issue_id: int, linked: dict[str, str]) -> str:
    """Confirm an imported issue's report-back link (one action); returns the ref.

    ``linked``: every commitment ref already answered, with the meeting linking it: a commitment
    is linked from one report-back only, so an export imported again never answers it twice.
    """
    meeting: Meeting = council.meeting
    issue = meeting.issue(issue_id)
    if issue is None or not issue.followup_claim:
        raise ValidationError([problem("issue #{id} has no report-back link to confirm", id=issue_id)])
    ref = issue.followup_claim
    if parse_ref(ref) is None:
        raise ValidationError([problem("'{ref}' does not name a commitment", ref=ref[:80])])
    if ref in linked:
        raise ValidationError([problem("{ref} is already answered by {meeting}: a commitment is linked once",
                                       ref=ref, meeting=linked[ref])])
    issue.followup_of, issue.followup_claim = ref, ""
    return ref
