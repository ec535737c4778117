"""Numbers in the query string that no database or calendar can hold are ignored, never a 500."""

from django.urls import reverse

from tests.portal.conftest import item, published

HUGE = "9" * 30


def test_pages_ignore_numbers_past_what_the_database_holds(client, world):
    published(world, "关于公布2024年本科招生章程的通知", items=[item(world, 9)])
    slug = world.institution.slug
    pages = [
        reverse("portal:item", args=[slug, "9"]),
        reverse("portal:department", args=[slug, world.dept_a.code]),
        reverse("portal:search", args=[slug]) + "?q=招生章程&",
    ]
    for page in pages:
        sep = "&" if "?" in page else "?"
        for query in (
            f"year={HUGE}",
            "year=99999",
            f"department={HUGE}",
            f"channel={HUGE}",
            f"item={HUGE}",
            f"page={HUGE}",
        ):
            response = client.get(page + sep + query)
            assert response.status_code == 200, (page, query)
            assert "招生章程" in response.content.decode(), (page, query)
