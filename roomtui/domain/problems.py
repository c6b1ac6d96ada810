"""What is wrong with what was entered, as data: which field, what kind of problem, which values.

A refusal travels as :class:`Problem` objects from the rule that found it to the edge that shows
it (a form, a notification, an import report, the command line). Code decides with ``field`` and
``code`` (an importer puts a problem on the line of its field, a form jumps to it); people read
``str(problem)``: the message put into words *then*, in the interface language of that moment,
with every value quoted as typed but with control characters made visible.

``code`` is the message's English template (its gettext msgid): stable, and a translator's key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import field as attribute
from types import MappingProxyType

from roomtui.domain.fields import FIELD_LABELS, field_label
from roomtui.domain.text import visible
from roomtui.i18n import _, translations

_EMPTY: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True)
class FieldName:
    """A field named in a message: shown by its label in the language of the moment it is read."""

    name: str
    label: str | None = None  # an English label (N_-marked) when the field's own does not fit

    def __str__(self) -> str:
        return _(self.label) if self.label else field_label(self.name)

    def words(self, language: str) -> str:
        return translations(language).gettext(self.label or FIELD_LABELS.get(self.name) or self.name.replace("_", " "))


@dataclass(frozen=True)
class Problem:
    code: str
    params: Mapping[str, object] = attribute(default_factory=lambda: _EMPTY)
    field: str | None = None

    def __str__(self) -> str:
        values = {name: str(value) if isinstance(value, (Problem, FieldName)) else value
                  for name, value in self.params.items()}
        return visible(_(self.code, **values) if values else _(self.code))

    def words(self, language: str) -> str:
        """The message in ``language`` rather than the interface's: a phone's page speaks the
        meeting's language, whatever the secretary's screen speaks (values are shown as given)."""
        values = {name: value.words(language) if isinstance(value, (Problem, FieldName)) else value
                  for name, value in self.params.items()}
        text = translations(language).gettext(self.code)
        return visible(text.format(**values) if values else text)

    def at(self, name: str) -> Problem:
        """The same problem, known to be about field ``name`` (unless it already names one)."""
        return self if self.field else replace(self, field=name)

    def __contains__(self, text: str) -> bool:  # `"x" in problem` reads the words, as for a str
        return text in str(self)


def problem(code: str, about: str | None = None, /, **params: object) -> Problem:
    """A problem about the stored field ``about``, which also fills ``{field}`` with its label."""
    if about is not None and "{field}" in code and "field" not in params:
        params["field"] = FieldName(about)
    return Problem(code, MappingProxyType(params), about)


def as_problem(item: Problem | str) -> Problem:
    """Text already in words (an older message) becomes a problem about no particular field."""
    return item if isinstance(item, Problem) else Problem(str(item))
