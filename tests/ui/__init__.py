"""Tests of the desktop UI: models without widgets, widgets driven with qtbot, offscreen."""
