from django.apps import AppConfig


class ChoicesConfig(AppConfig):
    name = "koers.choices"
    label = "choices"

    def ready(self) -> None:
        from koers.choices.content_loader import load_content
        from koers.lob.content_loader import register_loader

        register_loader("choices", load_content)
