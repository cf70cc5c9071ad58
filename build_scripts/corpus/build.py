"""Build the corpus: classify every work, convert the clean ones, group, split, write it all.

Why this shape: classification reads only file text and takes seconds, so it runs in this
process; parsing with music21 is the slow part (0.1-4 s a work), so it runs in a process pool
and each converted Song is cached as a project file under models/corpus/cache/. A later build
reuses a cached Song when the work's source hash and `CONVERTER_VERSION` are unchanged, so only
new or edited works are parsed again. Everything written is sorted and deterministic.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import re
import time
import warnings
from pathlib import Path
from typing import Any

from build_scripts.corpus import (
    CACHE_DIR,
    CONVERTER_VERSION,
    CORPUS_DIR,
    EXCLUDED_PATH,
    MANIFEST_PATH,
    README_PATH,
)
from build_scripts.corpus.assemble import (
    drop_duplicates,
    excluded_row,
    families_and_splits,
    included_row,
)
from build_scripts.corpus.catalogue import collection_for
from build_scripts.corpus.convert import score_to_song
from build_scripts.corpus.families import melody_steps, melody_track
from build_scripts.corpus.licence import Verdict, classify
from build_scripts.corpus.manifest import (
    EXCLUDED_COLUMNS,
    MANIFEST_COLUMNS,
    write_rows,
)
from build_scripts.corpus.records import Converted, Job
from build_scripts.corpus.sources import (
    SOURCE_PACKAGE,
    WorkSource,
    corpus_root,
    iter_sources,
    music21_version,
)
from build_scripts.corpus.summary import write_readme
from engine.project.project_file import load_project, save_project, song_to_dict
from engine.song.song import Song

CACHE_INDEX = CACHE_DIR / "index.json"
PROGRESS_EVERY = 250


def canonical_json(data: dict[str, Any]) -> bytes:
    """The canonical bytes a Song hash is taken over: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _song_content(song: Song) -> dict[str, Any]:
    """The Song's canonical JSON without the file-format fields, so a new project-file
    schema version does not change the hash of the same music."""
    data = song_to_dict(song)
    data.pop("format")
    data.pop("schema_version")
    return data


def song_sha256(song: Song) -> str:
    """sha256 of the Song's canonical JSON (engine.project.project_file.song_to_dict), format
    aside."""
    return hashlib.sha256(canonical_json(_song_content(song))).hexdigest()


def music_sha256(song: Song) -> str:
    """sha256 of the notes and meters alone: equal for two files holding the same music."""
    data = _song_content(song)
    data.pop("title")
    for track in data["tracks"]:
        track.pop("name")
    return hashlib.sha256(canonical_json(data)).hexdigest()


def cache_file_for(work_id: str) -> Path:
    """A readable, collision-free cache file name for a work id."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", work_id.removeprefix(f"{SOURCE_PACKAGE}:"))
    digest = hashlib.sha256(work_id.encode()).hexdigest()[:8]
    return CACHE_DIR / f"{slug[:80]}-{digest}.tessera.json"


def parse_job(job: Job) -> Any:
    """The music21 Score of a job: an ABC tune's text, or a whole corpus file."""
    from music21 import converter, stream

    if job.abc_text:
        parsed = converter.parse(job.abc_text, format="abc")
    else:
        parsed = converter.parse(job.path)
    if isinstance(parsed, stream.Opus):
        parsed = parsed.scores[0]
    return parsed


def convert_job(job: Job) -> Converted:
    """Parse, convert and cache one work (runs in a worker process)."""
    warnings.simplefilter("ignore")
    try:
        song = score_to_song(parse_job(job), job.title, job.default_program)
    except Exception as err:  # a parser failure on one work must not stop the build
        message = " ".join(f"{type(err).__name__}: {err}".split())
        return Converted(job.work_id, error=message[:300])
    save_project(song, job.cache_file)
    return describe(job.work_id, song)


def describe(work_id: str, song: Song) -> Converted:
    """The manifest figures and melody steps of a converted Song."""
    melody = melody_track(song)
    return Converted(
        work_id=work_id,
        parts=len(song.tracks),
        programs=" ".join(str(track.program) for track in song.tracks),
        bars=song.bar_count,
        notes=song.note_count,
        song_sha256=song_sha256(song),
        music_sha256=music_sha256(song),
        steps=melody_steps(melody.notes) if melody else [],
    )


def make_job(source: WorkSource, root: Path) -> Job:
    _, collection = collection_for(source.rel_path)
    return Job(
        source.work_id,
        str(root / source.rel_path),
        source.abc_text,
        source.title,
        collection.default_program,
        str(cache_file_for(source.work_id)),
    )


