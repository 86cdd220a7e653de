from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "svduty.web.consultation"
    label = "consultation"
    verbose_name = "Consultation"

    def ready(self) -> None:
        from svduty.web.common import navigation

        navigation.register("Consultation", "consultation:list", 95)
