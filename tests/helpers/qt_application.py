"""A Qt application for the whole run before any command runs in a test's process.

A command that reads or writes a video through Qt Multimedia makes a QCoreApplication when
none exists (the command line needs no window system). In a test run, widget tests come later
in the same process, and Qt aborts the process if a widget is made under a QCoreApplication,
so a conftest that runs such commands uses this autouse fixture to make the run's one
application first, as pytest-qt's QApplication."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def one_application_for_widgets_too(qapp: QApplication) -> None:
    assert QApplication.instance() is qapp
