"""The hand-out screen: the meeting's public summary as QR codes for phones to scan.

The code takes all the room the screen can give it, the full height included (the title sits
in the side column, so a 120x40 terminal shows the densest readable code); the page header
sits beside it, so that the secretary can say "this is page 2 of 3", with a sentence saying how
far away phones read it (handout.distance). Left and right turn pages, a carousel turns them by
itself while people queue, full screen leaves nothing but the code for a projector, drawn for
the room (the largest modules the carousel can turn, where the side column's view at the table
takes the fewest pages), and a list of responses lets one resident scan only the answer to
their issue.

The first hand-out screen of an app's run says once how to deal with stripes: terminals that add
line spacing paint the gap between lines in the theme's colour, which cuts half-block codes.
"""

from __future__ import annotations

import weakref

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from roomtui.domain.model import Meeting, Response
from roomtui.handout.distance import table_sentence
from roomtui.handout.layout import Purpose
from roomtui.handout.qr import DEFAULT_MAX_VERSION, clamp_version
from roomtui.handout.render import RenderMode
from roomtui.domain.answering import numbered_responses
from roomtui.handout.text import handout_document, response_document
from roomtui.i18n import N_, NP_, _
from roomtui.tui.acting import MeetingHost
from roomtui.tui.translated import TranslatedBindings
from roomtui.tui.widgets.footer import FittingFooter
from roomtui.tui.widgets.qr_code import QRCodeView

CAROUSEL_SECONDS = 6.0
STRIPES_HINTED: weakref.WeakSet = weakref.WeakSet()  # the apps whose run has shown the stripes hint once


def handout_bindings() -> list[Binding]:
    """Built on call, so descriptions follow the interface language set before the screen."""
    return [
        # priority: the arrows turn pages even while the list of responses has the focus
        Binding("left", "previous_page", NP_("page", "Previous"), id="handout.previous", priority=True),
        Binding("right", "next_page", NP_("page", "Next"), id="handout.next", priority=True),
        Binding("c", "toggle_carousel", N_("Carousel"), id="handout.carousel"),
        Binding("f", "toggle_full_screen", N_("Full screen"), id="handout.full_screen"),
        Binding("r", "choose_response", N_("One response"), id="handout.response"),
        Binding("m", "toggle_mode", N_("Solid blocks"), id="handout.mode"),
        Binding("plus,equals_sign", "larger", N_("Denser code"), id="handout.larger"),
        Binding("minus", "smaller", N_("Coarser code"), id="handout.smaller"),
        Binding("w", "share", N_("Share over Wi-Fi"), id="handout.share"),
        Binding("escape", "back", N_("Back"), id="handout.back"),
    ]


