"""What other apps plug into the operations endpoints.

    register_readiness_check("worker", worker_heartbeat_check)
    register_metric("vangnet_jobs_queued", "Jobs waiting for a worker.", queued_jobs)

A readiness check is a function without arguments that returns None (or a short text) when
all is well and raises `NotReady` (or any exception) when not; `/readyz` runs every check
and answers 503 if one fails. A metric is a function without arguments that returns a
number, or a dict {label value(s): number} for a metric with `labels`; it is read when
Prometheus scrapes `/metrics`, so figures kept in the database (queued and failed jobs,
mails sent) are the same whichever process answers. Registering a name twice replaces the
earlier one (an app's ready() may run twice in tests).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

logger = logging.getLogger(__name__)

MetricValue = float | int | dict[str | tuple[str, ...], float | int]


class NotReady(Exception):
    """A readiness check's way of saying what is wrong (shown on /readyz)."""


@dataclass(frozen=True)
class Metric:
    name: str
    documentation: str
    fn: Callable[[], MetricValue]
    kind: str  # "gauge" or "counter"
    labels: tuple[str, ...]


_checks: dict[str, Callable[[], str | None]] = {}
_metrics: dict[str, Metric] = {}


def register_readiness_check(name: str, fn: Callable[[], str | None]) -> None:
    _checks[name] = fn


def readiness_checks() -> dict[str, Callable[[], str | None]]:
    return dict(_checks)


def register_metric(
    name: str,
    documentation: str,
    fn: Callable[[], MetricValue],
    *,
    kind: str = "gauge",
    labels: Iterable[str] = (),
) -> None:
    if kind not in {"gauge", "counter"}:
        raise ValueError(f"Metric kind must be 'gauge' or 'counter', not {kind!r}.")
    _metrics[name] = Metric(name, documentation, fn, kind, tuple(labels))


def registered_metrics() -> list[Metric]:
    return list(_metrics.values())


def _family(metric: Metric):
    from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

    family_class = CounterMetricFamily if metric.kind == "counter" else GaugeMetricFamily
    family = family_class(metric.name, metric.documentation, labels=list(metric.labels) or None)
    value = metric.fn()
    if isinstance(value, dict):
        for key, number in value.items():
            labels = [key] if isinstance(key, str) else list(key)
            family.add_metric(labels, number)
    elif metric.labels:
        raise ValueError(f"Metric {metric.name} has labels but returned one number.")
    else:
        family.add_metric([], value)
    return family


class RegisteredMetricsCollector:
    """A prometheus_client collector that reads the registered metrics at scrape time; a
    metric whose function fails is left out (and logged), the others still answer."""

    def describe(self):
        return []  # values are read on scrape only (no database access at registration)

    def collect(self):
        for metric in registered_metrics():
            try:
                yield _family(metric)
            except Exception:
                logger.exception("Metric %s could not be read", metric.name)


COLLECTOR = RegisteredMetricsCollector()
_installed = False


def install_collector(registry=None) -> None:
    """Add the collector to prometheus_client's default registry (once per process)."""
    global _installed
    if registry is None:
        from prometheus_client import REGISTRY

        if _installed:
            return
        registry = REGISTRY
        _installed = True
    registry.register(COLLECTOR)
