"""Errors the user sees, in Spanish, shared by services and widgets (no heavy imports here,
so the window can start before the database layer is loaded)."""


class NotFoundError(LookupError):
    """What was asked for is not in the database; the message is Spanish."""


class EditError(ValueError):
    """An edit was refused; nothing changed. The message is Spanish."""
