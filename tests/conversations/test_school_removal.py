import pytest
from django.db.models import RestrictedError
from django_scopes import scopes_disabled

from koers.conversations.models import Conversation
from tests import factories as f


def test_removing_a_school_removes_its_conversations_and_types(db):
    with scopes_disabled():
        conversation = f.AgreementFactory().conversation
        conversation.school.delete()

        assert not Conversation.objects.exists()


def test_a_type_in_use_cannot_be_deleted_on_its_own(db):
    with scopes_disabled():
        conversation = f.ConversationFactory()

        with pytest.raises(RestrictedError):
            conversation.type.delete()