class HandoutScreen(TranslatedBindings, Screen):
    VIEW = "handout"  # F2-F5 (app.check_action): the key of the view on screen is not offered
    DEFAULT_CSS = """
    HandoutScreen #handout-title { text-style: bold; margin-bottom: 1; }
    HandoutScreen #handout-side { width: 34; padding: 0 1; }
    HandoutScreen #handout-header { margin-bottom: 1; }
    HandoutScreen #handout-status { margin-bottom: 1; color: $text-muted; }
    HandoutScreen #handout-distance { margin-bottom: 1; }
    HandoutScreen #handout-hint { margin-bottom: 1; color: $warning; display: none; }
    HandoutScreen.-hint #handout-hint { display: block; }
    HandoutScreen #handout-responses { height: 1fr; display: none; }
    HandoutScreen.-choosing #handout-responses { display: block; }
    /* while choosing, the list needs the rows (80x24 has few): the advice comes back after */
    HandoutScreen.-choosing #handout-status, HandoutScreen.-choosing #handout-distance,
    HandoutScreen.-choosing #handout-hint { display: none; }
    HandoutScreen.-full-screen #handout-side,
    HandoutScreen.-full-screen FittingFooter { display: none; }
    """

    BINDINGS = handout_bindings()
    AUTO_FOCUS = None  # the hidden list of responses must not take the keys

    def __init__(self, meeting: Meeting | None = None, *, max_version: int = DEFAULT_MAX_VERSION,
                 mode: RenderMode = RenderMode.HALF_BLOCK, carousel_seconds: float = CAROUSEL_SECONDS,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._meeting = meeting  # a meeting of its own only outside the app (tests, tools)
        self._max_version = clamp_version(max_version)
        self._mode = RenderMode(mode)
        self._carousel_seconds = carousel_seconds
        self._carousel = None
        self.carousel_running = False
        self.response: Response | None = None  # the response shown on its own, if any

    def compose(self) -> ComposeResult:
        with Horizontal(id="handout-body"):
            yield QRCodeView(handout_document(self.meeting), max_version=self._max_version, mode=self._mode,
                             id="handout-code")
            with Vertical(id="handout-side"):
                yield Static(self.meeting.title + " · " + _("Hand-out"), id="handout-title", markup=False)
                yield Static(id="handout-header", markup=False)
                yield Static(id="handout-status", markup=False)
                yield Static(id="handout-distance", markup=False)
                yield Static(_("If the code shows stripes, press m (solid blocks), or set the terminal's "
                               "line spacing to 1.0."), id="handout-hint", markup=False)
                yield OptionList(*self._response_options(), id="handout-responses")
        yield FittingFooter()

    def on_mount(self) -> None:
        if self.app not in STRIPES_HINTED:  # once per run of the app
            STRIPES_HINTED.add(self.app)
            self.add_class("-hint")
        host = self.app if isinstance(self.app, MeetingHost) else None  # another app may show a given meeting
        self._carousel = self.set_interval(self._carousel_seconds, self.action_next_page, pause=True)
        if host is not None:
            self.watch(host, "revision", self._meeting_changed, init=False)

    @property
    def meeting(self) -> Meeting:
        """The session's meeting in the app (so undo and every change show at once)."""
        return self._meeting if self._meeting is not None else self.app.session.meeting

    def _meeting_changed(self, _revision: int) -> None:
        """The change signal: the codes are rebuilt from the meeting as it now is (an undo too)."""
        if self._meeting is not None or self.app.session is None or not self.is_attached:
            return
        responses = self.query_one("#handout-responses", OptionList)
        responses.set_options(self._response_options())
        if self.response is not None:
            self.response = self.meeting.response(self.response.id)
        if self.response is not None:
            self.code.show(response_document(self.meeting, self.response))
        else:
            self.code.show(handout_document(self.meeting))
        self._update_status()

    @property
    def code(self) -> QRCodeView:
        return self.query_one("#handout-code", QRCodeView)

    # -- paging --------------------------------------------------------------------------
    def action_previous_page(self) -> None:
        self.code.previous_page()

    def action_next_page(self) -> None:
        self.code.next_page()

    def action_toggle_carousel(self) -> None:
        self.carousel_running = not self.carousel_running
        if self.carousel_running:
            self._carousel.reset()
            self._carousel.resume()
        else:
            self._carousel.pause()
        self._update_status()

    def action_toggle_full_screen(self) -> None:
        """Full screen is for the room: the largest modules the carousel can turn (handout.layout)."""
        self.toggle_class("-full-screen")
        self._code_for_whom()

    def _code_for_whom(self) -> None:
        self.code.purpose = Purpose.ROOM if self.has_class("-full-screen") else Purpose.TABLE

    def action_toggle_mode(self) -> None:
        """Solid blocks for terminals whose line spacing stripes half blocks (see handout.render)."""
        self.code.mode = (RenderMode.BACKGROUND if self.code.mode is RenderMode.HALF_BLOCK
                          else RenderMode.HALF_BLOCK)

    def action_larger(self) -> None:
        self.code.max_version = self.code.max_version + 1

    def action_smaller(self) -> None:
        self.code.max_version = self.code.max_version - 1

    def action_share(self) -> None:
        """The whole public minutes to phones over the laptop's Wi-Fi (roomtui.tui.screens.share)."""
        from roomtui.tui.screens.share import start_sharing

        start_sharing(self.app, self.meeting)

    # -- one response --------------------------------------------------------------------
    def _response_options(self) -> list[Option]:
        options = []
        for number, response in numbered_responses(self.meeting):  # the number `--response N` takes
            issue = self.meeting.issue(response.issue_id)
            title = f"#{issue.id} {issue.title}" if issue else f"#{response.issue_id}"
            label = Content(f"{number}. {title}\n  {response.department}: {response.disposition.label}")  # not markup
            options.append(Option(label, id=f"response-{response.id}"))
        return options

    def action_choose_response(self) -> None:
        if not self.meeting.responses:
            self.notify(_("No responses recorded yet."), severity="warning")
            return
        self.remove_class("-full-screen")
        self._code_for_whom()
        self.add_class("-choosing")
        responses = self.query_one("#handout-responses", OptionList)
        if responses.highlighted is None:
            responses.highlighted = 0
        responses.focus()
        self._show_response(self.meeting.responses[responses.highlighted])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.has_class("-choosing"):
            self._show_response(self._response_for(event.option))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._show_response(self._response_for(event.option))
        self.remove_class("-choosing")
        self.set_focus(None)

    def _response_for(self, option: Option) -> Response:
        return self.meeting.response(int(str(option.id).removeprefix("response-")))

    def _show_response(self, response: Response) -> None:
        if response is not self.response:
            self.response = response
            self.code.show(response_document(self.meeting, response))

    def _show_pages(self) -> None:
        self.remove_class("-choosing")
        self.set_focus(None)
        if self.response is not None:
            self.response = None
            self.code.show(handout_document(self.meeting))

    def action_back(self) -> None:
        """Step back one level: the list or a single response, full screen, then the screen."""
        if self.has_class("-choosing") or self.response is not None:
            self._show_pages()
        elif self.has_class("-full-screen"):
            self.remove_class("-full-screen")
            self._code_for_whom()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # -- what the side panel says --------------------------------------------------------
    def on_qrcode_view_changed(self, event: QRCodeView.Changed) -> None:
        self._update_status()

    def _update_status(self) -> None:
        code = self.code
        layout = code.layout
        header = code.page.header if code.page else ""
        self.query_one("#handout-header", Static).update(header)
        lines = []
        if self.response is not None:
            lines.append(_("Response to issue #{id}", id=self.response.issue_id))
        if layout.fits:
            lines.append(_("Page {k} of {n}", k=code.page_index + 1, n=len(layout.pages)))
        lines.append(_("Drawing: half blocks") if code.mode is RenderMode.HALF_BLOCK
                     else _("Drawing: solid blocks"))
        if code.max_version > DEFAULT_MAX_VERSION:
            lines.append(_("Denser than usual: phones must come closer."))
        if self.carousel_running:
            lines.append(_("Carousel: a new page every {seconds:g} s", seconds=self._carousel_seconds))
        self.query_one("#handout-status", Static).update("\n".join(lines))
        distance = table_sentence(layout, self.app.size.width, self.has_class("-full-screen")) if layout.fits else ""
        self.query_one("#handout-distance", Static).update(distance)
