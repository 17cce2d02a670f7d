"""The change packet file, format 2: what one device sends, encrypted, in one immutable file.

A packet file (``NNNNNN.kpk``) is::

    b"KPK2"  key id (8 bytes)  key epoch (4 bytes, big-endian)  nonce (12 bytes)
    AES-256-GCM ciphertext (with its 16-byte tag)

The key id (:func:`storage.sync.identity.key_id`) names the team key that sealed it, without
revealing it: a team key is replaced when a member is removed (a new *epoch*), and a book
keeps every key it was given, so an old packet still opens with the old key. The associated
data of the encryption is ``keyplan-packet/2/<device>/<number>/<key id>/<epoch>``: a packet
renamed to another number or device, or relabelled with another key, fails its check.
Format 1 (``b"KPK1"  nonce  ciphertext``, associated data ``keyplan-packet/1/<device>/
<number>``), written before keys were replaced, is read as sealed with the team's first key.
The plaintext is zstd-compressed UTF-8 JSON lines. The first line is the header::

    {"kind": "keyplan-sync-packet", "format": 2, "device": "<uuid>", "number": 7,
     "made": "<hlc>", "schema": 17, "ops": 2, "epoch": 1, "kid": "<key id>",
     "sha256": "<hex of the lines after this one>"}

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
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from models.validation import tr_noop
from storage.sync.identity import key_id

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

MAGIC_1 = b"KPK1"
MAGIC = b"KPK2"
FORMAT = 2
KIND = "keyplan-sync-packet"
NONCE_BYTES = 12
KID_BYTES = 8
LEVEL = 3
#: An authentic packet never decompresses beyond this (a damaged length field could ask
#: for any amount of memory).
MAX_PLAIN_BYTES = 1 << 31
_PREFIX = len(MAGIC) + KID_BYTES + 4

Op = dict[str, Any]

#: Why a packet is refused: the reasons a member reads in ``keyplan sync --status``
#: (storage/sync/state.py finds the template of a stored reason again to translate it).
NOT_A_PACKET = tr_noop("not a KeyPlan packet, or cut short")
CHECK_FAILED = tr_noop("its check failed: damaged, cut short, renamed, or sealed with another "
                       "team key")
NOT_DECOMPRESSED = tr_noop("its contents do not decompress: {error}")
TOO_LARGE = tr_noop("its contents are too large")
OTHER_FORMAT = tr_noop("format {found} is not {format}")
OTHER_PLACE = tr_noop("its header names another device or number")
BAD_CHECKSUM = tr_noop("its checksum does not match its contents")
WRONG_COUNT = tr_noop("it does not hold the operations its header counts")
UNREADABLE = tr_noop("its contents are not readable: {error}")
OTHER_KEY = tr_noop("it is sealed with another team key")


class PacketError(Exception):
    """A packet that cannot be read: damaged, cut short, of another team, or not a packet;
    or one its sender may no longer send (removed from the team). ``reason`` is an English
    template marked for translation, ``params`` fill it; ``str()`` is the English text."""

    def __init__(self, reason: str, **params: Any) -> None:
        self.reason = reason
        self.params = params
        super().__init__(reason.format(**params) if params else reason)


class KeyNotYetError(Exception):
    """A packet sealed with a team key this book has not received yet (the key that replaced
    the last one is on its way through the folder): read it again at the next sync."""


class Keys(Protocol):
    """The team keys a book holds (storage/sync/keyring.py)."""

    def sealing(self) -> tuple[bytes, str, int]:
        """The key new packets are sealed with, its id and its epoch."""
        ...

    def opening(self, device: str, number: int, kid: str | None) -> bytes:
        """The key of ``kid`` (None: the team's first key) for packet ``number`` of
        ``device``; PacketError when that packet must be refused, KeyNotYetError when the
        key has not arrived yet."""
        ...


class OneKey:
    """A single team key, as :class:`Keys`."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self.kid = key_id(key)

    def sealing(self) -> tuple[bytes, str, int]:
        return self.key, self.kid, 1

    def opening(self, device: str, number: int, kid: str | None) -> bytes:
        if kid is not None and kid != self.kid:
            raise PacketError(OTHER_KEY)
        return self.key


@dataclass(frozen=True)
class Header:
    device: str
    number: int
    made: str
    schema: int
    ops: int
    epoch: int = 1


def associated_data(device: str, number: int, kid: str | None = None, epoch: int = 1) -> bytes:
    if kid is None:
        return f"keyplan-packet/1/{device}/{number}".encode("ascii")
    return f"keyplan-packet/{FORMAT}/{device}/{number}/{kid}/{epoch}".encode("ascii")


def encode(keys: bytes | Keys, header: Header, ops: list[Op]) -> bytes:
    """The bytes of a packet file holding ``ops``, sealed with the team's current key."""
    key, kid, epoch = (OneKey(keys) if isinstance(keys, bytes) else keys).sealing()
    body = "\n".join(json.dumps(op, ensure_ascii=False, separators=(",", ":")) for op in ops)
    body_bytes = body.encode("utf-8")
    head = {"kind": KIND, "format": FORMAT, "device": header.device, "number": header.number,
            "made": header.made, "schema": header.schema, "ops": len(ops), "epoch": epoch,
            "kid": kid, "sha256": hashlib.sha256(body_bytes).hexdigest()}
    plain = json.dumps(head, separators=(",", ":")).encode("utf-8") + b"\n" + body_bytes
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, zstd.compress(plain, LEVEL),
                                 associated_data(header.device, header.number, kid, epoch))
    return MAGIC + bytes.fromhex(kid) + epoch.to_bytes(4, "big") + nonce + sealed


