from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "vangnet.learning"
    verbose_name = "Leren van evaluaties"
