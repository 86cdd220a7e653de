from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "svduty.web.funding"
    label = "funding"
    verbose_name = "Funding"

    def ready(self) -> None:
        from svduty.web.common import navigation

        navigation.register("Funding", "funding:overview", 70)
