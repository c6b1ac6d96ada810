"""The app's screens: home, prepare, live, minutes, hand-out, help."""

from __future__ import annotations

from importlib import import_module

from roomtui.i18n import N_, _

# Every view whose keys the help screen lists: its title and the classes holding its keys (the
# screen, and for the prepare view the pane of each tab, whose keys are its own).
_VIEWS = (
    (N_("Meetings"), ("screens.home.HomeScreen",)),
    (N_("Prepare"), ("screens.prepare.PrepareScreen", "prepare.details.DetailsPane",
                     "prepare.participants.ParticipantsPane", "prepare.agenda.AgendaPane",
                     "prepare.issues.IssuesPane")),
    (N_("Live"), ("screens.live.LiveScreen",)),
    (N_("Minutes"), ("screens.minutes.MinutesScreen",)),
    (N_("Hand-out"), ("screens.handout.HandoutScreen",)),
    (N_("Share over Wi-Fi"), ("screens.share.ShareScreen",)),
    (N_("Follow-up register"), ("screens.followup.FollowUpScreen",)),
)


def _class(path: str) -> type:
    module, name = path.rsplit(".", 1)
    return getattr(import_module(f"roomtui.tui.{module}"), name)


def view_bindings() -> list[tuple[str, list, tuple[type, ...]]]:
    """(title, bindings, classes) of each view, for the help screen."""
    sections = []
    for title, paths in _VIEWS:
        classes = tuple(_class(path) for path in paths)
        sections.append((_(title), [b for cls in classes for b in cls.BINDINGS], classes))
    return sections
