"""The piano roll: one track's notes over a range of bars, edited with mouse and keys.

`view` is the widget; `opening` where it looks (it opens on the notes); `scene` what is
drawn, `lanes` the keyboard, ruler and velocity strips, `toolbar` the tools and snap,
`mouse_keys` Qt input turned into calls, `gestures` the drags, `names` what rows and notes
are called (note names, drum lanes, hover text), and `geometry` the pure maths of ticks,
pitches and pixels.
"""

__all__ = [
    "geometry",
    "gestures",
    "lanes",
    "mouse_keys",
    "names",
    "opening",
    "scene",
    "toolbar",
    "view",
]
