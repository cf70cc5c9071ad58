"""The arrangement grid: tracks x bars, where cells are selected, locked and regenerated.

`view` is the widget; `geometry` where everything is drawn and hit, `selection` what is
selected, `render` and `paint` how a frame is drawn.
"""

__all__ = ["geometry", "paint", "render", "selection", "view"]
