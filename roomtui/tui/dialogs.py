"""Modal dialogs shared by every screen: confirm, a form, and a type-to-filter picker.

Forms do not validate themselves: they hand their values to a callback that tries the real
action (which validates, saves, and raises with clear problems). The dialog stays open and
shows the problems until the action succeeds, so nothing typed is lost to a refusal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from roomtui.i18n import N_, _
from roomtui.tui.translated import TranslatedBindings


class ConfirmDialog(TranslatedBindings, ModalScreen[bool]):
    """Ask before acting: y confirms, n or Escape cancels, Enter presses the highlighted button.

    The highlighted (default) button is the safe choice: Cancel when the action removes, replaces
    or ends something (``destructive``), the action itself when it only moves the meeting on (go
    live, restore a backup). The buttons show their keys, so nobody has to guess that y exists.
    """

    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm.no"),
    ]

    def __init__(self, question: str, confirm_label: str | None = None, *, destructive: bool = True,
                 decline_label: str | None = None) -> None:
        """``decline_label`` names what n and Esc do when that is a choice too, not a cancel
        ("Don't copy" goes on without copying): the button must not promise Cancel then."""
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label or _("Yes")
        self.decline_label = decline_label
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Text(_("{action} (y)", action=self.confirm_label)),
                             variant="error" if self.destructive else "primary", id="yes")
                no = _("{action} (n, Esc)", action=self.decline_label) if self.decline_label else _("Cancel (n, Esc)")
                yield Button(Text(no), id="no")
            yield Label(_("Enter presses the highlighted button"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#no" if self.destructive else "#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


@dataclass
class FormField:
    name: str
    label: str
    kind: str = "text"  # text | textarea | select | checkbox
    value: Any = ""
    options: Sequence[tuple[str, Any]] = ()
    placeholder: str = ""
    required: bool = False
    suggestions: Sequence[str] = ()  # a text field offers these as it is typed (→ takes one)


@dataclass
class FormResult:
    values: dict[str, Any] = field(default_factory=dict)


class FormDialog(TranslatedBindings, ModalScreen[Any]):
    """A form over ``fields``; ``submit(values)`` returns problems to show, or None when done.

    ctrl+s (or Enter in a one-line field) submits; Escape cancels. The dialog returns whatever
    ``submit`` stored in ``self.result`` (by default True).
    """

    BINDINGS = [
        Binding("ctrl+s", "submit", N_("Save"), id="form.save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
    ]

    FIRST_FIELD: str | None = None  # where the cursor starts: the first field a person types into (default: the first)

    def __init__(self, title: str, fields: Sequence[FormField], submit: Callable[[dict[str, Any]], list[str] | None],
                 *, on_change: Callable[["FormDialog", str, Any], None] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.submit = submit
        self.on_change = on_change
        self.result: Any = True
        self._problems: list = []  # shown under the form until their field is filled in or the form is saved
        self._problem_values: dict[str, Any] = {}  # the values the shown problems are about

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form-dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="form-body"):
                for spec in self.fields:
                    with Vertical(classes="form-row", id=f"row-{spec.name}"):
                        if spec.kind != "checkbox":
                            label = spec.label[:1].upper() + spec.label[1:]  # "reason" reads as a label: "Reason"
                            yield Label(Text(label + (" *" if spec.required else "")), classes="form-label")
                        yield self._widget(spec)
            yield Static("", id="form-problems", classes="form-problems")
            yield Label(_("ctrl+s save · esc cancel"), classes="dialog-hint")

    def _widget(self, spec: FormField):
        # TextArea, Select and Checkbox are imported when a form uses them, not with the first screen
        wid = f"field-{spec.name}"
        if spec.kind == "textarea":
            from textual.widgets import TextArea

            area = TextArea(str(spec.value or ""), id=wid, soft_wrap=True, show_line_numbers=False)
            return area
        if spec.kind == "select":
            from textual.widgets import Select

            # options name people, issues and departments as typed: Select reads a str as markup ("[/]" stopped the app)
            options = [(Text(label), value) for label, value in spec.options]
            return Select(options, value=spec.value if spec.value is not None
                          and any(v == spec.value for _l, v in spec.options) else Select.NULL, id=wid,
                          # a required choice with no value yet starts blank: a default would be recorded unseen
                          allow_blank=not spec.required or spec.value is None, prompt=spec.placeholder or _("choose"))
        if spec.kind == "checkbox":
            from textual.widgets import Checkbox

            return Checkbox(spec.label, bool(spec.value), id=wid)
        suggester = None
        if spec.suggestions:
            from textual.suggester import SuggestFromList

            suggester = SuggestFromList(spec.suggestions, case_sensitive=False)
        return Input(str(spec.value or ""), placeholder=spec.placeholder, id=wid, suggester=suggester)

    def on_mount(self) -> None:
        self._fit_small_terminal()
        self.query_one(f"#field-{self.FIRST_FIELD or self.fields[0].name}").focus()

    def _fit_small_terminal(self) -> None:
        """Below 40 rows a bordered form hides its own problems: one-line fields, a shorter body.

        Inline styles, because app.tcss (which sizes every form) outranks a widget's DEFAULT_CSS.
        """
        if self.app.size.height >= 40:
            return
        body = self.query_one(".form-body")
        body.styles.max_height = "55vh"
        dialog = self.query_one(".form-dialog")
        dialog.styles.padding = (0, 1)
        dialog.styles.max_height = "100%"
        self.query_one(".dialog-title").styles.margin = (0, 0, 0, 0)
        self.query_one(".dialog-hint").styles.margin = (0, 0, 0, 0)
        for widget in self.query("Input, Select"):
            widget.compact = True
            widget.styles.margin = (0, 0, 0, 2)
        for area in self.query("TextArea"):
            area.styles.height = 3

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if spec.kind == "textarea":
                result[spec.name] = widget.text
            elif spec.kind == "select":
                result[spec.name] = None if widget.value is widget.NULL else widget.value
            else:
                result[spec.name] = widget.value
        return result

    def show_row(self, name: str, visible: bool) -> None:
        self.query_one(f"#row-{name}").display = visible

    def on_select_changed(self, event) -> None:  # Select.Changed, by its handler name: Select loads lazily
        if self.on_change is not None and event.select.id:
            self.on_change(self, event.select.id.removeprefix("field-"), event.value)
        self._field_edited(event.select.id, None if event.value is event.select.NULL else event.value)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        self._field_edited(event.input.id, event.value)

    def on_text_area_changed(self, event) -> None:  # TextArea.Changed, by name: TextArea loads lazily
        self._field_edited(event.text_area.id, event.text_area.text)

    def _field_edited(self, widget_id: str | None, value: Any) -> None:
        """A problem about a field goes as soon as the field is filled in (the save checks it again):
        "action is required" must not stay on screen under the action just typed."""
        name = (widget_id or "").removeprefix("field-")
        if not self._problems or not str(value if value is not None else "").strip():
            return
        if self._problem_values.get(name) == value:
            return  # the change the problem is about, arriving after the save (fields set by code)
        remaining = [p for p in self._problems if getattr(p, "field", None) != name]
        if len(remaining) != len(self._problems):
            self._show_problems(remaining)

    def _show_problems(self, problems: list, *, saved_values: dict[str, Any] | None = None) -> None:
        if saved_values is not None:
            self._problem_values = saved_values
        self._problems = list(problems)
        self.query_one("#form-problems", Static).update(Text("\n".join(f"• {p}" for p in problems)))

    @on(Input.Submitted)
    def _input_submitted(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        values = self.values()
        problems = self.submit(values)
        if problems:
            self._show_problems(problems, saved_values=values)
            self._focus_problem(problems)
            return
        self.dismiss(self.result)

    def _focus_problem(self, problems) -> None:
        """Put the cursor in the first field a problem is about, so the fix starts at once."""
        names = {spec.name for spec in self.fields}
        target = next((p.field for p in problems if getattr(p, "field", None) in names), None)
        if target is not None:
            widget = self.query_one(f"#field-{target}")
            if widget.display and self.query_one(f"#row-{target}").display:
                widget.focus()
                widget.scroll_visible()

    def action_cancel(self) -> None:
        """Escape: leave at once if nothing was typed, else ask before throwing the typing away."""
        if not self.typed():
            self.dismiss(None)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(_("Discard what you typed in this form?"), _("Discard")), answer)

    def typed(self) -> bool:
        """Has anything been changed since the form opened?"""
        values = self.values()
        for spec in self.fields:
            now, before = values.get(spec.name), spec.value
            if isinstance(now, bool) or spec.kind == "checkbox":
                if bool(now) != bool(before):
                    return True
            elif spec.kind == "select":
                if now != (before if any(v == before for _l, v in spec.options) else None):
                    return True
            elif str(now if now is not None else "").strip() != str(before if before is not None else "").strip():
                return True
        return False


class PickerDialog(TranslatedBindings, ModalScreen[Any]):
    """Type part of a name (Chinese too), an affiliation or a number; Enter picks.

    Nothing is highlighted until the secretary moves: the first ↓ lands on the first entry (not
    the second: with the first highlighted from the start, ``f``, ↓, Enter recorded 基本满意 for a
    satisfied proposer), and Enter with nothing highlighted takes the first entry that matches,
    as the hint says. A highlighted entry is drawn in full colour whether or not the list has the
    focus (app.tcss), so what Enter will pick is never a guess.
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="picker.cancel")]

    def __init__(self, title: str, choices: Sequence[tuple[str, Any]], *, placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.placeholder = placeholder or _("type to filter")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker-dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(placeholder=self.placeholder, id="picker-filter", select_on_focus=False)
            yield OptionList(*self._options(""), id="picker-options")
            yield Label(_("↑↓ choose · Enter takes the highlighted entry, or else the first · Esc cancel"),
                        classes="dialog-hint")

    def on_mount(self) -> None:
        """The list is built in compose, with the dialog: filling it after mounting cost extra layouts of
        the whole screen behind the dialog (profiled: o + Esc on the live screen)."""
        self.query_one("#picker-options", OptionList).highlighted = None  # OptionList highlights its first
        self.query_one("#picker-filter", Input).focus()

    def matches(self, text: str) -> list[tuple[str, Any]]:
        words = text.casefold().split()
        return [(label, value) for label, value in self.choices if all(w in label.casefold() for w in words)]

    def _options(self, text: str) -> list[Option]:
        return [Option(Text(label), id=str(index)) for index, (label, _v) in enumerate(self.matches(text))]

    def _fill(self, text: str) -> None:
        options = self.query_one("#picker-options", OptionList)
        options.set_options(self._options(text))  # nothing highlighted: Enter takes the first match

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        options = self.query_one("#picker-options", OptionList)
        found = self.matches(event.value)
        if found:
            self.dismiss(found[options.highlighted if options.highlighted is not None else 0][1])

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        text = self.query_one("#picker-filter", Input).value
        self.dismiss(self.matches(text)[event.option_index][1])

    def on_key(self, event: events.Key) -> None:
        """Letters typed before the filter box took the focus still reach it (fast typists)."""
        box = self.query_one("#picker-filter", Input)
        if self.focused is not box and event.is_printable and event.character:
            box.focus()
            box.insert_text_at_cursor(event.character)
            event.stop()

    def key_down(self) -> None:
        self.query_one("#picker-options", OptionList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one("#picker-options", OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
