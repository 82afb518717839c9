from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    name = "vangnet.benchmark"
    label = "benchmark"
    verbose_name = "Benchmark"
