"""What the session screen posts, for the tests of its view: the screen's address and its
form with the state it was made on (no marks unless given)."""

from django.urls import reverse


def record_url(session) -> str:
    return reverse("networks:session_record", args=[session.network_id, session.pk])


def form_data(session, **extra) -> dict:
    data = {
        "version": str(session.version),
        "base_present": "",
        "base_contributions": "[]",
        "base_absent": "[]",
        "base_note": session.note,
        "note": session.note,
        "newcomer": "",
    }
    data.update(extra)
    return data
