"""The docked panels beside the grid: inspector, takes, tracks, timbre, live, originality,
transport, and About the models.
"""

__all__ = [
    "about_models",
    "inspector",
    "live",
    "originality",
    "style_box",
    "takes",
    "timbre",
    "tracks",
    "transport",
]
