"""The `roomtui` command. Textual is imported only when the app actually opens.

    roomtui                      the app on the default data folder
    roomtui demo [--lang zh]     create the demo council once and open it
    roomtui list                 the meetings, one per line
    roomtui import PLAN          a .toml plan or a .json meeting export, always as a new meeting
    roomtui import PLAN --replace MEETING [--force]   replace a meeting (its old version is kept)
    roomtui export MEETING --format md|html|docx|json|csv|ics|plan [--public] [-o PATH]
    roomtui export MEETING --format agenda-docx|agenda-html|signin-docx|signin-html [-o PATH]
                                 the papers printed before the council: agenda, sign-in sheet
    roomtui handout MEETING [--response N] [--page K | --text] [--solid | --half-blocks]
                                 the hand-out QR codes in a plain terminal
    roomtui share MEETING        the whole public minutes to phones over the laptop's Wi-Fi
    roomtui followup [--format text|csv|html] [--department D] [--room-dissatisfied] [--public] [-o PATH]
                                 the commitments register across every meeting
    roomtui show MEETING [--solid | --half-blocks] [--screen-inches N]
                                 the room view for the projector: read-only, follows the meeting
"""

from __future__ import annotations

import argparse
import gc
import sys
from contextlib import contextmanager
from pathlib import Path

from roomtui import __version__
from roomtui.caches import enabled
from roomtui.domain.text import visible
from roomtui.exporting import BINARY_EXPORTS, EXPORT_FORMATS
from roomtui.i18n import _, init_from_environment, set_language
from roomtui.i18n import language as interface_language
from roomtui.paths import ENV_VAR, data_dir



def _port(text: str) -> int:
    """A TCP port, 0-65535 (0: any free one): anything else is a usage message (exit 2), not a crash report."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(_("{value} is not a port: give a number from 0 to 65535 (0: any free port)",
                                           value=visible(repr(text), keep_newlines=False)))
    return port


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
    imp.add_argument("--replace", metavar="MEETING", help=_("replace this meeting (id or unique title prefix) "
                                                            "instead of making a new one"))
    imp.add_argument("--force", action="store_true",
                     help=_("with --replace: also replace a live or closed meeting, or one holding private fields "
                            "the file lacks (the old version is kept in the backups folder)"))

    exp = commands.add_parser("export", parents=[common],
                              help=_("write the minutes, the plan, or the agenda and sign-in sheet of a meeting"))
    exp.add_argument("meeting", metavar="MEETING", help=_("meeting id or unique title prefix"))
    exp.add_argument("--format", "-f", choices=EXPORT_FORMATS, help=_("default: md"))
    exp.add_argument("--public", action="store_true", help=_("leave out private fields (contacts, internal notes)"))
    exp.add_argument("-o", "--output", type=Path, help=_("file to write (default: standard output)"))
    exp.add_argument("--all", action="store_true",
                     help=_("every minutes format, public and internal, as the minutes view's e does: into the "
                            "folder -o (default ~/roomtui-minutes/MEETING)"))

    hand = commands.add_parser("handout", parents=[common], help=_("show the hand-out QR codes in this terminal"))
    hand.add_argument("meeting", metavar="MEETING", help=_("meeting id or unique title prefix"))
    hand.add_argument("--response", type=int, metavar="N",
                      help=_("response N's own code (one answer for the resident who asked), not the summary; responses "
                             "are numbered in the order they were recorded, as the hand-out's list (r) numbers them"))
    shown = hand.add_mutually_exclusive_group()
    shown.add_argument("--page", type=int, metavar="K", help=_("print page K and exit"))
    shown.add_argument("--text", action="store_true", help=_("print the hand-out text and exit"))
    hand.add_argument("--max-version", type=int, default=None, metavar="N", help=_("largest QR version to use"))
    _drawing_options(hand, _("default: half blocks"))

    share = commands.add_parser("share", parents=[common],
                                help=_("serve the public minutes to phones over the laptop's Wi-Fi, until Ctrl+C"))
    share.add_argument("meeting", metavar="MEETING", help=_("meeting id or unique title prefix"))
    share.add_argument("--address", metavar="ADDR", help=_("serve on this address of the laptop (default: the "
                                                           "hotspot's, found by itself)"))
    share.add_argument("--port", type=_port, default=None, metavar="N", help=_("port to serve on (default: {port})",
                                                                           port=8765))  # share.DEFAULT_PORT
    follow = commands.add_parser("followup", parents=[common],
                                 help=_("the commitments register of every meeting (overdue first)"))
    follow.add_argument("--format", "-f", choices=("text", "csv", "html"), default="text")
    follow.add_argument("--department", metavar="UNIT", default="", help=_("only this lead unit or co-unit"))
    follow.add_argument("--series", metavar="SERIES", default=None, help=_("only the meetings of this series"))
    follow.add_argument("--grade", choices=("A", "B", "C", "D", "none"), default=None,
                        help=_("only this grade (none: not graded yet)"))
    follow.add_argument("--open", action="store_true", help=_("only commitments not yet solved (A) or settled (D)"))
    follow.add_argument("--room-dissatisfied", action="store_true",
                        help=_("only commitments whose answer most of the room rated dissatisfied (followed up first)"))
    follow.add_argument("--public", action="store_true", help=_("leave out progress notes and references"))
    follow.add_argument("-o", "--output", type=Path, help=_("file to write (default: standard output)"))
    show = commands.add_parser("show", parents=[common],
                               help=_("the room view for a projector: follows the meeting, read-only"))
    show.add_argument("meeting", metavar="MEETING", help=_("meeting id or unique title prefix"))
    _drawing_options(show, _("default: solid blocks from 200x60 on, half blocks below"))
    show.add_argument("--screen-inches", type=_inches, default=None, metavar="N",
                      help=_("the diagonal of the screen the room view fills, so it says where to stand (default: "
                             "it says the distance for a 100-inch screen)"))

    opener = commands.add_parser("open", parents=[common], help=_("open the app on one meeting"))
    opener.add_argument("meeting", metavar="MEETING", help=_("meeting id or unique title prefix"))
    return parser


def _drawing_options(parser: argparse.ArgumentParser, default: str) -> None:
    """How the hand-out's codes are drawn (roomtui.handout.render): solid blocks read through the
    stripes a terminal's line spacing paints between lines; half blocks are half as tall."""
    drawing = parser.add_mutually_exclusive_group()
    drawing.add_argument("--solid", dest="solid", action="store_const", const=True, default=None,
                         help=_("draw the codes in solid blocks (for terminals with line spacing); {default}",
                                default=default))
    drawing.add_argument("--half-blocks", dest="solid", action="store_const", const=False,
                         help=_("draw the codes in half blocks (half as tall)"))


