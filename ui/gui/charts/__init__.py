"""Charts: plain functions from data to a matplotlib Figure (no widgets, no pyplot), used by
the dashboard, the customer workspace and the ``chart`` command."""
