"""The Help menu's pages: a short guided tour of the window (`tour`) and the keyboard shortcuts
read from the window's own actions (`shortcuts`). About the models is in `ui.panels`.
"""

__all__ = ["shortcuts", "tour"]
