"""The voice bank: people and their voice samples, kept in S3 per workspace (no database table).

`identity-bank/{workspace}/{person}/profile.json` describes a person; each sample is a 16 kHz mono
WAV under `voice/`. The worker matches a meeting's speakers against its workspace's people.
Members enroll; admins delete people (the policy in app/core/authorization.py).
"""

import asyncio
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import UUID, uuid4

import structlog
from pydantic import ValidationError
from scribe_contracts import Bucket, DiarizationDocument, IdentityKeys, PersonProfile, SpeakerTurn, VoiceSample

from app.clients import ffmpeg
from app.clients.storage import ObjectStorage
from app.core.authorization import Action, Principal, authorize
from app.core.errors import Conflict, InvalidInput, NotFound, PayloadTooLarge
from app.schemas.common import validate_form
from app.schemas.identities import EnrollRequest, PersonCreateFields
from app.schemas.meetings import MeetingUpdate, SpeakerName
from app.services.audit import AuditAction, AuditLog
from app.services.meetings import MeetingService, meeting_keys
from app.services.multipart_stream import MultipartStream

log = structlog.get_logger()
SAMPLE_FIELD = "sample"
MIN_SAMPLE_S = 2.0
MAX_SAMPLE_S = 120.0
MAX_ENROLL_S = 60.0
MAX_SAMPLE_UPLOAD_BYTES = 25 * 1024 * 1024

Span = tuple[float, float]


def exclusive_speech(turns: list[SpeakerTurn], label: str, limit_s: float) -> list[Span]:
    """`label`'s speech where nobody else speaks, in time order, at most `limit_s` seconds.

    One sweep over the turns' start and end points in time order (O(n log n) for the sort, linear
    after it): a span is kept while `label` speaks and no other speaker does."""
    points: list[tuple[float, int, bool]] = []
    for turn in turns:
        if turn.end > turn.start:
            mine = turn.speaker == label
            points += [(turn.start, 1, mine), (turn.end, -1, mine)]
    points.sort(key=lambda point: (point[0], point[1]))  # ends before starts at the same instant
    spans: list[Span] = []
    mine_open = others_open = 0
    opened_at: float | None = None
    for at, step, mine in points:
        if mine:
            mine_open += step
        else:
            others_open += step
        alone = mine_open > 0 and others_open == 0
        if alone and opened_at is None:
            opened_at = at
        elif not alone and opened_at is not None:
            if at - opened_at > 0.01:
                spans.append((opened_at, at))
            opened_at = None
    return _first_seconds(spans, limit_s)


def _first_seconds(spans: list[Span], limit_s: float) -> list[Span]:
    kept: list[Span] = []
    total = 0.0
    for start, end in spans:
        take = min(end - start, limit_s - total)
        if take <= 0:
            break
        kept.append((start, start + take))
        total += take
    return kept


