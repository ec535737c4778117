"""The demo boxes named in the seed reports, created idempotently."""

from xxgk.org.models import Department
from xxgk.org.services import create_institution
from xxgk.oversight.demo import load_demo
from xxgk.oversight.models import LetterSource, Mailbox


def test_qzoi_and_hntou_boxes(db):
    qzoi = create_institution(name="泉州海洋职业学院", code="QZOI", slug="qzoi")
    Department.objects.create(institution=qzoi, name="党政办公室", code="dzb", is_office=True)
    Department.objects.create(institution=qzoi, name="后勤管理处", code="hqc")
    hntou = create_institution(name="海南热带海洋学院", code="HNTOU", slug="hntou")
    for _ in range(2):
        load_demo(qzoi)
        load_demo(hntou)
    assert set(Mailbox.objects.filter(institution=qzoi).values_list("name", flat=True)) == {
        "校长邮箱",
        "书记邮箱",
        "泉海意见箱",
        "后勤管理处意见信箱",
    }
    assert Mailbox.objects.get(name="后勤管理处意见信箱").department.name == "后勤管理处"
    assert set(LetterSource.objects.filter(institution=qzoi).values_list("name", flat=True)) == {
        "福建省信访信息系统",
        "泉州市12345便民服务平台",
    }
    assert list(Mailbox.objects.filter(institution=hntou).values_list("name", flat=True)) == ["校长信箱", "书记信箱"]
    assert all(b.deadline_days == 5 and b.extension_allowed and b.extension_days == 5 for b in Mailbox.objects.all())
