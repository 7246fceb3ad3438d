"""The four Etapa 3 forms: official titles, numbered columns, column groups and notes.

Source: seed 001 ("Formatos de la Etapa 3: Implementación del Programa de Trabajo GT 2009"),
Actividades III.1, III.2, III.3 and III.4. Texts are the seed's, with the year as a parameter
(the seed prints 2009). The UI takes its headers and tooltips from here, the PDF its headers and
notes: there is one copy of each official text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FormKind(StrEnum):
    """Which Etapa 3 form ("Actividad III.n")."""

    III_1 = "III.1"
    III_2 = "III.2"
    III_3 = "III.3"
    III_4 = "III.4"

    @classmethod
    def parse(cls, text: str) -> "FormKind":
        """Read "III.1", "iii.1", "III. 1" or "3.1".

        Raises:
            ValueError: not one of the four forms (Spanish message).
        """
        key = (text or "").strip().upper().replace(" ", "").replace("3.", "III.")
        for kind in cls:
            if kind.value == key:
                return kind
        raise ValueError(f"Formulario desconocido: «{text}». Use III.1, III.2, III.3 o III.4.")


PROGRAMME_FORMS: tuple[FormKind, ...] = (FormKind.III_1, FormKind.III_2, FormKind.III_3)
"""The forms that are scored work programmes (III.4 is the progress analysis)."""


@dataclass(frozen=True, slots=True)
class Column:
    """One numbered column of a form.

    Attributes:
        key: the field it shows (a domain attribute name: "objective", "weight", …).
        number: the column number printed on the form ("(8)"), as an int; 0 when unnumbered.
        label: the official Spanish header, without the number ("Ponderación (%)").
        group: "Control de Resultados", "Control Operacional" or "" when ungrouped.
        note: the text of the form's note for this column ("" when the form has none).
    """

    key: str
    number: int
    label: str
    group: str
    note: str

    @property
    def header(self) -> str:
        """The header as printed: label and number ("Ponderación (%) (8)")."""
        return f"{self.label} ({self.number})" if self.number else self.label


@dataclass(frozen=True, slots=True)
class FormSpec:
    """Layout and texts of one form.

    Attributes:
        kind: the form.
        activity: the activity heading ("Actividad III. 1.").
        title: the title after the heading, with "{year}" where the seed prints 2009.
        columns: the table's columns in print order.
        header_fields: III.2's instance header, (2)–(6); empty for the others.
        result_labels: labels of the region performance and service results, with "{year}".
        result_numbers: their column numbers ((11), (12) for III.1).
        sections: III.3's objective sections as (code, label, note); empty for the others.
        notes: every note of the form, in order, as (number, text), with "{year}".
    """

    kind: FormKind
    activity: str
    title: str
    columns: tuple[Column, ...]
    header_fields: tuple[Column, ...]
    result_labels: tuple[str, str]
    result_numbers: tuple[int, int]
    sections: tuple[tuple[str, str, str], ...]
    notes: tuple[tuple[int, str], ...]

    def heading(self, year: int) -> str:
        """Activity and title for ``year`` ("Actividad III. 1. Programa … 2009 (…)")."""
        return f"{self.activity} {self.title.format(year=year)}"

    def note(self, number: int, year: int = 2009) -> str:
        """The text of note ``number`` for ``year``; "" when the form has no such note."""
        for n, text in self.notes:
            if n == number:
                return text.format(year=year)
        return ""


RESULTS = "Control de Resultados"
OPERATIONS = "Control Operacional"

_III1_NOTES: tuple[tuple[int, str], ...] = (
    (1, "Región: identificar responsable regional (seremi o dirección regional) que compromete el programa de mejoras en el diseño, acceso y distribución."),
    (2, "El objetivo específico es el mismo que se planteó en la etapa 2, esta columna debe guardar coherencia con las columnas planteadas en la etapa 2."),
    (3, "Señalar el indicador que se determinó para este objetivo en la etapa 2."),
    (4, "Registrar el resultado anual del indicador al terminar el ejercicio {year}. El resultado se analiza e interpreta en la etapa 4."),
    (5, "Indicar la meta anual del objetivo en el caso que el objetivo específico sea plurianual. En el caso de que no lo sea se puede obviar este dato y solo llenar las actividades correspondientes para cumplir con el objetivo. En el caso que se opte por llenar las actividades, se debe recordar que se exigen al menos dos actividades para cumplir con un objetivo."),
    (6, "Unidad Responsable: Al identificar la unidad responsable el servicio puede optar por mantener la misma unidad que identificó en el objetivo o meta, o identificarla por actividad según sean sus requerimientos de control interno."),
    (7, "Medio de verificación: si el servicio opta por trabajar con metas anuales se recomienda identificar sólo el medio de verificación de la meta y obviar el de las actividades a fin de reducir el número de medios de verificación. En caso contrario, debe identificar el medio de verificación de cada actividad."),
    (8, "Ponderación. Si el servicio trabaja con metas anuales se recomienda ponderar cada meta, el total de las ponderaciones de las metas debe sumar 100%. Si el servicio opta por ponderar actividades, se ponderan todas las actividades del programa de trabajo de manera uniforme, el total de actividades debe sumar 100%."),
    (9, "Colocar \"si\" si cumple con la actividad en un 100% y \"no\" en el caso de que no se cumpla o se cumpla parcialmente. Cada actividad (o meta) debe cumplirse completamente para poder ser ponderada, resultados parciales son considerados no cumplidos.."),
    (10, "En el caso de que la actividad o meta \"si cumpla\" agregar la ponderación correspondiente a esa actividad o meta."),
    (11, "Sumar el total de ponderaciones de las actividades o metas cumplidas. El servicio debe cumplir el 90% de las metas o actividades para validar el programa de trabajo correspondiente."),
    (12, "Anotar el resultado final que obtiene el servicio en el ejercicio {year}. El servicio \"CUMPLE\" cuando en cada región en la que compromete el programa de trabajo, el resultado anual es igual o mayor a 90% de las actividades o metas comprometidas cumplidas. El ser vicio \"NO CUMPLE\" cuando en alguna región el resultado es inferior a 90%. Dado que este es un resultado nacional, ubicar este resultado al final de la presentación de los programas de trabajo de las regiones."),
)


def _n(notes: tuple[tuple[int, str], ...], number: int) -> str:
    return dict(notes)[number]


def _control_columns(first: int, notes: tuple[tuple[int, str], ...]) -> tuple[Column, ...]:
    """The shared control table: (2)–(10) on III.1 and III.3, (7)–(15) on III.2."""
    spec = (
        ("objective", "Objetivos específicos", RESULTS),
        ("indicator", "Indicador", RESULTS),
        ("indicator_result", "Resultado anual del indicador", RESULTS),
        ("description", "Meta anual o actividades comprometidas", OPERATIONS),
        ("responsible_unit", "Unidad Responsable", OPERATIONS),
        ("verification_means", "Medio de verificación", OPERATIONS),
        ("weight", "Ponderación (%)", OPERATIONS),
        ("met", "Cumple/no cumple", OPERATIONS),
        ("earned", "Ponderación ganada", OPERATIONS),
    )
    return tuple(
        Column(key, first + i, label, group, dict(notes).get(first + i, ""))
        for i, (key, label, group) in enumerate(spec)
    )


_III2_NOTES: tuple[tuple[int, str], ...] = (
    (1, "Identificar responsable del servicio en la región (por ejemplo: seremi o dirección regional) que compromete el programa de trabajo."),
    (2, "Señalar la instancia de complementariedad en la cual se están comprometiendo el programa."),
    (3, "Identificar el problema territorial que el año {year} constituirá la principal preocupación a resolver por el conjunto de las instituciones que participan en la instancia."),
    (4, "Identificar el territorio o territorios de la región que se han delimitado como área de acción de la instancia"),
    (5, "Identificar las instituciones participantes de la instancia de complementariedad territorial"),
    (6, "Productos del gobierno regional comprometidos en la instancia"),
    (7, "Objetivo específicos del programa de trabajo a comprometer."),
    (8, "Indicador que exprese el resultado anual esperado de cada objetivo específico. Se mide sólo al término del ejercicio anual."),
    (9, "Ídem nota 4, actividad III.1."),
    (10, "Ídem nota 5, actividad III.1"),
    (11, "Ídem nota 6, actividad III.1"),
    (12, "Ídem nota 7, actividad III.1"),
    (13, "Ídem nota 8, actividad III.1"),
    (14, "Ídem nota 9, actividad III.1"),
    (15, "Ídem nota 10, actividad III.1"),
    (16, "Ídem nota 11, actividad III.1"),
    (17, "Ídem nota 12, actividad III.1"),
)

_III3_NOTES: tuple[tuple[int, str], ...] = (
    (1, "Identificar responsable regional (seremi o dirección regional) que compromete el programa de provisión de información de interés regional al gobierno regional. La provisión regular de información de \"interés regional\" a los gobiernos regionales se origina a partir de un acuerdo con el Gobierno Regional o por una instrucción del Intendente. Se considera \"de interés regional\" la información señalada en la actividad I.3.1."),
    (2, "Los objetivos específicos, en este caso, están señalados en la misma columna. Ver nota 11, 12 y 13."),
    (3, "Indicador que exprese el resultado o cumplimiento del objetivo"),
    (4, "Ídem nota 4, actividad III.1"),
    (5, "Corresponde a las actividades que permitan cumplir con los objetivos específicos indicados en la columna anterior. Ver nota 11, 12 y 13"),
    (6, "Ídem nota 6, actividad III.1"),
    (7, "Ídem nota 7, actividad III.1"),
    (8, "Ídem nota 8, actividad III.1"),
    (9, "Ídem nota 9, actividad III.1"),
    (10, "Ídem nota 10, actividad III.1"),
    (11, "Incluye actividades orientadas a informar al GORE sobre la oferta de información institucional desagregada territorialmente que el servicio está en condiciones de proveer."),
    (12, "Incluye las actividades de provisión de información al GORE de acuerdo a procedimiento definido para establecer su formato, contenido y periodicidad"),
    (13, "Otros objetivos institucionales que la institución haya programado implementar en regiones, relacionados con la provisión de información desagregada territorialmente a las jefaturas regionales, o a sus clientes usuarios o beneficiarios, o a los gobiernos regionales."),
    (14, "Ídem nota 11, actividad III.1"),
    (15, "Ídem nota 12, actividad III.1"),
)

_III4_NOTES: tuple[tuple[int, str], ...] = (
    (1, "Responsable regional (por ejemplo: seremi o dirección regional)"),
    (2, "Describir el avance logrado a la fecha de medición, indicando especialmente situaciones que pueden ser adversas o problemáticas para la implementación exitosa, a fin de ofrecer recomendaciones en columna 3."),
    (3, "Describir el avance en la implementación de las medidas de la autoridad que acompañan las mejoras, así como las medidas de mitigación del efecto de las variables externas identificadas en la etapa 2. Registrar, especialmente, aquellas que aún no se han cumplido, a fin de ofrecer recomendaciones en la columna 3."),
    (4, "Recomendaciones y compromisos a fin de superar dificultades, si existen."),
    (5, "Señalar el responsable de implementar las recomendaciones y compromisos identificados."),
)

III3_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("11", "Oferta de información al GORE", _n(_III3_NOTES, 11)),
    ("12", "Provisión de información", _n(_III3_NOTES, 12)),
    ("13", "Otros objetivos institucionales", _n(_III3_NOTES, 13)),
)

SPECS: dict[FormKind, FormSpec] = {
    FormKind.III_1: FormSpec(
        kind=FormKind.III_1,
        activity="Actividad III. 1.",
        title="Programa de Trabajo de Gestión Territorial {year} (mejoras en el diseño, acceso y distribución de los productos en el territorio)",
        columns=_control_columns(2, _III1_NOTES),
        header_fields=(),
        result_labels=(
            "Desempeño Anual Región Programa de Trabajo (diseño, acceso y distribución) {year} (%)",
            "Desempeño Anual Servicio Programa de Trabajo (diseño, acceso y distribución) {year} (CUMPLE /NO CUMPLE)",
        ),
        result_numbers=(11, 12),
        sections=(),
        notes=_III1_NOTES,
    ),
    FormKind.III_2: FormSpec(
        kind=FormKind.III_2,
        activity="Actividad III. 2:",
        title="Programa de Complementariedad Territorial {year} (mejoras en la complementariedad territorial de los productos en el territorio)",
        columns=_control_columns(7, _III2_NOTES),
        header_fields=(
            Column("instance_name", 2, "Identificación de la instancia", "", _n(_III2_NOTES, 2)),
            Column("main_problem", 3, "Principal problema a resolver el año {year}", "", _n(_III2_NOTES, 3)),
            Column("territories", 4, "Territorio(s) en el/ los que opera", "", _n(_III2_NOTES, 4)),
            Column("institutions", 5, "Instituciones participantes", "", _n(_III2_NOTES, 5)),
            Column("products", 6, "Productos o subproductos", "", _n(_III2_NOTES, 6)),
        ),
        result_labels=(
            "Desempeño Anual Región - Programa de Complementariedad Territorial {year} (%)",
            "Desempeño Anual Servicio (CUMPLE /NO CUMPLE)",
        ),
        result_numbers=(16, 17),
        sections=(),
        notes=_III2_NOTES,
    ),
    FormKind.III_3: FormSpec(
        kind=FormKind.III_3,
        activity="Actividad III. 3:",
        title="Programa de Trabajo de Mejoras a (los) Sistema(s) de Información Institucional y de Provisión de Información a los Gobiernos Regionales",
        columns=_control_columns(2, _III3_NOTES),
        header_fields=(),
        result_labels=(
            "Desempeño Anual Región Programa de Información {year} (%)",
            "Desempeño Anual Servicio (CUMPLE /NO CUMPLE)",
        ),
        result_numbers=(14, 15),
        sections=III3_SECTIONS,
        notes=_III3_NOTES,
    ),
    FormKind.III_4: FormSpec(
        kind=FormKind.III_4,
        activity="Actividad III. 4:",
        title="Análisis del avance en la implementación de los Programas de Trabajo {year}",
        columns=(
            Column("programme", 0, "Programa de Trabajo", "", ""),
            Column("objective", 0, "Objetivos específicos", "", ""),
            Column("progress", 2, "Avance efectivo en la implementación de las actividades", "", _n(_III4_NOTES, 2)),
            Column("authority_measures", 3, "Avance en la implementación de las medidas de la autoridad", "", _n(_III4_NOTES, 3)),
            Column("recommendations", 4, "Recomendaciones y compromisos para superar dificultades", "", _n(_III4_NOTES, 4)),
            Column("responsible", 5, "Responsable", "", _n(_III4_NOTES, 5)),
        ),
        header_fields=(),
        result_labels=("", ""),
        result_numbers=(0, 0),
        sections=(),
        notes=_III4_NOTES,
    ),
}

PROGRAMME_LABELS: dict[FormKind, str] = {
    FormKind.III_1: "Diseño Acceso y Distribución",
    FormKind.III_2: "Complementariedad",
    FormKind.III_3: "Información",
}
"""How III.4's column "Programa de Trabajo" names each programme (seed 001, III.4)."""

