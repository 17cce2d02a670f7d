"""The command line: the same operations as the desktop application, headless and scriptable."""
