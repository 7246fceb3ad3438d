"""Keys of an installation: Ed25519 to sign, X25519 to receive encrypted bundles.

Everything here is PyCA ``cryptography``. Private keys are kept as PKCS#8 PEM encrypted with
the passphrase (``BestAvailableEncryption``); the passphrase is never stored. A key id is the
SHA-256 of the raw public key (64 hex characters); its fingerprint, for people to compare by
phone, is its first 16 hex characters in four groups ("3F2A-91C0-7B44-E019").

A public-key file (``avance keys export-public``) is canonical JSON with both public keys, the
office and installation id, self-signed by the Ed25519 key (so the encryption key is bound to
the signing key, and comparing the signing key's fingerprint is enough).
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from desktop.sync.canonical import canonical_bytes, strict_loads
from desktop.sync.errors import KeyFileError, ManifestError, PassphraseError, RotationError

PUBLIC_FILE_KIND = "avance-public-keys"
PUBLIC_FILE_FORMAT = 1
_SELF_SIGNATURE_CONTEXT = b"avance-public-keys-v1\x00"
HEX64 = re.compile(r"[0-9a-f]{64}")
OFFICE = re.compile(r"central|CL-[A-Z]{2}")

_RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def raw_public(key: Ed25519PrivateKey | X25519PrivateKey | Ed25519PublicKey | X25519PublicKey) -> bytes:
    """The 32 raw bytes of a public key (or of the public half of a private key)."""
    public = key.public_key() if isinstance(key, (Ed25519PrivateKey, X25519PrivateKey)) else key
    return public.public_bytes(*_RAW)


def key_id(raw: bytes) -> str:
    """The key id: SHA-256 of the raw public key, lower-case hex."""
    return hashlib.sha256(raw).hexdigest()


def fingerprint(identifier: str) -> str:
    """The short fingerprint of a key id: its first 16 hex digits, four groups of four."""
    head = identifier[:16].upper()
    return "-".join(head[i : i + 4] for i in range(0, 16, 4))


def _passphrase(passphrase: str) -> bytes:
    if not passphrase:
        raise PassphraseError("La frase de paso no puede estar vacía.")
    return passphrase.encode("utf-8")


def encrypt_private(key: Ed25519PrivateKey | X25519PrivateKey, passphrase: str) -> str:
    """The private key as PKCS#8 PEM, encrypted with ``passphrase`` (best available encryption)."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_passphrase(passphrase)),
    ).decode("ascii")


def load_private(pem: str, passphrase: str, kind: type) -> Ed25519PrivateKey | X25519PrivateKey:
    """Decrypt a private key stored by :func:`encrypt_private`.

    Args:
        pem: the encrypted PKCS#8 PEM.
        passphrase: the passphrase.
        kind: ``Ed25519PrivateKey`` or ``X25519PrivateKey``, the type expected.

    Raises:
        PassphraseError: wrong passphrase (or a damaged key).
    """
    try:
        key = serialization.load_pem_private_key(pem.encode("ascii"), password=_passphrase(passphrase))
    except (ValueError, TypeError) as exc:
        raise PassphraseError() from exc
    if not isinstance(key, kind):
        raise PassphraseError("La clave privada guardada no es del tipo esperado; la base de datos está dañada.")
    return key


@dataclass(frozen=True, slots=True)
class PublicKeys:
    """The public keys of an installation, as a public-key file carries them.

    Attributes:
        office: "central" or the region's ISO code.
        installation: the installation id.
        sign_public: raw Ed25519 public key.
        encrypt_public: raw X25519 public key.
    """

    office: str
    installation: uuid.UUID
    sign_public: bytes
    encrypt_public: bytes

    @property
    def sign_key_id(self) -> str:
        """SHA-256 of the signing key."""
        return key_id(self.sign_public)

    @property
    def encrypt_key_id(self) -> str:
        """SHA-256 of the encryption key."""
        return key_id(self.encrypt_public)

    def body(self) -> dict[str, object]:
        """The signed part of the public-key file."""
        return {
            "kind": PUBLIC_FILE_KIND,
            "format": PUBLIC_FILE_FORMAT,
            "office": self.office,
            "installation": str(self.installation),
            "sign_key": self.sign_public.hex(),
            "encrypt_key": self.encrypt_public.hex(),
        }


def public_file(keys: PublicKeys, sign_private: Ed25519PrivateKey) -> bytes:
    """The public-key file of ``keys``, self-signed with ``sign_private``."""
    body = keys.body()
    signature = sign_private.sign(_SELF_SIGNATURE_CONTEXT + canonical_bytes(body))
    return canonical_bytes({**body, "signature": signature.hex()}) + b"\n"


MAX_PUBLIC_FILE = 4096


