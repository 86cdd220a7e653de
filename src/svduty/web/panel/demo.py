"""Demo panel for Sample County: synthetic referrals, two meetings and a small network.

Every name and address is invented (and encrypted at rest like real ones).
"""

from __future__ import annotations

import datetime as dt

FIRST = ["Jayden", "Kai", "Leah", "Tyler", "Amir", "Chloe", "Reece", "Nadia", "Callum", "Zara"]
LAST = ["Ashdown", "Brackley", "Corrin", "Dunmore", "Elswick", "Fenwood", "Garside", "Holloway"]
STREETS = ["Mill Lane", "Orchard Way", "Station Road", "Church Close", "Park View", "Canal Walk"]
SCHOOLS = ["Northby Academy", "Sample Vale College", "Westford High", "Kingsmere PRU"]
REASONS = [
    ("Found with a knife outside a takeaway in Northby town centre.", ["weapon_carrying"]),
    (
        "Three missing episodes; seen with older males at the station.",
        ["missing_episodes", "criminal_exploitation"],
    ),
    ("Assaulted in a park; friends posting threats online.", ["victim_of_violence"]),
    (
        "Permanently excluded; suspected of running drugs between towns.",
        ["exclusion", "drug_supply", "criminal_exploitation"],
    ),
    ("Arrested for a robbery with two others.", ["perpetrator_of_violence", "gang_association"]),
    (
        "Disclosed carrying a blade for protection to a youth worker.",
        ["weapon_carrying", "victim_of_violence"],
    ),
    ("Domestic abuse at home; missing overnight twice.", ["domestic_abuse", "missing_episodes"]),
    ("Associating with a group linked to recent stabbings.", ["gang_association"]),
]


def seed_panel(context, today: dt.date) -> None:
    from svduty.web.panel.models import (
        Attendance,
        CaseReview,
        Connection,
        Meeting,
        Network,
        NetworkNode,
        PanelAction,
        PlaceReview,
        Referral,
    )
    from svduty.web.panel.services import record_review

    p, orgs, rng = context.partnership, context.organisations, context.rng
    referrers = ["police", "yjs", "education", "county", "icb"]
    referrals = []
    for n, (reason, indicators) in enumerate(REASONS):
        referral_date = today - dt.timedelta(days=70 - 8 * n)
        age = 13 + (n * 3) % 9
        referrals.append(
            Referral.objects.create(
                partnership=p,
                referral_date=referral_date,
                referring_organisation=orgs[referrers[n % len(referrers)]],
                referrer=f"Practitioner {n + 1}",
                name=f"{FIRST[n]} {LAST[n]}",
                date_of_birth=referral_date - dt.timedelta(days=365 * age + 40 + n),
                address=f"{10 + n} {STREETS[n % len(STREETS)]}, Sample County SC{n} 1AA",
                sex="female" if FIRST[n] in {"Leah", "Chloe", "Nadia", "Zara"} else "male",
                ethnicity=rng.choice(["white", "white", "black", "asian", "mixed"]),
                school=SCHOOLS[n % len(SCHOOLS)],
                reason=reason,
                risk_indicators=indicators,
                lawful_basis="public_task",
                consent_status=rng.choice(["given", "not_sought", "refused"]),
                risk_level=rng.choice(["medium", "high", "very_high"]),
                risk_reasons="Indicators as recorded by the referrer; agreed at triage.",
            )
        )
    last = Meeting.objects.create(
        partnership=p,
        date=today - dt.timedelta(days=28),
        chair="Head of Youth Justice",
        location="County Hall, Room 2",
    )
    upcoming = Meeting.objects.create(
        partnership=p, date=today + dt.timedelta(days=7), chair="Head of Youth Justice"
    )
    for key, person in (
        ("police", "DS Reed"),
        ("yjs", "C. Okafor"),
        ("education", "Inclusion lead"),
        ("county", "Social worker"),
    ):
        Attendance.objects.create(meeting=last, organisation=orgs[key], attendee=person)
    Attendance.objects.create(
        meeting=last, organisation=orgs["icb"], attendee="Safeguarding nurse", present=False
    )
    for referral in referrals[:4]:
        record_review(
            CaseReview(
                meeting=last,
                referral=referral,
                minutes="Information shared by each agency; plan agreed (see actions).",
                risk_level=referral.risk_level,
                decision="continue" if referral is not referrals[2] else "close",
                outcome="" if referral is not referrals[2] else "stepped_down",
                next_review_date=upcoming.date if referral is not referrals[2] else None,
            )
        )
        if referral is not referrals[2]:
            PanelAction.objects.create(
                partnership=p,
                referral=referral,
                meeting=last,
                description="Offer a mentor from the youth mentoring trust.",
                owner_organisation=orgs["mentoring"],
                due_date=upcoming.date - dt.timedelta(days=3),
            )
    network = Network.objects.create(
        partnership=p,
        title="Northby station group",
        summary="Young people drawn into drug supply around Northby station.",
        strategy_meeting_date=today + dt.timedelta(days=14),
    )
    people = [
        NetworkNode.objects.create(network=network, kind="young_person", referral=r)
        for r in (referrals[1], referrals[3], referrals[4], referrals[7])
    ]
    adult_a = NetworkNode.objects.create(network=network, kind="adult", label="Adult A")
    adult_b = NetworkNode.objects.create(network=network, kind="adult", label="Adult B")
    station = NetworkNode.objects.create(network=network, kind="place", label="Northby station")
    group = NetworkNode.objects.create(network=network, kind="group", label="Station Boys")
    links = [
        (people[0], adult_a, "Seen getting into car", "Police intelligence", "untested"),
        (people[1], adult_a, "Phone contact", "Police disclosure", "reliable"),
        (people[1], people[0], "Friends; same class", "School", "reliable"),
        (people[2], group, "Named member", "Youth worker", "untested"),
        (people[3], group, "Posts with the group online", "Social media", "not_reliable"),
        (adult_b, group, "Said to supply the group", "Anonymous report", "not_reliable"),
        (
            people[0],
            station,
            "Found there when missing",
            "Missing-person return interview",
            "reliable",
        ),
        (adult_a, station, "Car seen there weekly", "ANPR", "reliable"),
    ]
    for source, target, relationship, origin, reliability in links:
        Connection.objects.create(
            network=network,
            source_node=source,
            target_node=target,
            relationship=relationship,
            information_source=origin,
            reliability=reliability,
        )
    place = PlaceReview.objects.create(
        partnership=p,
        name="Northby station underpass",
        lsoa_code="E01099011",
        review_date=last.date,
        concerns="Robberies of school pupils after 3pm; dealing at night.",
        design_out="Cut back hedges; brighter lighting; CCTV at the south entrance.",
        trusted_adults="Detached youth workers on Tuesday and Friday evenings.",
        retailer_support="Safe-haven scheme for the two convenience stores; staff training.",
    )
    PanelAction.objects.create(
        partnership=p,
        place_review=place,
        meeting=last,
        description="Lighting survey of the underpass.",
        owner_organisation=orgs["district:Northby"],
        due_date=today + dt.timedelta(days=30),
    )
    PlaceReview.objects.create(
        partnership=p,
        name="Kingsmere retail park",
        lsoa_code="E01099042",
        review_date=last.date,
        concerns="Knife-point robberies of shop staff.",
        retailer_support="Bleed kits and staff training.",
    )
