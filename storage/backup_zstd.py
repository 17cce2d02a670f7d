"""Streaming zstd compression of backup files, hashing what passes through.

Python 3.14 ships ``compression.zstd``; older versions use the ``backports.zstd`` package with
the same interface. Files are read and written in chunks, so a 1 GB book never sits in memory.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

CHUNK = 1 << 20  # 1 MiB
OUT_LIMIT = 8 * CHUNK
#: Level 3 and two worker threads (measured on a 2-core laptop by tests/benchmarks/
#: bench_backup.py): the 100,000-customer book compresses ~4x in a fraction of the copy time.
LEVEL = 3
WORKERS = min(2, os.cpu_count() or 1)

#: (bytes done, bytes in all)
ByteProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class Streamed:
    """What passed through: sizes and sha256 of the plain and the compressed bytes."""

    plain_size: int
    plain_sha256: str
    stored_size: int
    stored_sha256: str


class DecompressError(Exception):
    """The compressed file is cut short or its bytes are damaged."""


def compress_file(source: Path, target: Path, progress: ByteProgress | None = None) -> Streamed:
    """Compress ``source`` into the existing, empty ``target`` and sync it."""
    compressor = zstd.ZstdCompressor(options={
        zstd.CompressionParameter.compression_level: LEVEL,
        zstd.CompressionParameter.nb_workers: WORKERS if WORKERS > 1 else 0,
        zstd.CompressionParameter.checksum_flag: 1,
    })
    plain_hash, stored_hash = hashlib.sha256(), hashlib.sha256()
    total = source.stat().st_size
    done = stored = 0
    with source.open("rb") as reader, target.open("r+b") as writer:
        while chunk := reader.read(CHUNK):
            plain_hash.update(chunk)
            done += len(chunk)
            out = compressor.compress(chunk)
            if out:
                stored_hash.update(out)
                writer.write(out)
                stored += len(out)
            if progress is not None:
                progress(done, total)
        out = compressor.flush()
        stored_hash.update(out)
        writer.write(out)
        stored += len(out)
        writer.truncate()
        writer.flush()
        os.fsync(writer.fileno())
    return Streamed(done, plain_hash.hexdigest(), stored, stored_hash.hexdigest())


def decompress_file(source: Path, target: Path | None,
                    progress: ByteProgress | None = None) -> Streamed:
    """Decompress ``source`` into the existing, empty ``target`` (None: only hash what comes
    out); DecompressError if it is damaged or cut short."""
    decompressor = zstd.ZstdDecompressor()
    plain_hash, stored_hash = hashlib.sha256(), hashlib.sha256()
    total = source.stat().st_size
    done = plain = 0
    try:
        with source.open("rb") as reader, \
                (target.open("r+b") if target is not None else io.BytesIO()) as writer:
            while chunk := reader.read(CHUNK):
                stored_hash.update(chunk)
                done += len(chunk)
                if decompressor.eof:
                    raise DecompressError("data after the end of the compressed frame")
                # Bounded output per call: a run of empty pages inflates a hundredfold.
                out = decompressor.decompress(chunk, max_length=OUT_LIMIT)
                while True:
                    plain_hash.update(out)
                    if target is not None:
                        writer.write(out)
                    plain += len(out)
                    if decompressor.needs_input or decompressor.eof:
                        break
                    out = decompressor.decompress(b"", max_length=OUT_LIMIT)
                if progress is not None:
                    progress(done, total)
            writer.truncate()
    except zstd.ZstdError as error:
        raise DecompressError(str(error)) from error
    if not decompressor.eof:
        raise DecompressError("the compressed file is cut short")
    return Streamed(plain, plain_hash.hexdigest(), done, stored_hash.hexdigest())
