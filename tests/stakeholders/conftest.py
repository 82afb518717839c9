import datetime as dt

import pytest

from vangnet.stakeholders import services


@pytest.fixture
def party(network, coordinator):
    return services.party_save(
        organisation=network.organisation,
        actor=coordinator,
        name="Gemeente Tilburg, sociaal domein",
        kind="municipality",
        in_project_group=True,
        contact_name="Sanne de Wit",
        contact_email="s.dewit@tilburg.nl",
        networks=[network],
    )


@pytest.fixture
def meeting(network, coordinator, party):
    return services.meeting_save(
        organisation=network.organisation,
        actor=coordinator,
        date=dt.date(2025, 3, 4),
        kind="project_group",
        subject="Voortgang Tilburg Noord",
        parties=[party],
        networks=[network],
        notes="Ruimte in de wijk besproken.",
        agreements=[
            services.NewAgreement(
                text="Ruimte in het buurthuis vragen", owner=party, due_date=dt.date(2025, 4, 1)
            ),
            services.NewAgreement(text="Flyer maken", due_date=dt.date(2099, 1, 1)),
        ],
    )
