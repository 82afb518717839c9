"""Profile a whole-organisation export in-process (the build only: no audit record, nothing
written to the database), e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vangnet_bench_national \\
        .venv/bin/python benchmarks/profile_export.py research --format zip --organisation 1

Prints wall and CPU seconds, peak memory and the size; `--profile` adds a pyinstrument
profile, `--output FILE` keeps the file.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind")
    parser.add_argument("--format", dest="file_format", default="")
    parser.add_argument("--organisation", type=int, default=0)
    parser.add_argument("--output", default="")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from vangnet.exports.scope import organisation_scope
    from vangnet.exports.services import FORMATS, export_build
    from vangnet.organisations.models import Organisation

    if args.organisation:
        organisation = Organisation.objects.get(pk=args.organisation)
    else:
        organisation = Organisation.objects.order_by("pk")[0]
    scope = organisation_scope(organisation)
    file_format = args.file_format or FORMATS[args.kind][0]
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    wall, cpu = time.perf_counter(), time.process_time()
    result = export_build(kind=args.kind, file_format=file_format, scope=scope)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.kind} ({file_format}), organisation {organisation.pk}, "
        f"{len(scope.networks)} networks: {wall:.2f} s wall, {cpu:.2f} s CPU, "
        f"peak {peak:.1f} MB, {len(result.data) / 1024:.0f} KiB"
    )
    if args.output:
        Path(args.output).write_bytes(result.data)


if __name__ == "__main__":
    main()
