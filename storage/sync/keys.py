"""The team key: 32 random bytes that encrypt and authenticate every packet, and the text a
person reads out or pastes to let another book join.

The text is the key in base32 (letters and the digits 2-7, no 0/1/8/9 to misread) followed by
four check characters, in groups of four: ``KP1-ABCD-EFGH-...``. A mistyped character is
caught when the key is entered, not later as packets that fail to open. The team id, shown
in the folder's ``team.json``, is derived from the key without revealing it, so a book with
another team's key is told so instead of refusing every packet.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

from storage.sync.errors import BadTeamKeyError

KEY_BYTES = 32
PREFIX = "KP1"
_CHECK_CHARS = 4
_GROUP = 4
#: Characters of a key's text after the prefix: the key in base32, then the check.
_TEXT_CHARS = -(-KEY_BYTES * 8 // 5) + _CHECK_CHARS
#: Characters people type for the base32 ones they resemble.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def key_text(key: bytes) -> str:
    """The key as a person copies it: ``KP1-`` and groups of four characters."""
    body = _b32(key) + _check(key)
    groups = [body[i:i + _GROUP] for i in range(0, len(body), _GROUP)]
    return "-".join([PREFIX, *groups])


def parse_key(text: str) -> bytes:
    """The key a text names; BadTeamKeyError when it is not one (case, spaces and dashes do
    not matter, nor 0 for O or 1 for I)."""
    cleaned = re.sub(r"[\s\-_.]", "", text.upper()).translate(_LOOKALIKES)
    prefix = PREFIX.translate(_LOOKALIKES)
    if len(cleaned) == len(prefix) + _TEXT_CHARS and cleaned.startswith(prefix):
        cleaned = cleaned[len(prefix):]
    body, check = cleaned[:-_CHECK_CHARS], cleaned[-_CHECK_CHARS:]
    try:
        key = base64.b32decode(body + "=" * (-len(body) % 8))
    except ValueError as error:
        raise BadTeamKeyError() from error
    # The key's last character carries one bit and four unused ones, which base32 decoding
    # ignores: a mistyped last character (A for B) must not read as the same key.
    if len(key) != KEY_BYTES or _b32(key) != body \
            or not hmac.compare_digest(_check(key), check):
        raise BadTeamKeyError()
    return key


def team_id(key: bytes) -> str:
    """A name of the team that reveals nothing of its key (16 hex digits)."""
    return hmac.new(key, b"keyplan team id", hashlib.sha256).hexdigest()[:16]


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _check(key: bytes) -> str:
    return _b32(hashlib.sha256(b"keyplan key check" + key).digest())[:_CHECK_CHARS]