def _inches(value: str) -> float:
    try:
        inches = float(value)
    except ValueError:
        inches = 0.0
    if not 5 <= inches <= 1000:
        raise argparse.ArgumentTypeError(_("a screen diagonal in inches, from 5 to 1000 (not {value})", value=value))
    return inches


def main(argv: list[str] | None = None) -> int:
    init_from_environment()
    argv = sys.argv[1:] if argv is None else argv
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=("en", "zh"))
    chosen = early.parse_known_args(argv)[0].lang
    if chosen:  # before the parser is built, so that --help itself speaks the chosen language
        set_language(chosen)
    args = build_parser().parse_args(argv)
    folder = data_dir(getattr(args, "data", None))
    try:
        return _main(args, folder)
    except Exception as error:  # nothing foreseen: a report file, one line, never a traceback
        from roomtui.crash_report import EXIT_UNEXPECTED, crash_message, write_report

        report = write_report(folder if folder.is_dir() else None, error, f"roomtui {args.command or ''}".strip())
        _fail(crash_message(error, report))
        return EXIT_UNEXPECTED


def _main(args: argparse.Namespace, folder: Path) -> int:
    from roomtui.store import Archive, BadMeetingFile, MeetingNotFound

    try:
        # the room view only watches: no folders made, no writer's temp file swept away
        archive = Archive(folder, read_only=args.command == "show")
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
    from roomtui.store.followup_index import load_with_answers  # what every reader shows (report-back copies)

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
        for notice in archive.take_notices():
            print(f"roomtui: {visible(notice)}", file=sys.stderr)
        if not summaries:
            _say(_("No meetings yet in {folder}. Try: roomtui demo", folder=archive.root))
        from roomtui.domain.model import MeetingStatus
        from roomtui.store import DAMAGED

        labels = {status.value: status.label for status in MeetingStatus} | {DAMAGED: _("DAMAGED")}
        lines = [f"{s.id}\t{s.date or '-'}\t{labels.get(s.status, s.status)}\t{visible(s.title, keep_newlines=False)}\n"
                 for s in summaries]
        sys.stdout.write("".join(lines))  # one write for a folder of 1,000 meetings, not 1,000
        return 0
    if command == "import":
        return _import(args, archive)
    if command == "export" and args.all:
        if args.format is not None:
            return _fail(_("--all writes every minutes format: leave out --format (or leave out --all)"))
        return _export_all(load_with_answers(archive, archive.find(args.meeting)), args.output,
                           public_only=args.public)
    if command == "export":
        args.format = args.format or "md"
        if args.format in BINARY_EXPORTS and (args.output is None or str(args.output) == "-") and sys.stdout.isatty():
            return _fail(_("a {format} file is binary and would garble this terminal: give a file with "
                           "-o PATH (for example -o minutes.{format})", format=args.format.rsplit("-", 1)[-1]))
        meeting = load_with_answers(archive, archive.find(args.meeting))
        from roomtui.minutes import DocxUnavailable

        try:
            from roomtui.exporting import export_bytes

            data = export_bytes(meeting, args.format, public=args.public)
        except DocxUnavailable:
            return _fail(_("Word (.docx) export needs python-docx and lxml, which this installation lacks (the "
                           "one-file build leaves them out): install roomtui with pip, or export md or html"))
        return _write_out(data, args.output)
    if command == "handout":
        from roomtui.handout.terminal import run_plain_handout

        meeting = load_with_answers(archive, archive.find(args.meeting))
        from roomtui.handout.render import RenderMode

        kwargs = {} if args.max_version is None else {"max_version": args.max_version}
        mode = RenderMode.BACKGROUND if args.solid else RenderMode.HALF_BLOCK
        return run_plain_handout(meeting, page=args.page, text_only=args.text, response=args.response, mode=mode,
                                 **kwargs) or 0
    if command == "share":
        from roomtui.share.terminal import run_share

        kwargs = {} if args.port is None else {"port": args.port}
        return run_share(archive, archive.find(args.meeting), address=args.address, **kwargs)
    if command == "followup":
        return _followup(args, archive)
    if command == "open":
        return _open_app(archive, archive.find(args.meeting))
    if command == "show":
        return _show_room(archive, archive.find(args.meeting), getattr(args, "lang", None), solid=args.solid,
                          screen_inches=args.screen_inches)
    return 2


