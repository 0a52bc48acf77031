"""Accessibility: the site's tillgänglighetsredogörelse and the publisher behind the site.

Swedish public bodies must publish an accessibility statement with the content DIGG
prescribes (who publishes, compliance status, what is not accessible and why, when and how it
was assessed, a feedback route and DIGG's reporting form), linked from every page. The
publisher's name, contact and licence are stated here once: the statement and every page's
footer show them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, model_validator

from generator.locale import message
from generator.types.base import Record, Ref, Section, Slug, Strict, Text
from generator.types.identifiers import Url

# An address that is safe in a mailto: link: no spaces, brackets or parentheses.
Email = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
]
# The statuses DIGG's regulations allow (delvis, helt or inte förenlig); a new statement
# starts as partial, with its shortcomings to list.
Compliance = Literal["partial", "full", "none"]
# Why content is not accessible: it fails the law's requirements; adapting it would be a
# disproportionate burden (12 § of the law); or it lies outside the law's scope (9 §).
Reason = Literal["non-compliance", "disproportionate-burden", "out-of-scope"]
# How compliance was assessed, as DIGG names the methods.
Method = Literal["self-assessment", "external-audit"]


class Licence(Strict):
    """The licence the site's content is published under."""

    name: Text = Field(description="Licensens namn, t.ex. 'CC BY 4.0'.")
    url: Url = Field(description="Licenstextens webbadress.")


class Publisher(Strict):
    """The public body that publishes the site, as the footer and the statement name it."""

    name: Text = Field(description="Organisationens namn, t.ex. 'Exempels kommun'.")
    url: Url | None = Field(None, description="Organisationens webbplats.")
    email: Email = Field(description="E-postadress för frågor om webbplatsen.")
    phone: Text | None = Field(None, description="Telefonnummer, t.ex. '010-123 45 67'.")
    licence: Licence = Field(description="Licensen för webbplatsens innehåll.")


class Shortcoming(Section):
    """Content that is not accessible, with the reason and, where a test finds it, the
    axe-core rules that report it: the accessibility test fails when the site has a
    violation that no shortcoming declares, or a declared one that no longer occurs."""

    reason: Reason = Field(
        description="Skälet: `non-compliance` (brister mot kraven), "
        "`disproportionate-burden` (oskäligt betungande "
        "anpassning, 12 §) eller `out-of-scope` (omfattas "
        "inte av lagen, 9 §)."
    )
    criteria: list[Text] = Field(
        default_factory=list,
        description="Berörda krav i WCAG 2.1, t.ex. '1.4.3 Kontrast (minimum)'.",
    )
    axe_rules: list[Slug] = Field(
        default_factory=list,
        description="Regler i axe-core som hittar bristen, t.ex. `color-contrast`.",
    )
    remedy: str = Field(
        "",
        description="När och hur bristen åtgärdas, eller vilket "
        "alternativ som finns (Markdown utan HTML).",
    )


class Assessment(Strict):
    """When and how compliance was last assessed."""

    date: dt.date = Field(description="Datum för bedömningen (ÅÅÅÅ-MM-DD).")
    method: Method = Field(
        description="`self-assessment` (självskattning) eller "
        "`external-audit` (granskning av extern part)."
    )
    text: Text = Field(description="Hur bedömningen gjordes (Markdown utan HTML).")


class Feedback(Strict):
    """How a visitor reports a problem or asks for content in an accessible form."""

    email: Email = Field(description="E-postadress dit brister och önskemål skickas.")
    phone: Text | None = Field(None, description="Telefonnummer.")
    response_time: Text | None = Field(
        None, description="När besökaren kan vänta sig svar, t.ex. 'inom två arbetsdagar'."
    )


class Accessibility(Record):
    """The accessibility statement (tillgänglighetsredogörelse), one per site. `reviewed` is
    the day it was last updated."""

    type_name: ClassVar[str] = "accessibility"
    url_prefix: ClassVar[str] = ""
    position: ClassVar[int] = 11
    nav_position: ClassVar[int | None] = None
    one_per_site: ClassVar[bool] = True

    publisher: Publisher = Field(
        description="Organisationen som publicerar webbplatsen; "
        "visas också i sidfoten på varje sida."
    )
    service: Text = Field(description="Den digitala servicens namn, t.ex. webbplatsens.")
    status: Compliance = Field(
        description="Följsamhet till lagkraven: `full` (helt förenlig), "
        "`partial` (delvis förenlig) eller `none` (inte "
        "förenlig)."
    )
    published: dt.date = Field(description="Datum då redogörelsen upprättades.")
    assessment: Assessment = Field(description="När och hur följsamheten bedömdes.")
    shortcomings: list[Shortcoming] = Field(
        default_factory=list, description="Innehåll som inte är tillgängligt, och varför."
    )
    feedback: Feedback = Field(
        description="Hur en besökare meddelar brister eller begär innehåll i tillgänglig form."
    )
    related: list[Ref] = Field(default_factory=list, description="Relaterade poster.")

    @model_validator(mode="after")
    def _status_matches_shortcomings(self) -> Accessibility:
        failing = [s.id for s in self.shortcomings if s.reason == "non-compliance"]
        if self.status == "full" and failing:
            raise ValueError(message("messages.types.full_with_failings", ids=", ".join(failing)))
        if self.status != "full" and not failing:
            raise ValueError(message("messages.types.failings_missing"))
        return self

    def anchors(self) -> dict[str, str]:
        return {s.id: s.title for s in self.shortcomings}

    def declared_axe_rules(self) -> set[str]:
        """The axe-core rules whose violations this statement declares."""
        return {rule for s in self.shortcomings for rule in s.axe_rules}
