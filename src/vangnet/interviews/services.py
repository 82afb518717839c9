"""The writes of the interviews app (one module per concern, re-exported here)."""

from vangnet.interviews.interview_services import (  # noqa: F401
    interview_cancel,
    interview_mark_held,
    interview_plan,
    interview_response_ensure,
    interview_response_save,
    interview_texts_erase,
    interview_update,
    ran_the_network,
)
from vangnet.interviews.report_services import report_transition, report_version_write  # noqa: F401
from vangnet.interviews.themes.services import (  # noqa: F401
    DEFAULT_THEMES,
    passage_code,
    passage_delete,
    theme_create,
    theme_update,
    themes_ensure_defaults,
)
