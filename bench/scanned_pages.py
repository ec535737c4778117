"""Scanned pages for the screening bench: labelled Chinese notices, typed lists, ruled tables
and application forms with made-up ID numbers, mobiles, bank cards and e-mail addresses,
drawn at 150–300 dpi with a red seal over part of the page, turned by 0.5–2°, with noise and
JPEG compression (the drawing is tests/screening/scans.py's). Each page is OCR'd through
`extract` (the whole path: OCR, rows, detectors) and the values the detectors find are
compared with the values put on the page.

    pages = ScanGen(seed).pages(12)              # [(jpeg bytes, dpi, [(kind, value)])]
    figures = measure(pages, "rapidocr")
"""

from __future__ import annotations

import gc
import os
import random
from collections import Counter

from tests.screening.scans import Sheet, to_jpeg
from xxgk.screening import ScreeningConfig, extract, scan_extracted
from xxgk.screening import ocr as ocr_module

OCR_KINDS = ("id_card", "mobile", "bank_card", "email")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲芬燕彬鹏辉斌宇浩凯瑶婷雪琳晨欣怡涵轩"
COLLEGES = ["海洋科学学院", "信息工程学院", "外国语学院", "管理学院", "生态环境学院"]
PROSE = [
    "根据学校相关工作安排，经个人申请、学院审核、学校评审委员会审定，现将有关名单予以公示。",
    "公示期为五个工作日，公示期间如有异议，请以书面形式向有关部门反映，并留下真实姓名和联系方式。",
    "学校将严格按照有关规定对反映的问题进行调查核实，并对反映人的信息予以保密。",
    "各学院要高度重视此项工作，认真做好宣传和组织工作，确保评审过程公开、公平、公正。",
    "请相关同学于规定时间内携带本人身份证原件及复印件到指定地点办理相关手续。",
]


