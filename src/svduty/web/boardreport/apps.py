from django.apps import AppConfig


class BoardReportConfig(AppConfig):
    name = "svduty.web.boardreport"
    label = "boardreport"
    verbose_name = "Board report"

    def ready(self) -> None:
        from svduty.web.common import navigation

        navigation.register("Board report", "boardreport:report", 55)