class IdentityService:
    def __init__(
        self, storage: ObjectStorage, meetings: MeetingService, ffmpeg_timeout_s: float, audit: AuditLog
    ) -> None:
        self._storage = storage
        self._meetings = meetings
        self._ffmpeg_timeout_s = ffmpeg_timeout_s
        self._audit = audit

    async def list(self, principal: Principal, workspace_id: UUID) -> list[PersonProfile]:
        authorize(principal, Action.READ, workspace_id, "workspace")
        keys = await self._storage.list_keys(Bucket.IDENTITY_BANK, IdentityKeys.bank_prefix(workspace_id))
        profiles = [await self._load(key) for key in keys if key.endswith("/profile.json")]
        return sorted((p for p in profiles if p is not None), key=lambda p: (p.name.lower(), p.created_at))

    async def get(
        self, principal: Principal, workspace_id: UUID, person_id: UUID, action: Action = Action.READ
    ) -> PersonProfile:
        authorize(principal, action, workspace_id, "person")
        profile = await self._load(IdentityKeys(workspace_id, person_id).profile)
        if profile is None or profile.workspace_id != workspace_id:
            raise NotFound("person not found")
        return profile

    async def delete(self, principal: Principal, workspace_id: UUID, person_id: UUID) -> None:
        person = await self.get(principal, workspace_id, person_id, Action.MANAGE_VOICE_BANK)
        await self._storage.delete_prefix(Bucket.IDENTITY_BANK, IdentityKeys(workspace_id, person_id).prefix)
        self._audit.record(principal, workspace_id, AuditAction.PERSON_DELETED, ("person", person_id), name=person.name)
        await self._audit.save()
        log.info("person_deleted", person_id=str(person_id))

    async def create_from_upload(
        self, principal: Principal, workspace_id: UUID, body: AsyncIterator[bytes], content_type: str
    ) -> PersonProfile:
        authorize(principal, Action.ENROLL, workspace_id, "workspace")
        form = MultipartStream(body, content_type, SAMPLE_FIELD)
        if await form.open_file() is None:
            raise InvalidInput(f"the form has no '{SAMPLE_FIELD}' part")
        upload = bytearray()
        while data := await form.read_file():
            upload += data
            if len(upload) > MAX_SAMPLE_UPLOAD_BYTES:
                raise PayloadTooLarge(f"a voice sample may be at most {MAX_SAMPLE_UPLOAD_BYTES} bytes")
        fields = validate_form(PersonCreateFields, {"name": (await form.finish()).get("name", "").strip()})
        if not upload:
            raise InvalidInput("the voice sample is empty")
        wav = await self._decode_upload(bytes(upload))
        person = PersonProfile(person_id=uuid4(), workspace_id=workspace_id, name=fields.name)
        return await self._add_sample(principal, person, wav, source="upload")

    async def enroll_from_meeting(
        self, principal: Principal, meeting_id: UUID, label: str, request: EnrollRequest
    ) -> PersonProfile:
        """Create or extend a person of the meeting's workspace with a speaker's clean speech."""
        meeting = await self._meetings.get(principal, meeting_id, Action.ENROLL)
        keys = meeting_keys(meeting)
        raw = await self._storage.get_bytes(Bucket.PROCESSED, keys.diarization)
        if raw is None:
            raise Conflict(f"the meeting has no diarization yet (it is {meeting.status})")
        diarization = DiarizationDocument.model_validate_json(raw)
        if not diarization.turns_of(label):
            raise NotFound(f"speaker {label} does not speak in this meeting")
        spans = await asyncio.to_thread(exclusive_speech, diarization.turns, label, MAX_ENROLL_S)
        if sum(end - start for start, end in spans) < MIN_SAMPLE_S:
            raise InvalidInput(f"speaker {label} has less than {MIN_SAMPLE_S:.0f} s of speech without overlap")
        audio_key = keys.playback_audio
        bucket = Bucket.PROCESSED
        if not await self._storage.exists(bucket, audio_key):
            bucket, audio_key = Bucket.UPLOADS, keys.upload
        url = await self._storage.presigned_get(bucket, audio_key)
        try:
            wav = await ffmpeg.to_wav(url, MAX_ENROLL_S, self._ffmpeg_timeout_s, ffmpeg.select_spans(spans))
        except ffmpeg.DecodeFailed as error:
            raise InvalidInput("the meeting's audio could not be decoded", str(error)) from error
        if wav.duration_s < MIN_SAMPLE_S:
            raise InvalidInput(f"speaker {label} has less than {MIN_SAMPLE_S:.0f} s of usable speech")
        person = (
            await self.get(principal, meeting.workspace_id, request.person_id, Action.ENROLL)
            if request.person_id
            else PersonProfile(person_id=uuid4(), workspace_id=meeting.workspace_id, name=request.name or "")
        )
        person = await self._add_sample(principal, person, wav, source=f"meeting:{meeting_id}:{label}")
        rename = MeetingUpdate(speaker_names={label: SpeakerName(name=person.name, person_id=person.person_id)})
        await self._meetings.update(principal, meeting_id, rename)
        return person

    async def _decode_upload(self, upload: bytes) -> ffmpeg.Wav:
        with tempfile.TemporaryDirectory(prefix="scribe-sample-") as folder:
            path = Path(folder) / "sample"
            await asyncio.to_thread(path.write_bytes, upload)
            try:
                wav = await ffmpeg.to_wav(str(path), MAX_SAMPLE_S, self._ffmpeg_timeout_s)
            except ffmpeg.DecodeFailed as error:
                raise InvalidInput("the voice sample is not audio that can be decoded", str(error)) from error
        if wav.duration_s < MIN_SAMPLE_S:
            raise InvalidInput(
                f"the voice sample is {wav.duration_s:.1f} s long; at least {MIN_SAMPLE_S:.0f} s of speech are needed"
            )
        return wav

    async def _add_sample(
        self, principal: Principal, person: PersonProfile, wav: ffmpeg.Wav, source: str
    ) -> PersonProfile:
        """Store the sample first, then the profile that lists it: a profile never names a missing file."""
        keys = IdentityKeys(person.workspace_id, person.person_id)
        sample = VoiceSample(sample_id=uuid4(), duration_s=round(wav.duration_s, 3), source=source)
        await self._storage.put_bytes(Bucket.IDENTITY_BANK, keys.sample(sample.sample_id), wav.data, "audio/wav")
        updated = person.model_copy(update={"samples": [*person.samples, sample]})
        await self._storage.put_bytes(
            Bucket.IDENTITY_BANK, keys.profile, updated.model_dump_json(indent=2).encode(), "application/json"
        )
        self._audit.record(
            principal,
            person.workspace_id,
            AuditAction.PERSON_ENROLLED,
            ("person", person.person_id),
            name=person.name,
            source=source,
            duration_s=sample.duration_s,
        )
        await self._audit.save()
        log.info("voice_sample_added", person_id=str(person.person_id), source=source, duration_s=sample.duration_s)
        return updated

    async def _load(self, key: str) -> PersonProfile | None:
        raw = await self._storage.get_bytes(Bucket.IDENTITY_BANK, key)
        if raw is None:
            return None
        try:
            return PersonProfile.model_validate_json(raw)
        except ValidationError:
            log.error("profile_unreadable", key=key)
            return None
