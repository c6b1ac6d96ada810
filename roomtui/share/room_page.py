"""The phone's page of the room: follow the meeting, sign in, ask to speak, rate each answer.

Plain HTML forms and no script at all, so it works the same in Android's and iOS's browsers,
in WeChat's and with JavaScript off: the live part is a frame that reloads itself every few
seconds (``<meta http-equiv="refresh">``), the forms post and come back (303). Nothing comes
from the network: no font, no script, no image. Every text from the meeting or a phone is
escaped here; the words of the page are in the meeting's language (``phone`` record table).
"""

from __future__ import annotations

from html import escape

from roomtui.domain.model import MeetingStatus, RequestState, Satisfaction
from roomtui.i18n import RecordTables
from roomtui.minutes.labels import MINUTES_LANGUAGES
from roomtui.share.room_state import PhoneStatus, RoomState

LIVE_SECONDS = 4  # how often the live frame reloads: 200 phones make ~50 small requests a second

_ENGLISH: dict[str, str] = {
    "title": "Take part: {title}",
    "now": "Now",
    "now_item": "Now: {item}",
    "floor": "On the floor: {name}",
    "nobody": "Nobody has the floor.",
    "left": "{minutes}:{seconds} left",
    "over": "{minutes}:{seconds} over time",
    "next": "Next: {names}",
    "answers": "Answers",
    "no_answers": "No answer recorded yet.",
    "rate_prompt": "Your rating:",
    "satisfied": "Satisfied",
    "basically": "Basically satisfied",
    "dissatisfied": "Dissatisfied",
    "you_rated": "You rated: {choice} (you may change it until the rating closes)",
    "tally": "{satisfied} satisfied · {basically} basically · {dissatisfied} dissatisfied",
    "rating_closed": "Rating closed",
    "not_your_role": "Your role does not rate answers at this meeting.",
    "sign_in_first": "Sign in to rate.",
    "sign_in": "Sign in",
    "search": "Find your name (a few characters)",
    "find": "Find",
    "this_is_me": "This is me",
    "no_match": "No participant matches. If you are not listed, give your name below.",
    "unlisted": "Not on the list? Your name and where you are from",
    "name": "Name",
    "affiliation": "Village, community or unit",
    "waiting_confirm": "waiting for the secretary to confirm",
    "confirmed": "confirmed",
    "signed_in_status": "Signed in as {name} ({status})",
    "aside": " ({text})",
    "ask": "Ask to speak",
    "topic": "Topic (a few words, optional)",
    "withdraw": "Withdraw my request",
    "request_waiting": "Your request to speak is number {place} in line.",
    "request_accepted": "You are on the speaking list: number {place}.",
    "request_turn": "Your turn has come or is over.",
    "request_declined": "Your request to speak was not accepted this time.",
    "request_withdrawn": "You withdrew your request to speak.",
    "closed": "The meeting is closed.",
    "summary": "Summary",
    "agreed": "Agreed items",
    "minutes": "The minutes and downloads",
    "received": "Received.",
    "try_again": "Not received: please try again in a moment.",
    "refused": "Not done: {reason}",
    "too_many_here": "{limit} sign-ins have already come from this device; ask the secretary",
    "reload": "Reload",
    "out_of_date": "This page is out of date, so nothing was sent. Open it again and repeat what you did.",
    "too_fast": "Too many at once, so nothing was sent. Wait a few seconds and try again.",
    "open_again": "Open the page again",
}
LABELS = RecordTables("phone", _ENGLISH, MINUTES_LANGUAGES)

_STYLE = """
body{font:16px/1.45 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
margin:0;padding:12px;max-width:40em;color:#111;background:#fff}
h1{font-size:1.2em;margin:.2em 0 .6em}h2{font-size:1.05em;margin:1em 0 .3em}
form{margin:.4em 0}input[type=text],input[type=search]{font-size:16px;padding:.5em;width:100%;box-sizing:border-box;
margin:.2em 0;border:1px solid #888;border-radius:6px}
button{font-size:16px;padding:.6em .9em;margin:.2em .3em .2em 0;border-radius:6px;border:1px solid #555;background:#eee;
min-height:44px}
.note{padding:.5em;border-radius:6px;background:#fff3c4}.ok{background:#dff5df}
.muted{color:#555}.big{font-size:1.6em;font-weight:bold}.over{color:#b00000}
iframe{width:100%;height:70vh;border:1px solid #ccc;border-radius:6px}
ol,ul{padding-left:1.3em}li{margin:.3em 0}.answer{border-top:1px solid #ddd;padding:.4em 0}
"""


def _clock(seconds: int) -> tuple[int, int]:
    return abs(seconds) // 60, abs(seconds) % 60


