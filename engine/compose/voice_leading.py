"""How the parts of an ensemble or a band lead from note to note: the pulls the sampler adds
to a new pitch's log-odds (toward a step from the voice's last note, away from parallel fifths
and octaves with the other parts and from leaps over an octave), each measured against held-out
music, and `VoiceLeading`, what one voice knows of itself and the others while it is written.

Why a module of its own: these are rules of part-writing, tuned by listening to the benchmark,
while `engine.compose.sampling` is the grammar and masks that make every fill decode; the two
change for different reasons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PARALLEL_PENALTY = 8.0
"""Log-odds taken from a pitch that would move in parallel fifths or octaves (or unisons)
with another voice of the ensemble: e^8 makes it some 3,000 times less likely, a rule of
part-writing the model breaks only where little else is allowed. New chorales had 6.5
parallels per 100 joint moves (Bach 0.1); at e^4 they still had about 2."""

STEP_BONUS = 2.0
"""Log-odds added to a move of one or two semitones in an ensemble voice: part-writing moves
by step where it can. Bach's chorale voices move by step 79% of the time; new chorales (10
songs) 34% without the bonus, 52% at 1.0, 59% at 1.5 and 66% at 2.0 with parallels at 0.1 per
100 joint moves; at 2.5, 74%, but only 70% of chorales were then heard in their key."""

LINE_STEP_BONUS = 0.5
"""The same for a single melodic line: held-out fiddle tunes move by step 57-58% of the time
(20 each), whose lines leap across the strings in arpeggios. New jigs, with the tonic pull of
the outer voices (`engine.compose.decode.TONIC_BONUS`) and the octave-leap penalty: 55% at
0.6, 61% at 0.7, 67% at 0.8, 72% at 1.0 (47% with no pull at all; 10 songs); at 0.4, 56% (20
songs; the Markov chain 60%). Reels step more than their human tunes at any of these (66% at
0.4, 72% at 0.7; human 58%), their running eighths being scales more often than not: they
take `RUNNING_LINE_STEP_BONUS` instead. With the tonic pulled only where the bar's chord holds
it (`engine.compose.decode.tonic_bonus`), new jigs stepped 59% at 0.4, 60% at 0.5, 62% at 0.55
and 63% at 0.6 (10 songs; held-out jigs 61%, the Markov chain 60%)."""

RUNNING_LINE_STEP_BONUS = 0.3
"""The step pull for a single line running in its style's pulse in simple time (a reel's
eighths in 4/4; `engine.compose.part_writing.line_step_bonus`): a little. Running eighths in
common time are scale runs by themselves, where a jig's 6/8 groups of three turn on
arpeggios. New reels (10 songs) stepped 67% of the time at `LINE_STEP_BONUS`, 61% at 0.2 and
57% at none (held-out reels 56%, the Markov chain 56%); jigs at none fell to 42% (human 61%),
so they keep theirs. Measured on 30 songs (`python -m benchmarks.musicality --songs 30
--cells 0 --control-cells 0 --presets reel`; held-out reels 57%, the Markov chain 58%): 53%
at none, 57% at 0.15, and 62% at 0.3 (20 songs); steady-eighth bars 32% and 31% (human 30%).
Ten songs are too few to choose by: the first ten step 56% at none and 61% at 0.15. Held off
repeating a note between beats (`RUNNING_LINE_OFFBEAT_REPEAT_BONUS`), reels stepped 52-54% at
0.15, the repeat's place going to leaps; at 0.3 with the repeat kept on the beat, 57-58%
(seeds 0, 30 and 60; 51-56% before)."""

LINE_RETURN_BONUS = -0.75
"""Added to the pitch a single line in compound time or with no pulse (a jig; not a reel's running
eighths, `engine.compose.part_writing.line_return_bonus`) sounded two notes before, gone back to:
a neighbour note (D E D) or a turn. New jigs went back so at 27% of their onsets, held-out jigs
at 18% (the line's top pitches, 30 songs each, `--seed 0`): the step pull and the tonic's turn
the line about one pitch. At -0.5, 21-22%; at -0.75, 17-18% (seeds 0 and 30); at -1.0, 15%. New
reels went back at 24% (held-out 15%), but held off it (13-18% at -0.5 to -1.0) their running
eighths leapt more: steps 56% -> 52-54% of moves (held-out 57%, the Markov chain 58-59%), so they
are left alone."""

RUNNING_LINE_REPEAT_BONUS = 0.5
"""Added to a running line's previous pitch sounded again on the beat (a reel's eighths;
`engine.compose.part_writing.line_repeat_bonus`); off it, `RUNNING_LINE_OFFBEAT_REPEAT_BONUS`
instead. See there."""

RUNNING_LINE_OFFBEAT_REPEAT_BONUS = -1.5
"""Added to a running line's previous pitch sounded again off the beat (a reel's eighth
between two beats; `engine.compose.part_writing.line_offbeat_repeat_bonus`). A reel repeats a
note on the beat, most of all on its weak beats (2 and 4), and hardly ever between beats: of
the held-out reels' repeated notes 11% fall off the beat, of new reels' 31-38%, which repeated
11-12% of their onsets in all (held-out 9%, the Markov chain 10%). At -1.5 off the beat and
`RUNNING_LINE_REPEAT_BONUS` on it (and `RUNNING_LINE_STEP_BONUS` 0.3), 7% of new reels'
repeated notes fall off the beat and they repeat 8-9% of their onsets (`--songs 30 --presets
reel`, seeds 0, 30 and 60), stepping 57-58% of their moves (held-out 57%), 84 of 90 heard in
their key (82 before). At -0.75 off the beat and nothing on it (the step pull 0.25), 8-9% as
well, but still 31% off the beat; at -2.0 and nothing on the beat with a step pull of 0.15, 6%,
and steps fell to 52%: the repeat's place went to leaps."""

