from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "koers.partners"
    label = "partners"

    def ready(self) -> None:
        from koers.partners import kinds  # noqa: F401  (registers the notification kinds)
        from koers.partners.queries.partners import names_of_school
        from koers.programme import partner_names

        # Programme activities pick their partner from the register (free text stays possible).
        partner_names.register(names_of_school)
