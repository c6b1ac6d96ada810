"""CSV import of participants and issues: the encodings and delimiters spreadsheets write, and
broken files refused whole with the file, line and field named and the meeting left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from roomtui.domain.codec import meeting_to_data
from roomtui.domain.demo import build_demo
from roomtui.domain.model import IssueSource, Meeting, Role
from roomtui.plan import (
    PlanImportError,
    apply_issues,
    apply_participants,
    import_issues_csv,
    import_participants_csv,
    read_issues_csv,
    read_participants_csv,
)

ASSETS = Path(__file__).resolve().parent.parent / "assets"

PEOPLE_ZH = ("序号,姓名,身份,单位,联系方式,出席\n"
             "1,马建国,政协委员,县政协委员（农业界）,139 0000 0205,是\n"
             "2,黄小梅,居民代表,南街社区,,否\n"
             "3,蒋华,部门负责人,县消防救援大队,137 0000 0404,\n")
PEOPLE_EN = ("name;role;affiliation;contact;present\n"
             "Ma Jianguo;CPPCC member;County CPPCC;139 0000 0205;yes\n"
             "Huang Xiaomei;Resident representative;Nanjie community;;no\n"
             "Jiang Hua;department head;County fire brigade;137 0000 0404;\n")


@pytest.fixture
def meeting() -> Meeting:
    return build_demo("en")


def refused(call, *args, **kwargs) -> PlanImportError:
    with pytest.raises(PlanImportError) as caught:
        call(*args, **kwargs)
    return caught.value


def messages(error: PlanImportError) -> list[str]:
    return [str(p) for p in error.problems]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- what spreadsheets write -------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_chinese_participants_in_every_encoding_spreadsheets_write(tmp_path, meeting, encoding):
    path = write(tmp_path, "people.csv", PEOPLE_ZH.replace("\n", "\r\n").encode(encoding))
    added = import_participants_csv(meeting, path)
    assert [(p.id, p.name, p.role, p.affiliation, p.contact, p.present) for p in added] == [
        (17, "马建国", Role.MEMBER, "县政协委员（农业界）", "139 0000 0205", True),
        (18, "黄小梅", Role.RESIDENT, "南街社区", "", False),
        (19, "蒋华", Role.DEPARTMENT, "县消防救援大队", "137 0000 0404", True),
    ]
    assert meeting.participants[-3:] == added


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_sniffed_from_the_header(delimiter):
    rows = read_participants_csv(PEOPLE_EN.replace(";", delimiter).encode())
    assert [(r["line"], r["name"], r["role"], r["present"]) for r in rows] == [
        (2, "Ma Jianguo", Role.MEMBER, True), (3, "Huang Xiaomei", Role.RESIDENT, False),
        (4, "Jiang Hua", Role.DEPARTMENT, True)]


def test_semicolon_file_with_commas_inside_cells():
    rows = read_participants_csv("姓名;单位\n\"Chen, Anna\";Office, 2nd floor\n".encode())
    assert (rows[0]["name"], rows[0]["affiliation"]) == ("Chen, Anna", "Office, 2nd floor")


@pytest.mark.parametrize("word, role", [
    ("秘书", Role.SECRETARY), ("主持人", Role.CHAIR), ("委员", Role.MEMBER), ("政协委员", Role.MEMBER),
    ("居民代表", Role.RESIDENT), ("部门负责人", Role.DEPARTMENT), ("领导", Role.LEADER), ("县领导", Role.LEADER),
    ("列席", Role.OBSERVER), ("媒体", Role.OBSERVER), ("观察员", Role.OBSERVER), ("列席/媒体", Role.OBSERVER),
    ("Department_Head", Role.DEPARTMENT), (" RESIDENT ", Role.RESIDENT), ("leader", Role.LEADER), ("", Role.MEMBER),
])
def test_roles_as_values_english_or_chinese_labels(word, role):
    assert read_participants_csv(f"name,role\nX,{word}\n".encode())[0]["role"] is role


def test_issues_with_chinese_headers_and_a_cell_spanning_lines(meeting):
    text = ("问题,描述,类别,社区,提出人,答复部门,建议,备注\n"
            "缺少垃圾分类设施,\"垃圾混放；\n居民多次反映\",环境卫生,石牛嘴社区,第一调研组,县住房和城乡建设局,设置分类垃圾桶,内部\n"
            "无障碍坡道缺失,,公共设施,东城社区,罗文斌,诺江镇人民政府,,\n")
    rows = read_issues_csv(text.encode("gb18030"), source_name="问题.csv")
    assert [r["line"] for r in rows] == [2, 4]
    added = apply_issues(meeting, rows)
    first = added[0]
    assert (first.id, first.title, first.description, first.location, first.expected_department, first.note) == (
        11, "缺少垃圾分类设施", "垃圾混放；\n居民多次反映", "石牛嘴社区", "县住房和城乡建设局", "内部")
    assert all(i.source is IssueSource.REPORT for i in added) and meeting.issues[-2:] == added


def test_example_csv_files_import_into_the_demo(meeting):
    people = import_participants_csv(meeting, ASSETS / "participants-example.csv")
    issues = import_issues_csv(meeting, ASSETS / "issues-example.csv")
    assert len(people) == 6 and len(issues) == 3
    assert people[2].present is False and people[5].name == "Chen, Anna" and people[5].role is Role.OBSERVER
    assert "\n" in issues[0].description


def test_unknown_columns_are_ignored_and_blank_rows_skipped():
    rows = read_participants_csv("No.,姓名,性别,单位\n\n1,吴朝林,男,春场坪社区\n,,,\n".encode())
    assert [(r["line"], r["name"], r["affiliation"]) for r in rows] == [(3, "吴朝林", "春场坪社区")]


# -- broken files ------------------------------------------------------------------------------
def check_refused(meeting: Meeting, data: bytes, reader=read_participants_csv, apply=apply_participants,
                  name: str = "people.csv") -> list[str]:
    """The import is refused and the meeting is exactly as it was."""
    before = meeting_to_data(meeting)
    with pytest.raises(PlanImportError) as caught:
        apply(meeting, reader(data, source_name=name))
    assert meeting_to_data(meeting) == before
    return messages(caught.value)


def test_missing_column(meeting):
    assert check_refused(meeting, "序号,单位,电话\n1,东城,139\n".encode("gb18030")) == [
        "people.csv, line 1: no 'name' column (name / 姓名 / 名字); the header row has: 序号, 单位, 电话"]
    assert check_refused(meeting, b"category,location\nx,y\n", read_issues_csv, apply_issues, "issues.csv") == [
        "issues.csv, line 1: no 'title' column (title / 问题 / 标题); the header row has: category, location"]


def test_unknown_role_names_line_and_column(meeting):
    assert check_refused(meeting, "姓名,身份\n张三,政协委员\n李四,老板\n".encode()) == [
        "people.csv, line 3 (column 身份): unknown role '老板' (one of: secretary, chair, member, resident, "
        "department, leader, observer)"]


def test_bad_present_value(meeting):
    assert check_refused(meeting, b"name,present\nA,perhaps\n") == [
        "people.csv, line 2: present 'perhaps' is not yes or no"]


def test_duplicate_participant_in_the_file_names_both_lines(meeting):
    assert check_refused(meeting, "姓名,单位\n张三,东城\n李四,西城\n 张三 ,东城\n".encode()) == [
        "people.csv, line 4 (column 姓名): 张三 (东城) is listed twice: lines 2 and 4"]


def test_duplicate_of_a_participant_already_in_the_meeting(meeting):
    data = b"name,affiliation\nNew Person,Office\nWu Chaolin,Chunchangping community\n"
    assert check_refused(meeting, data) == [
        "people.csv, line 3: Wu Chaolin (Chunchangping community) is already participant #9 of this meeting"]


def test_one_bad_row_among_good_ones_adds_nothing(meeting):
    rows = read_participants_csv(b"name,role\nA,member\nB,chair\n")
    rows[1]["name"] = "   "  # a caller-built row: the Council still refuses it
    before = meeting_to_data(meeting)
    error = refused(apply_participants, meeting, rows)
    assert messages(error) == ["participants.csv, line 3: name is required"]
    assert meeting_to_data(meeting) == before


def test_one_megabyte_field(meeting):
    data = ("title,description\nBig," + "x" * 1_000_000 + "\n").encode()
    assert check_refused(meeting, data, read_issues_csv, apply_issues, "issues.csv") == [
        "issues.csv, line 2: a field is longer than 131,072 characters"]


def test_fields_over_the_domain_limits(meeting):
    data = ("name,affiliation\n" + "N" * 501 + ",ok\nB," + "长" * 600 + "\n").encode()
    assert check_refused(meeting, data) == [
        "people.csv, line 2: name is 501 characters long; the limit is 500",
        "people.csv, line 3: affiliation is 600 characters long; the limit is 500"]
    data = ("问题,描述\nT," + "长" * 20_001 + "\n").encode()
    assert check_refused(meeting, data, read_issues_csv, apply_issues, "issues.csv") == [
        "issues.csv, line 2 (column 描述): description is 20,001 characters long; the limit is 20,000"]


def test_control_characters(meeting):
    assert check_refused(meeting, b"name,affiliation\nA,ok\nB\x07,x\x1b[31m\n") == [
        "people.csv, line 3: name contains a control character (U+0007): the file may be damaged",
        "people.csv, line 3: affiliation contains a control character (U+001B): the file may be damaged"]


def test_nul_characters_mean_a_wrong_kind_of_file(meeting):
    data = "name\nA\n".encode("utf-16-le")  # UTF-16 without a BOM reads as UTF-8 full of NULs
    assert check_refused(meeting, data) == [
        "people.csv, line 1: the file contains NUL characters: it is not a text CSV (perhaps UTF-16 or a "
        "workbook); save it as 'CSV UTF-8'"]


def test_undecodable_bytes_name_their_line(meeting):
    assert check_refused(meeting, b"name\nA\nB\xff\xfe\xff\n") == [
        "people.csv, line 3: the text is neither UTF-8 nor GB18030/GBK: save it as UTF-8"]


def test_workbook_saved_as_csv(meeting):
    assert check_refused(meeting, b"PK\x03\x04\x14\x00rest-of-zip") == [
        "people.csv: this is a spreadsheet workbook, not a text file: save it as 'CSV UTF-8' first"]


def test_empty_and_header_only_files(meeting):
    assert check_refused(meeting, b"") == [
        "people.csv: the file is empty: it needs a header row and at least one row of data"]
    assert check_refused(meeting, "\ufeff姓名,单位\r\n".encode()) == [
        "people.csv: the file has a header row but no rows of data"]


def test_more_fields_than_the_header_and_duplicate_columns(meeting):
    assert check_refused(meeting, b"name,role\nA,member,surplus\nB,chair,\n") == [
        "people.csv, line 2: 3 fields, but the header has 2"]
    assert check_refused(meeting, "姓名,电话,联系方式\n张三,1,2\n".encode()) == [
        "people.csv, line 1: columns '电话' and '联系方式' both give the contact"]


def test_files_too_big_or_missing(tmp_path, meeting):
    from roomtui.domain.validation import MAX_FILE_BYTES

    big = write(tmp_path, "big.csv", b"name\n")
    with open(big, "r+b") as handle:  # sparse: the size is refused before anything is read
        handle.truncate(MAX_FILE_BYTES + 1)
    limit = MAX_FILE_BYTES // 1024 // 1024
    assert messages(refused(read_participants_csv, big)) == [
        f"big.csv: the file is {limit}.0 MB; no meeting file is larger than {limit} MB"]
    missing = tmp_path / "none.csv"
    assert messages(refused(import_participants_csv, meeting, missing)) == [
        f"none.csv: file not found: {missing}"]


def test_the_list_names_every_bad_row_in_line_order(meeting):
    data = "姓名,身份\n" + "".join(f"人{n},boss{n}\n" for n in range(25))
    error = refused(read_participants_csv, data.encode())
    assert [p.line for p in error.problems] == list(range(2, 27))
    assert all(p.field == "role" for p in error.problems)
    assert str(error).splitlines()[-1] == "... and 5 more"
