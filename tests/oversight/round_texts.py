"""Annual report texts the round's tests write themselves (never copied from a real report)."""

from __future__ import annotations

INCOMPLETE = """东海职业学院2022—2023学年信息公开工作年度报告
本报告统计期限为2022年9月1日至2023年8月31日。
一、概述
学校高度重视信息公开工作。
二、主动公开情况
学校官方网站共发布信息1200条，官方微信公众号发文300篇。
三、依申请公开和不予公开情况
本学年共收到依申请公开申请5件。
"""

INCOMPLETE_HTML = (
    "<html><head><meta charset='utf-8'><title>年度报告</title></head><body>"
    + "".join(f"<p>{line}</p>" for line in INCOMPLETE.splitlines())
    + "</body></html>"
)
