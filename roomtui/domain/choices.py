"""The words people actually write for roles, kinds and yes/no, mapped to the model's values.

A roster typed on a Chinese system says 政协委员 or 居民代表, an English one "resident
representative" or "Resident"; both are the same Role. Matching ignores case, spaces,
underscores and hyphens, so "Department head" and "department_head" agree.
"""

from __future__ import annotations

from roomtui.domain.model import AgendaKind, IssueSource, Role
from roomtui.i18n import language

ROLE_WORDS: dict[Role, tuple[str, ...]] = {
    Role.SECRETARY: ("secretary", "recorder", "秘书", "记录员", "记录人"),
    Role.CHAIR: ("chair", "host", "chairperson", "chairman", "主持人", "主持"),
    Role.MEMBER: ("member", "cppcc member", "委员", "政协委员"),
    Role.RESIDENT: ("resident", "resident representative", "resident rep", "居民代表", "群众代表", "居民"),
    Role.DEPARTMENT: ("department", "department head", "部门负责人", "部门"),
    Role.LEADER: ("leader", "county leader", "领导", "县领导"),
    Role.OBSERVER: ("observer", "press", "media", "列席", "媒体", "观察员", "列席/媒体", "列席人员"),
}

KIND_WORDS: dict[AgendaKind, tuple[str, ...]] = {kind: (kind.value,) for kind in AgendaKind}
SOURCE_WORDS: dict[IssueSource, tuple[str, ...]] = {
    IssueSource.REPORT: ("report", "research report", "调研报告", "报告"),
    IssueSource.FLOOR: ("floor", "from the floor", "现场", "现场提出"),
}

_YES = ("yes", "y", "true", "1", "x", "✓", "✔", "是", "出席", "到", "已到", "参加")
_NO = ("no", "n", "false", "0", "否", "缺席", "未到", "请假", "不参加")


def normal(word: object) -> str:
    """Compare-ready form of a header or a choice: case, width and separators ignored."""
    text = str(word).replace("\u3000", " ").strip().casefold()
    text = text.replace("_", " ").replace("-", " ").replace("／", "/")
    text = text.rstrip(":：*").strip()
    return " ".join(text.split())


def _index(words: dict) -> dict[str, object]:
    index: dict[str, object] = {}
    for value, names in words.items():
        for name in (value.value, *names):
            index[normal(name)] = value
    return index


_ROLES = _index(ROLE_WORDS)
_KINDS = _index(KIND_WORDS)
_SOURCES = _index(SOURCE_WORDS)


def role_of(word: object) -> Role | None:
    """The Role a word names, the English or Chinese label included; None when unknown."""
    if isinstance(word, Role):
        return word
    found = _ROLES.get(normal(word))
    if found is None:  # the label shown in the current interface language
        found = next((r for r in Role if normal(r.label) == normal(word)), None)
    return found  # type: ignore[return-value]


def kind_of(word: object) -> AgendaKind | None:
    return word if isinstance(word, AgendaKind) else _KINDS.get(normal(word))  # type: ignore[return-value]


def source_of(word: object) -> IssueSource | None:
    return word if isinstance(word, IssueSource) else _SOURCES.get(normal(word))  # type: ignore[return-value]


def yes_no(word: object) -> bool | None:
    """True/False for the ways a spreadsheet says yes or no; None when it says neither."""
    if isinstance(word, bool):
        return word
    text = normal(word)
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def role_choices() -> str:
    """The roles as a message lists them: the words people type, in the interface language
    (every one of them is accepted, as are the English values)."""
    return ", ".join(r.value for r in Role) if language() == "en" else "、".join(r.label for r in Role)
