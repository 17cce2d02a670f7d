"""The command line's own error type, in a module of its own so commands can import it
without importing the dispatcher that imports them."""

from __future__ import annotations


class UserError(Exception):
    """A failure the user can fix; printed as one line, exit code 1."""
