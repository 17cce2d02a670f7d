"""The customer workspace: ``from ui.gui.workspace import CustomerWorkspace, TAB_NAMES``.

See :mod:`ui.gui.workspace.workspace` for the entry points the main window uses. The names are
resolved on first use, so importing a submodule (e.g. the table model) stays light.
"""

from __future__ import annotations

from typing import Any

__all__ = ["TAB_NAMES", "CustomerWorkspace"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ui.gui.workspace import workspace

        return getattr(workspace, name)
    raise AttributeError(name)
