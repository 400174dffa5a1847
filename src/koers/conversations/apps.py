from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "koers.conversations"
    label = "conversations"

    def ready(self) -> None:
        from koers.conversations.content import ensure_conversation_types
        from koers.schools.content import register_school_content

        register_school_content("conversations.types", ensure_conversation_types)
