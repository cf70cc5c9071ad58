"""Sound: timbres, rendering a song to audio, playback through the sound card, recording.

- `timbre`: the timbre model (generate, lock, nudge a track's sound) and its denoiser;
  `timbre_space` the operations on timbres; `sampler` the denoiser's samplers;
  `note_frames`: a note's sampled frames to audio (no model: any thread).
- `soundfont`: the standard General MIDI sound set, FluidSynth playing the installed SoundFont.
- `synth`: harmonic-plus-noise synthesis of the model's controls; `audition`: a short phrase
  to hear a timbre by.
- `render`: a Song through its timbres, mixed and limited block by block; `song_mix` the
  notes scheduled and mixed over any stretch of samples (`SongMix`, shared with playback),
  `note_cache` the notes it mixes, `limiter` the master limiter, `audio_files` the WAV, FLAC,
  MP3 or OGG written;
  `space` each track's stereo width and reverb send (defaults by instrument family,
  `engine.song.stage`) and
  `reverb` the one shared room they send to.
- `playback`: play, pause, seek and loop through the sound card (`playback_feed`: what its
  worker mixes for the ring, and the stream settings and resampler the live synth shares);
  `recording`: the microphone;
  `device`: opening and closing the sound card's streams, each with a time limit.
"""

__all__ = [
    "audio_files",
    "audition",
    "device",
    "limiter",
    "note_cache",
    "note_frames",
    "playback",
    "playback_feed",
    "recording",
    "render",
    "reverb",
    "sampler",
    "song_mix",
    "soundfont",
    "space",
    "synth",
    "timbre",
    "timbre_space",
]