def load_cache_index() -> dict[str, str]:
    """Source hash by work id of the cached Songs, if this converter and music21 wrote them."""
    try:
        index = json.loads(CACHE_INDEX.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if (
        index.get("converter_version") != CONVERTER_VERSION
        or index.get("music21_version") != music21_version()
    ):
        return {}
    works: dict[str, str] = index.get("works", {})
    return works


def save_cache_index(source_hashes: dict[str, str]) -> None:
    index = {
        "converter_version": CONVERTER_VERSION,
        "music21_version": music21_version(),
        "works": source_hashes,
    }
    CACHE_INDEX.write_text(json.dumps(index, sort_keys=True, indent=0), "utf-8")


def from_cache(source: WorkSource, cached_hash: str | None) -> Converted | None:
    """The figures of a cached Song, recomputed from it, if its source is unchanged."""
    path = cache_file_for(source.work_id)
    if cached_hash != source.source_sha256 or not path.is_file():
        return None
    return describe(source.work_id, load_project(path))


def convert_all(sources: list[WorkSource], processes: int, use_cache: bool) -> dict[str, Converted]:
    """Convert every source (from the cache where possible), printing progress."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    index = load_cache_index() if use_cache else {}
    results: dict[str, Converted] = {}
    jobs = []
    root = corpus_root()
    for source in sources:
        cached = from_cache(source, index.get(source.work_id))
        if cached is not None:
            results[source.work_id] = cached
        else:
            jobs.append(make_job(source, root))
    print(f"converting {len(jobs)} works ({len(results)} from the cache)", flush=True)
    jobs.sort(key=lambda job: (bool(job.abc_text), -len(job.abc_text)))
    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(processes, maxtasksperchild=200) as pool:
        for count, converted in enumerate(pool.imap_unordered(convert_job, jobs, 4), 1):
            results[converted.work_id] = converted
            if count % PROGRESS_EVERY == 0 or count == len(jobs):
                elapsed = time.monotonic() - started
                print(f"  {count}/{len(jobs)} converted in {elapsed:.0f} s", flush=True)
    index = load_cache_index()  # keep the entries of works this run did not touch
    index.update({source.work_id: source.source_sha256 for source in sources})
    save_cache_index(
        {
            work: digest
            for work, digest in index.items()
            if work not in results or not results[work].error
        }
    )
    return results


def load_cached_song(work_id: str) -> Song:
    """The cached Song of an included work (for training code that reads the corpus)."""
    return load_project(cache_file_for(work_id))


def assemble_rows(
    sources: list[WorkSource],
    verdicts: dict[str, Verdict],
    candidates: list[WorkSource],
    converted: dict[str, Converted],
    version: str,
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(manifest rows, excluded rows) from the verdicts and the conversions."""
    excluded = [
        excluded_row(
            source,
            code=verdict.code,
            reason=verdict.text,
            composer=verdict.composer.name,
            notice=verdict.rights_notice,
            version=version,
        )
        for source in sources
        if not (verdict := verdicts[source.work_id]).included
    ]
    parsed = []
    for source in candidates:
        verdict, result = verdicts[source.work_id], converted[source.work_id]
        if result.error:
            excluded.append(
                excluded_row(
                    source,
                    code="parse-error",
                    reason=f"music21 could not convert it: {result.error}",
                    composer=verdict.composer.name,
                    notice=verdict.rights_notice,
                    version=version,
                )
            )
        else:
            parsed.append(source)
    duplicates = drop_duplicates(parsed, converted)
    for source in parsed:
        if source.work_id in duplicates:
            verdict = verdicts[source.work_id]
            excluded.append(
                excluded_row(
                    source,
                    code="duplicate",
                    reason=duplicates[source.work_id],
                    composer=verdict.composer.name,
                    notice=verdict.rights_notice,
                    version=version,
                )
            )
    kept = [source for source in parsed if source.work_id not in duplicates]
    families = families_and_splits(
        {source.work_id: converted[source.work_id].steps for source in kept}
    )
    manifest = [
        included_row(
            source,
            verdicts[source.work_id],
            converted[source.work_id],
            version,
            families[source.work_id],
        )
        for source in kept
    ]
    return manifest, excluded


def build(processes: int = 2, limit: int | None = None, use_cache: bool = True) -> None:
    """Rebuild manifest.csv, excluded.csv, README.md and the Song cache under models/corpus/.

    `limit` converts only about N clean works, spread over the corpus, as a quick trial; its
    files go to models/corpus/cache/trial/ so the committed manifest is never replaced by one.
    """
    started = time.monotonic()
    version = music21_version()
    sources = list(iter_sources(corpus_root()))
    paths = frozenset(source.rel_path for source in sources)
    verdicts = {source.work_id: classify(source, paths) for source in sources}
    candidates = [source for source in sources if verdicts[source.work_id].included]
    print(
        f"music21 {version}: {len(sources)} works found, {len(candidates)} pass the licence "
        f"rules ({time.monotonic() - started:.0f} s)",
        flush=True,
    )
    out_dir = CORPUS_DIR
    if limit is not None:
        chosen = {source.work_id for source in candidates[:: max(1, len(candidates) // limit)]}
        sources = [
            source
            for source in sources
            if source.work_id in chosen or not verdicts[source.work_id].included
        ]
        candidates = [source for source in candidates if source.work_id in chosen]
        out_dir = CACHE_DIR / "trial"
    converted = convert_all(candidates, processes, use_cache)
    manifest, excluded = assemble_rows(sources, verdicts, candidates, converted, version)
    write_rows(out_dir / MANIFEST_PATH.name, manifest, MANIFEST_COLUMNS)
    write_rows(out_dir / EXCLUDED_PATH.name, excluded, EXCLUDED_COLUMNS)
    write_readme(manifest, excluded, out_dir / README_PATH.name)
    print(
        f"{len(manifest)} works included, {len(excluded)} excluded; wrote "
        f"{MANIFEST_PATH.name}, {EXCLUDED_PATH.name} and {README_PATH.name} in {out_dir} "
        f"({time.monotonic() - started:.0f} s)",
        flush=True,
    )
    if limit is None:
        from build_scripts.corpus.originality_index import build_index

        build_index()