BAND_LINE_STEP_BONUS = 0.7
"""The step pull for a band's lead and bass lines, which have no held-out human reference:
the single line's pull before fiddle tunes were measured at 20 songs. New band songs stepped
17-42% of the time."""


OCTAVE_LEAP_PENALTY = 3.0
"""Log-odds taken from a leap of more than an octave from a voice's previous note (e^3: some 20
times less likely). New chorales leapt over an octave 1.7 times per 100 moves (Bach: never)
and quartets 3.5 (Haydn and Mozart: 2.1); with it, 0.3-0.5 and 1.1."""


SUNG_STEP_BONUS = 3.0
"""The step pull for the upper voices of a sung ensemble (a chorale's soprano, alto and
tenor), whose lines move by step far more than its bass: Bach's held-out chorales step 84-88%
of the time in the upper three voices and 61% in the bass. At `STEP_BONUS` for all four, new
chorales stepped 82%, 70%, 68% and 67% (the alto and tenor wandering, the bass too smooth),
73% in all against the Markov chain's 77%; at 2.5 over a bass at `STEP_BONUS`, 90%, 80%, 74%
and 63% (78% in all), the bass spanning 9.6 semitones (Bach's 14.3)."""

SUNG_BASS_STEP_BONUS = 2.5
"""The step pull for a sung ensemble's bass, which moves between the chords' roots by fourths,
fifths and octaves as much as by step. At `STEP_BONUS` new chorale basses spanned 9.5
semitones (Bach's 14.3, just outside 1.5 times). With the upper voices at `SUNG_STEP_BONUS`
(10 chorales): at 1.0 the bass spans 12.7 and steps 45% of the time (Bach 61%), the four
voices 79% (Bach 79%, the Markov chain 77%); at 1.25, 12.7 and 56%, but 81% in all, further
from Bach than the chain; upper voices at 2.75 over a bass at 1.25: 77% in all, a span of 10.6
and 0.7 parallels per 100 joint moves (Bach 0.1). Those figures are at 1.0, its value until
the voices were held off going back to their last pitch but one (`SUNG_RETURN_BONUS`,
`SUNG_BASS_RETURN_BONUS`): the four voices then stepped 70% of their moves (Bach 78%, the
Markov chain 78%), the bass alone 38% (Bach's 60%). At 2.0, 74-76%; at 2.5, 78% in two draws
of 30 (`--songs 30 --presets chorale`, seeds 0 and 30; the bass 66%), heard in their key in
27 and 29 of 30 (27 and 25 before), the bass spanning 12.2 semitones (Bach's 15.0)."""


