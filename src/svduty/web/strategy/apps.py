from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "svduty.web.strategy"
    label = "strategy"
    verbose_name = "Strategy and delivery plan"

    def ready(self) -> None:
        from svduty.web.common import navigation

        navigation.register("Strategy", "strategy:overview", 40)
        navigation.register("Delivery plan", "strategy:delivery_plan", 50)
