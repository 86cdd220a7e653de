from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "svduty.web.training"
    label = "training"
    verbose_name = "Training"

    def ready(self) -> None:
        from svduty.web.common import navigation

        navigation.register("Training", "training:overview", 90)
