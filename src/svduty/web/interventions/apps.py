from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "svduty.web.interventions"
    label = "interventions"
    verbose_name = "Interventions"

    def ready(self) -> None:
        from svduty.web.common import navigation

        navigation.register("Interventions", "interventions:register", 80)
