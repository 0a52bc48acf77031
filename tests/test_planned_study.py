"""The FIT trial in Swedish social services (seed 004) as a planned study: its two ways of
randomising, its follow-up times and no results claimed."""

from pathlib import Path


def test_the_planned_fit_trial_shows_its_design_and_follow_up(site: Path) -> None:
    html = (site / "evidens" / "fit-socialtjansten" / "index.html").read_text(encoding="utf-8")
    assert "Planerad studie" in html
    assert 'id="variant-a"' in html and 'id="variant-b"' in html
    assert "Lottning A: klienter till personal med eller utan FIT" in html
    assert "Lottning B: enheter till ett startdatum" in html
    assert "<strong>Uppföljning:</strong> 1, 3, 6, 12 månader efter start" in html
    assert 'id="resultat"' not in html  # a planned study has no findings to show
    assert "beskriver en planerad studie och redovisar inga resultat." in html


def test_a_planned_study_stays_out_of_the_effect_chart(site: Path) -> None:
    html = (site / "evidens" / "index.html").read_text(encoding="utf-8")
    chart = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "FIT i socialtjänsten" not in chart
