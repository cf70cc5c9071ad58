"""Files: the JSON project and MIDI in and out (written through `engine.atomic_write`).

- `project_file`: the project format (song, locks, takes), versioned, with clear errors.
- `song_files`: open or save a Song by suffix (.json, .mid, .midi, .kar, .rmi).
- `midi`: reading Standard MIDI Files of every kind and writing DAW-ready ones.
- `file_lock`: one writer at a time per project (an OS lock beside it), and noticing a file
  changed on disk since it was read.
- `bounded_json`: read a possibly hostile JSON file within bounds of size, depth and number.
- `json_fields`: read a JSON object field by field, errors naming the field's path.
"""

__all__ = [
    "bounded_json",
    "file_lock",
    "json_fields",
    "midi",
    "project_file",
    "song_files",
]
