"""The one owner of the loaded models: each loads on first use, once, and is then shared.

The window (its compose jobs, transport, timbre panel and live panel) and `tessera-cli` ask one
`Models` for what they need instead of each loading its own copy:

- `midi()`: the symbolic model that composes (also what live play answers with);
- `renderer()`: the timbre model behind its note cache (`timbre()` is that model);
- `notes()`: the audio-to-notes model.

Asking is safe from any thread: the first caller loads the model while the others wait for it,
and a model that failed to load is tried again on the next ask (the user may have fixed the
file). A loading failure is always a `TesseraError` whose message names the model and what to
do (an unexpected one is wrapped in `ModelUnavailableError`), so the CLI prints one line and the
window a message; nothing about the open song depends on a model, so no work is lost.

Opening, editing and saving a project never come here (see the import contracts): nothing loads
until a use case that needs a model asks.

A compose job and a live session share the one symbolic model: `MidiModel` keeps what it changes
between calls (its step binding, its reusable prompt cache) per thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from engine.compose.midi_model import MidiModel
from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # loading these is what the owner defers
    from engine.sound.render import NoteRenderer
    from engine.sound.timbre import TimbreModel
    from engine.transcribe.transcriber import NoteModel

ModelName = Literal["midi", "timbre", "notes"]
WHAT: dict[ModelName, str] = {
    "midi": "the composing model",
    "timbre": "the timbre model",
    "notes": "the audio-to-notes model",
}
T = TypeVar("T")


class ModelUnavailableError(TesseraError):
    """A model failed to load in a way its own checks did not foresee."""


class _Lazy(Generic[T]):
    """One model: loaded by the first `get`, once, while later callers wait for it."""

    def __init__(self, name: ModelName, load: Callable[[], T]) -> None:
        self.name, self._load = name, load
        self._lock = threading.Lock()
        self._value: T | None = None
        self.loads = 0
        """How many times loading was started (a test's witness that it happened once)."""

    @property
    def loaded(self) -> bool:
        return self._value is not None

    def get(self) -> T:
        value = self._value
        if value is not None:
            return value
        with self._lock:
            if self._value is None:
                self.loads += 1
                try:
                    self._value = self._load()
                except TesseraError:
                    raise
                except Exception as err:  # onnxruntime, numpy or the OS: say which model
                    raise ModelUnavailableError(
                        QT_TRANSLATE_NOOP(
                            "Models",
                            "{what} could not be loaded ({name}: {err}): reinstall Tessera, or "
                            "free some memory and try again",
                        ).format(what=WHAT[self.name], name=type(err).__name__, err=err)
                    ) from err
            return self._value


class Models:
    """The loaded models of one app or command. The loaders are for tests and for other model
    folders; by default each loads the shipped model."""

    def __init__(
        self,
        *,
        midi: Callable[[], MidiModel] | None = None,
        renderer: Callable[[], NoteRenderer] | None = None,
        notes: Callable[[], NoteModel] | None = None,
    ) -> None:
        self._midi: _Lazy[MidiModel] = _Lazy("midi", midi or MidiModel)
        self._renderer = _Lazy("timbre", renderer or _default_renderer)
        self._notes = _Lazy("notes", notes or _default_notes)

    @classmethod
    def one_thread_each(cls) -> Models:
        """Models that run on one thread each, for live play on its own (`tessera-cli live`):
        the model answering and the synth rendering ahead then leave each other a core."""

        def renderer() -> NoteRenderer:
            from engine.sound.render import NoteRenderer
            from engine.sound.timbre import TimbreModel

            return NoteRenderer(TimbreModel(threads=1))

        return cls(midi=lambda: MidiModel(threads=1), renderer=renderer)

    def midi(self) -> MidiModel:
        """The symbolic model (loads it on the first ask)."""
        return self._midi.get()

    def renderer(self) -> NoteRenderer:
        """The timbre model behind the one note cache every player and render shares."""
        return self._renderer.get()

    def timbre(self) -> TimbreModel:
        """The timbre model (its space for timbre edits; render through `renderer`)."""
        return self.renderer().model

    def notes(self) -> NoteModel:
        """The audio-to-notes model."""
        return self._notes.get()

    def is_loaded(self, name: ModelName) -> bool:
        """Whether `name` is loaded already (asking for it would not wait)."""
        return self._lazy(name).loaded

    def loads(self, name: ModelName) -> int:
        """How many times `name` started loading (1 once it is loaded, on success)."""
        return self._lazy(name).loads

    def _lazy(self, name: ModelName) -> _Lazy[MidiModel] | _Lazy[NoteRenderer] | _Lazy[NoteModel]:
        if name == "midi":
            return self._midi
        return self._renderer if name == "timbre" else self._notes


def _default_renderer() -> NoteRenderer:
    from engine.sound.render import NoteRenderer
    from engine.sound.timbre import TimbreModel

    return NoteRenderer(TimbreModel())


def _default_notes() -> NoteModel:
    from engine.transcribe.transcriber import NoteModel

    return NoteModel()


__all__ = ["ModelName", "ModelUnavailableError", "Models"]
