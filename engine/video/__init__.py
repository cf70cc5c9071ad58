"""Video for scoring: open and probe a video (`probe`), read its frames small for analysis and
thumbnails (`frames`), find its shot changes (`cuts`) and how busy its picture is (`energy`),
in one pass (`analysis`), and put a soundtrack into a copy of it (`mux`). `synthetic` makes
videos of coloured shots with known cuts, for the tests and the benchmark.

PyAV reads and writes the files; its wheel carries FFmpeg, so no system FFmpeg is needed. The
picture is never re-encoded when a soundtrack is muxed in (its packets are copied), and audio
is encoded with FFmpeg's own AAC encoder.
"""
