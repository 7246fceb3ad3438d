"""Errors the user sees, in Spanish, shared by services and widgets (no heavy imports here,
so the window can start before the database layer is loaded)."""


class NotFoundError(LookupError):
    """What was asked for is not in the database; the message is Spanish."""


class EditError(ValueError):
    """An edit was refused; nothing changed. The message is Spanish."""


class MissingRecordError(EditError):
    """The objective, activity or programme an edit names is no longer in the database."""


class PlacementError(EditError):
    """A record cannot go where it was asked to (a position out of range, a III.3 section
    missing or given to a form without sections, a move past the first or last row)."""


class YearExistsError(EditError):
    """The region already has that reporting year."""


class YearRangeError(EditError):
    """The reporting year is outside the accepted range (2000–2100)."""


class NoEarlierYearError(EditError):
    """A carry-over was asked for but the region has no earlier reporting year."""


class UndoError(EditError):
    """An undo or redo could not be applied (what it restores hangs from a record that is gone);
    nothing changed."""


class RegionOwnedError(EditError):
    """At the central office, a region's records that arrive in its sync bundles: read-only
    there (issue 3, part 3: the region owns its programmes). ``region`` is its ISO code."""

    def __init__(self, region: str, message: str) -> None:
        super().__init__(message)
        self.region = region


class NotCentralOfficeError(EditError):
    """Only the central office writes observations and review states (it owns them)."""


class TargetGoneError(MissingRecordError):
    """The objective, activity, programme or observation named is not (or no longer) here."""


class UnknownReviewStateError(EditError):
    """A review state other than "pendiente", "aprobado" or "observado"."""
