import io
import re

from django.core.management import call_command

from vangnet.myspace import services


def test_demo_prints_a_participant_with_a_working_code(db):
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    text = out.getvalue()
    assert "Mijn Vangnet (deelnemer" in text
    code = re.search(r"code=([A-Z0-9]{4}-[A-Z0-9]{4})", text).group(1)
    assert services.code_usable(code) is not None
    # Running it again (the demo exists) prints a new code; the old one is revoked.
    again = io.StringIO()
    call_command("demo_data", stdout=again)
    new_code = re.search(r"code=([A-Z0-9]{4}-[A-Z0-9]{4})", again.getvalue()).group(1)
    assert services.code_usable(new_code) is not None
    assert services.code_usable(code) is None


def test_demo_prints_a_client_with_a_working_code_and_goals(db):
    from vangnet.myspace.client_selectors import goal_rows, support_group_view
    from vangnet.support.models import Client

    out = io.StringIO()
    call_command("demo_data", stdout=out)
    text = out.getvalue()
    assert "Mijn Vangnet (cliënt Sem" in text
    codes = re.findall(r"code=([A-Z0-9]{4}-[A-Z0-9]{4})", text)
    assert len(codes) == 2
    client_code = services.code_usable(codes[1])
    assert client_code is not None and client_code.account.client is not None
    sem = Client.objects.get(display_name="Sem")
    rows = goal_rows(client=sem)
    assert [row.text for row in rows] == ["een eigen woning", "rust in mijn hoofd"]
    assert [score for _day, score in rows[0].ratings] == [3, 4, 6]
    assert support_group_view(client=sem).members == ["Zus Ilse"]
    from vangnet.privacy.selectors import consent_withdrawn

    assert consent_withdrawn(kind="research_export", client_id=sem.pk)  # his own choice
    # Again: the same client (not a second one), a new code, the old one revoked.
    again = io.StringIO()
    call_command("demo_data", stdout=again)
    assert Client.objects.filter(display_name="Sem").count() == 1
    assert services.code_usable(codes[1]) is None
