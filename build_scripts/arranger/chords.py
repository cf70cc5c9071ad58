"""Chords in a key: diatonic triads and sevenths by scale degree, and the sets each style uses.

Why by degree: the progressions musicians name (I-V-vi-IV, ii-V-I, i-VI-III-VII, the 12-bar
blues) are sequences of scale degrees, so templates, cadences and root-motion preferences are
written once as degrees and hold in every key. Degrees count from 0 (the tonic) in the key's
own mode: natural minor for a minor key, with the major V borrowed from harmonic minor,
because a dominant with a leading tone is how minor-key tunes (and every chorale) cadence.
"""

from __future__ import annotations

from dataclasses import dataclass

MAJOR_STEPS = (0, 2, 4, 5, 7, 9, 11)
MINOR_STEPS = (0, 2, 3, 5, 7, 8, 10)

I, II, III, IV, V, VI, VII = range(7)  # noqa: E741 (Roman numerals, as degrees are written)
"""Scale degrees, 0-based, named as Roman numerals for readable templates."""


@dataclass(frozen=True)
class Key:
    tonic: int
    """Pitch class of the tonic."""
    minor: bool

    @property
    def steps(self) -> tuple[int, ...]:
        return MINOR_STEPS if self.minor else MAJOR_STEPS

    @property
    def scale(self) -> frozenset[int]:
        """The key's natural scale (major or natural minor) as pitch classes."""
        return frozenset((self.tonic + step) % 12 for step in self.steps)

    def degree_pc(self, degree: int) -> int:
        return (self.tonic + self.steps[degree % 7]) % 12


@dataclass(frozen=True)
class Chord:
    root: int
    """Pitch class of the root."""
    intervals: tuple[int, ...]
    """Semitones above the root, root first: (0, 4, 7), (0, 3, 7, 10), ..."""
    degree: int
    """The scale degree of the root (0-6)."""

    @property
    def pitch_classes(self) -> tuple[int, ...]:
        return tuple((self.root + step) % 12 for step in self.intervals)

    @property
    def fifth(self) -> int:
        """Pitch class of the chord's fifth (diminished or perfect)."""
        return (self.root + self.intervals[2]) % 12

    @property
    def third(self) -> int:
        return (self.root + self.intervals[1]) % 12

    @property
    def is_major_triad(self) -> bool:
        return self.intervals[1] == 4 and self.intervals[2] == 7


def diatonic(key: Key, degree: int, seventh: bool = False) -> Chord:
    """The chord stacked in thirds from the scale on `degree` (triad, or with its seventh)."""
    size = 4 if seventh else 3
    pcs = [key.degree_pc(degree + 2 * index) for index in range(size)]
    intervals = tuple((pc - pcs[0]) % 12 for pc in pcs)
    return Chord(pcs[0], intervals, degree)


def dominant(key: Key, seventh: bool = False) -> Chord:
    """V as a major triad (or dominant seventh), in minor keys too (harmonic minor)."""
    return Chord(key.degree_pc(V), (0, 4, 7, 10) if seventh else (0, 4, 7), V)


def dominant_seventh_on(key: Key, degree: int) -> Chord:
    """A dominant seventh on a scale degree: the blues' I7, IV7 and V7."""
    return Chord(key.degree_pc(degree), (0, 4, 7, 10), degree)


def candidates(key: Key, harmony: str) -> dict[int, Chord]:
    """The chords a style chooses from, by degree.

    `harmony` is 'triads' (I ii iii IV V vi), 'sevenths' (the same as seventh chords), 'blues'
    (I7 IV7 V7) or 'pentatonic' (I ii IV vi in major; i iv III VI in minor: the chords of the
    major pentatonic's home and its relatives, with no leading tone to pull to the tonic).
    """
    seventh = harmony == "sevenths"
    if harmony == "blues":
        return {degree: dominant_seventh_on(key, degree) for degree in (I, IV, V)}
    if harmony == "pentatonic":
        pentatonic = (I, III, IV, VI) if key.minor else (I, II, IV, VI)
        return {degree: diatonic(key, degree) for degree in pentatonic}
    degrees = (I, III, IV, VI, VII) if key.minor else (I, II, III, IV, VI)
    chords = {degree: diatonic(key, degree, seventh) for degree in degrees}
    chords[V] = dominant(key, seventh) if key.minor else diatonic(key, V, seventh)
    return chords


def cadence_degree(harmony: str) -> int:
    """The chord before the final tonic: V, or IV for pentatonic harmony (a plagal close,
    because the Chinese pentatonic has no leading tone to resolve)."""
    return IV if harmony == "pentatonic" else V
