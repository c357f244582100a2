"""Identification against a real voice bank in S3 (moto over HTTP), with real CAM++ embeddings.

People are enrolled from one AMI excerpt, cut by its reference RTTM, and recognised in another
excerpt of the same meeting after real diarization.

Why trn00 -> trn03 and not trn07 -> trn08: in trn07 three of the four speakers never speak alone
(FEE088's only 1.8 s lie under three other voices), so their enrolment samples carry someone
else's voice. Measured with the same code: trn07 -> trn08 names FEE087 right (score 0.53), leaves
the others unknown (31% of speech time named, no wrong name); trn00 -> trn03 names 96%.
"""

import io
from pathlib import Path
from uuid import UUID, uuid4

import numpy as np
import pytest
import soundfile
from pyannote.core import Annotation
from scribe_contracts import Bucket, IdentityKeys, PersonProfile, SpeakerCountHint, VoiceSample
from scribe_runtime import ObjectStore

from app.core.model_settings import ModelSettings
from app.core.models import ModelManager
from app.services.diarization import Diarizer
from app.services.embedding import embed_waveforms, load_embedding_model
from app.services.identification import Identifier, assign_people, clean_windows
from app.services.types import DecodedAudio, Diarization, SpeakerMatch, SpeakerTurn
from app.services.voice_bank import EnrolledPerson, VoiceBank
from tests.model_support import annotation, decode, offline_model_settings, read_rttm, report

ENROLL_FROM, IDENTIFY_IN = "trn00", "trn03"
OUTSIDERS_FROM = "trn05"
"""An excerpt of another meeting: none of its speakers is in trn03."""


@pytest.fixture(scope="module")
def settings() -> ModelSettings:
    return offline_model_settings()


@pytest.fixture(scope="module")
def models() -> ModelManager:
    return ModelManager()


@pytest.fixture(scope="module")
def meeting(shared_audio: Path, tmp_path_factory: pytest.TempPathFactory) -> DecodedAudio:
    return decode(shared_audio / "ami" / f"{IDENTIFY_IN}.wav", tmp_path_factory.mktemp(IDENTIFY_IN))


@pytest.fixture(scope="module")
def meeting_diarization(settings: ModelSettings, models: ModelManager, meeting: DecodedAudio) -> Diarization:
    return Diarizer(settings, models).run(meeting, SpeakerCountHint(), lambda _: None)


def _identifier(settings: ModelSettings, models: ModelManager, store: ObjectStore) -> Identifier:
    return Identifier(settings, models, VoiceBank(store))