def read_public_file(data: bytes) -> PublicKeys:
    """Parse and verify a public-key file.

    Raises:
        KeyFileError: not a valid, self-consistent public-key file.
    """
    if data.startswith(b"AVANCE\x00"):  # a bundle (desktop.sync.bundle.MAGIC), the other file an office hands over
        raise KeyFileError("Este archivo es un paquete (.avance), no un archivo de claves públicas. Impórtelo con "
                           "«avance bundle import ARCHIVO» (en la ventana: Archivo → Importar paquetes… o Importar "
                           "respuesta…); las claves de la otra oficina vienen en su archivo .avance-claves. No se "
                           "incorporó nada.")
    if len(data) > MAX_PUBLIC_FILE:
        raise KeyFileError("El archivo de claves públicas es demasiado grande; no es de Avance.")
    try:
        value = strict_loads(data.rstrip(b"\n"))
    except ManifestError as exc:
        raise KeyFileError() from exc
    expected = {"kind", "format", "office", "installation", "sign_key", "encrypt_key", "signature"}
    if not isinstance(value, dict) or set(value) != expected:
        raise KeyFileError()
    if value["kind"] != PUBLIC_FILE_KIND or value["format"] != PUBLIC_FILE_FORMAT:
        raise KeyFileError("El archivo de claves públicas es de un formato desconocido. Actualice Avance.")
    try:
        office = value["office"]
        if not isinstance(office, str) or not OFFICE.fullmatch(office):
            raise ValueError
        installation = uuid.UUID(value["installation"])
        sign_public = bytes.fromhex(value["sign_key"])
        encrypt_public = bytes.fromhex(value["encrypt_key"])
        signature = bytes.fromhex(value["signature"])
        verifier = Ed25519PublicKey.from_public_bytes(sign_public)
        X25519PublicKey.from_public_bytes(encrypt_public)
    except (TypeError, ValueError, AttributeError) as exc:
        raise KeyFileError() from exc
    keys = PublicKeys(office, installation, sign_public, encrypt_public)
    try:
        verifier.verify(signature, _SELF_SIGNATURE_CONTEXT + canonical_bytes(keys.body()))
    except InvalidSignature as exc:
        raise KeyFileError("La firma del archivo de claves públicas no es válida: pudo ser alterado.") from exc
    return keys


@dataclass(frozen=True)
class KeySet:
    """A fresh key set (private halves in memory only)."""

    sign: Ed25519PrivateKey
    encrypt: X25519PrivateKey

    @classmethod
    def generate(cls) -> KeySet:
        """New random keys."""
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())


# -- rotation ----------------------------------------------------------------------------------

ROTATION_CONTEXT = b"avance-key-rotation-v1\x00"
ROTATION_FIELDS = ("sign_key", "encrypt_key", "old_signature", "new_signature")


def rotation_message(office: str, installation: uuid.UUID, old_key_id: str, sign_key: str, encrypt_key: str) -> bytes:
    """What both signatures of a rotation announcement cover: who rotates, the old signing key
    id and the new raw public keys (hex), as canonical JSON after a context string."""
    return ROTATION_CONTEXT + canonical_bytes({
        "office": office, "installation": str(installation), "old_key": old_key_id,
        "sign_key": sign_key, "encrypt_key": encrypt_key,
    })


def sign_rotation(office: str, installation: uuid.UUID, old: Ed25519PrivateKey, new: KeySet) -> dict[str, str]:
    """The rotation announcement of ``new``, signed by the old signing key and by the new one."""
    sign_key, encrypt_key = raw_public(new.sign).hex(), raw_public(new.encrypt).hex()
    message = rotation_message(office, installation, key_id(raw_public(old)), sign_key, encrypt_key)
    return {"sign_key": sign_key, "encrypt_key": encrypt_key,
            "old_signature": old.sign(message).hex(), "new_signature": new.sign.sign(message).hex()}


def verify_rotation(announcement: dict[str, str], office: str, installation: uuid.UUID,
                    old_public: Ed25519PublicKey) -> PublicKeys:
    """Check a rotation announcement: signed by ``old_public`` AND by the new key it announces.

    Returns:
        The new public keys.

    Raises:
        RotationError: a signature is missing or does not verify, or a key is malformed.
    """
    try:
        sign_public = bytes.fromhex(announcement["sign_key"])
        encrypt_public = bytes.fromhex(announcement["encrypt_key"])
        new_public = Ed25519PublicKey.from_public_bytes(sign_public)
        X25519PublicKey.from_public_bytes(encrypt_public)
        old_sig = bytes.fromhex(announcement["old_signature"])
        new_sig = bytes.fromhex(announcement["new_signature"])
    except (KeyError, TypeError, ValueError) as exc:
        raise RotationError() from exc
    message = rotation_message(office, installation, key_id(raw_public(old_public)), announcement["sign_key"],
                               announcement["encrypt_key"])
    for public, signature in ((old_public, old_sig), (new_public, new_sig)):
        try:
            public.verify(signature, message)
        except InvalidSignature as exc:
            raise RotationError() from exc
    if sign_public == raw_public(old_public):
        raise RotationError("El anuncio de cambio de claves repite la clave anterior; no se incorporó.")
    return PublicKeys(office, installation, sign_public, encrypt_public)