def sealed_with(data: bytes) -> tuple[str | None, int]:
    """The key id and epoch a packet's bytes say sealed it (None, 1: format 1, the team's
    first key); PacketError when they are not a packet."""
    if data.startswith(MAGIC_1) and len(data) >= len(MAGIC_1) + NONCE_BYTES + 16:
        return None, 1
    if not data.startswith(MAGIC) or len(data) < _PREFIX + NONCE_BYTES + 16:
        raise PacketError(NOT_A_PACKET)
    return (data[len(MAGIC):len(MAGIC) + KID_BYTES].hex(),
            int.from_bytes(data[len(MAGIC) + KID_BYTES:_PREFIX], "big"))


def decode(keys: bytes | Keys, device: str, number: int,
           data: bytes) -> tuple[Header, list[Op]]:
    """The header and operations of the packet file ``number`` of ``device``; PacketError
    when it is not whole, not authentic, or not this packet (or its sender was removed),
    KeyNotYetError when it is sealed with a key that has not reached this book yet."""
    kid, epoch = sealed_with(data)
    key = (OneKey(keys) if isinstance(keys, bytes) else keys).opening(device, number, kid)
    start = len(MAGIC_1) if kid is None else _PREFIX
    nonce = data[start:start + NONCE_BYTES]
    try:
        compressed = AESGCM(key).decrypt(nonce, data[start + NONCE_BYTES:],
                                         associated_data(device, number, kid, epoch))
    except InvalidTag as error:
        raise PacketError(CHECK_FAILED) from error
    try:
        plain = zstd.decompress(compressed)
    except zstd.ZstdError as error:
        raise PacketError(NOT_DECOMPRESSED, error=str(error)) from error
    if len(plain) > MAX_PLAIN_BYTES:
        raise PacketError(TOO_LARGE)
    head_bytes, _, body = plain.partition(b"\n")
    try:
        head = json.loads(head_bytes)
        expected = 1 if kid is None else FORMAT
        if head.get("kind") != KIND or head.get("format") != expected:
            raise PacketError(OTHER_FORMAT, found=repr(head.get("format")), format=expected)
        if head.get("device") != device or head.get("number") != number:
            raise PacketError(OTHER_PLACE)
        if hashlib.sha256(body).hexdigest() != head.get("sha256"):
            raise PacketError(BAD_CHECKSUM)
        # One parse of all lines as an array: lines hold no raw line breaks (JSON escapes
        # them), and one call is twice as fast as one per line.
        ops = json.loads(b"[" + body.replace(b"\n", b",") + b"]") if body else []
        if len(ops) != head.get("ops") or not all(isinstance(op, dict) for op in ops):
            raise PacketError(WRONG_COUNT)
        return Header(device=device, number=number, made=str(head["made"]),
                      schema=int(head["schema"]), ops=len(ops), epoch=epoch), ops
    except (ValueError, KeyError, TypeError) as error:
        raise PacketError(UNREADABLE, error=str(error)) from error
