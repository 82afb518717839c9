"""No API answer holds a personal network map's people or anyone's contact details: walk
every API endpoint as every role in a world with a withheld contact."""

import datetime as dt

from tests.authz.api import ROUTES
from tests.test_authorization import url_for
from vangnet.networks.models import Attendance, Contribution
from vangnet.support.models import Alter, Consent, NetworkMap, SupportTie

PHONE = "06-98765432"
EMAIL = "geheim.contact@example.org"
OWN_PHONE = "06-11112222"
OWN_EMAIL = "deelnemer.zelf@example.org"


def test_no_endpoint_returns_map_contacts_or_contact_details(client, world):
    participant = world["participant"]
    participant.phone, participant.email = OWN_PHONE, OWN_EMAIL
    participant.save(update_fields=["phone", "email"])
    other = type(participant).objects.create(
        organisation=participant.organisation, network=participant.network, display_name="Mo"
    )
    wave = NetworkMap.objects.create(participant=participant, wave_date=dt.date(2025, 2, 1))
    Alter.objects.create(
        network_map=wave,
        name="Zus Geheim",
        kind="relative",
        phone=PHONE,
        email=EMAIL,
        consent=Consent.NO,
        linked_participant=other,
    )
    session_id = world["kwargs"]["session_id"]
    Attendance.objects.create(session_id=session_id, participant=participant)
    Contribution.objects.create(session_id=session_id, participant=participant, task="koken")
    SupportTie.objects.create(
        network=participant.network,
        giver=participant,
        receiver=other,
        support_type="practical",
        date=dt.date(2025, 2, 5),
    )
    walked = 0
    for name in sorted(ROUTES):
        url = url_for(name, world["kwargs"])
        for label, user in world["users"].items():
            client.force_login(user)
            response = client.get(url)
            client.logout()
            # A file (a receipt) streams; read it as well, it must hold no secret either.
            raw = b"".join(response.streaming_content) if response.streaming else response.content
            body = raw.decode(errors="replace")
            for secret in (PHONE, EMAIL, OWN_PHONE, OWN_EMAIL, "Zus Geheim"):
                assert secret not in body, f"{secret} in {name} for {label}"
            walked += response.status_code == 200
    assert walked > 20  # the walk did see real answers (names are shown to workers)
    client.force_login(world["users"]["lead"])
    routes = client.get(url_for("api:route_list", world["kwargs"])).json()
    assert {row["display_name"] for row in routes} == {participant.display_name, "Mo"}
