"""The interventions of issue 7: PMTO's parent group, TIBIR's linkable modules, FIT, LOKE and
the five early interventions for newly arrived children, whose unknown facts say so."""

from pathlib import Path

import pytest

from generator.checking.check import check
from generator.model.knowledge_base import KnowledgeBase
from generator.reading.project import Project
from generator.types.framework import Framework
from generator.types.intervention import Intervention

REPO = Path(__file__).resolve().parent.parent
TIBIR_MODULES = [
    "kartlegging",
    "foreldreradgivning",
    "pmto-foreldregruppe",
    "konsultasjon",
    "sosial-ferdighetstrening",
    "pmto-behandling",
]
EARLY = [
    "rinkeby-hembesoksprogram",
    "fhille",
    "valkommen-till-din-stadsdel",
    "sammen",
    "mindspring",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    records, problems = check(Project(REPO))
    assert problems == []
    return KnowledgeBase(records)


def test_the_parent_group_is_its_own_record_with_its_sourced_format(kb: KnowledgeBase) -> None:
    group = kb.resolve("intervention/pmto-foreldregrupp").record
    assert isinstance(group, Intervention)
    assert group.intensity is not None and "12 gruppträffar" in group.intensity.text
    assert "högst 12 föräldrar" in group.intensity.text
    assert group.staffing is not None and "Två gruppledare" in group.staffing.text
    assert any(r.id == "kjobli-2013" for r in kb.backlinks(group))


@pytest.mark.parametrize("module", TIBIR_MODULES)
def test_each_tibir_module_is_linkable(kb: KnowledgeBase, site: Path, module: str) -> None:
    assert kb.resolve(f"intervention/tibir#{module}").anchor == module
    assert f'id="{module}"' in (site / "insatser" / "tibir" / "index.html").read_text("utf-8")
    # /lankar/ is paged (LINKS_PER_PAGE), so the module's address may be on any of its pages.
    pages = sorted((site / "lankar").rglob("index.html"))
    assert any(f"/insatser/tibir/#{module}" in page.read_text("utf-8") for page in pages)


@pytest.mark.parametrize("method", EARLY)
def test_early_interventions_say_what_the_sources_do_not_give(site: Path, method: str) -> None:
    html = (site / "insatser" / method / "index.html").read_text(encoding="utf-8")
    assert (
        "Uppgift saknas i våra källor." in html or "Våra källor anger inga kostnader ännu." in html
    )
    assert "Nordens välfärdscenter" in html


def test_fit_uses_ors_and_srs_and_loke_is_an_isu_model(kb: KnowledgeBase) -> None:
    fit = kb.resolve("intervention/fit").record
    assert isinstance(fit, Intervention)
    assert {"measure/ors", "measure/srs"} <= set(fit.related)
    isu = kb.resolve("framework/isu").record
    assert isinstance(isu, Framework)
    assert "intervention/loke" in isu.related and "intervention/fit" in isu.related


def test_tibirs_components_lead_to_the_methods_that_describe_them(site: Path) -> None:
    html = (site / "insatser" / "tibir" / "index.html").read_text(encoding="utf-8")
    components = html.split('id="delar"')[1].split("</h2>", 2)[1]
    for anchor in TIBIR_MODULES:
        assert f'id="{anchor}"' in components, anchor
    group = components.split('id="pmto-foreldregruppe"')[1].split("<h3")[0]
    assert 'Läs mer: <a href="../pmto-foreldregrupp/">' in group
    individual = components.split('id="pmto-behandling"')[1].split("<h3")[0]
    assert 'Läs mer: <a href="../pmto/">' in individual
    pmto_group = (site / "insatser" / "pmto-foreldregrupp" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'href="../tibir/"' in pmto_group.split('<h2 id="refereras-fran"')[1]
