import pytest

from vangnet.signin.services import SignInSettings, sign_in_settings_save


def configure(organisation, provider, admin, **changes):
    data = {
        "enabled": True,
        "code": "wijkwerk",
        "issuer": provider.issuer,
        "client_id": "vangnet-client",
        "client_secret": "the-client-secret",
        "match_claim": "email",
        "match_field": "email",
        "create_users": False,
        "local_login_allowed": True,
    }
    return sign_in_settings_save(
        organisation=organisation, data=SignInSettings(**(data | changes)), actor=admin
    )


@pytest.fixture
def sso(organisation, org_admin, oidc_provider):
    return configure(organisation, oidc_provider, org_admin)
