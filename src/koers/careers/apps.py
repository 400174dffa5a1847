from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "koers.careers"
    label = "careers"
    verbose_name = "Beroepen en opleidingen"

    def ready(self) -> None:
        from koers.careers.content_loader import load_content
        from koers.lob.content_loader import register_loader

        register_loader("careers", load_content)