SHORT_NAMES: dict[FormKind, str] = {
    FormKind.III_1: "III.1 Gestión Territorial (diseño, acceso y distribución)",
    FormKind.III_2: "III.2 Complementariedad Territorial",
    FormKind.III_3: "III.3 Sistemas de Información y GORE",
    FormKind.III_4: "III.4 Análisis del avance",
}
"""Names for menus and the navigator."""


def spec(kind: FormKind | str) -> FormSpec:
    """The :class:`FormSpec` of ``kind`` ("III.1" … "III.4").

    Raises:
        ValueError: unknown form (Spanish message).
    """
    return SPECS[kind if isinstance(kind, FormKind) else FormKind.parse(kind)]


def rule_note(kind: FormKind | str, iii1_note: int) -> str:
    """How a warning on form ``kind`` cites the III.1 note that states its rule.

    III.2 and III.3 repeat III.1's notes under their own numbers ("(13) Ídem nota 8, actividad
    III.1"): on those forms the rule is cited by that number, which is the one printed under
    the form; a rule the form does not repeat is cited as III.1's.

    Args:
        kind: the form the warning is shown or printed with.
        iii1_note: the note of Actividad III.1 that states the rule ((5), (8), (9), (11)).

    Returns:
        "nota 8" on III.1, "nota 13" on III.2 for note (8), "nota 5, actividad III.1" on III.3
        for note (5) (its own (5) says something else).

    Source: seed 001, Notas Actividad III. 2 and III. 3.
    """
    form_spec = spec(kind)
    if form_spec.kind is FormKind.III_1:
        return f"nota {iii1_note}"
    same = f"ídem nota {iii1_note}, actividad iii.1"
    for number, text in form_spec.notes:
        if text.strip().rstrip(".").lower() == same:
            return f"nota {number}"
    return f"nota {iii1_note}, actividad III.1"
