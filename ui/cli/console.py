"""Console output that cannot fail on a character the console's encoding lacks (GBK, cp1252)."""

from __future__ import annotations

import codecs
import io
import sys

#: Encodings that can write every character: streams in one of them are left as they are.
UNIVERSAL_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                 "utf-32", "utf-32-le", "utf-32-be"})


def make_console_safe() -> None:
    """Let stdout and stderr replace what their encoding cannot write instead of raising.

    A Windows console in the Chinese locale writes cp936 (GBK), which lacks characters such as
    𠮷 or emoji that a customer's name may hold; printing one would end the command with a
    UnicodeEncodeError. stdout then writes "?" in its place, stderr keeps Python's escapes
    (``\\U00020bb7``). UTF-8 streams, and streams that already do not raise, stay unchanged.
    """
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        if not isinstance(stream, io.TextIOWrapper) or stream.errors != "strict":
            continue
        try:
            encoding = codecs.lookup(stream.encoding).name
        except LookupError:
            encoding = ""
        if encoding not in UNIVERSAL_ENCODINGS:
            stream.reconfigure(errors=errors)
