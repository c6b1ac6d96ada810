"""The live screen's keys for the speaking order: the floor (next, pause, stop, +1 min) and the
queue (add, insert, move, remove, re-add, close the list, one entry per person).

A mixin of LiveScreen, which supplies ``meeting``, ``speakers`` and ``app``; each key is one
domain verb through ``app.act`` (the change signal redraws the panels). Message handlers stay on
the screen: Textual collects ``@on`` handlers from the screen's own class body.
"""

from __future__ import annotations

from typing import Any

from roomtui.domain.model import Participant, SpeakerKind
from roomtui.domain.speaking import SpeakingOrder, current_speaker
from roomtui.i18n import _
from roomtui.tui.dialogs import FormDialog, FormField, PickerDialog

EXTEND_SECONDS = 60


def person_label(person: Participant) -> str:
    """What the picker filters on: name, role and affiliation (Chinese included)."""
    label = f"{person.name} · {person.role.label}"
    if person.affiliation:
        label += f" · {person.affiliation}"
    if not person.present:
        label += " · " + _("absent")
    return label


class SpeakingKeys:
    """Keys of the speaking order (see the module docstring)."""

    def _order(self) -> SpeakingOrder | None:
        item = self.meeting.current_item
        return SpeakingOrder(self.meeting, item.id) if item is not None else None

    def _people(self) -> list[tuple[str, int]]:
        people = sorted(self.meeting.participants, key=lambda p: (not p.present, p.id))
        return [(person_label(p), p.id) for p in people]

    # -- the floor ---------------------------------------------------------------------------
    def action_next_speaker(self) -> None:
        """The domain decides: the current turn ends, the first waiting speaker gets the floor."""
        outcome = self.app.act(_("Next speaker"), lambda c: c.speaking_order().next(c.now()), quiet=True)
        if not outcome:
            return
        if outcome.result is None:
            self.app.notify(_("Nobody is waiting to speak on this item."), severity="warning")
            return
        person = self.meeting.participant(outcome.result.participant_id)
        self.app.notify(_("The floor: {name}", name=person.name if person else "?"), timeout=2)

    def action_pause_resume(self) -> None:
        entry = current_speaker(self.meeting)
        if entry is None:
            self.app.notify(_("Nobody has the floor."), severity="warning")
        elif entry.paused:
            self.app.act(_("Resume"), lambda c: c.speaking_order().resume(c.now()))
        else:
            self.app.act(_("Pause"), lambda c: c.speaking_order().pause(c.now()))

    def action_stop_speaker(self) -> None:
        if current_speaker(self.meeting) is None:
            self.app.notify(_("Nobody has the floor."), severity="warning")
            return
        self.app.act(_("Stop speaker"), lambda c: c.speaking_order().stop(c.now()))

    def action_extend(self) -> None:
        self.app.act(_("+1 min"), lambda c: c.speaking_order().extend(EXTEND_SECONDS))

    # -- the queue ---------------------------------------------------------------------------
    def action_add_speaker(self, kind: str) -> None:
        if self._order() is None:
            self.app.notify(_("Start the meeting first (→)."), severity="warning")
            return
        speaker_kind = SpeakerKind(kind)

        def picked(participant_id: int | None) -> None:
            if participant_id is None:
                return
            outcome = self.app.act(_("Add speaker ({kind})", kind=speaker_kind.label),
                                   lambda c: c.speaking_order().add(participant_id, speaker_kind, c.now()))
            if outcome:
                self.speakers.select_entry(outcome.result.id)

        self.app.push_screen(PickerDialog(_("Add a speaker: {kind}", kind=speaker_kind.label), self._people(),
                                          placeholder=_("part of a name or affiliation")), picked)

    def action_insert_speaker(self) -> None:
        order = self._order()
        if order is None:
            self.app.notify(_("Start the meeting first (→)."), severity="warning")
            return

        def picked(participant_id: int | None) -> None:
            if participant_id is None:
                return
            person = self.meeting.participant(participant_id)
            kinds = [(k.label, k.value) for k in SpeakerKind]
            default_position = len(order.waiting) + 1

            def submit(values: dict[str, Any]) -> list[str] | None:
                try:
                    position = int(str(values["position"]).strip() or default_position)
                except ValueError:
                    return [_("position must be a number (1 = first)")]
                if position < 1:
                    return [_("position must be a number (1 = first)")]
                kind = SpeakerKind(values["kind"] or SpeakerKind.IMPROMPTU.value)
                return self.app.act(_("Insert speaker"), lambda c: c.speaking_order().add(
                    participant_id, kind, c.now(), position=position - 1), in_form=True).form_problems

            self.app.push_screen(FormDialog(_("Insert {name} in the speaking order", name=person.name), [
                FormField("kind", _("Kind"), "select", SpeakerKind.IMPROMPTU.value, kinds, required=True),
                FormField("position", _("Position (1 = first, {n} = last)", n=default_position),
                          value=str(default_position)),
            ], submit))

        self.app.push_screen(PickerDialog(_("Insert a speaker at a position"), self._people(),
                                          placeholder=_("part of a name or affiliation")), picked)

    def _selected_waiting(self) -> int | None:
        entry_id = self.speakers.selected_entry_id()
        if entry_id is None:
            self.app.notify(_("Select a waiting speaker first (↑ ↓ in the speaking order)."), severity="warning")
        return entry_id

    def action_move(self, offset: int) -> None:
        entry_id = self._selected_waiting()
        if entry_id is not None:
            self.app.act(_("Move speaker"), lambda c: c.speaking_order().move(entry_id, offset), quiet=True)
            if self.meeting.speaker(entry_id) is not None:
                self.speakers.select_entry(entry_id)

    def action_remove_speaker(self) -> None:
        entry_id = self._selected_waiting()
        if entry_id is not None:
            self.app.act(_("Remove from the speaking order"), lambda c: c.speaking_order().remove(entry_id))

    def action_readd_last(self) -> None:
        order = self._order()
        if order is None:
            return
        running = order.current
        if running is not None:  # the one still speaking is the last speaker: they come back first
            outcome = self.app.act(_("Re-add last speaker"), lambda c: c.speaking_order().add(
                running.participant_id, running.kind, c.now(), position=0, issue_id=running.issue_id))
        else:
            outcome = self.app.act(_("Re-add last speaker"), lambda c: c.speaking_order().readd_last(c.now()))
        if outcome:
            self.speakers.select_entry(outcome.result.id)

    def action_toggle_closed(self) -> None:
        order = self._order()
        if order is None:
            return
        closed = not order.closed
        self.app.act(_("Close the list of speakers") if closed else _("Reopen the list of speakers"),
                     lambda c: c.speaking_order().set_closed(closed))

    def action_toggle_one_entry(self) -> None:
        value = not self.meeting.limits.one_entry_per_person
        self.app.act(_("One entry per person: on") if value else _("One entry per person: off"),
                     lambda c: c.set_limits(one_entry_per_person=value))
