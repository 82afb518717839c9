import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
application = get_wsgi_application()

from vangnet.core.startup import prepare_worker  # noqa: E402 (needs the settings above)

prepare_worker()
