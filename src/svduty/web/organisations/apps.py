from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "svduty.web.organisations"
    label = "organisations"
    verbose_name = "Organisations and people"

    def ready(self) -> None:
        from svduty.web.common import navigation

        navigation.register("Organisations", "organisations:list", 60)
