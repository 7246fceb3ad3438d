"""Undoable edits (STYLE.md rule 4): every change to a form is a ``QUndoCommand``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand


class EditCommand(QUndoCommand):
    """Set one field to ``new``; undo sets it back to ``old``.

    Args:
        text: the Spanish label shown in Editar → Deshacer «…».
        apply: writes a value (calls a service; each call is one transaction).
        old: the value before.
        new: the value after.
        done: the first ``redo`` is skipped because the edit was already applied when the
            command was pushed (so a refused edit never enters the stack).
    """

    def __init__(self, text: str, apply: Callable[[Any], None], old: Any, new: Any, *, done: bool = True) -> None:
        super().__init__(text)
        self._apply = apply
        self._old = old
        self._new = new
        self._skip = done

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class StructureCommand(QUndoCommand):
    """A structural edit already done (a row added, deleted or moved, a year created), kept as
    the rows it touched (:class:`desktop.services.structure.Change`); undo and redo write them
    back through the service.

    Args:
        text: the Spanish label shown in Editar → Deshacer «…».
        change: what the service did.
        replay: ``replay(change, undone)`` reverts (``undone`` True) or reapplies it and
            refreshes the window; returns False when the service refused (the command is then
            dropped from the stack, as nothing changed).
    """

    def __init__(self, text: str, change: Any, replay: Callable[[Any, bool], bool]) -> None:
        super().__init__(text)
        self.change = change
        self._replay = replay
        self._skip = True  # done when pushed

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        if not self._replay(self.change, False):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._replay(self.change, True):
            self.setObsolete(True)
