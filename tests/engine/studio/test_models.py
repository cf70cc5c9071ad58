"""The one owner of the loaded models: each loads on the first ask, once, however many threads
ask at the same time; a failure is a message naming the model and is tried again; the shared
symbolic model steps two sequences from two threads exactly as one thread would."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

import numpy as np
import pytest

from engine.compose.midi_model import MidiModel
from engine.errors import TesseraError
from engine.runtime.onnx import ModelLoadError
from engine.sound.render import NoteRenderer
from engine.sound.timbre import TimbreModelError
from engine.studio.models import Models, ModelUnavailableError

T = TypeVar("T")


class Counting(Generic[T]):
    """A loader that counts its calls and takes a while, so that callers overlap."""

    def __init__(self, load: Callable[[], T], seconds: float = 0.2) -> None:
        self.load, self.seconds, self.calls = load, seconds, 0

    def __call__(self) -> T:
        self.calls += 1
        time.sleep(self.seconds)
        return self.load()


def _ask_at_once(ask: Callable[[], object], count: int = 8) -> list[object]:
    """`ask()` from `count` threads released together; what each got."""
    start = threading.Barrier(count)
    got: list[object] = [None] * count

    def one(index: int) -> None:
        start.wait()
        got[index] = ask()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return got


def test_nothing_loads_until_a_model_is_asked_for() -> None:
    models = Models()
    for name in ("midi", "timbre", "notes"):
        assert not models.is_loaded(name)
        assert models.loads(name) == 0


def test_each_model_loads_once_however_many_threads_ask(
    midi_model: MidiModel, renderer: NoteRenderer
) -> None:
    midi, timbre = Counting(lambda: midi_model), Counting(lambda: renderer)
    models = Models(midi=midi, renderer=timbre)
    got = _ask_at_once(models.midi)
    assert midi.calls == 1 == models.loads("midi")
    assert all(model is midi_model for model in got)
    assert _ask_at_once(models.renderer) == [renderer] * 8
    assert models.timbre() is renderer.model
    assert timbre.calls == 1
    assert models.is_loaded("midi")
    assert models.is_loaded("timbre")
    assert not models.is_loaded("notes")


def test_a_model_that_cannot_load_is_a_message_and_is_tried_again(
    renderer: NoteRenderer,
) -> None:
    tries: list[int] = []

    def flaky() -> NoteRenderer:
        tries.append(1)
        if len(tries) == 1:
            raise TimbreModelError("models/timbre/card.json is missing: reinstall Tessera")
        return renderer

    models = Models(renderer=flaky)
    with pytest.raises(TimbreModelError, match="reinstall"):
        models.renderer()
    assert not models.is_loaded("timbre")
    assert models.renderer() is renderer  # the user fixed the files: the next ask loads
    assert models.loads("timbre") == 2


def test_an_unexpected_failure_names_the_model_and_what_to_do() -> None:
    def broken() -> MidiModel:
        raise MemoryError("cannot allocate 300 MB")

    models = Models(midi=broken)
    with pytest.raises(ModelUnavailableError) as raised:
        models.midi()
    assert isinstance(raised.value, TesseraError)  # a message, never a traceback
    assert str(raised.value).startswith(
        "the composing model could not be loaded (MemoryError: cannot allocate 300 MB)"
    )
    assert "reinstall Tessera" in str(raised.value)
    refused = Models(midi=lambda: (_ for _ in ()).throw(ModelLoadError("damaged: reinstall")))
    with pytest.raises(ModelLoadError, match="damaged"):  # the model's own words are kept
        refused.midi()


def _decode(model: MidiModel, prompt: list[int], steps: list[int], reuse: bool) -> list[np.ndarray]:
    logits, cache = model.prefill(prompt, reuse=reuse)
    seen = [logits]
    for token in steps:
        logits, cache = model.step(token, cache)
        seen.append(logits)
    return seen


@pytest.mark.parametrize("reuse", [False, True])
def test_the_shared_model_steps_two_sequences_from_two_threads_as_one_thread_would(
    midi_model: MidiModel, reuse: bool
) -> None:
    shared = Models(midi=lambda: midi_model).midi()
    size = midi_model.card.vocab_size
    sequences = [
        ([5, 9, 14, 20], [(7 * i + 3) % size for i in range(60)]),
        ([6, 11, 30], [(11 * i + 5) % size for i in range(60)]),
    ]
    alone = [_decode(shared, prompt, steps, reuse) for prompt, steps in sequences]
    together: list[list[np.ndarray]] = [[], []]
    start = threading.Barrier(2)

    def run(index: int) -> None:
        start.wait()
        together[index] = _decode(shared, *sequences[index], reuse)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for one, other in zip(alone, together, strict=True):
        assert len(one) == len(other) == 61
        assert all(np.array_equal(a, b) for a, b in zip(one, other, strict=True))
