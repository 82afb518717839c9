"""The demo's process evaluation: coded passages of real answers and a first synthesis."""

import pytest
from django.utils import timezone

from vangnet.demo.generator import demo_generate, demo_organisation
from vangnet.learning.models import EvaluationPassage, Synthesis
from vangnet.learning.selectors import learning_overview
from vangnet.organisations.models import User

pytestmark = pytest.mark.django_db


def test_demo_codes_answers_and_writes_a_synthesis():
    demo_generate(today=timezone.localdate(), progress=False)
    organisation = demo_organisation()
    passages = list(EvaluationPassage.objects.select_related("evaluation"))
    assert passages
    for passage in passages:  # every coded passage is taken from its answer
        assert passage.quote in passage.evaluation.reasons_answer
        assert passage.themes.exists()
    synthesis = Synthesis.objects.get(organisation=organisation)
    assert "Aanbevelingen" in synthesis.recommendations
    coordinator = User.objects.get(username="coordinator")
    _rows, themes = learning_overview(
        user=coordinator, year_from=synthesis.year_from, year_to=synthesis.year_to
    )
    counted = {count.theme.name: count.evaluations for count in themes if count.evaluations}
    assert counted["Vaste dag en plek"] >= 1 and counted["Afhaken en terugkomen"] >= 1
