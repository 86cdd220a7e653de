"""The register, outputs by quarter (one per quarter; providers report their own), evaluations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from svduty.web.common.periods import FinancialQuarter
from svduty.web.interventions import services
from svduty.web.interventions.models import QuarterlyOutput
from tests.web import factories as f
from tests.web.interventions.factories import (
    EvaluationFactory,
    InterventionFactory,
    QuarterlyOutputFactory,
)

pytestmark = pytest.mark.django_db


def test_ages_and_period_are_checked():
    intervention = InterventionFactory.build(min_age=18, max_age=11, end_date=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as caught:
        intervention.clean()
    assert set(caught.value.message_dict) == {"max_age", "end_date"}
    assert InterventionFactory.build(min_age=10, max_age=None).ages == "10 and over"


def test_evaluation_needs_a_strength_of_evidence():
    evaluation = EvaluationFactory.build(maryland_level=None, eif_level="")
    with pytest.raises(ValidationError, match="Maryland level or an EIF level"):
        evaluation.clean()


def test_outputs_for_a_quarter_and_the_year_to_date():
    intervention = InterventionFactory()
    partnership = intervention.partnership
    for quarter, reached in ((1, 30), (2, 45), (3, 50)):
        QuarterlyOutputFactory(intervention=intervention, quarter=quarter, people_reached=reached)
    QuarterlyOutputFactory(
        intervention=intervention, financial_year=2023, quarter=4, people_reached=7
    )
    silent = InterventionFactory(partnership=partnership, name="Z silent project")
    rows = services.outputs_for_quarter(partnership, FinancialQuarter(2024, 2))
    by_name = {row.intervention.name: row for row in rows}
    row = by_name[intervention.name]
    assert (row.quarter_reached, row.previous_quarter_reached, row.year_to_date) == (45, 30, 75)
    assert by_name[silent.name].quarter_reached is None
    q1 = services.outputs_for_quarter(partnership, FinancialQuarter(2024, 1))
    assert {r.intervention.name: r.previous_quarter_reached for r in q1}[intervention.name] == 7


def test_provider_records_outputs_once_per_quarter(client):
    intervention = InterventionFactory()
    provider = f.member(intervention.partnership, "provider", organisation=intervention.provider)
    client.force_login(provider)
    url = reverse(
        "interventions:output_add",
        kwargs={"partnership": intervention.partnership.slug, "parent": intervention.pk},
    )
    current = FinancialQuarter.of(dt.date.today())
    data = {"period": f"{current.year}-{current.quarter}", "people_reached": "25"}
    assert client.post(url, data).status_code == 302
    output = QuarterlyOutput.objects.get()
    assert (output.financial_year, output.quarter, output.people_reached) == (
        current.year,
        current.quarter,
        25,
    )
    again = client.post(url, {**data, "people_reached": "3"})
    assert again.status_code == 200
    assert f"Outputs for {current.label} are already recorded" in again.content.decode()


def test_provider_of_another_organisation_cannot_report(client):
    intervention = InterventionFactory()
    other = f.OrganisationFactory(partnership=intervention.partnership)
    client.force_login(f.member(intervention.partnership, "provider", organisation=other))
    url = reverse(
        "interventions:output_add",
        kwargs={"partnership": intervention.partnership.slug, "parent": intervention.pk},
    )
    assert client.get(url).status_code == 403


def test_register_groups_by_pillar_with_people_reached(client):
    intervention = InterventionFactory(name="Bleed kits in town centres")
    QuarterlyOutputFactory(intervention=intervention, quarter=1, people_reached=12)
    QuarterlyOutputFactory(intervention=intervention, quarter=2, people_reached=30)
    client.force_login(f.member(intervention.partnership, "viewer"))
    page = client.get(
        reverse("interventions:register", kwargs={"partnership": intervention.partnership.slug})
    ).content.decode()
    assert "1 intervention: 0 universal, 1 targeted, 0 intensive." in page
    assert "Bleed kits in town centres" in page and ">42<" in page
