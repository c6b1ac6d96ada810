"""The words people write for roles, kinds and yes/no: the rule lives in the domain
(roomtui.domain.choices) so typing, plans and CSV files accept exactly the same words."""

from roomtui.domain.choices import (  # noqa: F401
    KIND_WORDS,
    ROLE_WORDS,
    SOURCE_WORDS,
    kind_of,
    normal,
    role_choices,
    role_of,
    source_of,
    yes_no,
)
