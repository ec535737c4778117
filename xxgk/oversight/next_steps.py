"""The one place that words a letter's next step: 我的待办 and the letter page say the same thing."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xxgk.org.policy import can
from xxgk.oversight.models import Letter, LetterState

# policy action → the next step, in the words of the person who takes it (also who is alerted)
NEXT = {
    "route": _("分办：转交部门、直接答复或呈报领导"),
    "draft": _("拟写答复"),
    "approve": _("部门负责人审核答复：通过或退回"),
    "check": _("办公室审核答复：通过或退回"),
    "send": _("发送答复"),
}
ARCHIVE = _("已答复；可以归档")
# everyone else who sees the letter: what it is waiting for
WAITING = {
    LetterState.RECEIVED: _("等待信箱管理人员分办"),
    LetterState.ESCALATED: _("已呈报领导，等待批示后分办"),
    LetterState.DRAFTING: _("等待承办部门拟写答复"),
    LetterState.APPROVING: _("等待部门负责人审核答复"),
    LetterState.CHECKING: _("等待办公室审核答复措辞"),
    LetterState.READY: _("等待办公室答复来信人"),
    LetterState.REPLIED: _("已答复来信人"),
}
DONE = _("已办结，无需办理")


def next_step(user, letter: Letter) -> str:
    """The next step for `user` on `letter`, in plain words."""
    for action, text in NEXT.items():
        if can(user, action, letter):
            return str(text)
    if can(user, "archive", letter):
        return str(ARCHIVE)
    if letter.state in WAITING:
        return str(WAITING[letter.state])
    return str(DONE)
