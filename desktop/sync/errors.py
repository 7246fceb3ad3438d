"""Typed errors of the sync bundles; every message is Spanish and says what to do.

Every rejection of a bundle is a :class:`BundleRejected` subclass, raised before anything is
written; the import service logs it in the audit table (its own transaction) and leaves the
data and the blob store as they were.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync error; ``str(error)`` is the Spanish message for the user."""

    default = "Error de sincronización."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default)

    @property
    def code(self) -> str:
        """The error's class name, as written in the audit table."""
        return type(self).__name__


# -- installation and keys ---------------------------------------------------------------------


class InstallationError(SyncError):
    """The installation is not set up, or set up differently."""

    default = "Esta instalación aún no está configurada. Ejecute «avance office init --region CÓDIGO» o «--central»."


class PassphraseError(SyncError):
    """Wrong or missing passphrase."""

    default = "Frase de paso incorrecta: no se pudo abrir la clave privada. Vuelva a escribirla."


class KeyFileError(SyncError):
    """A public-key file that cannot be read or does not verify."""

    default = "El archivo de claves públicas no es válido. Pida a la otra oficina que lo exporte de nuevo."


class TrustError(SyncError):
    """A trust-store operation was refused."""

    default = "No se pudo modificar el almacén de confianza."


class ExportMoveError(SyncError):
    """An export wrote and recorded its bundle, but could not move the file into place: the
    bundle is complete in the temporary file ``temp``, which is kept (the message names it).
    Nothing is lost: a bundle that never arrives is a lost bundle, the next one carries its
    changes too."""

    default = "El paquete quedó registrado como enviado, pero no se pudo dejar en la carpeta elegida."

    def __init__(self, message: str | None = None, temp: object = None) -> None:
        super().__init__(message)
        self.temp = temp


# -- bundles -----------------------------------------------------------------------------------

_AGAIN = "Pida a la oficina que lo envió que exporte el paquete de nuevo."


class BundleRejected(SyncError):
    """A bundle was refused; nothing was changed."""

    default = f"El paquete fue rechazado. {_AGAIN}"


class LimitExceededError(BundleRejected):
    """The bundle exceeds a size or count limit (total, header, manifest, files, per-file)."""

    default = f"El paquete excede un límite de tamaño. {_AGAIN}"


class TrailingDataError(LimitExceededError):
    """More data than declared: the stream exceeds the sizes its manifest declares (a limit)."""

    default = f"El paquete contiene datos sobrantes después de lo declarado. {_AGAIN}"


class BundleFileError(BundleRejected):
    """The bundle file cannot be read: missing, a folder, no permission, a read error."""

    default = "No se pudo leer el archivo del paquete. Revise que exista y que se pueda leer."

    @classmethod
    def about(cls, path: object, exc: OSError) -> BundleFileError:
        """The error for ``path`` that failed with ``exc`` (its reason in Spanish)."""
        from desktop.wording import os_error_reason

        reason, advice = os_error_reason(exc)
        return cls(f"No se puede leer el archivo «{path}»: {reason}. {advice}")


class HeaderError(BundleRejected):
    """The file is not an Avance bundle, or its header is damaged."""

    default = f"El archivo no es un paquete de Avance o su encabezado está dañado. {_AGAIN}"


class FormatVersionError(HeaderError):
    """An intact header of a newer format than this version of Avance reads."""

    default = ("El paquete fue creado con una versión más nueva de Avance (formato de archivo que esta versión no "
               "conoce). Actualice Avance en esta oficina y vuelva a importarlo.")


class UnknownSenderKeyError(BundleRejected):
    """The sender's key is not in the trust store."""

    default = ("El paquete está firmado con una clave que esta oficina no conoce. Verifique la huella por teléfono "
               "e incorpórela con «avance keys trust», o pida que exporten de nuevo.")


class OwnBundleError(UnknownSenderKeyError):
    """The bundle was signed by this installation's own key: it exported it (a region importing
    its own bundle, the central office its own answer)."""

    default = ("Este paquete lo exportó esta misma oficina; importe el de la otra oficina. No se importó nada. "
               "El paquete de una región lo importa la oficina central, y la respuesta de la oficina central, la "
               "región.")


def revoked_key_advice(office: str) -> str:
    """What the office whose key was revoked must do so that its bundles are accepted again: a
    new key pair, finished at once (a bundle signed by the revoked key cannot announce it), its
    public keys exported and trusted by the other side, then a new bundle (Spanish).

    Args:
        office: "central" or the region's code: the office whose key was revoked.
    """
    trust = "--central" if office == "central" else f"--region {office}"
    return ("Esa oficina debe cambiar sus claves: «avance keys rotate» y enseguida «avance keys rotate --finish», "
            "«avance keys export-public -o ARCHIVO», y entregar ese archivo a la otra oficina, que lo incorpora con "
            f"«avance keys trust ARCHIVO {trust}» comparando la huella por teléfono; después, exportar un paquete "
            "nuevo.")


class RevokedKeyError(BundleRejected):
    """The sender's key is revoked (from this sequence on) or was replaced."""

    default = ("El paquete está firmado con una clave que esta oficina revocó. La oficina que lo envió debe cambiar "
               "sus claves («avance keys rotate», «avance keys rotate --finish», «avance keys export-public») y "
               "entregar su nuevo archivo de claves públicas, que esta oficina incorpora con «avance keys trust»; "
               "después, exportar un paquete nuevo.")

    @classmethod
    def revoked(cls, office: str, from_sequence: int | None) -> RevokedKeyError:
        """The refusal of a bundle of ``office`` signed by a key revoked from ``from_sequence``."""
        since = f" desde el paquete n.º {from_sequence}" if from_sequence and from_sequence > 1 else ""
        return cls(f"El paquete está firmado con una clave que esta oficina revocó{since}. No se importó nada. "
                   + revoked_key_advice(office))