SUNG_REPEAT_BONUS = 1.25
"""Log-odds added to a sung inner voice's previous pitch (the alto's, the tenor's), sounded
again on the beat: part-writing keeps a common tone where the next chord has it. The step pull
alone left it out: Bach's held-out chorales repeat 19%, 21% and 19% of the onsets of the
soprano, alto and tenor (the Markov chain's soprano 16%); new chorales (30 songs) 7%, 10% and
12%. At 1.0 on and off the beat, 15%, 20% and 22% (seed 0); at 1.5, 20-22%, the tenor 30%.
Held off repeating between beats (`SUNG_OFFBEAT_REPEAT_BONUS`), the alto and tenor fell to 15%
at 1.0; at 1.25, 19% and 17%; at 1.5, 20% and 20%, but 24 of 30 chorales heard in their key at
seed 30; at 2.0, 25% and 23%, 23 of 30 at seed 0."""

SUNG_TOP_REPEAT_BONUS = 1.75
"""`SUNG_REPEAT_BONUS` for a choir's soprano, on the beat (off it, `SUNG_OFFBEAT_REPEAT_BONUS`):
Bach's sopranos repeat a note as two quarters on the beat (123 of 153 repeated notes in the
held-out chorales; 1 falls off the beat). See `SUNG_OFFBEAT_REPEAT_BONUS`."""

SUNG_OFFBEAT_REPEAT_BONUS = -2.0
"""Added to a choir's upper voice's previous pitch sounded again off the beat, in place of its
repeat pull. New chorales' sopranos repeated 15-16% of their onsets (Bach's 19%, the Markov
chain's 14-16%), 32% of those off the beat and 45% as two eighths, most on the tonic (55%,
Bach's 25%): a C C eighth figure where Bach moves on by step or holds a quarter. At -2.0, with
the soprano's pull on the beat at `SUNG_TOP_REPEAT_BONUS` and the inner voices' at
`SUNG_REPEAT_BONUS` (both 1.0 before; `--songs 30 --presets chorale`, seeds 0, 30 and 60):
the soprano's repeated notes 15%, 19% and 19% (15%, 15% and 16%), none off the beat in seeds
0-3; its commonest pitch 30-34% (31-32%; Bach's 30%); steps 77-78% as before; heard in their
key 29, 26 and 26 of 30 (27, 29 and 28; Bach's own 65%), the bass on the chord's root at the
downbeat 41%, 36% and 31% (37%, 35% and 36%; Bach's 52%). With the soprano's pull on the beat
left at 1.0, 10% repeated; at 2.0 (the inner voices at 1.0), 18-21% and 78 of 90 in key."""

SUNG_BASS_REPEAT_BONUS = -3.0
"""The same for a sung ensemble's bass, below zero: a chorale's bass moves on, by step or to
the next root. Bach's basses repeat 3% of their onsets and step 61% of their moves; new
chorales' 43% and 37%, the bass spanning 10.5 semitones (Bach's 15.0). At -1.0, 25-27% (the
Markov chain 5%, nearer Bach's: `benchmarks.musicality_ensemble.bass_repeated_notes`), heard in
their key in 27, 27 and 26 of 30 songs (seeds 0, 30 and 60). At -3.0, 5%, 5% and 7%, a tie with
the chain, in 27, 25 and 25 of 30 (`--songs 30 --cells 0 --presets chorale --seed S`); at -2.0,
11-14%; at -4.0, 1-2%, but 24 of 30 at seed 30. Before the choir closed on its tonic chord
(`engine.compose.final_chord`), -2.0 left 23 of 30 in their key at seed 30: a bass that holds the
tonic tells the key, and a chorale's cadences now tell it too. The chorale infill moved no
more than a point (`python -m benchmarks.musicality_infill --presets chorale --cells 200`)."""


