"""KeyPlan's one import name in site-packages.

The checkout keeps the design card's folders at its top (``models/``, ``storage/``, ``ui/``,
``resources/``); the wheel installs them *inside* this package (``keyplan/models`` and so on,
mapped by setuptools' ``package-dir``), so installing KeyPlan adds ``keyplan`` and nothing
named ``models``, ``storage`` or ``ui`` that another distribution could overwrite or shadow.
The code imports its folders by their own names; :func:`run` puts the folder that holds them
first on ``sys.path`` of KeyPlan's own process before anything is imported.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
#: The folder holding models/, storage/, ui/ and resources/: this package's own folder once
#: installed, the checkout's top for an editable install (this file is packaging/keyplan/).
HOME = _HERE if (_HERE / "ui").is_dir() else _HERE.parents[1]


def use_home() -> Path:
    """Make KeyPlan's folders importable in this process (first on the path)."""
    home = str(HOME)
    if home not in sys.path:
        sys.path.insert(0, home)
    return HOME


def run(argv: list[str] | None = None) -> int:
    """The ``keyplan`` console script: no arguments open the window, a subcommand runs it."""
    use_home()
    from ui.cli.app import run as run_app

    return run_app(sys.argv[1:] if argv is None else argv)
