"""Copies of one meeting in one data folder: found by origin, counted once.

A meeting imported twice, or collected from several laptops, is several files with one origin
(Meeting.origin, kept by every export and import). The register keeps one of them and says
which others it found, so a county office that collects exports gets one register, not a sum.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from roomtui.i18n import _

if TYPE_CHECKING:
    from roomtui.domain.followup import MeetingFollowUp


@dataclass(frozen=True)
class Copies:
    """Several files of one meeting (imported again, collected from several laptops): counted once."""

    title: str
    date: date | None
    kept: str  # the meeting id whose commitments the register counts
    others: tuple[str, ...]  # the other copies' ids, left out of every count


def copies_notice(copies: Copies) -> str:
    """One line naming the copies the register found and which one it counts."""
    name = f"{copies.title} {copies.date.isoformat()}" if copies.date else copies.title
    return _("'{meeting}' is in this folder {n} times ({ids}): its commitments are counted once, from {kept}.",
             meeting=name, n=len(copies.others) + 1, ids=", ".join((copies.kept, *copies.others)), kept=copies.kept)


def one_copy_each(meetings: Iterable[MeetingFollowUp]) -> tuple[list[MeetingFollowUp], list[Copies], dict[str, str]]:
    """(one MeetingFollowUp per meeting, the copies found, copy id -> kept id).

    A commitment is counted once however many copies of its meeting a folder holds. The copy
    kept is the one with the latest follow-up (so a grade given on one laptop is not hidden by an
    older copy), then the one whose id is the origin (the first stored), then the smallest id.
    Report-back links that name a left-out copy are read as naming the kept one.
    """
    groups: dict[str, list[MeetingFollowUp]] = {}
    for m in meetings:
        groups.setdefault(m.origin or m.meeting_id, []).append(m)
    kept: list[MeetingFollowUp] = []
    copies: list[Copies] = []
    alias: dict[str, str] = {}
    for group in groups.values():
        if len(group) == 1:
            kept.append(group[0])
            continue
        latest = max((m.changed_at for m in group if m.changed_at is not None), default=None)
        best = min(group, key=lambda m: (m.changed_at != latest, m.meeting_id != m.origin, m.meeting_id))
        kept.append(best)
        others = tuple(sorted(m.meeting_id for m in group if m is not best))
        copies.append(Copies(best.title, best.date, best.meeting_id, others))
        alias.update({other: best.meeting_id for other in others})
    return kept, copies, alias
