"""Run every benchmark: ``python -m tests.benchmarks`` (or ``python3 dev.py bench``)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    wanted = sys.argv[1:] or names
    for name in names:
        if name in wanted or name.removeprefix("bench_") in wanted:
            sys.argv = [name]
            importlib.import_module(f"tests.benchmarks.{name}").main()
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
