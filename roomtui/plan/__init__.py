"""Plan files and imports: a whole meeting plan as TOML, participants and issues from CSV.

Pure library (no Textual, no TinyDB). Every import goes through the Council's methods, so
imported text is cleaned and validated exactly as typed text is, and every import applies
whole or not at all, raising PlanImportError with every problem's file, line and field.
"""

from roomtui.plan.csv_import import (
    apply_issues,
    apply_participants,
    import_issues_csv,
    import_participants_csv,
    read_issues_csv,
    read_participants_csv,
)
from roomtui.plan.errors import ImportProblem, PlanImportError
from roomtui.plan.toml_plan import PLAN_VERSION, dump_plan, load_plan

__all__ = [
    "ImportProblem", "PLAN_VERSION", "PlanImportError", "apply_issues", "apply_participants", "dump_plan",
    "import_issues_csv", "import_participants_csv", "load_plan", "read_issues_csv", "read_participants_csv",
]
