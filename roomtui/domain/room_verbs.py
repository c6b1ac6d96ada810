"""The room taking part from phones: sign-in (签到), requests to speak (申请发言) and the rating of
each answer (满意度测评), as verbs of the Council like any other action.

A mixin of Council (council.py), which supplies ``meeting``, ``now``, ``speaking_order`` and
``_get``. Verbs a phone causes take ``phone``, a digest of the phone's own key that the share
makes: a phone acts only through its own sign-in, and can change nothing else. Verbs the
secretary uses take record ids. One method = one action, validated before it changes anything;
asking again what was already done (a phone's replay) changes nothing.
"""

from __future__ import annotations

from roomtui.domain.model import (
    FloorRequest,
    Participant,
    Rating,
    RequestState,
    Role,
    Satisfaction,
    SignIn,
    SignInState,
    SpeakerKind,
    Vote,
)
from roomtui.domain.problems import problem
from roomtui.domain.validation import ValidationError, parse_role, person_key, text_field
from roomtui.i18n import _

TOPIC_LIMIT = 80  # "a few words": what the secretary reads aloud when giving the floor
PHONE_LIMIT = 64  # the share's digest of a phone's key


class RoomVerbs:
    """Sign-ins, requests to speak, ratings (see the module docstring)."""

    # -- sign-in -------------------------------------------------------------------------
    def claim(self, phone: str, participant_id: int | None = None, *, name: str = "",
              affiliation: str = "") -> SignIn:
        """A phone says who it is: a listed participant, or an unlisted resident by name."""
        phone = _phone(phone)
        if participant_id is None:
            name = text_field(name, "name", required=True)
            affiliation = text_field(affiliation, "affiliation")
            if not person_key(name, "")[0]:  # only invisible characters: nobody the room could call
                raise ValidationError([problem("{field} is required", "name")])
            listed = next((p for p in self.meeting.participants
                           if person_key(p.name, p.affiliation) == person_key(name, affiliation)), None)
            if listed is not None:
                participant_id, name, affiliation = listed.id, "", ""
        else:
            self._get(self.meeting.participant(participant_id), _("participant"), participant_id)
        own = self.sign_in_of(phone)
        if own is not None:
            if own.participant_id == participant_id and (participant_id is not None or
                                                         person_key(own.name, own.affiliation) == person_key(name, affiliation)):
                return own  # the same claim again (a replay, a second tap): nothing changes
            raise ValidationError([problem("this phone has already signed in as {name}", name=self.signed_name(own))])
        for other in self._standing():
            same = (other.participant_id == participant_id if participant_id is not None
                    else other.participant_id is None and person_key(other.name, other.affiliation) == person_key(name, affiliation))
            if same:
                raise ValidationError([problem("{name} has already signed in from another phone; the secretary can "
                                               "release that sign-in", name=self.signed_name(other))])
        entry = SignIn(id=self.meeting.next_id(self.meeting.sign_ins), participant_id=participant_id, name=name,
                       affiliation=affiliation, phone=phone, at=self.now())
        self.meeting.sign_ins.append(entry)
        return entry

    def confirm_sign_in(self, sign_in_id: int) -> SignIn:
        """The secretary agrees: the person is present (an unlisted resident joins the participants)."""
        entry = self._sign_in(sign_in_id)
        if entry.state is SignInState.RELEASED:
            raise ValidationError([problem("the sign-in of {name} was released", name=self.signed_name(entry))])
        if entry.participant_id is None:
            if any(person_key(p.name, p.affiliation) == person_key(entry.name, entry.affiliation)
                   for p in self.meeting.participants):
                raise ValidationError([problem("{name} ({affiliation}) is already a participant", name=entry.name,
                                               affiliation=entry.affiliation or "-")])
            person = Participant(id=self.meeting.next_id(self.meeting.participants), name=entry.name,
                                 role=Role.RESIDENT, affiliation=entry.affiliation)
            self.meeting.participants.append(person)
            entry.participant_id, entry.name, entry.affiliation = person.id, "", ""
        self.meeting.participant(entry.participant_id).present = True
        if entry.state is not SignInState.CONFIRMED:
            entry.state, entry.decided_at = SignInState.CONFIRMED, self.now()
        return entry

    def release_sign_in(self, sign_in_id: int) -> SignIn:
        """The secretary lets the name go (a wrong claim): attendance and waiting requests follow."""
        entry = self._sign_in(sign_in_id)
        if entry.state is SignInState.RELEASED:
            return entry
        if entry.state is SignInState.CONFIRMED and entry.participant_id is not None:
            self.meeting.participant(entry.participant_id).present = False
        entry.state, entry.decided_at = SignInState.RELEASED, self.now()
        for request in self.meeting.floor_requests:
            if request.sign_in_id == entry.id and request.state is RequestState.WAITING:
                request.state, request.decided_at = RequestState.WITHDRAWN, self.now()
        return entry

    def sign_in_of(self, phone: str) -> SignIn | None:
        """The phone's standing sign-in, if any."""
        return next((s for s in self._standing() if s.phone == phone), None)

    def signed_name(self, entry: SignIn) -> str:
        person = self.meeting.participant(entry.participant_id)
        return person.name if person is not None else entry.name

    def _standing(self) -> list[SignIn]:
        return [s for s in self.meeting.sign_ins if s.state is not SignInState.RELEASED]

    def _sign_in(self, sign_in_id: int) -> SignIn:
        return self._get(next((s for s in self.meeting.sign_ins if s.id == sign_in_id), None), _("sign-in"), sign_in_id)

    def _signed_phone(self, phone: str) -> SignIn:
        entry = self.sign_in_of(_phone(phone))
        if entry is None:
            raise ValidationError([problem("sign in first")])
        return entry

    # -- requests to speak ---------------------------------------------------------------
    def ask_to_speak(self, phone: str, topic: str = "") -> FloorRequest:
        """A signed-in phone raises its hand; asking again while waiting changes nothing. Asking
        again after withdrawing is the same request, at the end of the line: a phone tapping ask
        and withdraw all meeting long does not grow the record (only the secretary's decisions do)."""
        entry = self._signed_phone(phone)
        topic = text_field(topic, "topic")
        if len(topic) > TOPIC_LIMIT:
            raise ValidationError([problem("{field} is {length} characters long; the limit is {limit}", "topic",
                                           length=len(topic), limit=TOPIC_LIMIT)])
        own = [r for r in self.meeting.floor_requests if r.sign_in_id == entry.id]
        waiting = next((r for r in own if r.state is RequestState.WAITING), None)
        if waiting is not None:
            return waiting
        if own and own[-1].state is RequestState.WITHDRAWN:
            request = own[-1]
            self.meeting.floor_requests.remove(request)
            request.topic, request.state, request.at, request.decided_at = topic, RequestState.WAITING, self.now(), None
            self.meeting.floor_requests.append(request)
            return request
        request = FloorRequest(id=self.meeting.next_id(self.meeting.floor_requests), sign_in_id=entry.id,
                               topic=topic, at=self.now())
        self.meeting.floor_requests.append(request)
        return request

    def withdraw_request(self, phone: str) -> FloorRequest | None:
        entry = self._signed_phone(phone)
        for request in self.meeting.floor_requests:
            if request.sign_in_id == entry.id and request.state is RequestState.WAITING:
                request.state, request.decided_at = RequestState.WITHDRAWN, self.now()
                return request
        return None

    def accept_request(self, request_id: int, kind: SpeakerKind | str = SpeakerKind.IMPROMPTU) -> FloorRequest:
        """The person joins the current item's speaking order (by the meeting's rules, as impromptu
        unless told otherwise); an unconfirmed sign-in is confirmed by the same action."""
        request = self._waiting_request(request_id)
        item = self.meeting.current_item
        if item is None:
            raise ValidationError([problem("start an agenda item first")])
        entry = self._sign_in(request.sign_in_id)
        before = (entry.participant_id, entry.name, entry.affiliation, entry.state, entry.decided_at,
                  self.meeting.participants[:], {p.id: p.present for p in self.meeting.participants})
        self.confirm_sign_in(entry.id)
        try:
            speaker = self.speaking_order(item.id).add(entry.participant_id, SpeakerKind(kind), self.now())
        except ValidationError:  # the list is closed, one turn each...: refused as a whole, nothing changed
            entry.participant_id, entry.name, entry.affiliation, entry.state, entry.decided_at, people, present = before
            self.meeting.participants[:] = people
            for person in people:
                person.present = present[person.id]
            raise
        request.state, request.decided_at, request.speaker_id = RequestState.ACCEPTED, self.now(), speaker.id
        return request

    def decline_request(self, request_id: int) -> FloorRequest:
        request = self._waiting_request(request_id)
        request.state, request.decided_at = RequestState.DECLINED, self.now()
        return request

    def waiting_requests(self) -> list[FloorRequest]:
        return [r for r in self.meeting.floor_requests if r.state is RequestState.WAITING]

    def place_in_queue(self, phone: str) -> tuple[FloorRequest | None, int | None]:
        """The phone's latest request and its place: among waiting requests, or, once accepted,
        in the speaking order (1 = next); None once the turn has begun or the request is done."""
        entry = self.sign_in_of(_phone(phone))
        if entry is None:
            return None, None
        mine = [r for r in self.meeting.floor_requests if r.sign_in_id == entry.id]
        if not mine:
            return None, None
        request = mine[-1]
        if request.state is RequestState.WAITING:
            return request, self.waiting_requests().index(request) + 1
        speaker = self.meeting.speaker(request.speaker_id)
        if request.state is RequestState.ACCEPTED and speaker is not None and speaker.waiting:
            queue = self.speaking_order(speaker.agenda_item_id).waiting
            return request, queue.index(speaker) + 1
        return request, None

    def _waiting_request(self, request_id: int) -> FloorRequest:
        request = self._get(next((r for r in self.meeting.floor_requests if r.id == request_id), None),
                            _("request to speak"), request_id)
        if request.state is not RequestState.WAITING:
            raise ValidationError([problem("request to speak #{id} is already {state}", id=request_id,
                                           state=request.state.label)])
        return request

    # -- rating each answer --------------------------------------------------------------
    def set_rating_roles(self, roles: list[Role | str]) -> None:
        chosen = [parse_role(role) for role in roles]
        if not chosen:
            raise ValidationError([problem("choose at least one role that rates")])
        self.meeting.rating_roles = list(dict.fromkeys(chosen))

    def open_rating(self, response_id: int) -> Rating:
        """The room may rate this response now (again, if it was closed: votes are kept)."""
        self._get(self.meeting.response(response_id), _("response"), response_id)
        rating = self.rating_of(response_id)
        if rating is None:
            rating = Rating(id=self.meeting.next_id(self.meeting.ratings), response_id=response_id,
                            opened_at=self.now(), roles=list(self.meeting.rating_roles))
            self.meeting.ratings.append(rating)
        elif rating.closed_at is not None:
            rating.closed_at = None
        return rating

    def close_rating(self, response_id: int) -> Rating:
        rating = self._get(self.rating_of(response_id), _("rating"), response_id)
        if rating.closed_at is None:
            rating.closed_at = self.now()
        return rating

    def rating_of(self, response_id: int) -> Rating | None:
        return next((r for r in self.meeting.ratings if r.response_id == response_id), None)

    def vote(self, phone: str, rating_id: int, choice: Satisfaction | str) -> Vote:
        """One vote per signed-in name and rating; a later vote replaces it until the rating closes."""
        entry = self._signed_phone(phone)
        rating = self._get(next((r for r in self.meeting.ratings if r.id == rating_id), None), _("rating"), rating_id)
        try:
            choice = Satisfaction(choice)
        except ValueError:
            raise ValidationError([problem("unknown choice '{value}'", value=str(choice)[:40])]) from None
        if rating.closed_at is not None:
            raise ValidationError([problem("the rating of this answer is closed")])
        person = self.meeting.participant(entry.participant_id)
        role = person.role if person is not None else Role.RESIDENT
        if role not in rating.roles:
            raise ValidationError([problem("a {role} does not rate answers at this meeting", role=role.label)])
        vote = next((v for v in self.meeting.votes if v.rating_id == rating.id and v.sign_in_id == entry.id), None)
        if vote is None:
            vote = Vote(id=self.meeting.next_id(self.meeting.votes), rating_id=rating.id, sign_in_id=entry.id,
                        choice=choice, at=self.now())
            self.meeting.votes.append(vote)
        elif vote.choice is not choice:
            vote.choice, vote.at = choice, self.now()
        return vote


def _phone(phone: object) -> str:
    """A phone's digest as the share gives it: short, plain, never empty."""
    if not isinstance(phone, str) or not phone or len(phone) > PHONE_LIMIT or not phone.isascii() or not phone.isalnum():
        raise ValidationError([problem("this phone is not recognised; reload the page")])
    return phone