def _wav_bytes(samples: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, 16000, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def _enroll(store: ObjectStore, workspace_id: UUID, name: str, clips: list[np.ndarray]) -> UUID:
    """Writes a person as the API does: each voice sample as a WAV, then profile.json."""
    person_id = uuid4()
    keys = IdentityKeys(workspace_id, person_id)
    samples = []
    for clip in clips:
        sample = VoiceSample(sample_id=uuid4(), duration_s=len(clip) / 16000, source="upload")
        store.put_bytes(Bucket.IDENTITY_BANK, keys.sample(sample.sample_id), _wav_bytes(clip), "audio/wav")
        samples.append(sample)
    profile = PersonProfile(person_id=person_id, workspace_id=workspace_id, name=name, samples=samples)
    store.put_json(Bucket.IDENTITY_BANK, keys.profile, profile.model_dump(mode="json"))
    return person_id


def _enroll_excerpt(store: ObjectStore, shared_audio: Path, uri: str, workspace_id: UUID) -> dict[UUID, str]:
    """Enrols every speaker of an AMI excerpt, named by its reference label; samples are each of
    the speaker's reference turns and all of them joined (the longest, most reliable one)."""
    audio, _ = soundfile.read(shared_audio / "ami" / f"{uri}.wav", dtype="float32")
    turns = read_rttm(shared_audio / "ami" / "reference.rttm", uri)
    people = {}
    for speaker in sorted({turn.speaker for turn in turns}):
        own = [turn for turn in turns if turn.speaker == speaker]
        clips = [audio[round(turn.start * 16000) : round(turn.end * 16000)] for turn in own]
        clips.append(np.concatenate(clips))
        people[_enroll(store, workspace_id, speaker, clips)] = speaker
    return people


def test_people_enrolled_from_one_excerpt_are_named_in_another(
    settings: ModelSettings,
    models: ModelManager,
    object_store: ObjectStore,
    shared_audio: Path,
    meeting: DecodedAudio,
    meeting_diarization: Diarization,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """At least 90% of the reference speech time carries the right name, and no speaker gets the
    name of someone else."""
    workspace_id = uuid4()
    _enroll_excerpt(object_store, shared_audio, ENROLL_FROM, workspace_id)

    result = _identifier(settings, models, object_store).run(meeting, meeting_diarization, workspace_id, lambda _: None)

    reference = annotation(read_rttm(shared_audio / "ami" / "reference.rttm", IDENTIFY_IN))
    named = annotation(meeting_diarization.turns, {label: m.name or "unknown" for label, m in result.matches.items()})
    right_share = _share_with_right_name(reference, named)
    report(
        capsys,
        f"identification {ENROLL_FROM}->{IDENTIFY_IN}: {right_share:.1%} of reference speech time named right "
        f"(threshold {result.threshold}); "
        + "; ".join(f"{m.label}={m.name} score={m.score} scores={m.scores}" for m in result.matches.values()),
    )
    for label, match in result.matches.items():
        if match.name is not None:
            assert match.name == _main_reference_speaker(reference, annotation(meeting_diarization.turns), label)
    assert right_share >= 0.90
    assert result.model_id == settings.embedding_model_id
    assert result.enrolled_people == 3


def _share_with_right_name(reference: Annotation, named: Annotation) -> float:
    """Share of the reference speech time (per speaker) covered by a turn carrying that speaker's name."""
    right_s = sum(
        reference.label_timeline(name)
        .support()
        .crop(named.label_timeline(name).support(), mode="intersection")
        .duration()
        for name in reference.labels()
        if name in named.labels()
    )
    return float(right_s / sum(reference.label_duration(name) for name in reference.labels()))


def _main_reference_speaker(reference: Annotation, hypothesis: Annotation, label: str) -> str:
    """Who, in the reference, speaks most during the hypothesis speaker's turns."""
    turns = hypothesis.label_timeline(label).support()
    return str(max(reference.labels(), key=lambda name: reference.label_timeline(name).crop(turns).duration()))


def test_speakers_nobody_enrolled_stay_unknown(
    settings: ModelSettings,
    models: ModelManager,
    object_store: ObjectStore,
    shared_audio: Path,
    meeting: DecodedAudio,
    meeting_diarization: Diarization,
) -> None:
    """The bank holds people of another meeting only: every speaker stays unknown, even though
    some enrolled person is always the 'nearest'."""
    workspace_id = uuid4()
    _enroll_excerpt(object_store, shared_audio, OUTSIDERS_FROM, workspace_id)

    result = _identifier(settings, models, object_store).run(meeting, meeting_diarization, workspace_id, lambda _: None)

    assert all(match.name is None and match.person_id is None for match in result.matches.values())
    assert any(match.scores for match in result.matches.values()), "scores are reported even when unknown"
    assert max(max(m.scores.values(), default=-1.0) for m in result.matches.values()) < result.threshold


def test_an_empty_bank_leaves_everyone_unknown(
    settings: ModelSettings,
    models: ModelManager,
    object_store: ObjectStore,
    meeting: DecodedAudio,
    meeting_diarization: Diarization,
) -> None:
    progress: list[float] = []
    result = _identifier(settings, models, object_store).run(meeting, meeting_diarization, uuid4(), progress.append)

    assert set(result.matches) == set(meeting_diarization.speakers)
    assert all(match.name is None for match in result.matches.values())
    assert result.enrolled_people == 0
    assert progress[-1] == 100.0


def test_bank_embeddings_are_cached_and_recomputed_only_when_a_sample_or_the_model_changes(
    settings: ModelSettings, models: ModelManager, object_store: ObjectStore, shared_audio: Path
) -> None:
    workspace_id = uuid4()
    audio, _ = soundfile.read(shared_audio / "ami" / "trn09.wav", dtype="float32")
    person_id = _enroll(object_store, workspace_id, "Ada", [audio[:48000], audio[48000:96000]])
    keys = IdentityKeys(workspace_id, person_id)
    bank = VoiceBank(object_store)

    with models.use(f"embedding:{settings.embedding_model_id}", lambda: load_embedding_model(settings)) as model:

        def embed(waveforms: list[np.ndarray]) -> np.ndarray:
            return embed_waveforms(model, waveforms)

        first = bank.embeddings(workspace_id, "model-a", embed)
        again = bank.embeddings(workspace_id, "model-a", embed)
        first_sample = sorted(info.key for info in object_store.list_objects(Bucket.IDENTITY_BANK, keys.voice_prefix))[
            0
        ]
        object_store.put_bytes(Bucket.IDENTITY_BANK, first_sample, _wav_bytes(audio[96000:144000]), "audio/wav")
        after_sample_change = bank.embeddings(workspace_id, "model-a", embed)
        other_model = bank.embeddings(workspace_id, "model-b", embed)

    assert (first.computed, first.reused) == (2, 0)
    assert (again.computed, again.reused) == (0, 2)
    assert (after_sample_change.computed, after_sample_change.reused) == (1, 1)
    assert (other_model.computed, other_model.reused) == (2, 0)
    cache = object_store.get_json(Bucket.IDENTITY_BANK, keys.embedding_cache("model-a"))
    assert cache["model_id"] == "model-a"
    samples = {info.key for info in object_store.list_objects(Bucket.IDENTITY_BANK, keys.voice_prefix)}
    assert set(cache["samples"]) == samples
    assert object_store.get_json(Bucket.IDENTITY_BANK, keys.embedding_cache("model-b")) is not None
    person = again.people[0]
    assert (person.person_id, person.name, person.embeddings.shape) == (person_id, "Ada", (2, 192))
    np.testing.assert_allclose(np.linalg.norm(person.embeddings, axis=1), 1.0, atol=1e-4)


def test_a_person_is_given_to_one_speaker_only() -> None:
    """Two speakers both closest to Ada: the better match gets her, the other gets Bob if he
    clears the threshold; nobody else is named after Ada."""
    ada, bob = uuid4(), uuid4()
    people = [
        EnrolledPerson(ada, "Ada", np.array([[1.0, 0.0, 0.0]], dtype=np.float32)),
        EnrolledPerson(bob, "Bob", np.array([[0.0, 1.0, 0.0], [0.8, 0.6, 0.0]], dtype=np.float32)),
    ]
    speakers = {
        "SPEAKER_00": np.array([0.95, 0.31, 0.0], dtype=np.float32),
        "SPEAKER_01": np.array([0.8, 0.6, 0.0], dtype=np.float32),
        "SPEAKER_02": np.array([0.0, 0.0, 1.0], dtype=np.float32),
    }

    matches = assign_people(speakers, people, 0.5, ["SPEAKER_00", "SPEAKER_01", "SPEAKER_02", "SPEAKER_03"])

    assert (matches["SPEAKER_00"].name, matches["SPEAKER_01"].name) == ("Ada", "Bob")
    assert matches["SPEAKER_01"].score == pytest.approx(1.0)  # Bob's best sample, not his centroid
    assert matches["SPEAKER_02"].name is None  # nobody above the threshold
    assert matches["SPEAKER_03"] == SpeakerMatch("SPEAKER_03", None, None, None, {})  # no clean speech
    assert set(matches["SPEAKER_02"].scores) == {str(ada), str(bob)}


def test_clean_windows_leave_out_overlapped_speech_and_short_stretches() -> None:
    turns = [
        SpeakerTurn(0.0, 20.0, "A"),
        SpeakerTurn(5.0, 6.0, "B"),
        SpeakerTurn(10.0, 10.5, "B"),
        SpeakerTurn(10.8, 11.2, "B"),
    ]

    # A minus B: [0,5] [6,10] [10.5,10.8] (too short) [11.2,20] -> cut at 8 s, 0.8 s rest dropped.
    assert clean_windows(turns, "A") == [(11.2, pytest.approx(19.2)), (0.0, 5.0), (6.0, 10.0)]
    assert clean_windows(turns, "B") == []  # all of B's speech is under A's
