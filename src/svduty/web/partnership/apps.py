from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "svduty.web.partnership"
    label = "partnership"
    verbose_name = "Partnership and governance"

    def ready(self) -> None:
        from svduty.web.common import navigation

        navigation.register("Overview", "partnership:overview", 10)
        navigation.register("Governance", "partnership:governance", 20)
        navigation.register("Duty calendar", "partnership:calendar", 30)
