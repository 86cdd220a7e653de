from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "svduty.web.insight"
    label = "insight"
    verbose_name = "Insight"

    def ready(self) -> None:
        from svduty.web.common import navigation

        navigation.register("Dashboards", "insight:dashboard", 60)
        navigation.register("Data uploads", "insight:uploads", 62)
