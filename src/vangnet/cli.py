"""The `vangnet` console script: Django's manage.py for this project.

Project commands are written with dashes in the documentation (`vangnet demo-data`,
`vangnet import-attendance`); Django names commands after their module, which uses
underscores. The script accepts both spellings.
"""

import os
import sys

DASHED_COMMANDS = {
    "demo-data": "demo_data",
    "import-attendance": "import_attendance",
    "create-organisation": "create_organisation",
    "apply-retention": "apply_retention",
    "run-periodic": "run_periodic",
    "benchmark-hub": "benchmark_hub",
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and argv[1] in DASHED_COMMANDS:
        argv[1] = DASHED_COMMANDS[argv[1]]
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
