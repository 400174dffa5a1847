"""Conversation views."""
