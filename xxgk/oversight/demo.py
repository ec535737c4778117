"""Demo mailboxes and transfer routes named in the seed reports. Idempotent.

泉州海洋职业学院 (qzoi): 校长邮箱, 书记邮箱, 泉海意见箱 and each department's 意见信箱; letters transferred
from 福建省信访信息系统 and 泉州市12345便民服务平台. 海南热带海洋学院 (hntou): 校长信箱, 书记信箱.
"""

from __future__ import annotations

from django.db import transaction

from xxgk.oversight.models import LetterSource, Mailbox, MailboxKind, SourceKind

DEMO = {
    "qzoi": {
        "boxes": [
            ("校长邮箱", MailboxKind.PRESIDENT),
            ("书记邮箱", MailboxKind.SECRETARY),
            ("泉海意见箱", MailboxKind.SUGGESTION),
        ],
        "department_boxes": True,
        "sources": [("福建省信访信息系统", SourceKind.PETITION), ("泉州市12345便民服务平台", SourceKind.HOTLINE)],
    },
    "hntou": {
        "boxes": [("校长信箱", MailboxKind.PRESIDENT), ("书记信箱", MailboxKind.SECRETARY)],
        "department_boxes": False,
        "sources": [],
    },
}


@transaction.atomic
def load_demo(institution) -> list[Mailbox]:
    """Create the institution's demo boxes and transfer routes (nothing for an institution not in DEMO)."""
    spec = DEMO.get(institution.slug)
    if spec is None:
        return []
    boxes = []
    for order, (name, kind) in enumerate(spec["boxes"], start=1):
        box, _created = Mailbox.objects.get_or_create(
            institution=institution, name=name, defaults={"kind": kind, "order": order}
        )
        boxes.append(box)
    if spec["department_boxes"]:
        for dept in institution.departments.filter(is_office=False).order_by("order", "name"):
            box, _created = Mailbox.objects.get_or_create(
                institution=institution,
                name=f"{dept.name}意见信箱",
                defaults={"kind": MailboxKind.DEPARTMENT, "department": dept, "order": 100 + dept.order},
            )
            boxes.append(box)
    for name, kind in spec["sources"]:
        LetterSource.objects.get_or_create(institution=institution, name=name, defaults={"kind": kind})
    return boxes
