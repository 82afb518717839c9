"""Save the HTML of every page the demo roles reach, normalised, to compare two revisions.

For refactorings that must not change any page ("moves only"): run it before and after on
the same demo database and compare the two folders with `diff -r`.

    .venv/bin/python scripts/page_snapshots.py /tmp/pages-before
    ... change the code ...
    .venv/bin/python scripts/page_snapshots.py /tmp/pages-after
    diff -r /tmp/pages-before /tmp/pages-after

It signs in as each demo user (the test client's force_login), follows same-site links
breadth-first from the home page (GET only; sign-out, downloads, PDFs, the API, language
switches and the audit trail, which lists the crawl itself, are skipped) up to --limit pages
per user, and writes each page with CSRF tokens, CSP nonces and times replaced by fixed
markers. Reads only: the GET requests write audit records, nothing else.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

SKIP = re.compile(
    r"/(uitloggen|logout|i18n|static|media)/|\.(pdf|xlsx|csv|zip|json|ics|svg|png)$|"
    r"/download/|/api/|/audit/|/pdf/?(\?|$)"
)
NORMALISE = [
    (
        re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
        'name="csrfmiddlewaretoken" value="-"',
    ),
    (re.compile(r'"X-CSRFToken": "[^"]+"'), '"X-CSRFToken": "-"'),
    (re.compile(r'nonce="[^"]+"'), 'nonce="-"'),
    (re.compile(r"csrfToken[^,}]*"), "csrfToken"),
    # the audit trail lists this crawl's own reads with their time
    (re.compile(r"\d\d-\d\d-\d{4} \d\d:\d\d(:\d\d)?"), "dd-mm-jjjj uu:mm"),
]


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=80, help="pages per user (default 80)")
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from vangnet.demo.generator import demo_logins
    from vangnet.organisations.models import User

    setup_test_environment()
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for _role, username, _hint in demo_logins():
        user = User.objects.get(username=username)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        seen: set[str] = set()
        queue: deque[str] = deque(["/"])
        while queue and len(seen) < args.limit:
            url = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            response = client.get(url)
            body = response.content.decode("utf-8", "replace")
            for pattern, replacement in NORMALISE:
                body = pattern.sub(replacement, body)
            name = re.sub(r"[^A-Za-z0-9]+", "_", url).strip("_") or "home"
            (args.out / f"{username}__{name}.html").write_text(
                f"{response.status_code}\n{body}", encoding="utf-8"
            )
            total += 1
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            links = Links()
            links.feed(body)
            for href in links.hrefs:
                href = urldefrag(href)[0]
                parts = urlsplit(href)
                if parts.scheme or parts.netloc or not href.startswith("/") or SKIP.search(href):
                    continue
                if href not in seen:
                    queue.append(href)
    print(f"{total} pages written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
