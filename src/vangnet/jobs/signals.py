"""`job_abandoned`: sent when a task whose worker died is given up (not retried).

Receivers get `task_path`, `args` and `kwargs` of the task and mark their own records
failed (exports: the export job shows its Dutch failure message instead of "running").
"""

from django.dispatch import Signal

job_abandoned = Signal()
