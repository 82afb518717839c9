import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import NetworkFactory, UserFactory
from tests.logbook.factories import BalanceReflectionFactory, LogEntryFactory
from vangnet.audit.models import AuditEvent
from vangnet.logbook.models import BalanceReflection, LogEntry
from vangnet.logbook.services import phase_on, week_start

pytestmark = pytest.mark.django_db


def url(name, network, *args):
    return reverse(f"logbook:{name}", args=[network.pk, *args])


def entry_data(**overrides):
    data = {
        "date": timezone.localdate().isoformat(),
        "text": "Nieuwe bezoeker voorgesteld aan de kookgroep.",
        "building_blocks": ["bringing_together"],
        "phase": "",
    }
    return data | overrides


BALANCE = {
    "stability_spontaneity": "-1",
    "safety_challenge": "2",
    "initiative_steering": "0",
    "letting_be_intervening": "1",
    "note": "",
}


# --------------------------------------------------------------------------- list


def test_list_shows_entries_newest_first_and_audits_the_view(worker_client, network, worker):
    LogEntryFactory(network=network, date=dt.date(2025, 1, 10), text="Eerste stap")
    LogEntryFactory(network=network, date=dt.date(2025, 3, 10), text="Later")
    response = worker_client.get(url("list", network))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Later") < html.index("Eerste stap")
    record = AuditEvent.objects.get(action="view")
    assert record.actor == worker and record.object_id == str(network.pk)
    assert record.detail == "logbook"


def test_list_filters_by_building_block(worker_client, network):
    LogEntryFactory(network=network, text="Over chaos", building_blocks=["organised_chaos"])
    LogEntryFactory(network=network, text="Over tolken", building_blocks=["social_interpreting"])
    html = worker_client.get(url("list", network), {"bouwsteen": "social_interpreting"})
    html = html.content.decode()
    assert "Over tolken" in html and "Over chaos" not in html
    bad = worker_client.get(url("list", network), {"bouwsteen": "<script>", "pagina": "x"})
    assert bad.status_code == 200
    html = bad.content.decode()
    assert "Kies een bouwsteen uit de lijst" in html and "<script>" not in html
    assert "Over tolken" in html and "Over chaos" in html  # an invalid filter shows everything


def test_list_shows_the_balance_chart_and_table(worker_client, network):
    BalanceReflectionFactory(
        network=network, week_start=week_start(timezone.localdate()), safety_challenge=2
    )
    html = worker_client.get(url("list", network)).content.decode()
    assert '<svg class="chart balance-chart"' in html and 'role="img"' in html
    assert "Toon als tabel" in html and "veel uitdaging" in html


def test_list_query_count_does_not_grow_with_entries(
    worker_client, network, django_assert_max_num_queries
):
    for day in range(30):
        LogEntryFactory(network=network, date=dt.date(2025, 1, 7) + dt.timedelta(days=day))
    with django_assert_max_num_queries(12):
        response = worker_client.get(url("list", network))
    assert response.status_code == 200
    assert response.content.decode().count('class="log-entry"') == 20


def test_coordinator_reads_but_cannot_write(client, network, coordinator):
    login(client, coordinator)
    entry = LogEntryFactory(network=network)
    response = client.get(url("list", network))
    assert response.status_code == 200
    assert "Nieuwe logboekregel" not in response.content.decode()
    assert client.get(url("create", network)).status_code == 403
    assert client.post(url("create", network), entry_data()).status_code == 403
    assert client.get(url("edit", network, entry.pk)).status_code == 403
    assert client.get(url("balance", network)).status_code == 403


@pytest.mark.parametrize("role", ["evaluator", "municipality", "admin"])
def test_other_roles_get_no_logbook(client, organisation, network, role):
    user = UserFactory(organisation=organisation, **{role: True})
    status = login(client, user).get(url("list", network)).status_code
    assert status in (403, 404)
    assert not AuditEvent.objects.filter(action="view").exists()


def test_other_organisation_and_unassigned_worker_get_404(client, organisation, network):
    outsider = NetworkFactory().lead_worker
    assert login(client, outsider).get(url("list", network)).status_code == 404
    colleague = UserFactory(organisation=organisation)
    assert login(client, colleague).get(url("list", network)).status_code == 404
    assert login(client, colleague).post(url("create", network), entry_data()).status_code == 404
    assert not LogEntry.objects.exists()


def test_unknown_network_and_entry_give_404(worker_client, network):
    assert worker_client.get(reverse("logbook:list", args=[999999])).status_code == 404
    assert worker_client.get(url("edit", network, 999999)).status_code == 404
    other = LogEntryFactory()  # an entry of another network
    assert worker_client.get(url("edit", network, other.pk)).status_code == 404


# --------------------------------------------------------------------------- create / edit