SUNG_RETURN_BONUS = -3.0
"""Added to the pitch a sung upper voice sounded two notes before, gone back to (a neighbour note,
C-D-C). Bach's held-out sopranos, altos and tenors go back so at 15%, 18% and 18% of their
onsets; new chorales' at 45%, 40% and 33% (30 songs, `--seed 0`): pulled to the step
(`SUNG_STEP_BONUS`) and to the tonic, the soprano turned about the tonic, which 26 of 30 sang at
a third or more of their onsets (Bach's sopranos' commonest pitch is the dominant as often as the
tonic; `benchmarks.musicality_measures.commonest_pitch`: 41% against Bach's 30% and the Markov
chain's 21%). At -3.0, 16%, 14% and 14% (the bass as below), the soprano on its commonest pitch
at 31-32% (seeds 0 and 30). At -1.0, 33%, 28% and 22%; at -2.0, 23%, 22% and 15%; at -4.0, 13%,
13% and 11%, no nearer Bach in the soprano's commonest pitch (30%) and 25 of 30 in key (26)."""

SUNG_BASS_RETURN_BONUS = -2.0
"""The same for a sung ensemble's bass: new chorales' basses went back to the pitch two notes
before at 29-32% of their onsets, Bach's at 10%. With `SUNG_BASS_STEP_BONUS` at 2.5, 20% (at
-1.0 with a step pull of 2.0, 25%)."""


SUNG_UNISON_PENALTY = 4.0
"""Log-odds taken from the pitch another voice of a sung ensemble sounds at a note's onset:
four voices keep four notes. Adjacent voices of Bach's held-out chorales meet on one pitch at
2% of the sixteenths both sound, the Markov chain's 6%; new chorales' 13% (30 songs, seeds 0
and 30), the soprano and alto collapsing onto one line for bars at a time. At 4.0, 4% and 3%,
heard in their key 26 and 27 of 30 (27 and 25 before), parallels 0.0 per 100 joint moves (0.0
and 0.5); at 2.0, 7% (23 of 30 in key); at 6.0, 3% (26 of 30)."""


SUNG_SPACING_SEMITONES = 9
"""How far below the voice above it a sung inner voice (a chorale's alto or tenor) may sing
before `SUNG_SPACING_PENALTY` pulls it up: Bach's altos and tenors lie more than 9 semitones
under the voice above at 4% of the sixteenths both sound."""

SUNG_SPACING_PENALTY = 0.5
"""Log-odds taken per semitone an inner voice of a sung ensemble lies beyond
`SUNG_SPACING_SEMITONES` below the lowest pitch the voice above it sounds at the note's
onset: a choir's upper three voices keep within a sixth or so of each other, as the textbook
rule (within an octave) and Bach's chorales do. Once the voices kept off each other's pitch
(`SUNG_UNISON_PENALTY`) the lower ones sank, the alto 3 semitones under Bach's (62.3 against
65.5, the Markov chain 66.4) and 10 semitones or more under the soprano at 19% of the
sixteenths (Bach 4%). With this at 0.5 and the soprano's range up to C6 (30 songs, seeds 0,
30 and 60): the alto at 64.0, 63.2 and 63.2, the soprano on its commonest pitch at 43%, 39%
and 43% of its onsets, 27, 28 and 26 of 30 heard in their key. At 1.0, 64.0, 63.5 and 63.6,
but 27, 26 and 23 in key; without it, 63.1, 62.3 and 62.6 (27, 29 and 27)."""


