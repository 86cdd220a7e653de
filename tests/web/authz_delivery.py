"""Authorisation-matrix rows and world records of funding, interventions, training, consultation
and the board report (joined to ``tests.web.authz`` at the end of that module)."""

from __future__ import annotations

from typing import Any

from svduty.web.common.roles import ANALYSTS, EVALUATORS, MANAGERS, READERS, Role
from tests.web.authz import ViewCase, World
from tests.web.consultation.factories import ConsultationFactory, ConsultationResponseFactory
from tests.web.funding.factories import (
    ApplicationFactory,
    BiddingRoundFactory,
    CriterionFactory,
    GrantAllocationFactory,
    GrantStreamFactory,
    ProjectAllocationFactory,
    SpendLineFactory,
)
from tests.web.interventions.factories import (
    EvaluationFactory,
    InterventionFactory,
    OutcomeFactory,
    QuarterlyOutputFactory,
)
from tests.web.training.factories import (
    AttendanceFactory,
    CourseFactory,
    TrainingSessionFactory,
)


def extend_world(world: World) -> dict[str, Any]:
    """One record of each kind; the owner organisation applies for and delivers things."""
    p, owner = world.partnership, world.owner
    stream = GrantStreamFactory(partnership=p)
    allocation = GrantAllocationFactory(stream=stream, partnership=p)
    bidding_round = BiddingRoundFactory(stream=stream, partnership=p)
    intervention = InterventionFactory(partnership=p, provider=owner)
    session = TrainingSessionFactory(course=CourseFactory(partnership=p), partnership=p)
    consultation = ConsultationFactory(partnership=p)
    return {
        "stream": stream,
        "allocation": allocation,
        "project": ProjectAllocationFactory(
            allocation=allocation, partnership=p, organisation=owner
        ),
        "spend": SpendLineFactory(allocation=allocation, partnership=p),
        "round": bidding_round,
        "criterion": CriterionFactory(bidding_round=bidding_round, partnership=p),
        "application": ApplicationFactory(
            bidding_round=bidding_round, partnership=p, applicant=owner
        ),
        "intervention": intervention,
        "output": QuarterlyOutputFactory(intervention=intervention, partnership=p),
        "outcome": OutcomeFactory(intervention=intervention, partnership=p),
        "evaluation": EvaluationFactory(intervention=intervention, partnership=p),
        "course": session.course,
        "session": session,
        "attendance": AttendanceFactory(session=session, partnership=p, organisation=owner),
        "consultation": consultation,
        "response": ConsultationResponseFactory(consultation=consultation, partnership=p),
    }


def _pk(name: str):
    return lambda world: {"pk": world.records[name].pk}


def _parent(name: str):
    return lambda world: {"parent": world.records[name].pk}


def _child(parent: str, name: str):
    return lambda world: {"parent": world.records[parent].pk, "pk": world.records[name].pk}


def _application(world: World) -> dict[str, Any]:
    return {"application": world.application.pk}


#: Providers act for the world's owner organisation, which applied for the bid and delivers the
#: intervention; so they may see that application and report that intervention's outputs.
APPLICANT_OR_EVALUATOR = EVALUATORS | {Role.PROVIDER}
REPORTERS_ON_OWN_INTERVENTION = MANAGERS | {Role.PROVIDER}

DELIVERY_CASES: list[ViewCase] = [
    # funding
    ViewCase("funding:overview", READERS),
    ViewCase("funding:stream_add", MANAGERS, form=True),
    ViewCase("funding:stream_change", MANAGERS, _pk("stream"), form=True),
    ViewCase("funding:allocation_add", MANAGERS, form=True),
    ViewCase("funding:allocation_detail", READERS, _pk("allocation")),
    ViewCase("funding:allocation_change", MANAGERS, _pk("allocation"), form=True),
    ViewCase("funding:project_add", MANAGERS, form=True),
    ViewCase("funding:project_change", MANAGERS, _pk("project"), form=True),
    ViewCase("funding:spend_add", MANAGERS, form=True),
    ViewCase("funding:spend_change", MANAGERS, _pk("spend"), form=True),
    ViewCase("funding:round_add", MANAGERS, form=True),
    ViewCase("funding:round_detail", READERS, _pk("round")),
    ViewCase("funding:round_change", MANAGERS, _pk("round"), form=True),
    ViewCase("funding:criterion_add", MANAGERS, _parent("round"), form=True),
    ViewCase("funding:criterion_change", MANAGERS, _child("round", "criterion"), form=True),
    ViewCase("funding:application_add", MANAGERS, _parent("round"), form=True),
    ViewCase("funding:application_detail", APPLICANT_OR_EVALUATOR, _pk("application")),
    ViewCase("funding:scorecard_add", EVALUATORS, _application, form=True),
    ViewCase("funding:moderate", MANAGERS, _application, form=True),
    ViewCase("funding:decide", MANAGERS, _application, form=True),
    # interventions
    ViewCase("interventions:register", READERS),
    ViewCase("interventions:add", MANAGERS, form=True),
    ViewCase("interventions:detail", READERS, _pk("intervention")),
    ViewCase("interventions:change", MANAGERS, _pk("intervention"), form=True),
    ViewCase(
        "interventions:output_add",
        REPORTERS_ON_OWN_INTERVENTION,
        _parent("intervention"),
        form=True,
    ),
    ViewCase(
        "interventions:output_change",
        REPORTERS_ON_OWN_INTERVENTION,
        _child("intervention", "output"),
        form=True,
    ),
    ViewCase(
        "interventions:outcome_add",
        REPORTERS_ON_OWN_INTERVENTION,
        _parent("intervention"),
        form=True,
    ),
    ViewCase(
        "interventions:outcome_change",
        REPORTERS_ON_OWN_INTERVENTION,
        _child("intervention", "outcome"),
        form=True,
    ),
    ViewCase("interventions:evaluation_add", ANALYSTS, _parent("intervention"), form=True),
    ViewCase(
        "interventions:evaluation_change",
        ANALYSTS,
        _child("intervention", "evaluation"),
        form=True,
    ),
    # training
    ViewCase("training:overview", READERS),
    ViewCase("training:course_add", MANAGERS, form=True),
    ViewCase("training:course_change", MANAGERS, _pk("course"), form=True),
    ViewCase("training:session_add", MANAGERS, form=True),
    ViewCase("training:session_detail", READERS, _pk("session")),
    ViewCase("training:session_change", MANAGERS, _pk("session"), form=True),
    ViewCase("training:attendance_add", MANAGERS, _parent("session"), form=True),
    ViewCase("training:attendance_change", MANAGERS, _child("session", "attendance"), form=True),
    # consultation
    ViewCase("consultation:list", READERS),
    ViewCase("consultation:add", MANAGERS, form=True),
    ViewCase("consultation:detail", READERS, _pk("consultation")),
    ViewCase("consultation:change", MANAGERS, _pk("consultation"), form=True),
    ViewCase("consultation:response_add", MANAGERS, _parent("consultation"), form=True),
    ViewCase(
        "consultation:response_change", MANAGERS, _child("consultation", "response"), form=True
    ),
    # board report
    ViewCase("boardreport:report", READERS),
    ViewCase("boardreport:pdf", READERS),
]
