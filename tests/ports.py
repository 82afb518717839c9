"""A free TCP port on loopback, for the real servers the tests start (Redis, PostgreSQL
clusters, `make demo`) or for a port where nothing listens."""

import socket


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
