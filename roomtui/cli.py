"""The `roomtui` command. Textual is imported only when the app actually opens.

    roomtui                      the app on the default data folder
    roomtui demo [--lang zh]     create the demo council once and open it
    roomtui list                 the meetings, one per line
    roomtui import PLAN          a .toml plan or a .json meeting export
    roomtui export MEETING --format md|html|docx|json|csv|ics|plan [--public] [-o PATH]
    roomtui handout MEETING      the hand-out QR codes in a plain terminal
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

from roomtui import __version__
from roomtui.i18n import _, init_from_environment, set_language
from roomtui.i18n import language as interface_language
from roomtui.paths import ENV_VAR, data_dir

EXPORT_FORMATS = ("md", "html", "docx", "json", "csv", "ics", "plan")
BINARY_EXPORTS = ("docx",)  # never written to a terminal


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help=_("data folder (default: ${env} or the platform's data folder)",
                                                        env=ENV_VAR))
    common.add_argument("--lang", choices=("en", "zh"), default=argparse.SUPPRESS,
                        help=_("interface language, and the demo council's (default: $ROOMTUI_LANG or en)"))
    parser = argparse.ArgumentParser(
        prog="roomtui", parents=[common],
        description=_("Run a consultation council from one offline laptop: prepare it, run the speaking order, "
                      "record every response, export the minutes and hand them out as QR codes."))
    parser.add_argument("--version", action="version", version=f"roomtui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", parents=[common], help=_("create the demo council (once) and open it"))
    demo.add_argument("--no-open", action="store_true", help=_("create it and print its id, without opening the app"))

    commands.add_parser("list", parents=[common], help=_("list the meetings in the data folder"))

    imp = commands.add_parser("import", parents=[common], help=_("import a .toml plan or a .json meeting"))
    imp.add_argument("path", metavar="PLAN", type=Path)

    exp = commands.add_parser("export", parents=[common], help=_("write the minutes or the plan of a meeting"))
    exp.add_argument("meeting", metavar="MEETING", help=_("meeting id or unique title prefix"))
    exp.add_argument("--format", "-f", choices=EXPORT_FORMATS, default="md")
    exp.add_argument("--public", action="store_true", help=_("leave out private fields (contacts, internal notes)"))
    exp.add_argument("-o", "--output", type=Path, help=_("file to write (default: standard output)"))

    hand = commands.add_parser("handout", parents=[common], help=_("show the hand-out QR codes in this terminal"))
    hand.add_argument("meeting", metavar="MEETING", help=_("meeting id or unique title prefix"))
    hand.add_argument("--page", type=int, metavar="K", help=_("print page K and exit"))
    hand.add_argument("--text", action="store_true", help=_("print the hand-out text and exit"))
    hand.add_argument("--max-version", type=int, default=None, metavar="N", help=_("largest QR version to use"))

    opener = commands.add_parser("open", parents=[common], help=_("open the app on one meeting"))
    opener.add_argument("meeting", metavar="MEETING", help=_("meeting id or unique title prefix"))
    return parser


def main(argv: list[str] | None = None) -> int:
    init_from_environment()
    argv = sys.argv[1:] if argv is None else argv
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=("en", "zh"))
    chosen = early.parse_known_args(argv)[0].lang
    if chosen:  # before the parser is built, so that --help itself speaks the chosen language
        set_language(chosen)
    args = build_parser().parse_args(argv)
    from roomtui.store import Archive, BadMeetingFile, MeetingNotFound

    try:
        archive = Archive(data_dir(getattr(args, "data", None)))
    except OSError as error:
        return _fail(_("cannot use the data folder: {error}", error=error))
    try:
        return _run(args, archive)
    except MeetingNotFound as error:
        return _fail(str(error.args[0]) if error.args else _("no such meeting"))
    except BadMeetingFile as error:
        return _fail(str(error))
    except ValueError as error:  # import problems: they name the file, line and field
        return _fail(str(error))
    except OSError as error:
        return _fail(f"{getattr(error, 'filename', '') or ''} {error.strerror or error}".strip())


def _run(args: argparse.Namespace, archive) -> int:
    command = args.command
    if command is None:
        return _open_app(archive, None)
    if command == "demo":
        language = getattr(args, "lang", None) or interface_language()
        meeting_id = archive.ensure_demo(language)
        if args.no_open:
            print(meeting_id)
            return 0
        return _open_app(archive, meeting_id)
    if command == "list":
        summaries = archive.list()
        if not summaries:
            print(_("No meetings yet in {folder}. Try: roomtui demo", folder=archive.root))
        from roomtui.domain.model import MeetingStatus

        for s in summaries:
            status = MeetingStatus(s.status).label if s.status in {m.value for m in MeetingStatus} else s.status
            print(f"{s.id}\t{s.date or '-'}\t{status}\t{s.title}")
        return 0
    if command == "import":
        from roomtui.importing import import_file

        meeting_id = import_file(archive, args.path)
        print(_("Imported {path} as meeting {id}.", path=args.path, id=meeting_id))
        return 0
    if command == "export":
        if args.format in BINARY_EXPORTS and args.output is None and sys.stdout.isatty():
            return _fail(_("a {format} file is binary and would garble this terminal: give a file with "
                           "-o PATH (for example -o minutes.{format})", format=args.format))
        meeting = archive.load(archive.find(args.meeting))
        from roomtui.minutes import DocxUnavailable

        try:
            data = export_bytes(meeting, args.format, public=args.public)
        except DocxUnavailable:
            return _fail(_("Word (.docx) export needs python-docx and lxml, which this installation lacks (the "
                           "one-file build leaves them out): install roomtui with pip, or export md or html"))
        if args.output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            from roomtui.store.storage import atomic_write

            atomic_write(args.output, data)
            print(_("Wrote {path}.", path=args.output), file=sys.stderr)
        return 0
    if command == "handout":
        from roomtui.handout.terminal import run_plain_handout

        meeting = archive.load(archive.find(args.meeting))
        kwargs = {} if args.max_version is None else {"max_version": args.max_version}
        return run_plain_handout(meeting, page=args.page, text_only=args.text, **kwargs) or 0
    if command == "open":
        return _open_app(archive, archive.find(args.meeting))
    return 2


def export_bytes(meeting, fmt: str, *, public: bool) -> bytes:
    if fmt == "plan":
        from roomtui.plan.toml_plan import dump_plan

        if public:  # a plan handed on leaves out contacts and internal notes, like the minutes
            meeting = copy.deepcopy(meeting)
            for record in (*meeting.participants, *meeting.issues):
                record.note = ""
            for person in meeting.participants:
                person.contact = ""
        return dump_plan(meeting).encode("utf-8")
    from roomtui.minutes import export_minutes

    return export_minutes(meeting, fmt, public=public)


def _open_app(archive, meeting_id: str | None) -> int:
    from roomtui.tui.app import RoomApp

    RoomApp(archive, meeting_id=meeting_id).run()
    return 0


def _fail(message: str) -> int:
    print(f"roomtui: {message}", file=sys.stderr)
    return 1
