"""The printed service verdict (fast path) agrees with the full national scoring."""

from desktop.domain.forms import PROGRAMME_FORMS
from desktop.domain.regions import REGIONS
from desktop.services.generate import generate_national
from desktop.services.summary import national_summary, service_verdict_of, verdict_text
from tests.conftest import TODAY


def test_fast_verdict_matches_national_summary(db) -> None:  # noqa: ANN001
    generate_national(db, 2010, regions=REGIONS[:5], objectives=4, activities=3, met_ratio=0.95, seed=7)
    national = national_summary(db, 2010, TODAY)
    for form in PROGRAMME_FORMS:
        verdict, regions = service_verdict_of(db, form, 2010)
        assert verdict is national.verdicts[form]
        assert regions == 5
        # Five regions of sixteen, no central office: the form says who reports the result.
        assert verdict_text(db, form, 2010).startswith("Resultado nacional (nota ")


def test_fast_verdict_of_the_whole_nation_is_printed(db) -> None:  # noqa: ANN001
    generate_national(db, 2010, regions=REGIONS, objectives=2, activities=2, met_ratio=0.95, seed=7)
    national = national_summary(db, 2010, TODAY)
    for form in PROGRAMME_FORMS:
        verdict, regions = service_verdict_of(db, form, 2010)
        assert verdict is national.verdicts[form]
        assert verdict_text(db, form, 2010) == f"{verdict.value} (resultado nacional: {regions} regiones " \
                                               "comprometieron el programa)"


def test_no_verdict_without_data(db) -> None:  # noqa: ANN001
    assert service_verdict_of(db, PROGRAMME_FORMS[0], 1999) is None
    assert verdict_text(db, PROGRAMME_FORMS[0], 1999) == ""
