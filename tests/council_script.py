"""A scripted council of a few hundred actions, deterministic, for the crash harness.

Each step is (label, action on a Council). Replaying the first k steps on the demo council
with the same clock gives exactly the meeting that must be on disk after k acknowledged steps.
"""

from __future__ import annotations

import random
from datetime import datetime

from roomtui.domain import Disposition, FrozenClock, SpeakerKind
from roomtui.domain.demo import build_demo

START = datetime(2019, 11, 22, 9, 0)


def steps(count: int = 220, seed: int = 7) -> list[tuple[str, object]]:
    rng = random.Random(seed)
    script: list[tuple[str, object]] = [("start", lambda c: c.start_meeting())]
    script.append(("to speeches", lambda c: (c.next_item(), c.next_item())))
    n = 0
    while len(script) < count:
        n += 1
        kind = rng.choice(["speaker", "speaker", "next", "pause", "issue", "response", "commit", "agenda", "person"])
        if kind == "speaker":
            pid, sk = rng.randint(5, 12), rng.choice([SpeakerKind.BOOKED, SpeakerKind.IMPROMPTU,
                                                      SpeakerKind.POINT_OF_ORDER])
            script.append((f"add speaker {pid}", lambda c, pid=pid, sk=sk: c.speaking_order().add(pid, sk, c.now())))
        elif kind == "next":
            script.append(("next speaker", lambda c: c.speaking_order().next(c.now())))
        elif kind == "pause":
            script.append(("pause", lambda c: c.speaking_order().pause(c.now()) if c.speaking_order().current
                           and not c.speaking_order().current.paused else None))
            script.append(("resume", lambda c: c.speaking_order().resume(c.now()) if c.speaking_order().current
                           and c.speaking_order().current.paused else None))
        elif kind == "issue":
            script.append((f"issue {n}", lambda c, n=n: c.raise_issue(title=f"Floor issue {n} 问题",
                                                                      expected_department="County Public Security Bureau",
                                                                      location="东城社区")))
        elif kind == "response":
            script.append((f"response {n}", lambda c, n=n: c.record_response(
                1 + n % 10, "County Housing and Urban-Rural Construction Bureau", Disposition.STEP_BY_STEP,
                text=f"answer {n} 答复", plan="survey", milestones="by spring", target_date="2020-06-30",
                commitments=[{"lead_unit": "Housing", "deliverable": f"deliverable {n}", "deadline": "2020-06-30"}])))
        elif kind == "commit":
            script.append((f"commit {n}", lambda c, n=n: c.add_commitment(c.meeting.responses[-1].id, lead_unit="Utilities",
                                                                         deliverable=f"extra {n}", deadline="2020-01-31")
                           if c.meeting.responses else None))
        elif kind == "agenda":
            script.append(("agenda move", lambda c: c.move_agenda_item(c.meeting.agenda[-1].id, -1)))
            script.append(("agenda move back", lambda c: c.move_agenda_item(c.meeting.agenda[-2].id, 1)))
        else:
            script.append((f"person {n}", lambda c, n=n: c.add_participant(f"参会者 {n}", "observer")))
    return script[:count]


def fresh_meeting():
    meeting = build_demo("zh")
    meeting.origin = "crash-harness"  # stored as it is (a new meeting would get a random one)
    return meeting


def clock() -> FrozenClock:
    return FrozenClock(START)


def replay(count: int, total: int = 220):
    """The meeting after the first ``count`` steps, with the clock the child uses."""
    from roomtui.domain import Council

    meeting, moment = fresh_meeting(), clock()
    council = Council(meeting, moment)
    for label, action in steps(total)[:count]:
        moment.advance(7)
        action(council)
    return meeting