def _doc(state: RoomState, body: str, *, refresh: int | None = None) -> bytes:
    t = LABELS[state.language]
    lang = "zh-CN" if state.language == "zh" else "en"
    meta = f'<meta http-equiv="refresh" content="{refresh}">' if refresh else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">{meta}'
            f"<title>{escape(t['title'].format(title=state.title))}</title><style>{_STYLE}</style></head>"
            f"<body>{body}</body></html>").encode("utf-8")


def _hidden(state: RoomState, csrf: str, back: str) -> str:
    return (f'<input type="hidden" name="t" value="{escape(csrf)}">'
            f'<input type="hidden" name="m" value="{escape(state.meeting_id)}">'
            f'<input type="hidden" name="back" value="{back}">')


def _note(note: tuple[bool, str] | None) -> str:
    if not note:
        return ""
    good, text = note
    return f'<p class="note{" ok" if good else ""}" role="status">{escape(text)}</p>'


def render_page(state: RoomState, phone: PhoneStatus | None, csrf: str, base: str, *, query: str = "",
                note: tuple[bool, str] | None = None) -> bytes:
    """The whole page: who you are (or how to sign in), asking to speak, and the live frame."""
    t = LABELS[state.language]
    parts = [f"<h1>{escape(state.title)}</h1>", _note(note)]
    if phone is None and state.status is not MeetingStatus.CLOSED:
        parts.append(_sign_in(state, csrf, base, query))
    elif phone is not None:
        status = t["confirmed"] if phone.confirmed else t["waiting_confirm"]
        parts.append(f'<p class="ok note">{escape(t["signed_in_status"].format(name=phone.name, status=status))}</p>')
        if state.status is MeetingStatus.LIVE:
            parts.append(_ask(state, phone, csrf, base))
    parts.append(f'<iframe src="{base}room/live" title="{escape(t["now"])}"></iframe>')
    parts.append(f'<p><a href="{base}">{escape(t["minutes"])}</a> · <a href="{base}room">{escape(t["reload"])}</a></p>')
    return _doc(state, "".join(parts))


def render_refusal(state: RoomState, reason: str, base: str) -> bytes:
    """Why a form was not taken, in the meeting's language, with the way back (a phone whose page
    is from before sharing restarted, or that tapped too fast, sees this, not a status line)."""
    t = LABELS[state.language]
    return _doc(state, f'<p class="note" role="alert">{escape(t[reason])}</p>'
                       f'<p><a href="{base}room" target="_top">{escape(t["open_again"])}</a></p>')


def _sign_in(state: RoomState, csrf: str, base: str, query: str) -> str:
    t = LABELS[state.language]
    out = [f"<h2>{escape(t['sign_in'])}</h2>",
           f'<form method="get" action="{base}room"><label>{escape(t["search"])}'
           f'<input type="search" name="q" value="{escape(query)}" maxlength="20" autocomplete="off"></label>'
           f'<button type="submit">{escape(t["find"])}</button></form>']
    if query:
        found = state.search(query)
        if not found:
            out.append(f'<p class="muted">{escape(t["no_match"])}</p>')
        for person in found:
            who = escape(person.name) + (f' <span class="muted">{escape(person.affiliation)}</span>' if person.affiliation else "")
            out.append(f'<form method="post" action="{base}room/sign-in">{_hidden(state, csrf, "page")}'
                       f'<input type="hidden" name="p" value="{person.id}"><button type="submit">'
                       f'{escape(t["this_is_me"])}: {who}</button></form>')
    out.append(f'<form id="unlisted" method="post" action="{base}room/sign-in">{_hidden(state, csrf, "page")}'
               f'<p>{escape(t["unlisted"])}</p>'
               f'<label>{escape(t["name"])}<input type="text" name="name" maxlength="40" required></label>'
               f'<label>{escape(t["affiliation"])}<input type="text" name="aff" maxlength="60"></label>'
               f'<button type="submit">{escape(t["sign_in"])}</button></form>')
    return "".join(out)


def _ask(state: RoomState, phone: PhoneStatus, csrf: str, base: str) -> str:
    t = LABELS[state.language]
    if phone.request is RequestState.WAITING:
        return (f'<form method="post" action="{base}room/withdraw">{_hidden(state, csrf, "page")}'
                f'<button type="submit">{escape(t["withdraw"])}</button></form>')
    return (f'<h2>{escape(t["ask"])}</h2><form method="post" action="{base}room/ask">{_hidden(state, csrf, "page")}'
            f'<label>{escape(t["topic"])}<input type="text" name="topic" maxlength="80"></label>'
            f'<button type="submit">{escape(t["ask"])}</button></form>')


