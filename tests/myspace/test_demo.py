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