INSTRUMENT_STEP_BONUS = 1.0
"""The step pull for the voices of an instrumental ensemble (a string quartet, a piano's two
hands): instruments leap and arpeggiate where singers step. Held-out Haydn and Mozart quartets
step 48% of the time; new quartets at `STEP_BONUS` stepped 75% (the Markov chain 61%). Once the
parts had home registers and bowed strings leapt freely by octaves (`BOWED_OCTAVE_LEAP_PENALTY`),
0.7 left them at 37% and 35% (30 songs, seeds 0 and 30; the chain 58%); 0.9 gave 42%, 1.0 46%
and 43%, 1.1 48% and 46%, but at 1.1 only 27 of 30 quartets were heard in their key in both
draws (1.0: 30 and 28 of 30; 0.7: 30 and 29). At 1.0 the piano's hands step 48% (42% at 0.7)."""


INSTRUMENT_OCTAVE_LEAP_PENALTY = 0.5
"""What a leap of more than an octave costs a voice of an instrumental ensemble that is not
all bowed strings (a piano's two hands): little."""

BOWED_RETURN_BONUS = -1.0
"""Added to the pitch a voice of an ensemble of bowed strings (a string quartet) sounded two
notes before, gone back to. New quartets' four parts went back so at 14-19% of their onsets,
the 49 training quartets' at 8-13% and the two held-out ones' at 11-14% (`--presets
string-quartet`, seeds 0 and 30, 30 songs each): the inner parts rocked between two
neighbours. At -1.0, 8-13%, the second violin and viola on their commonest pitch at 31-35% of
their onsets (36-37% before; training 26-28%) and 57 of 60 songs in their key (54). At -2.0,
6-9%. Repeated notes are left alone: the held-out inner parts repeat 14-18% of their onsets
but the training quartets' 25-32%, as new ones do (22-29%)."""

BOWED_TOP_REPEAT_BONUS = 0.5
"""Added to the previous pitch of the top part of an ensemble of bowed strings (a quartet's
first violin), sounded again. Once that part was no longer pulled to the tonic
(`engine.compose.decode._leans_to_tonic`) it repeated 9-11% of its onsets, where the two
held-out quartets' first violins repeat 15% and the Markov chain's 11-13%. With this, 14-16%
over four draws of 30 (`--songs 30 --presets string-quartet`, seeds 0, 30, 60 and 90), its
commonest pitch no more often (20-21%). At 0 the part is left to the model, as the inner parts
are (`BOWED_RETURN_BONUS`)."""

BOWED_OCTAVE_LEAP_PENALTY = -0.75
"""What a leap of more than an octave costs a voice of an ensemble of bowed strings (a string
quartet): nothing, and a little is given. Violins and cellos leap across their strings by
octaves and tenths where singers do not, and the model itself seldom leaps that far: the two
held-out quartets leap over an octave 1.9 and 2.3 times per 100 moves. New quartets (`--songs
30 --presets string-quartet`, seeds 0 and 30): 1.1 and 0.6 per 100 at 0.5, the second below
the Markov chain's 1.1; 1.4 at -0.25 (seed 30); 2.1 and 1.6 at -0.5. Steps (42-44%), crossing
(3-5%), parallels (1.1-1.2 per 100) and the parts' ranges do not move. Once the parts had home
registers (`engine.compose.register.HOME_FREE_SEMITONES`) -0.5 gave 1.4 and 1.9, the first at
the 1.5x edge of the human figure; -0.75 gives 1.9 and 2.6, with steps 38% and 37% (seed 0
at -0.5: 39%)."""


BAND_PARALLEL_PENALTY = 5.0
"""Log-odds taken from a parallel fifth or octave between two parts of a band (lead, keys or
guitar, bass): less than an ensemble's rule, since a band doubles its roots freely, but
enough that its parts do not move in lockstep. New pop, ballad, latin and jazz songs (10
each) had 2.9, 6.7, 7.4 and 3.8 parallels per 100 joint moves; at 5, 0.0, 1.7, 4.4 and 1.9
(at 3, weighing every part by its top note: 0.7, 2.6, 6.1 and 4.9)."""

