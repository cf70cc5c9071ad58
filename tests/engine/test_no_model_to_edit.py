"""Opening, editing, undoing and saving a project never load a model: they are what a
musician does most, and loading onnxruntime costs a second and memory it does not need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from pathlib import Path
from engine.studio.document import Document
from engine.song.edits import set_tempo, set_locked
from engine.compose.requests import Lock
from engine.studio.session import ProjectSession
from engine.project.song_files import save_song
from benchmarks.tunes import d_major_tune

folder = Path(sys.argv[1])
save_song(d_major_tune(), folder / "tune.json")
save_song(d_major_tune(), folder / "tune.mid")
session = ProjectSession(folder / "recovery")
document = Document(session)
session.open(folder / "tune.json")
session.apply_edit(set_tempo(session.song, 90), "tempo")
session.commit_operation(Lock(((0, 1),)), 0, set_locked(session.song, [(0, 1)]), "lock")
session.undo()
session.redo()
session.save(folder / "edited.json")
session.export(folder / "edited.mid")
session.open(folder / "tune.mid")
session.autosave()
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("onnxruntime", "torch"))
model_modules = ("engine.compose.midi_model", "engine.compose.decode")
loaded += sorted(name for name in model_modules if name in sys.modules)
print(" ".join(loaded) or "none")
"""


def test_opening_editing_undoing_and_saving_load_no_model(tmp_path: Path) -> None:
    root = Path(__file__).parents[2]
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none"
    assert (tmp_path / "edited.json").exists()
    assert (tmp_path / "edited.mid").exists()