def test_create_form_preselects_today_and_the_current_phase(worker_client, network):
    html = worker_client.get(url("create", network)).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in html
    phase = phase_on(network=network, day=timezone.localdate())
    assert phase and f'<option value="{phase}" selected>' in html
    assert "<legend>Bouwstenen" in html


def test_create_entry(worker_client, network, worker):
    response = worker_client.post(url("create", network), entry_data())
    assert response.status_code == 302 and response.url == url("list", network)
    entry = LogEntry.objects.get()
    assert entry.author == worker and entry.building_blocks == ["bringing_together"]
    assert entry.phase  # derived from the network's phase


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (entry_data(text=""), "Schrijf wat er gebeurde."),
        (entry_data(building_blocks=[]), "Kies minstens één bouwsteen."),
        (entry_data(building_blocks=["x"]), "Kies alleen bouwstenen uit de lijst."),
        (entry_data(date="31-02-2025"), "Vul een geldige datum in als dd-mm-jjjj"),
        (entry_data(date="2999-01-01"), "Deze datum ligt in de toekomst."),
        (entry_data(date="2020-01-01"), "voor de start van het vangnetwerk"),
        (entry_data(phase="fase 9"), "Kies een fase uit de lijst."),
        ({}, "Vul een datum in."),
    ],
)
def test_create_bad_input_shows_the_form_again(worker_client, network, data, message):
    response = worker_client.post(url("create", network), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "Er ging iets mis" in html
    assert not LogEntry.objects.exists()


def test_edit_own_entry_only(client, network, worker):
    own = LogEntryFactory(network=network, author=worker, text="Oud")
    theirs = LogEntryFactory(network=network, author=network.backup_worker, text="Van collega")
    login(client, worker)
    assert client.get(url("edit", network, own.pk)).status_code == 200
    response = client.post(url("edit", network, own.pk), entry_data(text="Nieuw"))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.text == "Nieuw"
    assert client.get(url("edit", network, theirs.pk)).status_code == 403
    assert client.post(url("edit", network, theirs.pk), entry_data()).status_code == 403
    theirs.refresh_from_db()
    assert theirs.text == "Van collega"
    html = client.get(url("list", network)).content.decode()
    assert url("edit", network, own.pk) in html and url("edit", network, theirs.pk) not in html


def test_csrf_is_required(csrf_client, network, worker):
    login(csrf_client, worker)
    assert csrf_client.post(url("create", network), entry_data()).status_code == 403
    assert csrf_client.post(url("balance", network), BALANCE).status_code == 403


# --------------------------------------------------------------------------- balance


def test_balance_form_saves_this_week_and_updates_it(worker_client, network, worker):
    page = worker_client.get(url("balance", network)).content.decode()
    assert 'type="range"' in page and "Stabiliteit – Spontaniteit" in page
    response = worker_client.post(url("balance", network), BALANCE)
    assert response.status_code == 302
    reflection = BalanceReflection.objects.get()
    assert reflection.week_start == week_start(timezone.localdate())
    assert (reflection.stability_spontaneity, reflection.safety_challenge) == (-1, 2)
    page = worker_client.get(url("balance", network)).content.decode()
    assert "Deze week is al ingevuld" in page and 'value="2"' in page
    worker_client.post(url("balance", network), BALANCE | {"safety_challenge": "-2"})
    assert BalanceReflection.objects.get().safety_challenge == -2


def test_balance_for_an_earlier_week(worker_client, network):
    response = worker_client.post(url("balance", network) + "?week=2025-W06", BALANCE)
    assert response.status_code == 302
    assert BalanceReflection.objects.get().week_start == dt.date(2025, 2, 3)
    # A week before the start, in the future or malformed falls back to this week.
    for week in ("2024-W01", "2999-W01", "onzin", "2025-W99"):
        page = worker_client.get(url("balance", network), {"week": week})
        assert page.status_code == 200 and "deze week" in page.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        BALANCE | {"safety_challenge": "3"},
        BALANCE | {"safety_challenge": "abc"},
        BALANCE | {"safety_challenge": ""},
        BALANCE | {"note": "x" * 2001},
        {},
    ],
)
def test_balance_bad_input(worker_client, network, data):
    response = worker_client.post(url("balance", network), data)
    assert response.status_code == 200
    assert "Er ging iets mis" in response.content.decode()
    assert not BalanceReflection.objects.exists()


def test_pages_have_no_inline_scripts_or_styles(worker_client, network):
    LogEntryFactory(network=network)
    BalanceReflectionFactory(network=network, week_start=week_start(timezone.localdate()))
    for name in ("list", "create", "balance"):
        html = worker_client.get(url(name, network)).content.decode()
        assert "style=" not in html and "<script>" not in html and "onclick" not in html
