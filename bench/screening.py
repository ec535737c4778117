"""Screening benchmark: speed of the detectors against one regular-expression pass, and
precision/recall per kind on a generated, labelled set of notices.

    .venv/bin/python bench/screening.py [--mb 3]
    XXGK_SCREENING_PYTHON=1 .venv/bin/python bench/screening.py   # the compiled modules run as Python

Text: realistic Chinese notices (admission and aid lists, disciplinary decisions,
recruitment results, applications, budgets, news, notices with 索引号 and dates) with
personal data embedded and labelled as it is generated, plus near misses (IDs with a
wrong check digit, serial numbers failing Luhn, amounts, dates, index numbers, leaders'
names in news). A second labelled set, "new shapes", has the same notices with values
written the way people and PDF extraction write them (IDs grouped with spaces, hyphens
or dots; +86 and （+86） before mobiles; cards in fours; values split by one line break;
e-mails in capitals, with spaces around @ or written [at]/（at）) and the traps next to
them (masked values, 统一社会信用代码, landlines, ISBNs, serials after 准考证号/订单号,
non-Luhn 19-digit numbers, dotted dates and amounts, a page number over a year).
Deterministic seed. Timings are single-threaded (MB/s per core), MB of
UTF-8 text, best of several runs, each started with an emptied garbage collector.

Files (bench/office_files.py, --files-kb): labelled notices written as .docx (tables, header,
footer, comment), .xlsx (hidden sheet, cell comment), .pptx (table, notes, comment), a .zip and a
.7z holding such files, and a .doc and an .xls saved by LibreOffice, screened with `screen` as an
upload is; findings are matched to the labelled values by text, per kind and per container.

OCR (bench/scanned_pages.py): generated scanned pages (typed lists, ruled tables, notices,
forms; 150/200/300 dpi; a red seal, 0.5–2° of rotation, noise, JPEG) and worn copies of them
(heavy noise and blur, strong compression) go through `extract` with each OCR engine; per-kind
precision/recall of ID, mobile, bank card and e-mail, pages found unreadable, and pages/s per
core at 200 dpi (CPU time of the process and its children, one thread).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from xxgk.screening import KINDS, PATTERN_KINDS, ScreeningConfig, compiled, compiled_status, scan_text  # noqa: E402
from xxgk.screening.detectors import NAME_DETECTOR, Context  # noqa: E402
from xxgk.screening.extract import from_text  # noqa: E402
from xxgk.screening.scan import pattern_findings  # noqa: E402

SEED = 20230901
BASELINE = re.compile(r"\d{11}")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦符符方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯瑶婷雪琳晨欣怡子涵梓轩浩然雨萱思远嘉豪俊杰诗琪佳慧志强晓燕建国海峰文博雅琪"
MAJORS = ["船舶与海洋工程", "旅游管理", "计算机科学与技术", "海洋科学", "英语", "会计学", "电子商务", "水产养殖学"]
COLLEGES = ["海洋科学学院", "信息工程学院", "外国语学院", "管理学院", "生态环境学院"]
PROVINCES = [
    ("460", "海南省", ["海口市", "三亚市", "儋州市"]),
    ("350", "福建省", ["泉州市", "厦门市", "福州市"]),
    ("440", "广东省", ["广州市", "湛江市"]),
    ("430", "湖南省", ["长沙市", "衡阳市"]),
]
DISTRICTS = ["吉阳区", "美兰区", "龙华区", "丰泽区", "思明区", "天河区", "雁峰区"]
ROADS = ["榆亚路", "海甸五西路", "育才路", "滨海大道", "丰泽街", "人民路", "解放路"]
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


class Doc:
    """Text being built, with the labelled spans (kind, start, end)."""

    def __init__(self):
        self.parts: list[str] = []
        self.pos = 0
        self.nbytes = 0
        self.labels: list[tuple[str, int, int]] = []

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)
        self.nbytes += len(s.encode("utf-8"))

    def pii(self, kind: str, s: str) -> None:
        self.labels.append((kind, self.pos, self.pos + len(s)))
        self.add(s)

    def text(self) -> str:
        return "".join(self.parts)


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        news = (ROOT / "tests" / "seeds" / "hntou-2022-2023.txt").read_text(encoding="utf-8")
        news += (ROOT / "tests" / "seeds" / "qzoi-2022-2023.txt").read_text(encoding="utf-8")
        cut = news.index("七、其他需要报告的事项")  # the seed's contact block has real contacts
        self.sentences = [s + "。" for s in re.split("[。\n]", news[:cut]) if 12 <= len(s) <= 200]

    def name(self) -> str:
        r = self.r
        x = r.random()
        if x < 0.03:
            return r.choice(["欧阳", "司马", "上官", "诸葛"]) + "".join(
                r.choice(GIVEN) for _ in range(r.choice((1, 2)))
            )
        if x < 0.05:
            return (
                r.choice(["阿依古丽", "买买提", "热依拉", "艾力"])
                + "·"
                + r.choice(["买买提", "吐尔逊", "阿不都", "艾山"])
            )
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

    def id_number(self, valid: bool = True) -> str:
        r = self.r
        region = r.choice(["460100", "460200", "460400", "350500", "350581", "440100", "430400"])
        birth = f"{r.randint(1998, 2005)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        body = region + birth + f"{r.randint(0, 999):03d}"
        check = "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]
        if not valid:
            check = r.choice([c for c in "0123456789X" if c != check])
        elif check == "X" and r.random() < 0.3:
            check = "x"
        number = body + check
        if valid and r.random() < 0.03:
            number = number.translate(str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ"))
        return number

    def luhn(self, prefix: str, valid: bool = True) -> str:
        total = 0
        for i, ch in enumerate(reversed(prefix)):
            d = int(ch)
            if i % 2 == 0:
                d *= 2
                d -= 9 if d > 9 else 0
            total += d
        check = (10 - total % 10) % 10
        return prefix + str(check if valid else (check + self.r.randint(1, 9)) % 10)

    def card(self, valid: bool = True) -> str:
        r = self.r
        length = r.choice((16, 19))
        prefix = r.choice(["622202", "621700", "622848", "436742", "625965"])
        return self.luhn(prefix + "".join(r.choice("0123456789") for _ in range(length - 7)), valid)

    def mobile(self) -> str:
        r = self.r
        n = r.choice(["13", "15", "18", "17", "19"]) + "".join(r.choice("0123456789") for _ in range(9))
        style = r.random()
        if style < 0.6:
            return n
        if style < 0.75:
            return f"{n[:3]}-{n[3:7]}-{n[7:]}"
        if style < 0.9:
            return f"{n[:3]} {n[3:7]} {n[7:]}"
        return "+86 " + n

    def landline(self) -> str:
        r = self.r
        area = r.choice(["0898", "0595", "020", "010", "0731"])
        local = str(r.randint(2, 8)) + "".join(r.choice("0123456789") for _ in range(7 if len(area) == 3 else 7))
        return r.choice([f"{area}-{local}", f"({area}){local}", f"{area}-{local}"])

    def exam(self) -> str:
        r = self.r
        return f"{r.randint(19, 23)}{r.choice(['46', '35', '44', '43'])}{r.randint(0, 9999999999):010d}"

    def student(self) -> str:
        return f"20{self.r.randint(19, 23)}{self.r.randint(0, 999999):06d}"

    def email(self) -> str:
        r = self.r
        user = "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(4, 9))) + str(r.randint(1, 999))
        return user + "@" + r.choice(["qq.com", "163.com", "126.com", "stu.hntou.edu.cn", "gmail.com"])

    def address(self) -> str:
        r = self.r
        _, prov, cities = r.choice(PROVINCES)
        return (
            f"{prov}{r.choice(cities)}{r.choice(DISTRICTS)}{r.choice(ROADS)}{r.randint(1, 300)}号"
            f"{r.randint(1, 20)}栋{r.randint(1, 30)}0{r.randint(1, 6)}室"
        )

    def passport(self) -> str:
        r = self.r
        if r.random() < 0.3:
            return "E" + r.choice("ABCDEFGHJK") + "".join(r.choice("0123456789") for _ in range(7))
        return r.choice("EG") + "".join(r.choice("0123456789") for _ in range(8))

    def village(self) -> str:
        r = self.r
        return (
            f"{r.choice(['儋州市', '琼海市', '万宁市'])}{r.choice(['那大镇', '嘉积镇', '万城镇'])}"
            f"{r.choice(['石屋村', '南丰村', '龙滚村'])}{r.choice('一二三四五六七')}组"
        )

    # -- values written the way people and PDF extraction write them ---------------------
    def wide(self, s: str) -> str:
        return s.translate(str.maketrans("0123456789Xx+", "０１２３４５６７８９Ｘｘ＋"))

    def id_shaped(self) -> str:
        r = self.r
        n = self.id_number()
        x = r.random()
        if x < 0.3:
            sep = r.choice(" -.")
            n = f"{n[:6]}{sep}{n[6:14]}{sep}{n[14:]}"
        elif x < 0.5:
            sep = r.choice(" -")
            n = sep.join(n[i : i + 4] for i in range(0, 18, 4))
        elif x < 0.6:
            n = f"{n[:6]} {n[6:10]} {n[10:14]} {n[14:]}"
        if r.random() < 0.2:
            n = self.wide(n)
        if n[-1] in "Xx" and r.random() < 0.5:
            n = n[:-1] + r.choice("xＸ")
        return n

    def mobile_shaped(self, d: Doc) -> None:
        """A mobile with a prefix or grouping; （+86） stays outside the finding."""
        r = self.r
        n = r.choice(["13", "15", "18", "17", "19"]) + "".join(r.choice("0123456789") for _ in range(9))
        grouped = r.choice([n, f"{n[:3]} {n[3:7]} {n[7:]}", f"{n[:3]}-{n[3:7]}-{n[7:]}"])
        if r.random() < 0.2:
            grouped = self.wide(grouped)
        x = r.random()
        if x < 0.25:
            d.pii("mobile", r.choice(["+86 ", "+86-", "+86", "86-", "0086 "]) + grouped)
        elif x < 0.45:
            d.add(r.choice(["（+86）", "(+86)", "（+86） "]))
            d.pii("mobile", grouped)
        else:
            d.pii("mobile", grouped)

    def card_shaped(self) -> str:
        n = self.card()
        return self.r.choice([" ", "-"]).join(n[i : i + 4] for i in range(0, len(n), 4))

    def email_shaped(self) -> str:
        r = self.r
        user, domain = self.email().split("@")
        if r.random() < 0.3:
            user, domain = user.upper(), domain.upper()
        return user + r.choice([" @ ", "@ ", " @", "[at]", "（at）", "(at)", "[AT]"]) + domain

    def split(self, value: str) -> str:
        """The value cut by one line break, as PDF text extraction leaves it."""
        k = self.r.randint(3, len(value) - 3)
        return value[:k] + "\n" + value[k:]

    def shapes(self, d: Doc) -> None:
        """A form and a list as PDF extraction gives them, with the traps next to them."""
        r = self.r
        d.add("学生信息登记表（PDF导出）\n姓名：")
        d.pii("person_name", self.name())
        d.add("，身份证号：")
        d.pii("id_card", self.id_shaped())
        d.add("，手机：")
        self.mobile_shaped(d)
        d.add("，邮箱：")
        d.pii("email", self.email_shaped())
        d.add("。\n工资卡号：")
        d.pii("bank_card", self.card_shaped())
        d.add("，开户行：中国建设银行。\n身份证号码（续表）：")
        d.pii("id_card", self.split(self.id_number()))
        d.add("，联系手机")
        d.pii("mobile", self.split(self.r.choice(["13", "15", "18"]) + f"{r.randint(0, 999999999):09d}"))
        d.add("，银行卡号")
        d.pii("bank_card", self.split(self.card()))
        d.add("。\n")
        # traps: masked values, codes, serials, dates and amounts are not findings; a
        # landline stays a landline and a number after 准考证号 an exam number, not mobiles
        card = self.card(valid=False)
        d.add(
            f"已脱敏的样例：手机138****{r.randint(1000, 9999)}，身份证4601**********{r.randint(1000, 9999)}，"
            f"获奖人张*明。统一社会信用代码91350100M000{r.randint(100, 999)}Y43，办公电话"
        )
        d.pii("landline", f"0898-{r.randint(2, 8)}{r.randint(0, 9999999):07d}")
        d.add("，传真")
        d.pii("landline", f"(0898){r.randint(2, 8)}{r.randint(0, 9999999):07d}")
        d.add(f"，ISBN 978-7-{r.randint(100, 999)}-{r.randint(10000, 99999)}-{r.randint(0, 9)}，准考证号")
        d.pii("exam_number", f"{r.choice(['13', '15', '18'])}{r.randint(100000000, 999999999)}")
        d.add(
            f"，订单号{r.choice(['13', '15', '18'])}{r.randint(100000000, 999999999)}，"
            f"设备序列号{card[:4]} {card[4:8]} {card[8:12]} {card[12:16]} {card[16:]}，"
            f"日期2024.{r.randint(1, 12):02d}.{r.randint(1, 28):02d}，金额{r.randint(1, 9)},{r.randint(100, 999)},"
            f"{r.randint(100, 999)}.{r.randint(10, 99)}元，版本号{r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(10, 99)}。\n"
            f"{r.randint(1, 300)}\n{r.randint(2019, 2024)}年{r.randint(1, 12)}月{r.randint(1, 28)}日\n"
            f"{r.choice(['138', '139', '15'])}\n{r.randint(2019, 2024)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}批次入库\n"
        )

    # -- documents -----------------------------------------------------------------------
    def news(self, d: Doc, n: int) -> None:
        """Prose; the leaders and prize winners named in it are public (not labelled)."""
        r = self.r
        for _ in range(n):
            x = r.random()
            if x < 0.12:
                d.add(f"{r.choice(['校长', '党委书记', '副校长', '教务处处长'])}{self.name()}出席会议并讲话，")
            elif x < 0.16:
                d.add(f"{r.choice(COLLEGES)}{self.name()}同学荣获全国大学生数学建模竞赛一等奖，")
            elif x < 0.18:
                d.add(f"订单号{r.choice(['13', '15', '18'])}{r.randint(100000000, 999999999)}的设备已验收，")
            elif x < 0.20:
                d.add(f"项目编号{r.randint(19, 23)}46{r.randint(0, 9999999999):010d}，")
            elif x < 0.204:
                d.add(f"文献编码{r.choice(['13', '15', '18'])}{r.randint(100000000, 999999999)}，")
            d.add(r.choice(self.sentences))
        d.add("\n")

    def admission(self, d: Doc) -> None:
        r = self.r
        d.add(f"{r.choice(['2023年专升本', '2023年第二学士学位'])}拟录取名单公示\n")
        d.add(f"索引号：HNTOU-02-2023-{r.randint(1, 999):04d}  发布日期：2023-07-{r.randint(1, 28):02d}\n")
        d.add("序号\t姓名\t性别\t身份证号\t考生号\t录取专业\n")
        for i in range(1, r.randint(5, 30)):
            d.add(f"{i}\t")
            name = self.name()
            if len(name) == 2 and r.random() < 0.3:
                name = name[0] + "\u3000" + name[1]  # two-character names padded to align
            d.pii("person_name", name)
            d.add(f"\t{r.choice('男女')}\t")
            d.pii("id_card", self.id_number())
            d.add("\t")
            d.pii("exam_number", self.exam())
            d.add(f"\t{r.choice(MAJORS)}\n")
        d.add("如有异议，请于公示期内向招生办公室反映。联系电话：")
        d.pii("landline", self.landline())
        d.add("\n")

    def aid(self, d: Doc) -> None:
        r = self.r
        d.add(
            "关于2023年国家助学金拟资助学生名单的公示\n经学生本人申请、班级评议、学院审核，拟资助以下家庭经济困难学生。\n"
        )
        d.add("序号 姓名 学院 班级 学号 资助等级\n")
        for i in range(1, r.randint(5, 30)):
            d.add(f"{i} ")
            d.pii("person_name", self.name())
            d.add(f" {r.choice(COLLEGES)} 海科{r.randint(19, 23)}0{r.randint(1, 4)} ")
            d.pii("student_number", self.student())
            d.add(f" {r.choice(['一等', '二等', '三等'])}\n")

    def discipline(self, d: Doc) -> None:
        r = self.r
        name = self.name()
        penalty = r.choice(["警告", "严重警告", "记过", "留校察看"])
        d.add("关于给予")
        d.pii("person_name", name)
        d.add(f"同学{penalty}处分的决定\n")
        d.pii("person_name", name)
        d.add(f"，{r.choice('男女')}，{r.randint(2019, 2023)}级{r.choice(MAJORS)}专业学生，学号")
        d.pii("student_number", self.student())
        d.add("。该生在期末考试中作弊，违反了《普通高等学校学生管理规定》。经学校研究，决定给予")
        d.pii("person_name", name)
        d.add(f"同学{penalty}处分。\n学生工作处\n2023年7月{r.randint(1, 28)}日\n")

    def application(self, d: Doc) -> None:
        r = self.r
        d.add("临时困难补助申请表\n申请人：")
        d.pii("person_name", self.name())
        d.add("，身份证号：")
        d.pii("id_card", self.id_number())
        d.add("，手机：")
        d.pii("mobile", self.mobile())
        d.add("，邮箱：")
        d.pii("email", self.email())
        d.add("。\n家庭住址：")
        d.pii("address", self.address() if r.random() < 0.7 else self.village())
        d.add("。\n银行卡号：")
        d.pii("bank_card", self.card())
        d.add("，开户行：中国银行。\n")
        if r.random() < 0.3:
            d.add("护照号码：")
            d.pii("passport", self.passport())
            d.add("。\n")
        if r.random() < 0.3:
            d.add("如需核实，可拨打其家长电话")
            d.pii("mobile", self.mobile())
            d.add("或致信")
            d.pii("email", self.email())
            d.add("。\n")

    def recruitment(self, d: Doc) -> None:
        r = self.r
        d.add("2023年公开招聘工作人员拟聘用人员名单公示\n序号 姓名 性别 学历 拟聘岗位 总成绩\n")
        for i in range(1, r.randint(3, 10)):
            d.add(
                f"{i} {self.name()} {r.choice('男女')} 硕士研究生 专任教师 {r.randint(70, 95)}.{r.randint(0, 99):02d}\n"
            )
        d.add("公示期间如有异议，请向人事处反映，电话：")
        d.pii("landline", self.landline())
        d.add("，邮箱：")
        d.pii("email", self.email())
        d.add("。\n")

    def budget(self, d: Doc) -> None:
        r = self.r
        d.add("2023年部门预算表（单位：万元）\n项目 预算数\n")
        for item in ["一般公共预算拨款收入", "事业收入", "其他收入", "基本支出", "项目支出"]:
            d.add(f"{item} {r.randint(100, 99999)}.{r.randint(0, 99):02d}\n")
        d.add(
            f"成交金额{r.randint(1, 9)}，{r.randint(100, 999)}.{r.randint(10, 99)}万元，"
            f"基本支出共计1{r.randint(3, 9)}{r.randint(100000000, 999999999)}元。\n"
        )

    def near_misses(self, d: Doc) -> None:
        r = self.r
        d.add(
            f"设备序列号{self.card(valid=False)}，原登记号{self.id_number(valid=False)}已注销，"
            f"文号琼热海院〔2023〕{r.randint(1, 99)}号，邮政编码572022，时间2023-08-31 09:30，"
            f"比例{r.randint(1, 99)}.{r.randint(1, 99)}%，严格执行保密制度，涉密信息不上网。"
            f"学校地址：三亚市育才路{r.randint(1, 9)}号。贯彻《中华人民共和国保守国家秘密法》。\n"
        )

    def marked(self, d: Doc) -> None:
        """A document marked at its head, or marked in brackets in the text."""
        r = self.r
        if r.random() < 0.5:
            d.pii("secret_marker", r.choice(["秘密★1年", "机密★长期", "内部资料", "机密"]))
            d.add("\n关于2024年招生计划调整的请示\n")
        else:
            d.add("2024年学科评估自评材料（")
            d.pii("secret_marker", "内部资料")
            d.add("，")
            d.pii("secret_marker", "注意保密")
            d.add("）\n")

    def corpus(
        self, target_bytes: int, block_share: float = 0.35, lists_only: bool = False, shapes: bool = False
    ) -> Doc:
        """Notices until `target_bytes` of UTF-8: each a title and a few paragraphs of prose;
        `block_share` of them also carry a block with personal data (a list, a form, a
        decision …) or a near miss (a budget, serial numbers, dates). `lists_only`: the
        blocks alone, back to back (the worst case for speed). `shapes`: every block is a
        form with values written the way people and PDF extraction write them."""
        r = self.r
        d = Doc()
        with_data = [self.admission, self.aid, self.discipline, self.application, self.recruitment, self.marked]
        without = [self.budget, self.near_misses]
        if shapes:
            with_data = without = [self.shapes]
        while d.nbytes < target_bytes:
            if not lists_only:
                d.add(r.choice(["关于", "我校", "学校", ""]) + r.choice(self.sentences)[:24] + "\n")
                self.news(d, r.randint(6, 20))
            if lists_only or r.random() < block_share:
                (r.choice(with_data) if lists_only or r.random() < 0.8 else r.choice(without))(d)
            d.add("\n")
        return d


def timed(fns: dict, runs: int = 5) -> dict:
    """Best CPU time (time.process_time: this process only, so one core) of each function,
    the functions run in turn so that all see the same machine. The garbage collector
    is emptied before each run: otherwise a full collection — whose cost is set by
    everything the process holds (jieba's dictionary, the other functions' results) —
    lands in one function's time or another's depending on where the allocation count
    happens to stand, and moves from one to the other with unrelated changes."""
    best = {k: float("inf") for k in fns}
    results = {}
    for _ in range(runs):
        for k, fn in fns.items():
            gc.collect()
            t0 = time.process_time()
            results[k] = fn()
            best[k] = min(best[k], time.process_time() - t0)
    return {k: (best[k], results[k]) for k in fns}


def precision_recall(findings, labels) -> dict[str, tuple[int, int, int]]:
    got = defaultdict(set)
    for f in findings:
        got[f.kind].add((f.start, f.end))
    want = defaultdict(set)
    for kind, s, e in labels:
        want[kind].add((s, e))
    out = {}
    for kind in KINDS:
        g, w = got[kind], want[kind]
        out[kind] = (len(g & w), len(g), len(w))
    return out


def speed(label: str, text: str, runs: int) -> dict:
    mb = len(text.encode("utf-8")) / 1e6
    pattern_cfg = ScreeningConfig(enabled_kinds=frozenset(PATTERN_KINDS))
    all_cfg = ScreeningConfig()
    # names are timed given the pattern findings (identifiers give rows their context);
    # jieba's dictionary is loaded before timing
    NAME_DETECTOR.detect(Context(from_text("张三，学号2021010105"), all_cfg), [])
    ctx = Context(from_text(text), all_cfg)
    raw = pattern_findings(ctx)
    t = timed(
        {
            "baseline": lambda: sum(1 for _ in BASELINE.finditer(text)),
            "patterns": lambda: scan_text(text, pattern_cfg),
            "names": lambda: NAME_DETECTOR.detect(Context(from_text(text), all_cfg), raw),
        },
        runs,
    )
    base, pat, names = (mb / t[k][0] for k in ("baseline", "patterns", "names"))
    print(f"\n{label}: {mb:.2f} MB")
    print(f"  baseline, one pass of re.compile(r'\\d{{11}}')   {base:8.1f} MB/s")
    print(
        f"  pattern detectors (all but person_name)       {pat:8.1f} MB/s   ratio to baseline {pat / base:.2f}"
        "  (target >= 0.3)"
    )
    print(f"  name detector (person_name, jieba)            {names:8.1f} MB/s")
    return {"baseline_mb_s": round(base, 1), "patterns_mb_s": round(pat, 1), "ratio": round(pat / base, 3)}


def report(label: str, text: str, labels) -> dict:
    findings = scan_text(text)
    print(f"\nprecision / recall on {label} (exact spans, default threshold 0.5):")
    print(f"  {'kind':16s} {'labelled':>8s} {'found':>7s} {'correct':>7s} {'precision':>9s} {'recall':>7s}")
    out = {}
    for kind, (tp, g, w) in precision_recall(findings, labels).items():
        p = f"{tp / g:.3f}" if g else "—"
        r = f"{tp / w:.3f}" if w else "—"
        print(f"  {kind:16s} {w:8d} {g:7d} {tp:7d} {p:>9s} {r:>7s}")
        out[kind] = {"precision": round(tp / g, 4) if g else None, "recall": round(tp / w, 4) if w else None}
    return out


def ocr_section(n: int, engines: list[str]) -> dict:
    """Both sets of scanned pages through each engine; the figures side by side."""
    import shutil
    import subprocess

    from bench.scanned_pages import OCR_KINDS, ScanGen, measure
    from xxgk.screening import ocr

    os.environ["OMP_THREAD_LIMIT"] = "1"
    ocr.DEFAULT_THREADS = 1
    if "tesseract" in engines:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
        if not shutil.which("tesseract") or "chi_sim" not in langs:
            print("\n(tesseract with chi_sim is not installed: `make system-deps`; compared engine skipped)")
            engines = [e for e in engines if e != "tesseract"]
    sets = {
        "ocr": ScanGen(SEED + 3).pages(n),
        "ocr_worn": ScanGen(SEED + 4).pages(max(4, n // 2), dpis=(200, 150), poor=True),
    }
    out: dict = {}
    in_use = ocr.DEFAULT_ENGINE
    for key, pages in sets.items():
        values = sum(len(p[2]) for p in pages)
        label = "scanned pages" if key == "ocr" else "worn copies (heavy noise and blur, JPEG quality 45-60)"
        print(f"\nOCR, {label}: {len(pages)} pages, {values} labelled values (engine in use: {ocr.DEFAULT_ENGINE})")
        results = {e: measure(pages, e) for e in engines}
        print(f"  {'':22s}" + "".join(f"{e:>22s}" for e in engines))
        for kind in OCR_KINDS:
            cells = "".join(
                f"{'P ' + str(results[e][kind]['precision']) + ' R ' + str(results[e][kind]['recall']):>22s}"
                for e in engines
            )
            print(f"  {kind:22s}{cells}")
        for row, field in (
            ("all four: recall", "recall"),
            ("all four: precision", "precision"),
            ("pages unreadable", "unscreenable_pages"),
            ("pages/s/core @200dpi", "pages_per_s_per_core_200dpi"),
        ):
            print(f"  {row:22s}" + "".join(f"{str(results[e][field]):>22s}" for e in engines))
        ocr.set_engine(in_use)
        out[key] = results
    return out


def files_section(kb: int) -> dict:
    """Labelled notices written as .docx/.xlsx/.pptx/.zip/.7z/.doc/.xls and screened (bench/office_files.py)."""
    from bench import office_files

    t0 = time.perf_counter()
    samples = office_files.build(
        lambda seed, nbytes: Gen(SEED + 10 + seed).corpus(nbytes, block_share=0.8),
        lambda seed: Gen(SEED + seed),
        kb,
    )
    print(f"\nfiles built in {time.perf_counter() - t0:.1f}s: " + ", ".join(s.name for s in samples))
    figures = office_files.measure(samples, KINDS)
    office_files.report(figures)
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=3.0, help="MB of UTF-8 notice text to generate (default 3)")
    ap.add_argument("--runs", type=int, default=5, help="timing runs, best kept (default 5)")
    ap.add_argument(
        "--ocr-pages", type=int, default=12, help="generated scanned pages per engine (default 12; 0: none)"
    )
    ap.add_argument(
        "--ocr-engines", default="rapidocr,tesseract", help="OCR engines to compare (default rapidocr,tesseract)"
    )
    ap.add_argument(
        "--files-kb",
        type=int,
        default=60,
        help="KB of notice text in each generated Office file and archive (default 60; 0: no files section)",
    )
    args = ap.parse_args()

    t0 = time.perf_counter()
    gen = Gen(SEED)
    doc = gen.corpus(int(args.mb * 1e6))
    text = doc.text()
    lists = Gen(SEED + 1).corpus(int(args.mb * 1e6 / 3), lists_only=True)
    mb = len(text.encode("utf-8")) / 1e6
    print(
        f"machine: {platform.machine()} {platform.system()}, cores (os.cpu_count): {os.cpu_count()}, "
        f"Python {platform.python_version()}; timings single-threaded (per core), CPU time, best of {args.runs}"
    )
    print(
        f"screening modules: {compiled_status()} ({len(compiled())} compiled with Cython; "
        "XXGK_SCREENING_PYTHON=1 runs them as Python)"
    )
    print(
        f"notices: {mb:.2f} MB UTF-8, {len(text):,} characters, {len(doc.labels):,} labelled items "
        f"({len(doc.labels) / mb:,.0f}/MB), seed {SEED}"
    )
    print(
        f"lists only: {lists.nbytes / 1e6:.2f} MB, {len(lists.labels):,} labelled items "
        f"({len(lists.labels) / (lists.nbytes / 1e6):,.0f}/MB) — tables of IDs, 考生号, 学号 back to back"
    )

    shaped = Gen(SEED + 2).corpus(int(args.mb * 1e6 / 3), shapes=True)
    print(
        f"new shapes: {shaped.nbytes / 1e6:.2f} MB, {len(shaped.labels):,} labelled items — notices with forms "
        "whose values are grouped, prefixed, split by a line break or spelled out, and traps next to them"
    )
    figures = {
        "screening_modules": compiled_status(),
        "speed_notices": speed("notices (prose with lists, forms and decisions in a third of them)", text, args.runs),
        "speed_lists": speed("lists only (the worst case: a number every few characters)", lists.text(), args.runs),
        "speed_shapes": speed("new shapes (forms as PDF extraction gives them)", shaped.text(), args.runs),
    }
    figures["notices"] = report("the labelled notices", text, doc.labels)
    figures["shapes"] = report("the new shapes", shaped.text(), shaped.labels)
    if args.files_kb:
        figures["files"] = files_section(args.files_kb)
    if args.ocr_pages:
        figures.update(ocr_section(args.ocr_pages, args.ocr_engines.split(",")))
    print(f"\ntotal time {time.perf_counter() - t0:.1f}s")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