def render_live(state: RoomState, phone: PhoneStatus | None, csrf: str, base: str, *,
                note: tuple[bool, str] | None = None, now: float | None = None) -> bytes:
    """The frame that reloads itself: the floor, who is next, your place, the answers and ratings."""
    t = LABELS[state.language]
    parts = [_note(note)]
    if state.status is MeetingStatus.CLOSED:
        parts.append(f"<h2>{escape(t['closed'])}</h2>")
        if state.summary:
            parts.append(f"<h2>{escape(t['summary'])}</h2><p>{escape(state.summary)}</p>")
        if state.agreed:
            parts.append(f"<h2>{escape(t['agreed'])}</h2><ol>"
                         + "".join(f"<li>{escape(item)}</li>" for item in state.agreed) + "</ol>")
        parts.append(f'<p><a href="{base}" target="_top">{escape(t["minutes"])}</a></p>')
    else:
        if state.item:
            parts.append(f"<h2>{escape(t['now_item'].format(item=state.item))}</h2>")
        if state.floor is None:
            parts.append(f'<p class="muted">{escape(t["nobody"])}</p>')
        else:
            left = state.floor.seconds_left(now)
            words = t["left" if left >= 0 else "over"].format(minutes=_clock(left)[0], seconds=f"{_clock(left)[1]:02d}")
            name = f'<span class="big">{escape(state.floor.name)}</span>'
            parts.append(f'<p>{escape(t["floor"]).replace("{name}", name)} '
                         f'<span class="muted">{escape(state.floor.kind)}</span><br>'
                         f'<span class="big{" over" if left < 0 else ""}">{escape(words)}</span></p>')
        if state.next:
            separator = "、" if state.language == "zh" else ", "
            parts.append(f"<p>{escape(t['next'].format(names=separator.join(state.next)))}</p>")
        parts.append(_own_request(state, phone))
    parts.append(_answers(state, phone, csrf, base))
    refresh = None if state.status is MeetingStatus.CLOSED else LIVE_SECONDS
    return _doc(state, "".join(parts), refresh=refresh)


def _own_request(state: RoomState, phone: PhoneStatus | None) -> str:
    if phone is None or phone.request is None:
        return ""
    t = LABELS[state.language]
    key = {RequestState.WAITING: "request_waiting", RequestState.DECLINED: "request_declined",
           RequestState.WITHDRAWN: "request_withdrawn"}.get(phone.request)
    if phone.request is RequestState.ACCEPTED:
        key = "request_accepted" if phone.place else "request_turn"
    return f'<p class="note">{escape(t[key].format(place=phone.place or ""))}</p>'


def _answers(state: RoomState, phone: PhoneStatus | None, csrf: str, base: str) -> str:
    t = LABELS[state.language]
    out = [f"<h2>{escape(t['answers'])}</h2>"]
    if not state.answers:
        out.append(f'<p class="muted">{escape(t["no_answers"])}</p>')
    words = {Satisfaction.SATISFIED: t["satisfied"], Satisfaction.BASICALLY: t["basically"],
             Satisfaction.DISSATISFIED: t["dissatisfied"]}
    # those open for rating first (the phone votes without scrolling), then the newest first
    for answer in sorted(reversed(state.answers), key=lambda a: not a.rating_open):
        out.append(f'<div class="answer"><b>#{answer.issue_number} {escape(answer.issue_title)}</b><br>'
                   f'{escape(answer.department)} · {escape(answer.disposition)}')
        if answer.text:
            out.append(f'<br><span class="muted">{escape(answer.text[:400])}</span>')
        if answer.rating_id is not None:
            satisfied, basically, dissatisfied = answer.tally
            out.append(f"<br>{escape(t['tally'].format(satisfied=satisfied, basically=basically, dissatisfied=dissatisfied))}")
            mine = phone.votes.get(answer.rating_id) if phone else None
            if mine is not None:
                out.append(f'<br><b>{escape(t["you_rated"].format(choice=words[mine]))}</b>')
            if not answer.rating_open:
                out.append(f'<span class="muted">{escape(t["aside"].format(text=t["rating_closed"]))}</span>')
            elif phone is None:
                out.append(f'<br><span class="muted">{escape(t["sign_in_first"])}</span>')
            elif phone.role not in answer.roles:
                out.append(f'<br><span class="muted">{escape(t["not_your_role"])}</span>')
            else:
                buttons = "".join(f'<button type="submit" name="c" value="{choice.value}">{escape(word)}</button>'
                                  for choice, word in words.items())
                out.append(f'<form method="post" action="{base}room/vote">{_hidden(state, csrf, "live")}'
                           f'<input type="hidden" name="r" value="{answer.rating_id}">'
                           f'<span class="muted">{escape(t["rate_prompt"])}</span><br>{buttons}</form>')
        out.append("</div>")
    return "".join(out)
