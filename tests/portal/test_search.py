"""Search: the records that contain the query as written, the whole query highlighted; the index follows
publishing."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tests.portal.conftest import bulk_published, item, published
from xxgk.portal import search
from xxgk.portal.models import SearchEntry
from xxgk.publishing import services


def _search(client, world, q, **params):
    return client.get(reverse("portal:search", args=[world.institution.slug]), {"q": q, **params})


def test_a_chinese_phrase_finds_its_record_first(client, world):
    bulk_published(world, 30)
    target = published(
        world,
        "关于做好2024年家庭经济困难学生认定工作的通知",
        body="<p>各学院：请按照家庭经济困难学生认定办法，做好认定和资助工作。</p>",
    )
    published(world, "学生资助政策简介", body="<p>国家助学金、助学贷款等资助政策。</p>")
    response = _search(client, world, "家庭经济困难学生认定")
    results = response.context["results"]
    assert [h.record.pk for h in results.hits] == [target.pk]
    html = response.content.decode()
    assert "<mark>家庭经济困难学生认定</mark>" in html
    assert "<mark>困难</mark>" not in html and "<mark>学生</mark>" not in html


def test_body_and_summary_words_are_found(client, world):
    target = published(
        world, "学校召开专题会议", summary="部署实验室安全检查", body="<p>会议要求开展危险化学品排查。</p>"
    )
    assert _search(client, world, "危险化学品").context["results"].hits[0].record.pk == target.pk
    assert _search(client, world, "实验室安全").context["results"].hits[0].record.pk == target.pk


def test_attachment_text_is_searched(client, world):
    record = services.create_draft(world.drafter_a, world.dept_a, {"title": "附件测试通知", "formed_on": "2024-03-01"})
    upload = SimpleUploadedFile("名单.txt", "拟录取研究生名单：海洋生态学专业".encode(), content_type="text/plain")
    services.add_attachment(world.drafter_a, record, upload)
    services.submit(world.drafter_a, record)
    world.through_chain(record)
    hits = _search(client, world, "海洋生态学").context["results"].hits
    assert [h.record.pk for h in hits] == [record.pk]


def test_highlighting_escapes_the_text_first(client, world):
    published(world, "关于<script>alert(1)</script>招生宣传的说明", body="<p>招生宣传&lt;b&gt;内容</p>")
    html = _search(client, world, "招生宣传").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>招生宣传</mark>" in html


def test_withdrawn_and_corrected_records_follow_in_search(client, world):
    rec = published(world, "关于游泳馆开放时间调整的通知")
    assert _search(client, world, "游泳馆").context["results"].total == 1
    services.correct(world.office, rec, {"title": "关于体育馆开放时间调整的通知"}, reason="场馆名称有误")
    assert _search(client, world, "游泳馆").context["results"].total == 0
    assert _search(client, world, "体育馆").context["results"].total == 1
    services.withdraw(world.office, rec, reason="内容过期")
    assert _search(client, world, "体育馆").context["results"].total == 0
    assert not SearchEntry.objects.filter(record_id=rec.pk).exists()


def test_no_result_page_helps(client, world):
    published(world, "关于公布校历的通知")
    response = _search(client, world, "完全不存在的词语组合甲乙丙")
    html = response.content.decode()
    assert response.status_code == 200
    assert "没有找到" in html
    assert reverse("portal:catalog", args=[world.institution.slug]) in html
    assert reverse("portal:guide", args=[world.institution.slug]) in html


def test_terms_no_record_holds_together_are_counted_one_by_one(client, world):
    published(world, "关于开展图书馆读者满意度调查的通知")
    response = _search(client, world, "图书馆 游泳比赛")
    assert response.context["results"].total == 0
    assert response.context["term_counts"] == [("图书馆", 1), ("游泳比赛", 0)]
    html = response.content.decode()
    assert "?q=%E5%9B%BE%E4%B9%A6%E9%A6%86" in html  # 图书馆 alone, as a link


def test_filters_by_department_and_year(client, world):
    a = published(world, "宣传部关于网络文明的倡议")
    b = published(world, "学生处关于网络文明的倡议", drafter=world.drafter_b, department=world.dept_b)
    hits = _search(client, world, "网络文明", department=world.dept_b.pk).context["results"].hits
    assert [h.record.pk for h in hits] == [b.pk]
    year = a.published_at.year
    assert _search(client, world, "网络文明", year=year).context["results"].total == 2
    assert _search(client, world, "网络文明", year=year - 3).context["results"].total == 0


def test_other_institutions_records_are_not_found(client, world):
    published(world, "关于海滨校区食堂改造的通知")
    response = client.get(reverse("portal:search", args=[world.other_institution.slug]), {"q": "食堂改造"})
    assert response.context["results"].total == 0


def test_empty_and_punctuation_queries_are_harmless(client, world):
    for q in ["", "   ", "！？。", '"', "' OR 1=1 --", "NEAR(", "a & | !"]:
        assert _search(client, world, q).status_code == 200


def test_search_index_command_rebuilds(world):
    rec = published(world, "关于校园网升级改造的公告")
    SearchEntry.objects.all().delete()
    call_command("search_index", "--rebuild")
    assert SearchEntry.objects.filter(record_id=rec.pk).exists()
    assert [h.record.pk for h in search.search(world.institution, "校园网").hits] == [rec.pk]


def test_sync_is_a_no_op_when_nothing_changed(world, django_assert_num_queries):
    published(world, "关于寒假放假安排的通知")
    search.sync_index()
    with django_assert_num_queries(1):
        assert search.sync_index() == 0


def test_filter_by_catalog_item(client, world):
    fees = item(world, 21)
    a = published(world, "关于学费标准的公示", items=[fees])
    published(world, "关于学费缴纳方式的说明")
    hits = _search(client, world, "学费", item=fees.pk).context["results"].hits
    assert [h.record.pk for h in hits] == [a.pk]


def test_every_match_can_be_paged_through(client, world):
    bulk_published(world, 45)  # every one mentions 校园建设
    seen = []
    for page in (1, 2, 3):
        results = _search(client, world, "校园建设", page=page).context["results"]
        assert results.total == 45
        seen += [h.record.pk for h in results.hits]
    assert len(seen) == len(set(seen)) == 45
    assert _search(client, world, "校园建设", page=99).context["results"].page == 3  # past the end: the last page
