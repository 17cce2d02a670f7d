"""The desktop window: everything here may import Qt; ui/cli never imports from here except lazily
(screenshot, chart)."""