COMPING_STEP_BONUS = 1.0
"""The step pull for a band's chords, from the nearest note of the chord before (`chord`):
a keyboard player or guitarist moves to the next chord the shortest way. The chords' top
line stepped 8-16% of the time without it."""


HARMONY_BONUS = 4.0
"""Log-odds added, for an ensemble voice's note on a beat, to each pitch class that keeps what
the other voices sound there one chord (`engine.compose.leans.harmony_tones`). Bach's chorales
sound one triad or seventh chord on 89% of the beats where three or more voices sound, the
two held-out quartets on 96%; new chorales did on 45%, new quartets on 62-65%, for each voice
was written by its own steps and repeats with no ear for the chord
(`benchmarks.musicality_measures.chord_beats`). `python -m benchmarks.musicality --songs 30
--presets chorale,string-quartet --seed S`, S = 0 and 30, against 0.0 in the same conditions:
chorales 81-82% (quartets 89-90%); steps 77-79% -> 72-74% of the chorales' moves (Bach 78%);
heard in their key 55 -> 50 of 60 chorales (Bach's own 65%) and 54 -> 51 of 60 quartets. At
3.0, 78-79% and 87%, in their key no more often; off the beats as well, steps 73% and no more
chords: off the beat Bach passes between chord tones (73% of his off-beat notes are one), so
those notes stay the model's. Most of the gain is the bass's, written against the three voices
above it: with the pull on the inner voices alone, new chorales made 58-59%."""


Reach = tuple[tuple[int, float], ...]
"""How far a pull reaches from a voice's previous pitch: (semitones, weight) pairs, nearest
first; a pitch takes the weight of the first pair whose distance it is within, and a pitch
beyond the last pair weight 0. Empty: the same weight, 1, at every distance."""
SUNG_HARMONY_REACH: Reach = ((2, 1.25), (4, 1.0))
"""How the chord's pull (`HARMONY_BONUS`) weighs a choir's upper voice's notes by their
distance from its last one: a chord tone within a step more than one a third away, and one a
leap away not at all. Pulled the same at every distance, new chorales' voices reached for a
chord tone a leap away where Bach's step to another: 73% of their moves were steps (Bach's
78%, the Markov chain's 78%), the tenor's 75% (Bach's 83%). New chorales, seeds 0-99 (a
one-off script over `benchmarks.musicality_measures`), with this reach and the bass's below:
steps 73% -> 78%, beats sounding one chord 82% -> 81% (Bach 89%), heard in their key 83 of
100 either way, the soprano's repeated notes 19% -> 20% (Bach 19%); seeds 0-39, tenor 75% ->
83% and bass 52% -> 62% (Bach 61%). Tried (seeds 0-39): the upper voices cut at a fourth,
tenor 77%; a third with no more weight for a step, steps 77% and chords 80%; a repeat weighed
1, not 1.25, chords 80% and repeats 19% (seeds 0-99)."""
SUNG_BASS_HARMONY_REACH: Reach = ((2, 1.5), (5, 1.0), (24, 0.5))
"""The same for a choir's bass: a chord tone a step away the most, one up to a fourth away as
much as before, one further half as much. The bass is written last, against three voices, so
the pull decides much of its line: new chorales' basses stepped in 62% of their moves without
the pull (Bach's 61%) and 52% with it at every distance. Cut at a fourth instead of halved
beyond it (seeds 0-39): 56% and chords 80%."""


