"""Scoring a video in the window: File → Score a Video… (`actions`), and the thumbnail strip
with its cut markers above the grid, aligned with the bars (`strip`)."""
