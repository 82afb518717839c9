import datetime as dt

from django.db import migrations, models
from django.utils import timezone


def existing_tokens(apps, schema_editor):
    """Tokens made before scopes keep what they could do (read and record attendance), are
    bound to their user's present role, and those without an end date get one a year on."""
    ApiToken = apps.get_model("api", "ApiToken")
    year_on = timezone.now() + dt.timedelta(days=366)
    for token in ApiToken.objects.select_related("user"):
        token.scope = "attendance"
        token.role = token.user.role
        if token.expires_at is None:
            token.expires_at = year_on
        token.save(update_fields=["scope", "role", "expires_at"])


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[
                    ("read", "Alleen lezen"),
                    ("attendance", "Lezen en aanwezigheid vastleggen"),
                ],
                default="read",
                max_length=20,
                verbose_name="mag",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="role",
            field=models.CharField(blank=True, max_length=20, verbose_name="rol"),
        ),
        migrations.RunPython(existing_tokens, migrations.RunPython.noop),
    ]
