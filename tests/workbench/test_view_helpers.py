"""The workbench's view plumbing: the staff_required decorator keeps the view's identity, and the
action messages are translated when shown, not when the module is imported."""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import Promise

from xxgk.workbench import views


def test_staff_required_keeps_the_views_name_module_and_signature():
    assert views.todo.__name__ == "todo"
    assert views.todo.__qualname__ == "todo"
    assert views.todo.__module__ == "xxgk.workbench.views"
    assert views.todo.__wrapped__.__code__.co_name == "todo"  # the undecorated view


def test_record_action_messages_are_translated_when_shown():
    for action, (_func, _form, done) in views.RECORD_ACTIONS.items():
        assert isinstance(done, Promise), action


def test_record_action_messages_speak_the_visitor_s_language():
    with translation.override("en"):
        assert str(views.RECORD_ACTIONS["publish"][2]) == "Published."
    with translation.override("zh-hans"):
        assert str(views.RECORD_ACTIONS["publish"][2]) == "已发布。"
