"""The sound card at arm's length: opening, starting, stopping and closing PortAudio streams,
each with a time limit.

A device that goes away while it plays (unplugged, its JACK server killed) can leave PortAudio
hanging inside `stop()` or `close()` for minutes: a window that waited there froze. So every
device operation here runs on a thread of its own and its caller waits at most
`DEVICE_TIMEOUT_SECONDS`; an operation that does not answer by then is abandoned (it goes on,
or hangs, on its own daemon thread; a stream that opens after its caller gave up is closed
there) and the caller gets `DeviceNotAnsweringError`, or False from `close_stream`. Once one
is abandoned, PortAudio is no longer shut down when the program exits: sounddevice's exit
handler would wait on the dead device forever (seen with a killed JACK server), and the
process's end frees everything anyway.

sounddevice is imported only when a stream is opened: it raises OSError at import when the
PortAudio library is missing, and that must not stop the app (or an offline render) loading.
"""

from __future__ import annotations

import atexit
import sys
import threading
from collections.abc import Callable
from typing import Any, Literal, Protocol, TypeVar

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

T = TypeVar("T")

DEVICE_TIMEOUT_SECONDS = 5.0
"""How long a caller waits for the device to open, start, stop or close. A healthy device
answers in milliseconds, a JACK server in well under a second; the margin is for a loaded
machine, where a slow answer must not be taken for a lost device (the window never waits on
it: see `ui.device_thread`)."""

NOT_ANSWERING = (
    "the audio device stopped answering; playback stopped. Check the output device and press "
    "Play again"
)


class AudioDeviceError(TesseraError):
    """No sound card to play through (or no PortAudio library); rendering to a file still works."""


class DeviceNotAnsweringError(AudioDeviceError):
    """The device did not finish an operation in time; the operation was abandoned."""


class OutputStream(Protocol):
    """The part of `sounddevice.OutputStream` the player uses (tests pass a fake one); its
    `samplerate` may differ from the one asked for when the device insists on its own."""

    samplerate: float

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


StreamFactory = Callable[..., OutputStream]
"""Called like `sounddevice.OutputStream(samplerate=, channels=, dtype=, blocksize=,
callback=, finished_callback=)`."""


def call_with_timeout(
    action: Callable[[], T],
    what: str,
    timeout_s: float = DEVICE_TIMEOUT_SECONDS,
    late: Callable[[T], object] | None = None,
) -> T:
    """`action()` run on a thread of its own: its result, or its exception re-raised, if it
    ends within `timeout_s`; else DeviceNotAnsweringError saying `what` was being done, and the
    thread is left to itself (`late` gets a result that comes after all)."""
    done = threading.Event()
    lock = threading.Lock()
    gave_up = False
    outcome: list[Any] = []

    def run() -> None:
        try:
            result: Any = action()
        except BaseException as err:  # handed to the caller, whatever it is
            result = err
        with lock:
            outcome.append(result)
            abandoned = gave_up
        done.set()
        if abandoned and late is not None and not isinstance(result, BaseException):
            late(result)

    threading.Thread(target=run, name=f"tessera-device-{what}", daemon=True).start()
    if not done.wait(timeout_s):
        with lock:
            gave_up = not outcome
        if gave_up:
            _skip_portaudio_at_exit()
            raise DeviceNotAnsweringError(
                QT_TRANSLATE_NOOP(
                    "SoundDevice",
                    "the audio device did not answer within {timeout_s:g} s while {what}: "
                    "check the output device (and that no other program holds it) and try "
                    "again",
                ).format(timeout_s=timeout_s, what=what)
            )
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result  # type: ignore[no-any-return]


def _skip_portaudio_at_exit() -> None:
    """Keep sounddevice from terminating PortAudio at exit (see the module's docstring)."""
    sounddevice = sys.modules.get("sounddevice")
    handler = getattr(sounddevice, "_exit_handler", None)
    if handler is not None:
        atexit.unregister(handler)


def close_stream(stream: OutputStream | Any, timeout_s: float = DEVICE_TIMEOUT_SECONDS) -> bool:
    """Stop and close a sound-card stream. False when the device did not answer in time (the
    stream is abandoned on its thread); a device that vanished and so cannot stop cleanly is
    not an error (it is gone)."""

    def stop_and_close() -> None:
        try:
            stream.stop()
            stream.close()
        except Exception:  # PortAudio reports a lost device with several types
            pass

    try:
        call_with_timeout(stop_and_close, "stopping", timeout_s)
    except DeviceNotAnsweringError:
        return False
    return True


def sounddevice_module() -> Any:
    """The sounddevice module, or AudioDeviceError saying how to get PortAudio."""
    try:
        import sounddevice
    except OSError as err:  # raised by sounddevice when libportaudio cannot be loaded
        raise AudioDeviceError(
            QT_TRANSLATE_NOOP(
                "SoundDevice",
                "playback needs the PortAudio library, which is not installed (Debian: "
                "libportaudio2, installed by build_scripts/bootstrap.sh); rendering to "
                "a file still works",
            )
        ) from err
    return sounddevice


def output_device_names() -> list[str]:
    """Names of the output devices PortAudio can see (empty without PortAudio)."""
    from engine.sound.render import CHANNELS

    try:
        devices = sounddevice_module().query_devices()
    except AudioDeviceError:
        return []
    return [str(d["name"]) for d in devices if d["max_output_channels"] >= CHANNELS]


def open_device_stream(kind: Literal["output", "input"], **settings: Any) -> Any:
    """A sounddevice stream on the default output (or input) device: at the rate asked for if
    the device takes it, else at the device's own rate (the caller converts; see
    `engine.sound.playback.resampler`). Takes the settings of `sounddevice.OutputStream` /
    `InputStream`; AudioDeviceError saying what to do when there is no such device."""
    sounddevice = sounddevice_module()
    kind_class = sounddevice.OutputStream if kind == "output" else sounddevice.InputStream
    try:
        try:
            return kind_class(**settings)
        except sounddevice.PortAudioError:
            device = sounddevice.query_devices(kind=kind)
            settings["samplerate"] = float(device["default_samplerate"])
            return kind_class(**settings)
    except (sounddevice.PortAudioError, ValueError) as err:
        missing, instead = (
            ("no audio output device to play through", "render the song to a file instead")
            if kind == "output"
            else ("no microphone to record from", "import an audio file instead")
        )
        raise AudioDeviceError(
            QT_TRANSLATE_NOOP(
                "SoundDevice", "{missing} ({err}): connect or enable one, or {instead}"
            ).format(missing=missing, err=err, instead=instead)
        ) from err


def open_sounddevice_stream(**settings: Any) -> OutputStream:
    """An output stream on the default device (see `open_device_stream`)."""
    stream: OutputStream = open_device_stream("output", **settings)
    return stream
