import pytest
from django.test import Client

from vangnet.api.services import api_token_create


def make_key(user, *, name: str = "script", valid_days: int = 30, scope: str = "attendance") -> str:
    """A key with every right a token can have (the API's tests record attendance); the
    scope tests make read-only ones."""
    return api_token_create(user=user, name=name, valid_days=valid_days, scope=scope).key


class TokenClient(Client):
    """A client that sends `Authorization: Token <key>` and no session."""

    def __init__(self, key: str, **kwargs):
        super().__init__(HTTP_AUTHORIZATION=f"Token {key}", **kwargs)


def token_client(user) -> TokenClient:
    return TokenClient(make_key(user))


@pytest.fixture
def worker_api(worker):
    return token_client(worker)
