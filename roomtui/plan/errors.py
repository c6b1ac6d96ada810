"""What an import reports when it refuses a file: every problem, each with file, line and field.

An import either applies whole or not at all, so the secretary needs the complete list of what
to fix in one go (not the first problem only), each pointing at the line to open in an editor
or a spreadsheet. The list is capped when shown, because a wrongly encoded file can produce a
problem on every line.
"""

from __future__ import annotations

from dataclasses import dataclass

from roomtui.domain.text import visible
from roomtui.i18n import _, ngettext

SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with an imported file.

    ``field`` is the canonical field name (``"role"``, ``"deadline"``) so a UI can highlight it;
    ``where`` is optional context for people ("[[participants]] #3", "column 身份").
    """

    file: str
    line: int | None
    field: str | None
    message: str
    where: str | None = None

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += _(", line {line}", line=self.line)
        if self.where:
            place += _(" ({where})", where=self.where)
        return visible(_("{place}: {problem}", place=place, problem=self.message), keep_newlines=False)


class PlanImportError(ValueError):
    """An import was refused; nothing was changed. ``problems`` holds every reason found."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self.describe())

    def describe(self, limit: int = SHOWN_PROBLEMS) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(ngettext("... and {n} more", "... and {n} more", hidden))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()
