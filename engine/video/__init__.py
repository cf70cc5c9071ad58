"""Video for scoring: open and probe a video (`probe`), read its frames small for analysis and
thumbnails (the backend's `frames`), find its shot changes (`cuts`) and how busy its picture
is (`energy`), in one pass (`analysis`), and put a soundtrack into a copy of it (`mux`).
`synthetic` makes videos of coloured shots with known cuts, for the tests and the benchmark.

A backend the caller hands in reads and writes the files (`backend`): Qt Multimedia on every
install (`ui.video.qt_media`; the engine never imports Qt), or PyAV when its optional extra is
installed (`pyav_backend`, which copies the picture instead of re-encoding it). Both carry
their own FFmpeg, so no system FFmpeg is needed. `synthetic` makes its videos with PyAV.
"""