class ScanGen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def name(self) -> str:
        return self.r.choice(SURNAMES) + "".join(self.r.choice(GIVEN) for _ in range(self.r.choice((1, 2, 2))))

    def id_number(self) -> str:
        r = self.r
        region = r.choice(["460100", "460200", "350581", "440100", "430400"])
        body = region + f"{r.randint(1998, 2005)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}{r.randint(0, 999):03d}"
        return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]

    def mobile(self) -> str:
        r = self.r
        return r.choice(["13", "15", "18", "17", "19"]) + "".join(r.choice("0123456789") for _ in range(9))

    def card(self) -> str:
        r = self.r
        prefix = r.choice(["622202", "621700", "622848", "625965"])
        prefix += "".join(r.choice("0123456789") for _ in range(r.choice((16, 19)) - 7))
        total = 0
        for i, ch in enumerate(reversed(prefix)):
            d = int(ch) * (2 if i % 2 == 0 else 1)
            total += d - 9 if d > 9 else d
        return prefix + str((10 - total % 10) % 10)

    def email(self) -> str:
        r = self.r
        user = "".join(r.choice("abcdefghijkmnpqrstuvwxyz") for _ in range(r.randint(4, 8))) + str(r.randint(1, 999))
        return user + "@" + r.choice(["qq.com", "163.com", "126.com", "hntou.edu.cn"])

    # -- pages ---------------------------------------------------------------------------
    def notice(self, sheet: Sheet, labels: list) -> tuple[float, float]:
        r = self.r
        sheet.title(r.choice(["关于2023年国家奖学金评审结果的公示", "关于开展学生资助工作的通知"]))
        for _ in range(r.randint(2, 3)):
            sheet.paragraph("".join(r.sample(PROSE, 2)))
        m, e = self.mobile(), self.email()
        labels += [("mobile", m), ("email", e)]
        sheet.paragraph(f"联系人：{self.name()}老师，联系电话：{m}，电子邮箱：{e}。")
        m2 = self.mobile()
        labels.append(("mobile", m2))
        sheet.paragraph(f"如有疑问，也可联系学生资助中心{self.name()}，手机{m2}。")
        sheet.space(10)
        sheet.line(r.choice(COLLEGES), indent_mm=110)
        sheet.line("2023年9月15日", indent_mm=110)
        return (140, sheet.y / sheet.dpi * 25.4 - 12)

    def typed_list(self, sheet: Sheet, labels: list) -> tuple[float, float]:
        r = self.r
        sheet.title("2023年专升本拟录取名单公示")
        sheet.paragraph(r.choice(PROSE))
        rows = [["序号", "姓名", "身份证号", "手机号码"]]
        for i in range(r.randint(8, 14)):
            idn, m = self.id_number(), self.mobile()
            labels += [("id_card", idn), ("mobile", m)]
            rows.append([str(i + 1), self.name(), idn, m])
        top = sheet.y / sheet.dpi * 25.4
        sheet.typed_list(rows, [0, 14, 42, 110])
        return (r.uniform(120, 150), r.uniform(top + 20, sheet.y / sheet.dpi * 25.4))

    def table(self, sheet: Sheet, labels: list) -> tuple[float, float]:
        r = self.r
        sheet.title("2023年秋季学期国家助学金发放名单")
        sheet.paragraph(r.choice(PROSE))
        rows = [["序号", "姓名", "身份证号码", "银行卡号", "联系电话"]]
        for i in range(r.randint(8, 14)):
            idn, card, m = self.id_number(), self.card(), self.mobile()
            labels += [("id_card", idn), ("bank_card", card), ("mobile", m)]
            rows.append([str(i + 1), self.name(), idn, card, m])
        top = sheet.y / sheet.dpi * 25.4
        sheet.table(rows, [12, 20, 46, 52, 34])
        return (r.uniform(110, 150), r.uniform(top + 20, sheet.y / sheet.dpi * 25.4))

    def form(self, sheet: Sheet, labels: list) -> tuple[float, float]:
        r = self.r
        sheet.title("家庭经济困难学生认定申请表")
        idn, m, e, card = self.id_number(), self.mobile(), self.email(), self.card()
        labels += [("id_card", idn), ("mobile", m), ("email", e), ("bank_card", card)]
        rows = [
            ["项目", "内容"],
            ["姓名", self.name()],
            ["学院", r.choice(COLLEGES)],
            ["身份证号", idn],
            ["手机号码", m],
            ["电子邮箱", e],
            ["银行卡号", card],
            ["开户行", "中国银行三亚分行"],
        ]
        sheet.table(rows, [40, 110], size=12)
        sheet.paragraph("本人承诺以上所填内容真实无误，如有虚假，愿承担相应责任。")
        sheet.space(8)
        sheet.line("学院审核意见：同意。", indent_mm=90)
        sheet.line("2023年10月8日", indent_mm=110)
        return (140, sheet.y / sheet.dpi * 25.4 - 14)

    def page(self, kind: str, dpi: int, poor: bool = False) -> tuple[bytes, list[tuple[str, str]]]:
        """One page; `poor`: a worn copy (heavy noise, blur, strong JPEG compression)."""
        r = self.r
        sheet = Sheet(dpi=dpi)
        labels: list[tuple[str, str]] = []
        seal = getattr(self, kind)(sheet, labels)
        image = sheet.scan(
            rotate=r.choice((-1, 1)) * r.uniform(0.5, 2.0),
            noise=r.uniform(16, 24) if poor else r.uniform(5, 12),
            seal=seal,
            seed=r.randint(0, 10**6),
            blur=1.1 if poor else 0.5,
        )
        return to_jpeg(image, quality=r.randint(45, 60) if poor else r.randint(75, 90)), labels

    def pages(self, n: int, dpis=(150, 200, 300), poor: bool = False) -> list[tuple[bytes, int, list]]:
        """`n` pages: typed lists, tables, notices and forms in turn, at each resolution in turn."""
        kinds = ("typed_list", "table", "notice", "form")
        out = []
        for i in range(n):
            dpi = dpis[(i // len(kinds)) % len(dpis)]
            data, labels = self.page(kinds[i % len(kinds)], dpi, poor)
            out.append((data, dpi, labels))
        return out


def _norm(kind: str, text: str) -> str:
    if kind == "email":
        return "".join(text.split()).lower()
    return "".join(c for c in text if c.isalnum()).upper()


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (Tesseract runs as one)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(pages: list[tuple[bytes, int, list]], engine: str) -> dict:
    """Per-kind precision/recall over the pages, unscreenable pages, and pages/s per core at
    200 dpi (CPU time of this process: OCR, layout and detectors, single-threaded)."""
    ocr_module.set_engine(engine)
    config = ScreeningConfig(enabled_kinds=frozenset(OCR_KINDS))
    tp: Counter = Counter()
    found: Counter = Counter()
    want: Counter = Counter()
    cpu_200 = []
    unscreenable = 0
    extract(pages[0][0], "warm-up.jpg")  # loads the models; not timed
    for data, dpi, labels in pages:
        gc.collect()
        t0 = _cpu()
        extracted = extract(data, "scan.jpg")
        findings = scan_extracted(extracted, config)
        if dpi == 200:
            cpu_200.append(_cpu() - t0)
        unscreenable += bool(extracted.unscreened)
        expected = Counter((k, _norm(k, v)) for k, v in labels)
        got = Counter((f.kind, _norm(f.kind, f.text)) for f in findings if f.kind in OCR_KINDS)
        for (kind, _v), n in expected.items():
            want[kind] += n
        for (kind, _v), n in got.items():
            found[kind] += n
        for key, n in (expected & got).items():
            tp[key[0]] += n
    out: dict = {"engine": engine, "pages": len(pages), "unscreenable_pages": unscreenable}
    for kind in OCR_KINDS:
        out[kind] = {
            "labelled": want[kind],
            "found": found[kind],
            "correct": tp[kind],
            "precision": round(tp[kind] / found[kind], 4) if found[kind] else None,
            "recall": round(tp[kind] / want[kind], 4) if want[kind] else None,
        }
    total_want, total_tp, total_found = sum(want.values()), sum(tp.values()), sum(found.values())
    out["recall"] = round(total_tp / total_want, 4) if total_want else None
    out["precision"] = round(total_tp / total_found, 4) if total_found else None
    out["pages_per_s_per_core_200dpi"] = round(len(cpu_200) / sum(cpu_200), 3) if cpu_200 else None
    return out