def _import(args: argparse.Namespace, archive) -> int:
    from roomtui.importing import (ImportRefused, import_file, kept_id_note, read_meeting_file, replace_from_file,
                                   stored_copies)

    if args.force and not args.replace:
        return _fail(_("--force only goes with --replace MEETING; a plain import always makes a new meeting"))
    if args.replace:
        try:
            from roomtui.store.desk import Desk

            desk = Desk(archive)
            try:
                result = replace_from_file(desk, args.path, archive.find(args.replace), force=args.force)
            finally:
                desk.close()
        except ImportRefused as error:
            return _fail(str(error))
        _say(_("Replaced meeting {id} with {path}. Its previous version is kept as {backup}.", id=result.meeting_id,
               path=args.path, backup=result.backup))
        if result.unlinked:
            _say(result.unlinked_notice())
        return 0
    copies = stored_copies(archive, read_meeting_file(args.path))
    result = import_file(archive, args.path)
    if result.file_id:
        _say(_("Imported {path} as new meeting {id} ({why}).", path=args.path, id=result.meeting_id,
               why=kept_id_note(result)))
    else:
        _say(_("Imported {path} as new meeting {id}.", path=args.path, id=result.meeting_id))
    if result.unlinked:
        _say(result.unlinked_notice())
    for copy in copies[:1]:  # said, never silent: the register counts the meeting once
        _say(copy.notice() + " " + _("Imported as another copy; the register counts its commitments once. "
                                      "Open the one already here with `roomtui open {id}`.", id=copy.meeting_id))
    return 0