@dataclass(frozen=True)
class VoiceLeading:
    """For one voice of an ensemble: its last note before the bar (step from the bar's start,
    pitch), and each other voice's notes as (start step, end step, pitch) from the bar before
    to this one's end. The sampler pulls each new pitch away from parallel perfect intervals
    with any of them and toward a step from the voice's previous note: by `step_bonus` when
    given, else `STEP_BONUS` in an ensemble and `LINE_STEP_BONUS` for a single line."""

    previous: tuple[int, int] | None
    others: tuple[tuple[tuple[int, int, int], ...], ...]
    step_bonus: float | None = None
    parallel_penalty: float = PARALLEL_PENALTY
    """Taken from a pitch moving in parallel perfect intervals with another part: an
    ensemble's `PARALLEL_PENALTY`, or a band's `BAND_PARALLEL_PENALTY`."""
    octave_leap_penalty: float = OCTAVE_LEAP_PENALTY
    """Taken from a leap of more than an octave: `OCTAVE_LEAP_PENALTY`, or an instrumental
    ensemble's `INSTRUMENT_OCTAVE_LEAP_PENALTY` (`BOWED_OCTAVE_LEAP_PENALTY` for strings)."""
    unison_penalty: float = 0.0
    """Taken from the pitch another part sounds at the note's onset: a sung ensemble's voices
    keep apart (`SUNG_UNISON_PENALTY`); nothing for any other part."""
    spacing_penalty: float = 0.0
    """Taken per semitone a pitch lies more than `SUNG_SPACING_SEMITONES` below the voice
    directly above (the nearest of `others` that is `above`): a sung ensemble's inner voices
    (`SUNG_SPACING_PENALTY`); nothing for any other part."""
    repeat_bonus: float = 0.0
    """Added to the voice's previous pitch, sounded again: a sung ensemble's upper voices keep
    their common tones (`SUNG_REPEAT_BONUS`) and its bass moves on (`SUNG_BASS_REPEAT_BONUS`,
    below zero); a quartet's first violin and a running line a little
    (`BOWED_TOP_REPEAT_BONUS`, `RUNNING_LINE_REPEAT_BONUS`); nothing for any other part."""
    return_bonus: float = 0.0
    """Added to the pitch the voice sounded two notes before, gone back to: a walking bass
    goes on (`engine.compose.leans.WALK_RETURN_BONUS`, below zero); nothing for any other
    part."""
    offbeat_repeat_bonus: float | None = None
    """Added to the voice's previous pitch sounded again off the beat, in place of
    `repeat_bonus`: a running line and a choir's upper voices keep their repeats on the beat
    (`RUNNING_LINE_OFFBEAT_REPEAT_BONUS`, `SUNG_OFFBEAT_REPEAT_BONUS`); None: as on the beat."""
    above: tuple[bool, ...] = ()
    """For each of `others`, whether it is the higher part of the two. A pair of parts is heard
    as the upper one's highest note against the lower one's lowest, so a part below another
    is weighed by its top note and a part above by its bottom note, the first pitch written
    at an onset (pitches at one onset are written low to high). Missing: every other part is
    taken as below."""
    harmony_bonus: float = 0.0
    """Added, for a note on a beat, to each pitch class that keeps what the other voices sound
    there one chord (`engine.compose.leans.harmony_tones`): an ensemble's voices
    (`HARMONY_BONUS`); nothing for any other part."""
    harmony_reach: Reach = ()
    """How `harmony_bonus` is weighed by a pitch's distance from the voice's previous one
    (`Reach`): a choir's voices reach for a chord tone by step (`SUNG_HARMONY_REACH`,
    `SUNG_BASS_HARMONY_REACH`); empty for any other part."""
    harmony_key: frozenset[int] | None = None
    """The key's tones a chord completed by `harmony_bonus` keeps to (a minor key's leading tone
    among them, for its dominant); None: any chord."""
    chord: tuple[int, ...] = ()
    """For a part that plays chords (a band's keys or guitar): the pitches of its last onset
    before the bar. The first (lowest) pitch of each onset, the one the pull weighs, then
    leans to a step or a common tone from the nearest of the chord's notes, the shortest way
    from one voicing to the next, rather than to a step from the chord's top note."""

    @property
    def step(self) -> float:
        if self.step_bonus is not None:
            return self.step_bonus
        return STEP_BONUS if self.others else LINE_STEP_BONUS


def sounding_pitch(
    notes: Sequence[tuple[int, int, int]], step: int, highest: bool = True
) -> int | None:
    pitches = [pitch for start, end, pitch in notes if start <= step < end]
    if not pitches:
        return None
    return max(pitches) if highest else min(pitches)
