from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "koers.conversations"
    label = "conversations"
