"""Open an ONNX model file as an onnxruntime session: the one loader every model goes through.

The symbolic model (`engine.compose.midi_model`), the timbre denoiser (`engine.sound.timbre`) and
the note model (`engine.transcribe.transcriber`) each check their own card, but the steps every
file needs are the same and live here once:

- the file's sha256 must match the hash its card (or the engine, for a third-party file) holds,
  so a damaged or replaced file is refused with a message instead of producing nonsense (the
  card itself is checked by `engine.runtime.cards`); the file is hashed in chunks, and a
  missing file, a device, a pipe or a file larger than `MAX_MODEL_BYTES` is refused first;
- CUDA is used when this onnxruntime build offers it, always with the CPU as fallback;
- the thread counts are set explicitly (unset thread options give unstable timings), with one
  inter-op thread: the graphs are sequential.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import onnxruntime as ort

from engine.runtime.cards import ModelLoadError, open_nonblocking
from engine.words import QT_TRANSLATE_NOOP

MAX_MODEL_BYTES = 2 * 2**30
"""The largest model file opened (the shipped ones are a few MB; basic-pitch's is 0.2 MB)."""
REINSTALL = "reinstall Tessera or re-export the model"

__all__ = [
    "MAX_MODEL_BYTES",
    "REINSTALL",
    "LoadedSession",
    "ModelLoadError",
    "check_sha256",
    "choose_providers",
    "default_threads",
    "file_sha256",
    "open_session",
]


def choose_providers() -> list[str]:
    """CUDA when this onnxruntime build offers it, always with the CPU as fallback."""
    available = ort.get_available_providers()
    preferred = ["CUDAExecutionProvider", "CPUExecutionProvider"]
    return [provider for provider in preferred if provider in available]


def default_threads() -> int:
    """One intra-op thread per core, at most 4 (more only adds synchronisation on small graphs)."""
    return min(4, os.cpu_count() or 1)


def file_sha256(path: Path, fix: str = REINSTALL) -> str:
    """The sha256 of a model file, read in chunks; ModelLoadError (saying why, then `fix`) when
    it is missing, is not a regular file (a device or a pipe is never read) or is too large."""
    try:
        with open(path, "rb", buffering=0, opener=open_nonblocking) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ModelLoadError(
                    QT_TRANSLATE_NOOP("ModelLoader", "{path} is not a regular file: {fix}").format(
                        path=path, fix=fix
                    )
                )
            if info.st_size > MAX_MODEL_BYTES:
                raise ModelLoadError(
                    QT_TRANSLATE_NOOP(
                        "ModelLoader",
                        "{path} is {st_size:.1f} GiB, larger than any model Tessera runs "
                        "({max_model_bytes:g} GiB): {fix}",
                    ).format(
                        path=path,
                        st_size=info.st_size / 2**30,
                        max_model_bytes=MAX_MODEL_BYTES / 2**30,
                        fix=fix,
                    )
                )
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError as err:
        raise ModelLoadError(
            QT_TRANSLATE_NOOP("ModelLoader", "{path} is missing: {fix}").format(path=path, fix=fix)
        ) from err
    except OSError as err:
        raise ModelLoadError(
            QT_TRANSLATE_NOOP("ModelLoader", "cannot read {path} ({strerror}): {fix}").format(
                path=path, strerror=err.strerror, fix=fix
            )
        ) from err


def check_sha256(path: Path, expected: str, fix: str = REINSTALL) -> None:
    """Refuse a file whose bytes are not the ones its card describes."""
    if file_sha256(path, fix) != expected:
        raise ModelLoadError(
            QT_TRANSLATE_NOOP(
                "ModelLoader",
                "{path} does not match its card (the file is damaged or was replaced): {fix}",
            ).format(path=path, fix=fix)
        )


@dataclass(frozen=True)
class LoadedSession:
    """A checked session and the providers it runs on (shown in About the models)."""

    session: ort.InferenceSession
    providers: list[str]


def open_session(
    path: Path,
    expected_sha256: str,
    threads: int | None = None,
    *,
    optimize: bool = False,
    spin: bool = True,
    fix: str = REINSTALL,
) -> LoadedSession:
    """Check `path` against its hash and open it; `optimize` turns on every graph rewrite
    onnxruntime has (worth it for the decoder, whose graph runs thousands of times per song).
    `spin` False stops idle intra-op threads from busy-waiting for the next operator, leaving
    the cores to other work between runs (the same results). `fix` ends every error message:
    how to get a good copy of the file."""
    check_sha256(path, expected_sha256, fix)
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or default_threads()
    options.inter_op_num_threads = 1
    if optimize:
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if not spin:
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    providers = choose_providers()
    try:
        session = ort.InferenceSession(str(path), options, providers=providers)
    except Exception as err:  # onnxruntime raises its own untyped errors for bad graphs
        raise ModelLoadError(
            QT_TRANSLATE_NOOP("ModelLoader", "onnxruntime cannot open {path}: {err}: {fix}").format(
                path=path, err=err, fix=fix
            )
        ) from err
    return LoadedSession(session, providers)
