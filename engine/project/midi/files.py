"""MIDI files in and out: the one place the rest of Tessera imports MIDI handling from.

Import (`engine.project.midi.reader`) reads real-world files with its own event reader, keeping
notes, program changes, controllers and words; export (`engine.project.midi.writer`) writes
DAW-ready type-1 files with mido. See those modules for what each guarantees.
"""

from engine.project.midi.reader import (
    MIDI_SUFFIXES,
    MidiImport,
    MidiImportError,
    import_midi,
    read_midi,
)
from engine.project.midi.writer import (
    MidiExportError,
    assign_channels,
    export_midi,
    song_to_midi_file,
)

__all__ = [
    "MIDI_SUFFIXES",
    "MidiExportError",
    "MidiImport",
    "MidiImportError",
    "assign_channels",
    "export_midi",
    "import_midi",
    "read_midi",
    "song_to_midi_file",
]
