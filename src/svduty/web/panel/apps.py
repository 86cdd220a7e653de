from django.apps import AppConfig


class PanelConfig(AppConfig):
    name = "svduty.web.panel"
    label = "panel"
    verbose_name = "Operational panel (restricted)"

    def ready(self) -> None:
        from svduty.web.common import navigation

        navigation.register("Panel", "panel:home", 98)
        navigation.register("Panel access log", "panel:access_log", 99)
