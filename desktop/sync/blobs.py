"""The evidence store: files content-addressed by SHA-256 in ``blobs/`` beside the database.

A file is ``blobs/<sha256>``; its original name is a label in the ``evidence`` table, never a
path. Imports stage files in ``blobs-staging/<random>/`` (same disk) and move them into
place with ``os.replace`` only after the database commit; a staged folder is always removed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from pathlib import Path

_HEX64 = re.compile(r"[0-9a-f]{64}")


class BlobStore:
    """Content-addressed files in ``root`` (``<database folder>/blobs``).

    Args:
        root: the store's folder (created on first write).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging_root = root.with_name(root.name + "-staging")

    @classmethod
    def beside(cls, database: Path) -> BlobStore:
        """The store of the database file ``database``."""
        return cls(database.parent / "blobs")

    def path(self, sha256: str) -> Path:
        """Where the blob ``sha256`` lives (the name is checked: 64 lower-case hex digits)."""
        if not _HEX64.fullmatch(sha256):
            raise ValueError(f"huella SHA-256 inválida: {sha256!r}")
        return self.root / sha256

    def has(self, sha256: str) -> bool:
        """Whether the blob is stored."""
        return self.path(sha256).is_file()

    def add(self, source: Path) -> tuple[str, int]:
        """Copy ``source`` into the store (streamed), returning (sha256, size)."""
        staging = self.new_staging()
        try:
            temp = staging / "incoming"
            digest = hashlib.sha256()
            size = 0
            with source.open("rb") as src, temp.open("wb") as dst:
                while block := src.read(1024 * 1024):
                    digest.update(block)
                    size += len(block)
                    dst.write(block)
                dst.flush()
                os.fsync(dst.fileno())
            sha = digest.hexdigest()
            self.commit({sha: temp})
            return sha, size
        finally:
            self.discard(staging)

    def new_staging(self) -> Path:
        """A fresh staging folder."""
        folder = self.staging_root / uuid.uuid4().hex
        folder.mkdir(parents=True)
        return folder

    def commit(self, staged: dict[str, Path]) -> None:
        """Move staged files into place (a blob already present is kept)."""
        if not staged:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for sha, temp in staged.items():
            target = self.path(sha)
            if target.exists():
                continue
            os.replace(temp, target)

    def discard(self, staging: Path) -> None:
        """Remove a staging folder (and the staging root when empty)."""
        shutil.rmtree(staging, ignore_errors=True)
        try:
            self.staging_root.rmdir()
        except OSError:
            pass
