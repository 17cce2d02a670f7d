"""A device's own keys: Ed25519 to sign what it writes into the team folder, X25519 to
receive a new team key; and the sealing of a team key for one member.

A team key is handed to a member by wrapping it for the member's X25519 public key: a fresh
(ephemeral) X25519 key pair agrees a secret with it, HKDF-SHA256 turns that secret into an
AES-256-GCM key, and the team key is sealed with it. Only the holder of the member's private
key can open it. The private keys never leave the book; the folder holds public keys only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

_WRAP_INFO = b"keyplan team key wrap/1"
_NONCE = 12


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object) -> bytes:
    """The bytes of a base64 text; ValueError when it is not one."""
    if not isinstance(text, str):
        raise ValueError("not a text")
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Identity:
    """A device's two private keys (raw bytes, 32 each)."""

    sign: bytes
    box: bytes

    @staticmethod
    def new() -> Identity:
        return Identity(
            sign=Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                            NoEncryption()),
            box=X25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                          NoEncryption()))

    @property
    def sign_public(self) -> str:
        return b64(Ed25519PrivateKey.from_private_bytes(self.sign).public_key()
                   .public_bytes(Encoding.Raw, PublicFormat.Raw))

    @property
    def box_public(self) -> str:
        return b64(X25519PrivateKey.from_private_bytes(self.box).public_key()
                   .public_bytes(Encoding.Raw, PublicFormat.Raw))

    def signature(self, document: dict[str, Any]) -> str:
        """The Ed25519 signature of ``document`` (its canonical bytes, without ``sig``)."""
        return b64(Ed25519PrivateKey.from_private_bytes(self.sign).sign(canonical(document)))

    def unwrap(self, wrapped: dict[str, Any]) -> bytes:
        """A key wrapped for this device by :func:`wrap`; ValueError when it is not."""
        try:
            ephemeral = X25519PublicKey.from_public_bytes(unb64(wrapped["eph"]))
            shared = X25519PrivateKey.from_private_bytes(self.box).exchange(ephemeral)
            key = _wrap_key(shared, unb64(wrapped["eph"]), unb64(self.box_public))
            return AESGCM(key).decrypt(unb64(wrapped["nonce"]), unb64(wrapped["ct"]),
                                       _WRAP_INFO)
        except (KeyError, TypeError, ValueError, InvalidTag) as error:
            raise ValueError("the wrapped key does not open with this device's key") from error


def canonical(document: dict[str, Any]) -> bytes:
    """The bytes a signature or a check covers: sorted keys, no ``sig``, compact UTF-8."""
    body = {name: value for name, value in document.items() if name != "sig"}
    return json.dumps(body, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def verify(public: str, document: dict[str, Any]) -> bool:
    """Whether ``document["sig"]`` is the signature of the rest by the key ``public``."""
    signature = document.get("sig")
    return isinstance(signature, str) and _verified(public, signature, canonical(document))


@lru_cache(maxsize=4096)
def _verified(public: str, signature: str, body: bytes) -> bool:
    """One check per (key, signature, bytes) and process: every sync reads the whole roster
    again, and an Ed25519 check costs about a millisecond on a slow laptop."""
    try:
        Ed25519PublicKey.from_public_bytes(unb64(public)).verify(unb64(signature), body)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def wrap(team_key: bytes, box_public: str) -> dict[str, str]:
    """``team_key`` sealed for the holder of the X25519 key ``box_public``."""
    ephemeral = X25519PrivateKey.generate()
    eph_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    recipient = unb64(box_public)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    nonce = os.urandom(_NONCE)
    sealed = AESGCM(_wrap_key(shared, eph_public, recipient)).encrypt(nonce, team_key,
                                                                      _WRAP_INFO)
    return {"eph": b64(eph_public), "nonce": b64(nonce), "ct": b64(sealed)}


def seal(key: bytes, data: bytes, label: bytes) -> dict[str, str]:
    """``data`` sealed with the symmetric ``key`` (AES-256-GCM), bound to ``label``."""
    nonce = os.urandom(_NONCE)
    return {"nonce": b64(nonce), "ct": b64(AESGCM(key).encrypt(nonce, data, label))}


def unseal(key: bytes, sealed: dict[str, Any], label: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(unb64(sealed["nonce"]), unb64(sealed["ct"]), label)
    except (KeyError, TypeError, ValueError, InvalidTag) as error:
        raise ValueError("the sealed key does not open") from error


def key_id(team_key: bytes) -> str:
    """A name of a team key that reveals nothing of it (16 hex digits): packets and the
    folder's files say which key sealed them by it."""
    return hmac.new(team_key, b"keyplan key id", hashlib.sha256).hexdigest()[:16]


def mac(team_key: bytes, document: dict[str, Any]) -> str:
    """Proof that the writer of ``document`` held ``team_key`` (HMAC-SHA256)."""
    return hmac.new(team_key, b"keyplan member/" + canonical(
        {name: value for name, value in document.items() if name != "mac"}),
        hashlib.sha256).hexdigest()


def _wrap_key(shared: bytes, eph_public: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=eph_public + recipient,
                info=_WRAP_INFO).derive(shared)
