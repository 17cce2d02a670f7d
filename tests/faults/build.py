"""Compile the fault shim (fault_shim.c) into a shared library, or say why it cannot be."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

SOURCE = Path(__file__).with_name("fault_shim.c")


class ShimUnavailable(Exception):
    """The shim cannot be built or used here (the reason is the message)."""


def build_shim(folder: Path) -> Path:
    """``cc -shared -fPIC -O2 -o folder/fault_shim.so fault_shim.c -ldl``; the library's path."""
    if not sys.platform.startswith("linux"):
        raise ShimUnavailable(f"the fault shim needs Linux (LD_PRELOAD, /proc), not {sys.platform}")
    compiler = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if compiler is None:
        raise ShimUnavailable("no C compiler (cc, gcc or clang) to build the fault shim")
    target = folder / "fault_shim.so"
    done = subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-o", str(target), str(SOURCE),
                           "-ldl"], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise ShimUnavailable(f"the fault shim did not compile: {done.stderr.strip()[:500]}")
    return target
