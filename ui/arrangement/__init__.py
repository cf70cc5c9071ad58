"""The arrangement grid: tracks x bars, where cells are selected, locked and regenerated.

`view` is the widget; `geometry` where everything is drawn and hit, `selection` what is
selected, `render` and `paint` how a frame is drawn.

Above the grid, the section band shows the song's form: `section_band` is the widget (lined up
with the grid's columns), `section_geometry` where a section is drawn and hit and where a drag
lands, `section_paint` how it is drawn, `form_edits` the form edits it makes, and
`section_actions` (with `section_dialogs`) its menus: editing the form and composing a section.
"""

__all__ = [
    "form_edits",
    "geometry",
    "paint",
    "render",
    "section_actions",
    "section_band",
    "section_dialogs",
    "section_geometry",
    "section_paint",
    "selection",
    "view",
]
