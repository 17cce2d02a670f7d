"""Which text encoding a CSV file is in, or a refusal naming the best guesses.

GB18030 decodes almost any byte sequence, so "it decodes" proves nothing for a file that is
not UTF-8: a Shift_JIS or Big5 file read as GB18030 gives mojibake without an error. After the
byte-order mark and strict UTF-8, charset-normalizer (a maintained detector that scores each
candidate by how chaotic its decoded text is and which language it reads as) ranks the East
Asian and Western code pages on a sample; a winner that is not clearly ahead is refused.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storage.importer.file_errors import (
    EncodingBrokenError,
    EncodingNoneError,
    EncodingUnknownError,
)

SAMPLE_BYTES = 512 * 1024
_CHUNK = 1 << 20
#: What a CSV from a Chinese, Japanese, Korean or Western machine is written in, when it is
#: not UTF-8.
CANDIDATES = ("gb18030", "big5", "shift_jis", "euc_jp", "euc_kr", "cp1252")
#: The detector's names -> the codec to read with (Windows' supersets of the standards, as
#: Excel and WPS write them).
_READ_AS = {"shift_jis": "cp932", "big5": "cp950", "euc_kr": "cp949", "gb2312": "gb18030",
            "gbk": "gb18030"}
_LABELS = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "gb18030": "GB18030/GBK", "big5": "Big5",
           "shift_jis": "Shift_JIS", "euc_jp": "EUC-JP", "euc_kr": "EUC-KR",
           "cp1252": "Windows-1252", "utf-8": "UTF-8", "cp932": "Shift_JIS", "cp950": "Big5",
           "cp949": "EUC-KR"}
#: A runner-up within this much chaos of the best (0 clean, 1 noise) makes the file
#: undecidable.
MARGIN = 0.05
#: The best guess must read at least this cleanly.
MAX_CHAOS = 0.25


@dataclass(frozen=True)
class Guess:
    encoding: str
    chaos: float
    language: str
    text: str = field(repr=False, compare=False)


def detect_encoding(path: Path, judge: Callable[[str], int] | None = None) -> str:
    """The codec to read ``path`` with; raises EncodingUnknownError with the three best
    guesses when the bytes do not say clearly (EncodingNoneError when no encoding reads them
    cleanly, EncodingBrokenError when part of the file is not in the encoding it is in).

    ``judge`` scores a decoded sample (how many known column names its header row holds):
    a short file gives the detector too little text to tell GB18030 from EUC-KR, but only
    one of them reads "客户编号" in the header."""
    with path.open("rb") as handle:
        head = handle.read(4)
    marked = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-16" if head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else None
    if marked is not None:  # a byte-order mark says which; the bytes after it must agree
        if _decodes(path, marked):
            return marked
        raise EncodingBrokenError(str(path), encoding=encoding_label(marked))
    if _decodes(path, "utf-8"):
        return "utf-8"
    guesses = rank(_sample(path))
    if not guesses or guesses[0].chaos > MAX_CHAOS:
        known = ", ".join(encoding_label(c) for c in CANDIDATES)
        raise EncodingNoneError(str(path), guesses=known)
    best = _decide(guesses, judge)
    if best is None:
        raise EncodingUnknownError(str(path), guesses=_named(guesses))
    encoding = _READ_AS.get(best.encoding, best.encoding)
    if not _decodes(path, encoding):  # the sample was clean, the rest is not
        raise EncodingBrokenError(str(path), encoding=encoding_label(best.encoding))
    return encoding


def _decide(guesses: list[Guess], judge: Callable[[str], int] | None) -> Guess | None:
    """The clearly best guess, or None."""
    if not guesses or guesses[0].chaos > MAX_CHAOS:
        return None
    close = [g for g in guesses if g.chaos - guesses[0].chaos < MARGIN]
    if len(close) == 1:
        return close[0]
    if judge is None:
        return None
    scores = [judge(g.text) for g in close]
    top = max(scores)
    if top > 0 and scores.count(top) == 1:
        return close[scores.index(top)]
    return None


def rank(sample: bytes) -> list[Guess]:
    """The candidates that decode ``sample``, cleanest first; encodings that read it as the
    very same text count once."""
    from charset_normalizer import from_bytes

    results = from_bytes(sample, cp_isolation=list(CANDIDATES), explain=False)
    guesses: list[Guess] = []
    texts: set[str] = set()
    for match in sorted(results, key=lambda m: (m.chaos, -m.coherence)):
        text = str(match)
        if text in texts:
            continue
        texts.add(text)
        guesses.append(Guess(match.encoding, round(match.chaos, 3), match.language, text))
    return guesses


def _named(guesses: list[Guess]) -> str:
    """The three best guesses by their encodings' names (which say the script: GB18030/GBK,
    Big5, Shift_JIS ...); the detector's language words are English only."""
    return ", ".join(encoding_label(g.encoding) for g in guesses[:3])


def encoding_label(encoding: str | None) -> str:
    """The name a user knows an encoding by (Shift_JIS for the cp932 it is read with)."""
    return _LABELS.get(encoding or "", encoding or "?")



def _sample(path: Path) -> bytes:
    """The first SAMPLE_BYTES, cut at the last line break so no character is split."""
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
        more = bool(handle.read(1))
    if more:
        cut = sample.rfind(b"\n")
        if cut > 0:
            sample = sample[:cut + 1]
    return sample


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
