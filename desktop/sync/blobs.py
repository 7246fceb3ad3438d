"""The evidence store: files content-addressed by SHA-256 in ``blobs/`` beside the database.

A file is ``blobs/<sha256>``; its original name is a label in the ``evidence`` table, never a
path. Imports stage files in ``blobs-staging/<random>/`` (same disk) and move them into
place with ``os.replace`` only after the database commit; the import removes its staging
folder when it ends, whatever the outcome.

A process killed during an import (power cut, ``kill -9``) cannot remove its folder, so
staged copies would stay forever. Each staging folder is therefore held by an advisory lock
on ``blobs-staging/<random>.lock`` (``filelock``: ``flock`` on POSIX, ``LockFileEx`` on
Windows) for as long as its import lives; the operating system drops the lock when the
process dies. :meth:`BlobStore.sweep` removes every staging folder whose lock nobody holds
(an import's own folder, in this process or another, is never touched): it runs at the start
of each import and when the window opens a database.

A blob no record uses any more is removed: at a regional office when a file is detached, at
the central office when a bundle's tombstones delete the last records naming it. The import
writes the candidates down before its commit (:meth:`BlobStore.note_release`) and removes,
after the commit, those no record uses then; a note a killed process left is acted on by the
next import or when the window opens the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock, Timeout

_HEX64 = re.compile(r"[0-9a-f]{64}")
_STAGING_NAME = re.compile(r"[0-9a-f]{32}")
LOCK_SUFFIX = ".lock"
RELEASE_PREFIX = "release-"
_RELEASE_NAME = re.compile(RELEASE_PREFIX + r"[0-9a-f]{32}\.json")

_held: dict[Path, FileLock] = {}
"""The staging folders this process holds, with their locks (any :class:`BlobStore` instance of
the same folder may discard them)."""
_held_guard = threading.Lock()


def _lock_path(staging: Path) -> Path:
    return staging.with_name(staging.name + LOCK_SUFFIX)


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

    def remove(self, sha256: str) -> bool:
        """Delete the blob ``sha256`` (when no record uses it any more); False if it was not there."""
        try:
            self.path(sha256).unlink()
        except FileNotFoundError:
            return False
        return True

    def note_release(self, shas: set[str]) -> Path:
        """Write down, durably, blobs that may no longer be used (an import is about to commit
        the deletion of the last records naming them): ``blobs-staging/release-<random>.json``.

        The note is only a list of candidates: :meth:`pending_releases` gives it back until
        :meth:`forget_release`, and whoever acts on it removes only a blob that no record uses
        then. So a process killed before its commit (the records stay) or after it (the blob
        stays) leaves a note that the next import, or the window opening the database, acts on.

        Returns:
            The note's path.
        """
        for sha in shas:
            self.path(sha)  # checks the name
        self.staging_root.mkdir(parents=True, exist_ok=True)
        note = self.staging_root / f"{RELEASE_PREFIX}{uuid.uuid4().hex}.json"
        temp = note.with_name(note.name + ".tmp")
        with temp.open("w", encoding="utf-8") as fh:
            json.dump(sorted(shas), fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, note)
        return note

    def pending_releases(self) -> list[tuple[Path, list[str]]]:
        """The notes of :meth:`note_release` still to act on, oldest name first, with their
        blobs (a damaged note gives no blob, so it is only forgotten)."""
        try:
            entries = sorted(self.staging_root.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []
        found = []
        for entry in entries:
            if not _RELEASE_NAME.fullmatch(entry.name):
                continue
            try:
                shas = json.loads(entry.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                shas = []
            valid = [s for s in shas if isinstance(s, str) and _HEX64.fullmatch(s)] if isinstance(shas, list) else []
            found.append((entry, valid))
        return found

    def forget_release(self, note: Path) -> None:
        """Remove a note acted on (and the staging root when empty)."""
        with contextlib.suppress(OSError):
            note.unlink(missing_ok=True)
        self._remove_empty_root()

    def new_staging(self) -> Path:
        """A fresh staging folder, held (locked) by this process until :meth:`discard`."""
        name = uuid.uuid4().hex
        folder = self.staging_root / name
        lock = FileLock(_lock_path(folder), thread_local=False)
        for attempt in range(5):
            self.staging_root.mkdir(parents=True, exist_ok=True)
            try:
                lock.acquire()  # a fresh name: nobody else holds it
                break
            except FileNotFoundError:  # another import removed the empty staging root meanwhile
                if attempt == 4:
                    raise
        try:
            folder.mkdir()
        except BaseException:
            self._unlock(folder, lock)
            raise
        with _held_guard:
            _held[folder] = lock
        return folder

    def commit(self, staged: dict[str, Path], on_moved: Callable[[str], None] | None = None) -> None:
        """Move staged files into place (a blob already present is kept).

        Args:
            staged: sha256 -> the staged file.
            on_moved: called with each sha256 once its file is in place (the import's crash
                tests use it to stop between two files).
        """
        if not staged:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for sha, temp in staged.items():
            target = self.path(sha)
            if target.exists():
                continue
            os.replace(temp, target)
            if on_moved is not None:
                on_moved(sha)

    def discard(self, staging: Path) -> None:
        """Remove a staging folder and release its lock (and the staging root when empty)."""
        shutil.rmtree(staging, ignore_errors=True)
        with _held_guard:
            lock = _held.pop(staging, None)
        if lock is not None:
            self._unlock(staging, lock)
        self._remove_empty_root()

    def sweep(self) -> list[Path]:
        """Remove the staging folders left by imports that died (their lock is free).

        A folder whose import is alive, in this process or another, is left alone: its lock
        cannot be taken. Also removes lock files left without their folder.

        Returns:
            The staging folders removed.
        """
        try:
            entries = sorted(self.staging_root.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []
        removed = []
        for entry in entries:
            base = entry.name[: -len(LOCK_SUFFIX)] if entry.name.endswith(LOCK_SUFFIX) else entry.name
            if not _STAGING_NAME.fullmatch(base):
                continue  # not ours: left alone
            folder = self.staging_root / base
            if entry != folder and folder.exists():
                continue  # a lock file: handled with its folder
            lock = FileLock(_lock_path(folder), timeout=0, thread_local=False)
            try:
                lock.acquire()
            except Timeout:
                continue  # a live import holds it
            except OSError:
                continue
            try:
                if folder.is_dir():
                    shutil.rmtree(folder, ignore_errors=True)
                    removed.append(folder)
            finally:
                self._unlock(folder, lock)
        self._remove_empty_root()
        return removed

    @staticmethod
    def _unlock(folder: Path, lock: FileLock) -> None:
        with contextlib.suppress(OSError):  # Windows: filelock removes it on release instead
            _lock_path(folder).unlink(missing_ok=True)
        lock.release()

    def _remove_empty_root(self) -> None:
        with contextlib.suppress(OSError):
            self.staging_root.rmdir()
