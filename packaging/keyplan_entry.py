"""Entry point of the frozen build: main.py's behaviour, plus the app's own child processes."""

from __future__ import annotations

import sys

#: Modules the app starts as ``sys.executable -m MODULE ...``; frozen, ``sys.executable`` is
#: this program, so it runs them itself instead of parsing ``-m`` as a KeyPlan option.
CHILD_MODULES = ("ui.gui.background.rescore_process", "storage.sheet_process")


def frozen_main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "-m" and argv[1] in CHILD_MODULES:
        if argv[1] == "storage.sheet_process":
            from storage import sheet_process

            return sheet_process.main(argv[2:])
        from ui.gui.background import rescore_process

        return rescore_process.main(argv[2:])
    from main import main

    return main(argv)


if __name__ == "__main__":
    sys.exit(frozen_main(sys.argv[1:]))
