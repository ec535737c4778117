"""Search-index maintenance as a background job: kind `portal.search_index`, queued each night by the schedule
(anything the per-event indexing missed is caught up, then the index is optimised) and by
`xxgk search_index [--rebuild] --background`. Idempotent: syncing or rebuilding twice gives the same index."""

from __future__ import annotations

from django.utils.translation import gettext as _

from xxgk import jobs

KIND = "portal.search_index"


@jobs.job(KIND, attempts=3, backoff=(300, 1800), lease=3 * 3600, label="维护全文检索索引")
def search_index(rebuild: bool = False) -> dict:
    from xxgk.portal import search

    jobs.progress(_("正在重建全文检索索引") if rebuild else _("正在更新全文检索索引"))
    if rebuild:
        return {"indexed": search.rebuild_index(), "rebuilt": True}
    count = search.sync_index(full=True)
    search.optimize()
    return {"indexed": count, "rebuilt": False}