def _followup(args: argparse.Namespace, archive) -> int:
    """The register on standard output or in a file; reads meetings, writes none of them."""
    from datetime import date

    from roomtui.domain.copies import copies_notice
    from roomtui.domain.followup import Filter
    from roomtui.minutes.register_model import build_register_document
    from roomtui.store.followup_index import load_register

    register = load_register(archive, date.today())
    wanted = Filter(department=args.department, series=args.series, grade=args.grade, open_only=args.open,
                    room_dissatisfied=args.room_dissatisfied)
    doc = build_register_document(register.select(wanted), register.today, language=interface_language(),
                                  public=args.public, damaged=register.damaged, copies=register.copies)
    for name, reason in register.damaged:
        _say(_("roomtui: {file} could not be read ({reason}); the other meetings are listed.", file=name,
               reason=reason), err=True)
    for copies in register.copies:
        _say("roomtui: " + copies_notice(copies), err=True)
    if args.format == "csv":
        from roomtui.minutes.register_csv import render_register_csv

        data = render_register_csv(doc)
    elif args.format == "html":
        from roomtui.minutes.register_html import render_register_html

        data = render_register_html(doc).encode("utf-8")
    else:
        from roomtui.minutes.register_text import render_register_text

        data = render_register_text(doc).encode("utf-8")
    return _write_out(data, args.output)


def _write_out(data: bytes, output: Path | None) -> int:
    """To standard output (no -o, or -o -), or to ``output`` written atomically (never half a file)."""
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    from roomtui.store.storage import atomic_write

    try:
        atomic_write(output.expanduser(), data)
    except OSError as error:
        return _fail(_("Cannot write {path}: {reason}", path=output, reason=error.strerror or str(error)))
    _say(_("Wrote {path}.", path=output), err=True)
    return 0


def _export_all(meeting, folder: Path | None, *, public_only: bool) -> int:
    from roomtui.exporting import default_export_folder, export_all

    if folder is not None and str(folder) == "-":
        return _fail(_("--all writes several files: give a folder with -o FOLDER, not standard output"))
    folder = (folder or default_export_folder(meeting.id)).expanduser()
    if folder.exists() and not folder.is_dir():
        return _fail(_("{path} is a file, not a folder", path=folder))
    written: list[Path] = []
    try:
        export_all(meeting, folder, public_only=public_only, written=written)
    except OSError as error:
        return _fail(_("Cannot write to {folder}: {reason}. {n} files were written before it stopped.",
                       folder=folder, reason=error.strerror or str(error), n=len(written)))
    for path in written:
        _say(str(path))
    from roomtui.minutes import docx_available

    if not docx_available():
        print(_("Word (.docx) left out: this installation lacks python-docx and lxml (the one-file build leaves "
                "them out); install roomtui with pip for the Word minutes"), file=sys.stderr)
    return 0


@contextmanager
def _loading_for_good():
    """Textual, Rich and roomtui's screens are loaded once and kept: the collector is paused while
    they load (~150 passes that free nothing) and then told to leave them be (gc.freeze), so no
    full collection walks them again (one such walk cost ~35 ms just before the first frame)."""
    if not enabled("collector-pause"):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _open_app(archive, meeting_id: str | None) -> int:
    if enabled("collector-pause"):
        gc.disable()  # as in _loading_for_good, and on until the first view is drawn: RoomApp resumes it
    from roomtui.tui.app import RoomApp

    app = RoomApp(archive, meeting_id=meeting_id)
    app.run()
    return app.return_code or 0


def _show_room(archive, meeting_id: str, chosen_language: str | None, *, solid: bool | None = None,
               screen_inches: float | None = None) -> int:
    """The room speaks the meeting's language, unless --lang says otherwise."""
    meeting = archive.load(meeting_id)  # a file that cannot be read at all is named here, before any screen
    set_language(chosen_language or meeting.language)
    with _loading_for_good():
        from roomtui.tui.room.app import RoomViewApp

    RoomViewApp(archive, meeting_id, solid=solid, screen_inches=screen_inches).run()
    return 0


def _say(message: str, *, err: bool = False) -> None:
    """A message as the terminal must get it: a folder or file name holding an escape sequence
    (a data folder named with ESC]52, a plan's file name) is shown as \\x1b..., never sent raw."""
    print(visible(message), file=sys.stderr if err else sys.stdout)


def _fail(message: str) -> int:
    print(f"roomtui: {visible(message)}", file=sys.stderr)
    return 1
