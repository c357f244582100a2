"""Speaker embeddings behind one interface, shared by diarization and identification.

The interface is pyannote's: a `pyannote.audio.Model` whose `forward(waveforms (B,1,T), weights
(B,F) | None)` returns (B,D) embeddings, `weights` being frame masks for weighted pooling.
Production loads WeSpeaker ResNet34-LM from the hub (`pyannote/wespeaker-voxceleb-resnet34-LM`),
already such a model. Offline, a CAM++ checkpoint (3D-Speaker, 192-d) is wrapped the same way;
its network class comes from the `wespeaker-unofficial` package's files, installed by
scripts/install_models.sh, whose package `__init__` (s3prl, whisper, peft...) is never imported.
"""

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812
from pyannote.audio import Model
from torchaudio.compliance import kaldi

from app.core.model_settings import ModelSettings

SAMPLE_RATE = 16000
CAMPPLUS_DIMENSION = 192
_FBANK_BINS = 80


class CamPlusPlusEmbedding(Model):
    """CAM++ as a pyannote embedding model: Kaldi fbank -> CAM++ frame features -> (weighted)
    mean+std pooling -> CAM++'s embedding layer."""

    campplus: Any
    """wespeaker's CAMPPlus network (its code is loaded by path, untyped)."""

    def __init__(self, campplus: torch.nn.Module) -> None:
        super().__init__(sample_rate=SAMPLE_RATE, num_channels=1)
        self.campplus = campplus

    @property
    def dimension(self) -> int:
        return CAMPPLUS_DIMENSION

    # pyannote calls model(waveforms) or model(waveforms, weights=frame_masks).
    def forward(self, waveforms: torch.Tensor, weights: torch.Tensor | None = None) -> torch.Tensor:  # type: ignore[override]
        if weights is None:
            return self._embed(self._frame_features(waveforms), None)
        # pyannote asks for every (chunk, local speaker) slot; most are silent. Their embedding
        # would be meaningless anyway: NaN makes pyannote drop them, at no compute cost.
        active = weights.sum(dim=1) > 0
        embeddings = torch.full((waveforms.shape[0], CAMPPLUS_DIMENSION), float("nan"), device=waveforms.device)
        if active.any():
            embeddings[active] = self._embed(_shared_frame_features(self, waveforms[active]), weights[active])
        return embeddings

    def _frame_features(self, waveforms: torch.Tensor) -> torch.Tensor:
        """(B,1,T) waveforms -> (B,T',C) CAM++ features before pooling (they ignore the weights)."""
        features: torch.Tensor = self.campplus.get_frame_level_feat(_fbank(waveforms))
        return features

    def _embed(self, frames: torch.Tensor, weights: torch.Tensor | None) -> torch.Tensor:
        if weights is None:
            mean, variance = frames.mean(dim=1), frames.var(dim=1, correction=0)
        else:
            frame_weights = F.interpolate(weights[:, None, :], size=frames.shape[1], mode="linear")
            frame_weights = frame_weights.squeeze(1)[:, :, None]  # (B, T', 1)
            total = frame_weights.sum(dim=1).clamp_min(1e-6)
            mean = (frames * frame_weights).sum(dim=1) / total
            variance = ((frames - mean[:, None, :]) ** 2 * frame_weights).sum(dim=1) / total
        stats = torch.cat((mean, torch.sqrt(variance + 1e-7)), dim=1)
        embeddings: torch.Tensor = self.campplus.xvector.dense(stats)
        return embeddings


def _shared_frame_features(model: CamPlusPlusEmbedding, waveforms: torch.Tensor) -> torch.Tensor:
    """Frame features for a pyannote batch, where the speakers of one chunk arrive as consecutive
    copies of the same waveform: each distinct chunk goes through the network once (2-3x faster)."""
    distinct: list[torch.Tensor] = []
    row_of: list[int] = []
    for waveform in waveforms:
        if not distinct or not torch.equal(distinct[-1], waveform):
            distinct.append(waveform)
        row_of.append(len(distinct) - 1)
    return model._frame_features(torch.stack(distinct))[row_of]


def _fbank(waveforms: torch.Tensor) -> torch.Tensor:
    """(B,1,T) waveforms -> (B,frames,80) mean-normalised log-mel features, as CAM++ was trained."""
    features = [
        kaldi.fbank(waveform, num_mel_bins=_FBANK_BINS, sample_frequency=SAMPLE_RATE, dither=0.0)
        for waveform in waveforms
    ]
    stacked = torch.stack(features)
    return stacked - stacked.mean(dim=1, keepdim=True)


def load_embedding_model(settings: ModelSettings) -> Model:
    """The configured embedding model, in eval mode on the configured device."""
    location = settings.locate(settings.embedding_model)
    if location.endswith(".pt"):
        model: Model = _load_campplus(Path(location), settings.resolved_wespeaker_code_dir)
    else:
        model = load_pretrained_model(location, settings.hf_token_value)
    model.eval()
    return model.to(settings.torch_device)


def load_pretrained_model(location: str, token: str | None) -> Model:
    """A pyannote model from a local folder/checkpoint or the hub (gated ones need `token`)."""
    model = Model.from_pretrained(location, token=token)
    if model is None:
        raise RuntimeError(f"could not load the pyannote model {location!r} (hub unreachable or token missing?)")
    return model


def _load_campplus(checkpoint: Path, code_dir: Path) -> CamPlusPlusEmbedding:
    campplus_module = _import_wespeaker_models(code_dir)
    campplus = campplus_module.CAMPPlus(feat_dim=_FBANK_BINS, embed_dim=CAMPPLUS_DIMENSION, pooling_func="TSTP")
    state = torch.load(checkpoint, map_location="cpu", weights_only=True)
    campplus.load_state_dict(state, strict=True)
    return CamPlusPlusEmbedding(campplus)


def _import_wespeaker_models(code_dir: Path) -> ModuleType:
    """`wespeaker.models.campplus` from `code_dir`, under a bare `wespeaker` package object so that
    the real package's heavy `__init__` never runs (campplus.py imports `wespeaker.models.*`)."""
    package_dir = code_dir / "wespeaker"
    if not (package_dir / "models" / "campplus.py").is_file():
        raise FileNotFoundError(
            f"CAM++ model code not found in {package_dir}; run 02-workers/scripts/install_models.sh"
        )
    if "wespeaker" not in sys.modules:
        package = ModuleType("wespeaker")
        package.__path__ = [str(package_dir)]
        sys.modules["wespeaker"] = package
    return importlib.import_module("wespeaker.models.campplus")


def embed_waveforms(model: Model, waveforms: list[np.ndarray]) -> np.ndarray:
    """One L2-normalised embedding per float32 mono 16 kHz waveform (at least one), as an (N, D) array."""
    device = next(model.parameters()).device
    rows = []
    with torch.inference_mode():
        for waveform in waveforms:
            batch = torch.from_numpy(np.ascontiguousarray(waveform, dtype=np.float32))[None, None].to(device)
            rows.append(model(batch)[0].float().cpu().numpy())
    embeddings = np.stack(rows)
    norms = np.linalg.norm(embeddings, axis=1, keepdims=True)
    return np.asarray(embeddings / np.maximum(norms, 1e-12), dtype=np.float32)
