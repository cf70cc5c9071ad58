"""The run's Qt application is made before any command here runs (see the helper's notes)."""

from tests.helpers.qt_application import one_application_for_widgets_too

__all__ = ["one_application_for_widgets_too"]
