"""The ``.avance`` file: sign, then encrypt, streamed in chunks (format 1).

Layout (documented in ``docs/bundle-format.md``)::

    MAGIC (8 bytes "AVANCE\\x00\\x01") | u16 header length | header (canonical JSON)
    | chunk 0 | chunk 1 | ... | final chunk

Each chunk is ChaCha20-Poly1305 over at most :data:`CHUNK` plaintext bytes (so
``CHUNK + 16`` bytes of ciphertext; only the final chunk may be shorter). The key is derived
per bundle: X25519 between a fresh ephemeral key and the recipient's key, then HKDF-SHA256
(random 32-byte salt from the header; info binds both public keys). Chunk ``i`` uses the nonce
``0x00000000 || u64(i)`` and the associated data ``SHA-256(magic || header) || u64(i) ||
u8(final)``, so a truncated, extended, reordered or re-headed stream fails to decrypt.

Plaintext: ``u32 manifest length | manifest (canonical JSON) | Ed25519 signature (64 bytes)
| evidence files, back to back, in manifest order``. The signature covers
``SIGNATURE_CONTEXT || magic || u16 || header || u32 || manifest``: the header names the
sender key and the recipient key, so re-targeting or stripping the encryption breaks it.

Memory stays at about one chunk whatever the evidence size; every limit is enforced while
reading, never trusting a declared size.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.sync.canonical import canonical_bytes, strict_loads
from desktop.sync.errors import (
    BundleFileError,
    DecryptionError,
    EvidenceError,
    FormatVersionError,
    HeaderError,
    LimitExceededError,
    ManifestError,
    SignatureError,
    TrailingDataError,
)
from desktop.sync.keys import raw_public
from desktop.wording import human_size

FORMAT = 1
MAGIC = b"AVANCE\x00\x01"
KEY_FILE_START = b'{"encryp'
"""How a public-key file (``.avance-claves``, canonical JSON, keys sorted) begins."""
KEY_FILE_GIVEN = ("Este archivo es un archivo de claves públicas (.avance-claves), no un paquete. Incorpórelo con "
                  "«avance keys trust ARCHIVO --region CÓDIGO» (o --central), o en la ventana con Archivo → Oficina → "
                  "Incorporar claves de otra oficina…, y compare la huella por teléfono. No se importó nada.")
SUITE = "X25519-HKDF-SHA256-ChaCha20Poly1305"
CHUNK = 64 * 1024
TAG = 16
SIGNATURE_CONTEXT = b"avance-bundle-signature-v1\x00"
HKDF_INFO = b"avance-bundle-v1\x00"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEADER_FIELDS = {"format", "suite", "chunk", "sender_key", "recipient_key", "ephemeral", "salt"}


@dataclass(frozen=True, slots=True)
class Limits:
    """Limits against bombs, enforced while reading.

    Attributes:
        total: bytes of the whole file.
        header: bytes of the header.
        manifest: bytes of the manifest: 16 MiB, over 50 times a national-size region's
            (``avance example generate``, 40 objectives × 3 activities: 604 records, a 300 KB
            manifest); it is held once in memory before its signature is checked.
        files: evidence files in one bundle.
        file: bytes of one evidence file.
    """

    total: int = 4 * 1024**3
    header: int = 1024
    manifest: int = 16 * 1024 * 1024
    files: int = 10_000
    file: int = 1024**3


def too_big(total: int) -> str:
    """The refusal of a bundle over the total size limit ``total`` (bytes), in Spanish."""
    return (f"El paquete supera el tamaño máximo admitido ({human_size(total)}). Pida a la oficina que quite los "
            "medios de verificación más grandes (Ver → Sincronización → Medios de verificación → Quitar) y exporte "
            "un paquete nuevo.")


@dataclass(frozen=True, slots=True)
class Header:
    """The clear header: who signed (key id), for whom (key id), and the key agreement."""

    raw: bytes
    sender_key: str
    recipient_key: str
    ephemeral: bytes
    salt: bytes

    @property
    def prefix(self) -> bytes:
        """Magic, length and header bytes as written at the start of the file."""
        return MAGIC + struct.pack(">H", len(self.raw)) + self.raw


def _derive(shared: bytes, salt: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    if shared == bytes(32):
        raise DecryptionError()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=HKDF_INFO + ephemeral + recipient).derive(shared)


def _nonce(index: int) -> bytes:
    return b"\x00\x00\x00\x00" + struct.pack(">Q", index)


def _aad(prefix_digest: bytes, index: int, final: bool) -> bytes:
    return prefix_digest + struct.pack(">QB", index, 1 if final else 0)


def signed_message(header: Header, manifest: bytes) -> bytes:
    """What the Ed25519 signature covers: context, file prefix (header) and the manifest."""
    return SIGNATURE_CONTEXT + header.prefix + struct.pack(">I", len(manifest)) + manifest


# -- writing -----------------------------------------------------------------------------------


class _ChunkWriter:
    def __init__(self, out: BinaryIO, key: bytes, prefix_digest: bytes) -> None:
        self._out = out
        self._aead = ChaCha20Poly1305(key)
        self._digest = prefix_digest
        self._buffer = bytearray()
        self._index = 0

    def _emit(self, data: bytes, final: bool) -> None:
        self._out.write(self._aead.encrypt(_nonce(self._index), data, _aad(self._digest, self._index, final)))
        self._index += 1

    def write(self, data: bytes) -> None:
        self._buffer += data
        # Keep at least one chunk back: only close() knows which chunk is the final one.
        while len(self._buffer) > CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), False)
            del self._buffer[:CHUNK]

    def close(self) -> None:
        self._emit(bytes(self._buffer), True)
        self._buffer.clear()


def write_bundle(
    out: BinaryIO,
    *,
    manifest: dict[str, Any],
    sign_key: Ed25519PrivateKey,
    recipient: X25519PublicKey,
    evidence: Iterable[BinaryIO | Callable[[], BinaryIO]],
    ephemeral: X25519PrivateKey | None = None,
    salt: bytes | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """Write one bundle to ``out``.

    Args:
        out: a binary file open for writing.
        manifest: the manifest (plain JSON data, no floats).
        sign_key: the sender's Ed25519 key.
        recipient: the recipient's X25519 public key.
        evidence: for each entry of ``manifest["evidence"]``, in order, a binary file (or a
            function opening one) with exactly the declared bytes.
        ephemeral: the ephemeral key (tests only; fresh by default).
        salt: the HKDF salt (tests only; random by default).
        progress: called as ``progress(done, total)`` in the calling thread, in plaintext bytes:
            ``total`` is the manifest with its length and signature plus the evidence sizes the
            manifest declares. Called with ``(0, total)`` first, then after the manifest and after
            each block of evidence (at most :data:`CHUNK` bytes); the last call is
            ``(total, total)``. ``done`` never decreases and never exceeds ``total``.

    Returns:
        The bundle hash: SHA-256 of the manifest bytes, hex.
    """
    ephemeral = ephemeral or X25519PrivateKey.generate()
    salt = salt if salt is not None else os.urandom(32)
    recipient_raw = raw_public(recipient)
    ephemeral_raw = raw_public(ephemeral)
    header_raw = canonical_bytes({
        "format": FORMAT,
        "suite": SUITE,
        "chunk": CHUNK,
        "sender_key": hashlib.sha256(raw_public(sign_key)).hexdigest(),
        "recipient_key": hashlib.sha256(recipient_raw).hexdigest(),
        "ephemeral": ephemeral_raw.hex(),
        "salt": salt.hex(),
    })
    header = Header(header_raw, "", "", ephemeral_raw, salt)
    manifest_raw = canonical_bytes(manifest)
    signature = sign_key.sign(signed_message(header, manifest_raw))
    key = _derive(ephemeral.exchange(recipient), salt, ephemeral_raw, recipient_raw)
    head = struct.pack(">I", len(manifest_raw)) + manifest_raw + signature
    total = len(head) + sum(int(e.get("size", 0)) for e in manifest.get("evidence") or ())
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done = min(total, done + n)
        if progress is not None:
            progress(done, total)

    advance(0)
    out.write(header.prefix)
    writer = _ChunkWriter(out, key, hashlib.sha256(header.prefix).digest())
    writer.write(head)
    advance(len(head))
    for source in evidence:
        handle = source() if callable(source) else source
        try:
            while block := handle.read(CHUNK):
                writer.write(block)
                advance(len(block))
        finally:
            if callable(source):
                handle.close()
    writer.close()
    if done < total:
        advance(total - done)
    return hashlib.sha256(manifest_raw).hexdigest()


# -- reading -----------------------------------------------------------------------------------


class BundleReader:
    """Reads one bundle step by step, in the order the import checks it.

    ``read_header`` → ``open`` (decryption key) → ``read_manifest`` (signature, strict parse)
    → ``read_file`` for each evidence file → ``finish``. Every failure is a typed
    :class:`~desktop.sync.errors.BundleRejected`.
    """

    def __init__(self, source: BinaryIO, limits: Limits | None = None) -> None:
        self._source = source
        self.limits = limits or Limits()
        self._read_total = 0
        self._lookahead = b""
        self._aead: ChaCha20Poly1305 | None = None
        self._digest = b""
        self._index = 0
        self._final_seen = False
        self._plain = bytearray()
        self.header: Header | None = None
        self.manifest_raw: bytes | memoryview = b""

    def _read(self, n: int) -> bytes:
        try:
            return self._source.read(n)
        except OSError as exc:  # a USB stick pulled out, a bad sector
            raise BundleFileError.about(getattr(self._source, "name", "?"), exc) from exc

    # raw bytes, counted against the total limit
    def _raw(self, n: int) -> bytes:
        data = self._lookahead[:n]
        self._lookahead = self._lookahead[n:]
        if len(data) < n:
            data += self._read(n - len(data))
        self._read_total += len(data)
        if self._read_total > self.limits.total:
            raise LimitExceededError(too_big(self.limits.total))
        return data

    def read_header(self) -> Header:
        """Read and check the magic and the clear header.

        Raises:
            FormatVersionError: an intact header of a newer format (magic version or header
                ``format`` above 1): Avance must be updated.
            HeaderError: not a bundle, or a damaged header (any other mismatch, including a
                ``suite`` or ``chunk`` other than format 1's).
            LimitExceededError: the header is over its limit.
        """
        magic = self._raw(len(MAGIC))
        if magic == KEY_FILE_START:  # the other file an office hands over
            raise HeaderError(KEY_FILE_GIVEN)
        if len(magic) < len(MAGIC) or magic[:7] != MAGIC[:7]:
            raise HeaderError()
        if magic[7] > MAGIC[7]:
            raise FormatVersionError()
        if magic != MAGIC:
            raise HeaderError()
        length_raw = self._raw(2)
        if len(length_raw) != 2:
            raise HeaderError()
        (length,) = struct.unpack(">H", length_raw)
        if length > self.limits.header:
            raise LimitExceededError("El encabezado del paquete es demasiado grande. Pida que lo exporten de nuevo.")
        raw = self._raw(length)
        if len(raw) != length:
            raise HeaderError()
        try:
            value = strict_loads(raw)
        except ManifestError as exc:
            raise HeaderError() from exc
        if not isinstance(value, dict):
            raise HeaderError()
        if type(value.get("format")) is int and value["format"] > FORMAT:
            raise FormatVersionError()  # an intact header of a newer format (its fields may differ)
        if set(value) != _HEADER_FIELDS or type(value["format"]) is not int or value["format"] != FORMAT:
            raise HeaderError()
        if value["suite"] != SUITE or type(value["chunk"]) is not int or value["chunk"] != CHUNK:
            # Format 1 has one suite and one chunk size: anything else in a format-1 header is damage.
            raise HeaderError()
        for name in ("sender_key", "recipient_key", "ephemeral", "salt"):
            if not isinstance(value[name], str) or not _HEX64.fullmatch(value[name]):
                raise HeaderError()
        self.header = Header(raw, value["sender_key"], value["recipient_key"], bytes.fromhex(value["ephemeral"]),
                             bytes.fromhex(value["salt"]))
        return self.header

    def open(self, private_key: X25519PrivateKey) -> None:
        """Derive the chunk key with the recipient's private key."""
        assert self.header is not None
        try:
            shared = private_key.exchange(X25519PublicKey.from_public_bytes(self.header.ephemeral))
        except ValueError as exc:
            raise DecryptionError() from exc
        key = _derive(shared, self.header.salt, self.header.ephemeral, raw_public(private_key))
        self._aead = ChaCha20Poly1305(key)
        self._digest = hashlib.sha256(self.header.prefix).digest()

    def _next_chunk(self) -> bool:
        """Decrypt the next chunk into the plaintext buffer; False when the final one was read."""
        if self._final_seen:
            return False
        assert self._aead is not None
        data = self._raw(CHUNK + TAG)
        final = len(data) < CHUNK + TAG
        if not final:
            peek = self._read(1)
            if peek:
                self._lookahead = peek
            else:
                final = True
        if len(data) < TAG:
            raise DecryptionError()
        try:
            plain = self._aead.decrypt(_nonce(self._index), data, _aad(self._digest, self._index, final))
        except InvalidTag as exc:
            raise DecryptionError() from exc
        self._index += 1
        self._final_seen = final
        self._plain += plain
        return True

    def _take(self, n: int, short: type[Exception] = DecryptionError) -> bytes:
        while len(self._plain) < n:
            if not self._next_chunk():
                raise short()
        out = bytes(self._plain[:n])
        del self._plain[:n]
        return out

    def _take_into(self, buffer: bytearray, n: int) -> None:
        """Move the next ``n`` plaintext bytes to the end of ``buffer``, one chunk at a time (no
        copy of the whole)."""
        while n:
            if not self._plain and not self._next_chunk():
                raise DecryptionError()
            k = min(n, len(self._plain))
            with memoryview(self._plain) as view:
                buffer += view[:k]
            del self._plain[:k]
            n -= k

    def read_manifest(self, sender: Ed25519PublicKey) -> Any:
        """Read the manifest and the signature, verify it, then parse strictly.

        Memory: the manifest is read once, into the buffer of the signed message (context,
        header and length before it), and verified and parsed from there; ``manifest_raw`` is a
        view of it. So a manifest up to the limit costs its size once before the signature is
        checked, whatever it holds.

        Raises:
            DecryptionError: the stream does not authenticate.
            LimitExceededError: the manifest is over its limit.
            SignatureError: the signature does not verify with ``sender``, or the authentic
                stream ends before its 64 bytes (an unsigned bundle).
            ManifestError: not strict canonical JSON.
        """
        assert self.header is not None
        (length,) = struct.unpack(">I", self._take(4))
        if length > self.limits.manifest:
            raise LimitExceededError("El contenido del paquete supera el tamaño máximo admitido. Pida que lo exporten de nuevo.")
        message = bytearray(SIGNATURE_CONTEXT + self.header.prefix + struct.pack(">I", length))  # signed_message()
        start = len(message)
        self._take_into(message, length)
        signature = self._take(64, SignatureError)  # an authentic stream that ends here: unsigned
        try:
            sender.verify(signature, message)
        except InvalidSignature as exc:
            raise SignatureError() from exc
        self.manifest_raw = memoryview(message)[start:]
        return strict_loads(self.manifest_raw)

    def read_file(self, size: int, sha256: str, sink: Callable[[bytes], None]) -> None:
        """Stream one evidence file of ``size`` bytes into ``sink``, checking its SHA-256.

        Raises:
            EvidenceError: the stream ends early or the hash differs.
            LimitExceededError: ``size`` over the per-file limit.
        """
        if size > self.limits.file:
            raise LimitExceededError(
                f"Un medio de verificación del paquete pesa {human_size(size)}, más que el máximo de "
                f"{human_size(self.limits.file)} por archivo. Pida a la oficina que lo quite (Ver → Sincronización → "
                "Medios de verificación → Quitar), lo adjunte en archivos más pequeños y exporte un paquete nuevo.")
        digest = hashlib.sha256()
        left = size
        while left:
            if not self._plain and not self._next_chunk():
                raise EvidenceError("Un medio de verificación está incompleto (tamaño menor al declarado). "
                                    "Pida a la oficina que exporte el paquete de nuevo.")
            block = bytes(self._plain[:left])
            del self._plain[: len(block)]
            left -= len(block)
            digest.update(block)
            sink(block)
        if digest.hexdigest() != sha256:
            raise EvidenceError("Un medio de verificación no coincide con su huella SHA-256 declarada. "
                                "Pida a la oficina que exporte el paquete de nuevo.")

    def finish(self) -> None:
        """Check that nothing follows the declared content.

        Raises:
            TrailingDataError: more plaintext than declared.
            DecryptionError: the stream does not end with an authentic final chunk.
        """
        if self._plain:
            raise TrailingDataError()
        while self._next_chunk():
            if self._plain:
                raise TrailingDataError()
        if self._lookahead or self._read(1):
            raise TrailingDataError()  # pragma: no cover - the final chunk is found at EOF
