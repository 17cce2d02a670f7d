"""The change packet file, format 1: what one device sends, encrypted, in one immutable file.

A packet file (``NNNNNN.kpk``) is::

    b"KPK1"  nonce (12 bytes)  AES-256-GCM ciphertext (with its 16-byte tag)

The associated data of the encryption is ``keyplan-packet/1/<device>/<number>``: a packet
renamed to another number or device fails its check. The plaintext is zstd-compressed UTF-8
JSON lines. The first line is the header::

    {"kind": "keyplan-sync-packet", "format": 1, "device": "<uuid>", "number": 7,
     "made": "<hlc>", "schema": 17, "ops": 2, "sha256": "<hex of the lines after this one>"}

``schema`` is the number of migrations of the book that wrote it (a book that knows fewer
waits for its update instead of dropping what it does not know); ``sha256`` is a checksum
of the operations' bytes, checked after decryption. Each further line is one operation:

* ``{"o": "put", "t": TABLE, "id": ID, "r": {COLUMN: VALUE, ...}, "c": {FIELD: HLC, ...}}``:
  a whole record (a new one, or one written in bulk); ``c`` holds the clocks of the fields
  written since it was made (the others have the clock of its ``created_at``). Link fields
  travel as lists: an interaction's ``contact_ids``, a plan's ``need_ids``.
* ``{"o": "set", "t": TABLE, "id": ID, "h": HLC, "f": {FIELD: [NEW, OLD], ...},
  "cid": CHANGE ID, "at": UTC, "u": USER, "d": DEVICE NAME}``: fields of one record
  written by one change, each with the value it replaced. ``deleted_at`` set is a delete
  (a tombstone), cleared a restore. ``t`` may be ``settings`` (``id`` is the key, the
  field ``value``).

Values are the columns' SQLite values (text, numbers, NULL); JSON columns stay text.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

MAGIC = b"KPK1"
FORMAT = 1
KIND = "keyplan-sync-packet"
NONCE_BYTES = 12
LEVEL = 3
#: An authentic packet never decompresses beyond this (a damaged length field could ask
#: for any amount of memory).
MAX_PLAIN_BYTES = 1 << 31

Op = dict[str, Any]


class PacketError(Exception):
    """A packet that cannot be read: damaged, cut short, of another team, or not a packet."""


@dataclass(frozen=True)
class Header:
    device: str
    number: int
    made: str
    schema: int
    ops: int


def associated_data(device: str, number: int) -> bytes:
    return f"keyplan-packet/{FORMAT}/{device}/{number}".encode("ascii")


def encode(key: bytes, header: Header, ops: list[Op]) -> bytes:
    """The bytes of a packet file holding ``ops``."""
    body = "\n".join(json.dumps(op, ensure_ascii=False, separators=(",", ":")) for op in ops)
    body_bytes = body.encode("utf-8")
    head = {"kind": KIND, "format": FORMAT, "device": header.device, "number": header.number,
            "made": header.made, "schema": header.schema, "ops": len(ops),
            "sha256": hashlib.sha256(body_bytes).hexdigest()}
    plain = json.dumps(head, separators=(",", ":")).encode("utf-8") + b"\n" + body_bytes
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, zstd.compress(plain, LEVEL),
                                 associated_data(header.device, header.number))
    return MAGIC + nonce + sealed


def decode(key: bytes, device: str, number: int, data: bytes) -> tuple[Header, list[Op]]:
    """The header and operations of the packet file ``number`` of ``device``; PacketError
    when it is not whole, not authentic, or not this packet."""
    if len(data) < len(MAGIC) + NONCE_BYTES + 16 or not data.startswith(MAGIC):
        raise PacketError("not a KeyPlan packet, or cut short")
    nonce = data[len(MAGIC):len(MAGIC) + NONCE_BYTES]
    try:
        compressed = AESGCM(key).decrypt(nonce, data[len(MAGIC) + NONCE_BYTES:],
                                         associated_data(device, number))
    except InvalidTag as error:
        raise PacketError("its check failed: damaged, cut short, renamed, or sealed with "
                          "another team key") from error
    try:
        plain = zstd.decompress(compressed)
    except zstd.ZstdError as error:
        raise PacketError(f"its contents do not decompress: {error}") from error
    if len(plain) > MAX_PLAIN_BYTES:
        raise PacketError("its contents are too large")
    head_bytes, _, body = plain.partition(b"\n")
    try:
        head = json.loads(head_bytes)
        if head.get("kind") != KIND or head.get("format") != FORMAT:
            raise PacketError(f"format {head.get('format')!r} is not {FORMAT}")
        if head.get("device") != device or head.get("number") != number:
            raise PacketError("its header names another device or number")
        if hashlib.sha256(body).hexdigest() != head.get("sha256"):
            raise PacketError("its checksum does not match its contents")
        # One parse of all lines as an array: lines hold no raw line breaks (JSON escapes
        # them), and one call is twice as fast as one per line.
        ops = json.loads(b"[" + body.replace(b"\n", b",") + b"]") if body else []
        if len(ops) != head.get("ops") or not all(isinstance(op, dict) for op in ops):
            raise PacketError("it does not hold the operations its header counts")
        return Header(device=device, number=number, made=str(head["made"]),
                      schema=int(head["schema"]), ops=len(ops)), ops
    except (ValueError, KeyError, TypeError) as error:
        raise PacketError(f"its contents are not readable: {error}") from error
