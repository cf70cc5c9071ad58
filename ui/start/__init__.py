"""The start screen: describe a song in a sentence (what was understood shown as chips), pick a
style card with a short preview, open a file, hum a melody or reopen a recent project.
`launch` puts it in the window and decides when it shows; `preference` keeps whether it
shows at launch.
"""

__all__ = ["launch", "preference", "previews", "start_screen", "style_cards", "understood_chips"]
