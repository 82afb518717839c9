"""The backup's serialization format: Django's JSON with whole microseconds.

Django's own JSON encoder cuts datetimes and times to milliseconds (the ECMAScript form), so
a backup of a value like 12:00:00.000123 would restore as 12:00:00 and a restored database
would not be identical. `vangnet backup` writes this format (registered as `vangnet_json` in
settings.SERIALIZATION_MODULES); `vangnet restore` reads it with Django's JSON reader, which
keeps microseconds.
"""

import datetime as dt

from django.core.serializers.json import (
    Deserializer,  # noqa: F401 (the format's reader)
    DjangoJSONEncoder,
)
from django.core.serializers.json import Serializer as JSONSerializer


class FullPrecisionEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = FullPrecisionEncoder
