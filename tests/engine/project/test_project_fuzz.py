"""Damaged project files: every one loads or is refused with one line naming the file.

A real project (every field, two takes) is damaged in many ways with a fixed seed: keys deleted,
repeated and added, values swapped for other types, huge integers, deep nesting, NaN, lists
one item too long or short, lone surrogates, then the bytes cut short or flipped at random. Any
exception but ProjectFileError fails the test, and a refusal must be one line naming the file.
What does load must save and load again to the same song and takes: what opens always saves.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from engine.project.project_file import (
    ProjectFileError,
    load_project_with_takes,
    save_project,
    song_to_dict,
)
from tests.engine.project.project_samples import rich_song, rich_takes

CASES = 500
SEED = 17


class Raw(str):
    """JSON text written as it is (what json.dumps cannot write: NaN, 5,000 digits, depth)."""


class Pairs(list[tuple[str, Any]]):
    """An object written from its pairs, so a key can appear twice."""


def _dump(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Pairs):
        return "{" + ",".join(f"{json.dumps(k)}:{_dump(v)}" for k, v in value) + "}"
    if isinstance(value, dict):
        return _dump(Pairs(value.items()))
    if isinstance(value, list):
        return "[" + ",".join(_dump(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _project() -> dict[str, Any]:
    song = rich_song()
    data = song_to_dict(song)
    data["takes"] = [
        {
            "operation": t.operation,
            "request": t.request,
            "seed": t.seed,
            "song": song_to_dict(t.song),
        }
        for t in rich_takes(song)
    ]
    plain: dict[str, Any] = json.loads(json.dumps(data))  # independent lists and dicts
    return plain


def _places(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in the tree, for picking a place to damage."""
    found: list[tuple[Any, Any]] = []
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, Pairs) or (isinstance(item, dict) and "__pairs__" in item):
            continue  # already given a repeated key: left as it is
        keys = list(item) if isinstance(item, dict) else range(len(item))
        for key in keys:
            found.append((item, key))
            if isinstance(item[key], dict | list):
                pending.append(item[key])
    return found


def _strange(rng: random.Random) -> Any:
    """A value of another type or out of every range."""
    return rng.choice(
        [
            None,
            True,
            -1,
            0.5,
            "text",
            [],
            {},
            [[1]],
            2**63,
            -(2**31),
            Raw("9" * rng.choice([21, 4301, 6000])),
            Raw("NaN"),
            Raw("-Infinity"),
            Raw("1e400"),
            Raw('"\\ud800"'),
            Raw('"a\\udfffb"'),
            Raw("[" * 70 + "]" * 70),
            Raw("[" * 1000 + "]" * 1000),
            list(range(rng.choice([3, 5, 25, 1000]))),
            "x" * 5000,
        ]
    )


def _damage_tree(data: dict[str, Any], rng: random.Random) -> Any:
    places = _places(data)
    fields = [(c, k) for c, k in places if isinstance(c, dict)]
    if not fields:  # the top object already has a repeated key
        return data
    container, key = rng.choice(fields if rng.random() < 0.5 else places)
    action = rng.randrange(8)
    if action == 0 and isinstance(container, dict):
        del container[key]
    elif action == 1 and isinstance(container, dict):
        pairs = Pairs(container.items())
        pairs.append((key, _strange(rng) if rng.random() < 0.5 else container[key]))
        rng.shuffle(pairs)
        container.clear()
        container["__pairs__"] = pairs  # written through _dump below
    elif action == 2 and isinstance(container[key], list):
        items = container[key]
        if items and rng.random() < 0.5:
            items.pop(rng.randrange(len(items)))
        else:
            items.append(rng.choice(items) if items else 0)
    elif action == 3 and isinstance(container, dict):
        container["unknown_" + str(rng.randrange(9))] = _strange(rng)
    elif action in (4, 5):  # plausible edits, so that many damaged files still load
        _plausible(container, key, rng)
    else:
        container[key] = _strange(rng)
    return data


def _plausible(container: Any, key: Any, rng: random.Random) -> None:
    value = container[key]
    if isinstance(value, list):
        rng.shuffle(value)
    elif isinstance(value, bool):
        container[key] = not value
    elif isinstance(value, int):
        container[key] = rng.choice([0, 1, 2, 127, value + 1, value - 1, value * 2])
    elif isinstance(value, float):
        container[key] = rng.choice([0.0, -0.0, value / 3, 1e-300, value + 1])
    elif isinstance(value, str):
        container[key] = rng.choice(["", value * 2, "\u00e9\n\t\"'", "\x00", "\ufffd"])


def _write(data: Any) -> str:
    def unwrap(value: Any) -> Any:
        if isinstance(value, dict):
            if "__pairs__" in value:
                return Pairs((k, unwrap(v)) for k, v in value["__pairs__"])
            return {k: unwrap(v) for k, v in value.items()}
        if isinstance(value, list) and not isinstance(value, Pairs):
            return [unwrap(v) for v in value]
        return value

    return _dump(unwrap(data))


def _damage_bytes(raw: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.4:
        return raw[: rng.randrange(len(raw))]
    damaged = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        damaged[rng.randrange(len(damaged))] = rng.randrange(256)
    return bytes(damaged)


def _damaged_project(seed: int, number: int) -> bytes:
    """Case `number`'s file: the real project damaged one to three times, and a quarter of the
    cases also cut short or with bytes flipped."""
    rng = random.Random(seed)
    data: Any = _project()
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        data = _damage_tree(data, rng)
    raw = _write(data).encode("utf-8", "surrogatepass")
    return _damage_bytes(raw, rng) if number % 4 == 3 else raw


def _cases() -> list[tuple[str, int, int]]:
    """(name, seed, number) of every case, from the fixed SEED."""
    rng = random.Random(SEED)
    return [(f"case{number:03d}", rng.randrange(2**32), number) for number in range(CASES)]


def test_damaged_projects_load_or_are_refused_in_one_line(tmp_path: Path) -> None:
    refused = loaded = 0
    failures: list[str] = []
    for name, seed, number in _cases():
        path = tmp_path / f"{name}.json"
        path.write_bytes(_damaged_project(seed, number))
        try:
            song, takes = load_project_with_takes(path)
        except ProjectFileError as err:
            refused += 1
            message = str(err)
            if "\n" in message or path.name not in message or len(message) > 400:
                failures.append(f"{name}: bad refusal message {message[:300]!r}")
            continue
        except Exception as err:  # the point: any other exception is a failure
            failures.append(f"{name}: {type(err).__name__}: {str(err)[:200]}")
            continue
        loaded += 1
        again = tmp_path / f"{name}.saved.json"
        try:
            save_project(song, again, takes)
            reloaded = load_project_with_takes(again)
        except Exception as err:  # likewise
            failures.append(f"{name}: loaded but then {type(err).__name__}: {str(err)[:200]}")
            continue
        if reloaded != (song, takes):
            failures.append(f"{name}: saved and loaded again to a different project")
    assert not failures, "\n".join(failures[:20])
    assert refused + loaded == CASES
    # Both outcomes are exercised: the damage is not all fatal nor all harmless.
    assert refused > CASES // 2
    assert loaded > 10


@pytest.mark.parametrize("number", [0, 1])
def test_the_undamaged_project_round_trips(tmp_path: Path, number: int) -> None:
    song = rich_song(shift=number)
    takes = rich_takes(song)
    save_project(song, tmp_path / "p.json", takes)
    assert load_project_with_takes(tmp_path / "p.json") == (song, takes)
