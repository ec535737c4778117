"""Rating a public record or a public reply from its page; no account, one per visitor per day."""

from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from tests.oversight.conftest import walk_to_ready, write
from xxgk.oversight import services
from xxgk.oversight.models import Rating


def published_record(world):
    from xxgk.publishing import services as pub

    r = world.draft()
    pub.submit(world.drafter_a, r)
    world.through_chain(r)
    return r


def test_rate_a_record(world):
    record = published_record(world)
    c = Client()
    back = f"/hblg/records/{record.pk}/"
    response = c.post(f"/hblg/mailbox/rate/record/{record.pk}/", {"stars": "4", "comment": "清楚", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    again = c.post(f"/hblg/mailbox/rate/record/{record.pk}/", {"stars": "5", "comment": "再评", "next": back})
    assert again.status_code == 400 and "已评价" in again.content.decode() and "再评" in again.content.decode()
    assert Rating.objects.get().stars == 4


def test_bad_stars_and_foreign_next(world):
    record = published_record(world)
    c = Client()
    page = c.post(f"/hblg/mailbox/rate/record/{record.pk}/", {"stars": "9"})
    assert page.status_code == 400 and "评分" in page.content.decode()
    response = c.post(f"/hblg/mailbox/rate/record/{record.pk}/", {"stars": "3", "next": "https://evil.example/"})
    assert response["Location"] == f"/hblg/records/{record.pk}/"


def test_drafts_and_private_replies_are_not_found(world):
    draft = world.draft()
    assert Client().post(f"/hblg/mailbox/rate/record/{draft.pk}/", {"stars": "5"}).status_code == 404
    letter, _ = write(world.president_box)
    letter = walk_to_ready(world, letter)
    letter = services.send_reply(world.office, letter, public=False)
    assert Client().post(f"/hblg/mailbox/rate/reply/{letter.reply.pk}/", {"stars": "5"}).status_code == 404
    assert Client().get(f"/hblg/mailbox/replies/{letter.reply.pk}/").status_code == 404


def test_public_reply_page_lists_masked_and_rates(world):
    letter, _ = write(world.president_box)
    letter = walk_to_ready(world, letter, text="林小雨同学：已延长热水供应。")
    letter = services.send_reply(world.office, letter, public=True)
    listing = Client().get(f"/hblg/mailbox/{world.president_box.pk}/").content.decode()
    assert "林*雨" in listing and "林小雨" not in listing
    page = Client().get(f"/hblg/mailbox/replies/{letter.reply.pk}/").content.decode()
    assert "林*雨同学" in page and "林小雨" not in page and "13912345678" not in page
    assert Client().post(f"/hblg/mailbox/rate/reply/{letter.reply.pk}/", {"stars": "5"}).status_code == 302


def test_partial_can_be_included_on_a_record_page(world):
    record = published_record(world)
    request = RequestFactory().get(f"/hblg/records/{record.pk}/")
    html = render_to_string(
        "oversight/_rate_form.html",
        {"target": record, "kind": "record", "institution": world.institution},
        request=request,
    )
    assert f'action="/hblg/mailbox/rate/record/{record.pk}/"' in html and 'name="stars"' in html
    # the portal may include it without "with": it falls back on `record`
    html = render_to_string(
        "oversight/_rate_form.html", {"record": record, "institution": world.institution}, request=request
    )
    assert f"/hblg/mailbox/rate/record/{record.pk}/" in html