class WrongRecipientError(BundleRejected):
    """The bundle is addressed to another installation."""

    default = "El paquete está dirigido a otra oficina. Pida a la oficina que lo exporte de nuevo para esta oficina."


class DecryptionError(BundleRejected):
    """The ciphertext does not authenticate: damaged, truncated, extended or reordered."""

    default = f"El paquete está dañado o incompleto (no se pudo descifrar). {_AGAIN}"


class SignatureError(BundleRejected):
    """The signature does not verify with the sender's key."""

    default = f"La firma del paquete no es válida: pudo ser alterado. No lo use. {_AGAIN}"


class ManifestError(BundleRejected):
    """The manifest is not valid (duplicate keys, floats, wrong types, unknown fields...)."""

    default = f"El contenido del paquete no es válido. {_AGAIN}"


class EvidenceNameError(ManifestError):
    """An evidence name that could pass for a path, or has control characters."""

    default = f"Un medio de verificación tiene un nombre no permitido. {_AGAIN}"


class OwnershipError(BundleRejected):
    """The bundle changes records its sender does not own, or another region's."""

    default = f"El paquete intenta cambiar datos que no pertenecen a la oficina que lo firmó. {_AGAIN}"


class RotationError(BundleRejected):
    """A key rotation announcement that does not verify with both the old and the new key, or
    that comes from a key not trusted and unrevoked."""

    default = ("El paquete anuncia un cambio de claves que no está firmado por la clave anterior y por la nueva. "
               "No se incorporó la clave nueva. Pida a la oficina que exporte el paquete de nuevo.")


class ImportBusyError(BundleRejected):
    """Another import held the database for too long; nothing was changed."""

    default = ("Otra importación estaba usando la base de datos al mismo tiempo y no se pudo esperar más; no se "
               "cambió nada. Vuelva a importar el paquete.")


class SequenceError(BundleRejected):
    """Sequence problems: rollback, replay or two bundles with one sequence."""

    default = f"El número de secuencia del paquete no es válido. {_AGAIN}"


class RollbackError(SequenceError):
    """Older than the last bundle applied from this stream."""

    default = ("El paquete es más antiguo que el último importado de esa oficina (posible reenvío o retroceso). "
               "Importe el paquete más reciente.")


class StaleBundleError(SequenceError):
    """An older bundle that changes nothing here and need not be imported: one already applied
    (:class:`ReplayError`) or one a later bundle of its stream covered (:class:`SupersededError`).
    Still a typed rejection, logged in the audit, but nothing is wrong: ``avance bundle import``
    and the window list such files apart and do not count them as refused."""

    default = "Ese paquete es anterior a otro ya importado de esa oficina: no se cambió nada y se puede borrar."


class ReplayError(StaleBundleError):
    """An older bundle already imported, sent again after a newer one."""

    default = ("Ese paquete ya fue importado y hay uno más reciente de esa oficina: se rechaza el reenvío. "
               "No hay nada que hacer.")


class SupersededError(StaleBundleError):
    """An older bundle never applied here (lost, or imported out of order) whose number is below a
    later bundle of the same stream that was: that later one covered it (a regional bundle
    carries every change since the acknowledged base, an answer the full state), so it is not
    applied, and never rolls anything back. A bundle of an applied number with another hash,
    or one written after the later bundle (its sender went back), is a :class:`RollbackError`."""

    default = ("Ese paquete ya está cubierto por otro más reciente de esa oficina, que se importó después: no "
               "cambió nada y se puede borrar.")


class DuplicateSequenceError(SequenceError):
    """Another bundle with the same sequence was already applied."""

    default = ("Ya se importó otro paquete distinto con el mismo número de secuencia. Pida a la oficina que "
               "exporte un paquete nuevo.")


class ForkedStreamError(SequenceError):
    """The bundle follows the last one applied from its stream by number, but names another
    bundle as its previous one (``previous``): the stream forked, e.g. the sender restored a
    backup and exported again from it."""

    default = ("El paquete no continúa el último importado de esa oficina: su número sigue al último, pero dice "
               "venir de otro paquete (¿la oficina restauró una copia de seguridad y exportó de nuevo?). No se "
               "importó nada. Pida a la oficina que revise sus datos y exporte un paquete nuevo.")


class IncompleteDeltaError(SequenceError):
    """A regional bundle that carries only the changes since a sequence (``base``) this office
    has not applied (e.g. this office restored an older backup), or whose records hang from a
    record this office does not hold: applying it could leave the region incomplete."""

    default = ("El paquete trae solo los cambios desde un paquete que esta oficina no tiene aplicado (¿se restauró "
               "una copia de seguridad?). No se importó nada. Pida a la oficina regional un paquete completo: "
               "avance bundle export --full (en la ventana: Archivo → Exportar paquete completo…).")


class EvidenceError(BundleRejected):
    """An evidence file is missing, extra, duplicated, or its size or hash does not match."""

    default = f"Un medio de verificación del paquete no coincide con lo declarado. {_AGAIN}"


class ConflictError(SyncError):
    """A conflict cannot be resolved as asked."""

    default = "No se pudo resolver el conflicto. Revise el número del conflicto y la versión elegida."


class AlreadyImported(SyncError):
    """Not a rejection: this exact bundle was already applied (a no-op)."""

    default = "Paquete ya importado: no se cambió nada."
