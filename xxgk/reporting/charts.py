"""Charts as PNG bytes (matplotlib, Agg), with a Noto CJK font file so that Chinese really renders."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

FONT_FILES = [
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
]


@lru_cache(maxsize=1)
def font():
    from matplotlib.font_manager import FontProperties

    for path in FONT_FILES:
        if path.exists():
            return FontProperties(fname=str(path))
    return FontProperties()


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=110)


def _png(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", bbox_inches="tight")
    return out.getvalue()


def bar_chart(
    labels: list[str],
    values: list[float],
    *,
    title: str = "",
    unit: str = "",
    horizontal: bool = True,
    percent: bool = False,
) -> bytes:
    fp = font()
    n = max(len(labels), 1)
    fig = _figure(7.5, max(2.2, 0.32 * n + 1) if horizontal else 3.6)
    ax = fig.add_subplot()
    if horizontal:
        pos = list(range(len(labels)))[::-1]
        bars = ax.barh(pos, values, color="#2b6cb0")
        ax.set_yticks(pos)
        ax.set_yticklabels(labels, fontproperties=fp, fontsize=8)
    else:
        bars = ax.bar(range(len(labels)), values, color="#2b6cb0")
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels(labels, fontproperties=fp, fontsize=8, rotation=45, ha="right")
    from matplotlib.ticker import MaxNLocator

    if not percent and all(float(v).is_integer() for v in values):
        # counts: whole-number ticks only (never "0.25 所")
        (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    for bar, v in zip(bars, values):
        text = f"{v:.0f}%" if percent else f"{v:g}"
        if horizontal:
            # a negative bar's label goes to its left end, outside the bar
            left = v < 0
            ax.text(
                bar.get_x() + bar.get_width(),  # the bar's far end, left of 0 for a negative value
                bar.get_y() + bar.get_height() / 2,
                f"{text} " if left else f" {text}",
                va="center",
                ha="right" if left else "left",
                fontsize=7,
            )
        else:
            ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), text, ha="center", va="bottom", fontsize=7)
    if title:
        ax.set_title(title, fontproperties=fp, fontsize=11)
    if unit:
        (ax.set_xlabel if horizontal else ax.set_ylabel)(unit, fontproperties=fp, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def channel_chart(counts) -> bytes:
    shown = [c for c in counts if c.count]
    return bar_chart(
        [c.name.replace("“", "").replace("”", "") for c in shown],
        [c.count for c in shown],
        title="各发布渠道发布数量",
        unit="条（篇）",
    )


def monthly_chart(months: dict[str, int], title: str = "每月主动公开信息数量") -> bytes:
    return bar_chart([m[2:] for m in months], list(months.values()), title=title, unit="条", horizontal=False)


def rate_chart(rows: dict[str, float | None], title: str) -> bytes:
    labels = [k for k, v in rows.items() if v is not None]
    return bar_chart(labels, [rows[k] for k in labels], title=title, unit="%", percent=True)


def coverage_chart(summary: dict) -> bytes:
    return bar_chart(
        ["本期已公开", "本期无更新", "尚无公开信息"],
        [summary["current"], summary["stale"], summary["empty"]],
        title="清单事项公开情况",
        unit="项",
    )
