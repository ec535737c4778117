"""Demo: the two seed institutions' yearly figures, procurement results and paragraphs for 2022–2023.

Entered through the same services departments use, by each institution's office account, so
that the rebuilt reports carry every figure the seed reports print. Idempotent.
Call after `xxgk.demo.loader.load_demo()`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from xxgk.org.models import Department, Institution
from xxgk.reporting import loader, services
from xxgk.reporting.models import ProcurementResult, SectionParagraph, YearlyFigure

PERIOD = services.Period(date(2022, 9, 1), date(2023, 8, 31))

# (department code, section, label, value, unit, qualifier)
FIGURES = {
    "hntou": [
        ("zsb", "admissions", "录取结果查询", 39622, "人次", ""),
        ("zsb", "admissions", "E答招生咨询量", 110982, "人次", ""),
        ("zsb", "admissions", "微信公众号咨询量", 1373, "人次", ""),
        ("zsb", "admissions", "电话咨询量", 10000, "人次", "near"),
        ("rsc", "personnel", "新入职教职工", 231, "人", ""),
        ("jwc", "teaching", "教务处出台并公布制度", 6, "项", ""),
        ("gjc", "international", "教职工因公出国开展工作", 14, "人", ""),
        ("gjc", "international", "发布因公出国信息公示", 6, "条", ""),
    ],
    "qzoi": [
        ("xgb", "students", "思政教育专题报道", 190, "篇", "more"),
        ("xgb", "students", "公开奖助贷勤补免、申诉渠道等内容", 10, "篇", "more"),
        ("tw", "students", "“泉海青年”单个视频累计点赞", 1748, "个", ""),
        ("tw", "students", "“泉海青年”单个视频转发", 968, "次", ""),
        ("xlzx", "students", "心理健康板块服务总用户数", 15309, "", ""),
        ("xxzx", "digital", "建成各类业务系统", 30, "个", "more"),
        ("xxzx", "digital", "上线办事服务", 150, "项", "more"),
        ("dwhz", "employment", "举办线上招聘会", 16, "场", ""),
        ("dwhz", "employment", "线下专业宣讲会", 24, "场", ""),
        ("dwhz", "employment", "线上宣讲会", 29, "场", ""),
        ("dwhz", "employment", "征集到校企业", 59, "家", "over"),
        ("dwhz", "employment", "线上企业", 258, "家", "over"),
        ("dwhz", "employment", "为2023届毕业生引进就业岗位", 6400, "个", "over"),
    ],
}

# hntou: 20 goods totalling 1,081.11万元 and 30 services totalling 2,077.32万元 (招标采购中心)
GOODS = [
    "海洋科学实验教学仪器设备采购",
    "计算机基础实验室终端设备采购",
    "图书馆纸质图书采购",
    "中外文电子图书数据库采购",
    "学生公寓家具采购",
    "多媒体教室设备更新采购",
    "校园网核心交换设备采购",
    "食品科学实验室仪器采购",
    "水产养殖实训设备采购",
    "体育场馆器材采购",
    "音乐舞蹈专业乐器采购",
    "实验室通风及安全设施采购",
    "船舶模拟器教学设备采购",
    "档案密集架采购",
    "校园安防监控设备采购",
    "医务室医疗设备采购",
    "办公电脑及打印设备采购",
    "语言实验室设备采购",
    "无人机测绘教学设备采购",
    "学生活动中心音响灯光设备采购",
]
SERVICES = [
    "学生公寓物业管理服务",
    "教学区物业管理服务",
    "校园保安服务",
    "校园绿化养护服务",
    "学生食堂委托经营服务",
    "校园网运营维护服务",
    "校园安全隐患排查评估服务",
    "年度财务审计服务",
    "基建工程造价咨询服务",
    "法律顾问服务",
    "招生宣传服务",
    "毕业生就业双选会会务服务",
    "校园垃圾清运服务",
    "电梯维护保养服务",
    "消防设施维护保养服务",
    "学生体检服务",
    "教职工体检服务",
    "学生意外伤害保险服务",
    "教学楼空调维保服务",
    "实验动物饲养服务",
    "信息系统等级保护测评服务",
    "校史馆讲解及运营服务",
    "校园一卡通系统运维服务",
    "公务用车租赁服务",
    "校园广播电视系统维护服务",
    "图书馆数字资源运维服务",
    "科研实验平台运维服务",
    "心理健康测评服务",
    "教材代购服务",
    "校园文化活动策划服务",
]
PROCUREMENT = {
    "hntou": {"dept": "cgzx", "goods": (GOODS, Decimal("10811100.00")), "services": (SERVICES, Decimal("20773200.00"))}
}

# (department code or None for the office, section, text): the seeds' narrative, figures left to the figures above
PARAGRAPHS = {
    "hntou": [
        (
            None,
            "overview",
            "2022—2023年度，海南热带海洋学院坚持以习近平新时代中国特色社会主义思想为指导，认真落实党中央、国务院关于政务公开工作的决策部署、"
            "教育部推进教育公开的总体安排以及海南省信息公开工作要求，坚持“以公开为常态，不公开为例外”的原则，加强信息公开统筹，"
            "建立学校信息公开网站，逐步完善信息公开机制，更全面、更及时、更准确地公开信息。",
        ),
        (
            "zsb",
            "admissions",
            "紧紧把握招生工作的重点和关键环节，全面贯彻落实高校招生信息“十公开”。招生政策、招生章程、招生计划、录取程序、历年录取分数、"
            "录取结果查询等信息均在招生办公室官网和官方微信公众号上发布；对专升本、第二学士学位等涉及学生个人隐私的通知均按要求进行隐私屏蔽处理。"
            "招生办公室通过官网、官微、现场咨询会、E答等方式主动公开QQ群、微信公众号、电话热线等多种咨询方式。",
        ),
        (
            "cwc",
            "finance",
            "通过学校网站和各种渠道公开国家、省、市和学校有关财经政策法规制度，按照预决算公开要求及时向社会公开经财政部门批复的学校预决算情况，"
            "按规定线上线下公开学生收费项目、收费标准、收费依据、收费范围等内容。",
        ),
        (
            "cgzx",
            "procurement",
            "学校严格遵守《中华人民共和国招标投标法》《中华人民共和国政府采购法》等相关规定，在采购公告、中标（废标）公告以及采购更正公告环节上，"
            "依法在中国政府采购网、海南省采购网站等官方网站公开相关信息，全程接受多方监督。",
        ),
        (
            "rsc",
            "personnel",
            "高校公开招聘（含高层次人才、员额制、公共服务岗位等），教职员工的任免、聘用与考核以及涉及师生切身利益的其他信息均在学校网站、人事处网站、"
            "数字化校园信息平台、校务公开栏等渠道公开发布。招聘过程公开透明，在人事网站公布笔试、面试各招聘环节信息。",
        ),
        (
            "zzb",
            "cadres",
            "学校党委认真贯彻落实《党政领导干部选拔任用工作条例》和《关于规范干部信息公开工作的意见》，坚持考察预告公示、干部任前公示、任职结果公开，"
            "进一步增强选人用人工作的透明度、公信度和满意度。",
        ),
        (
            "xgc",
            "students",
            "学生服务管理信息公开主要涉及学生教育、学生资助、学生评奖评优、学生处分及学生申诉等。及时公布评优、奖助学贷、应征入伍等涉及学生切身利益的文件，"
            "方便学生了解。",
        ),
        (
            "jwc",
            "teaching",
            "学校施行年度《海南热带海洋学院本科教学质量报告》向社会公开发布制度。教务处通过学校网站、教务管理系统、教学管理平台等主动公开教务管理制度、"
            "教学大纲、课程安排、考试安排、成绩查询等信息。",
        ),
        (
            "gjc",
            "international",
            "及时公开对外合作交流项目进展、接受来华留学生情况等涉及国际交流与合作方面的事项，利用部门网站和办公系统、微信公众号等渠道，"
            "实时发布合作项目、国际学术研讨会等相关信息和参与方式。",
        ),
        (
            None,
            "problems",
            "目前我校信息公开工作整体情况良好，但也存在一定不足，如个别部门信息公开不够及时、信息公开质量不够高、精细化程度还有待提升。\n"
            "一是严格落实信息公开工作责任制，坚持“谁公开、谁审查、谁负责”，严格执行“上网信息不涉密、涉密信息不上网”。\n"
            "二是充分把握信息公开的“时度效”，以高质量信息公开保障学校高质量发展。\n"
            "三是进一步完善学校信息公开体制机制，建立健全信息公开目录、细化信息公开项目、完善信息公开指南。",
        ),
    ],
    "qzoi": [
        (
            None,
            "overview",
            "2022-2023学年，我校坚持“公开为常态、不公开为例外”的原则，深入全面推进信息公开工作。信息公开工作由学校党政办公室统一领导，"
            "各职能部门设有一名信息员具体负责本部门应公开信息的收集、整理和发布；学校制定了《泉州海洋职业学院信息公开实施细则》，"
            "落实保密审查机制，凡公开信息从拟稿、核稿、审签、发布等做好保密审查工作。",
        ),
        (
            "zsc",
            "admissions",
            "坚持实施“阳光招生工程”，通过学校招生信息网、招生处微信公众号等发布学校基本情况、招生章程、招生专业介绍以及分省录取情况等信息，"
            "招生录取工作全程接受学校及社会监督。",
        ),
        (
            "cwc",
            "finance",
            "通过学校财务处网站主动公开财务管理制度、收费项目和标准、政策宣传等信息，接受全校师生与社会监督。",
        ),
        (
            "rsc",
            "personnel",
            "人事处以官网公示或者学校办公平台OA邮件方式公开对教职工的招聘、调动、任免、晋升、奖惩、评优评先、职称评聘等信息，做到方案公开、过程公开、结果公开。",
        ),
        (
            "xcb",
            "publicity",
            "我校邀请泉州电视台、泉州晚报、石狮日报、石狮电视台等新闻媒体参加学校举办的重大活动，主动向社会展示学校的办学特色和成果。",
        ),
        (
            "jwc",
            "teaching",
            "教科研各类相关的公开信息均在学校教务处网站上发布，涉及专业建设、人才培养方案、教学质量报告、考试信息、学籍管理、竞赛信息等方面。",
        ),
        (
            "xgb",
            "students",
            "学工部网站公开学工系统日常工作信息，内容包括新闻报道、思政教育、学生资助、心理健康、团学活动、事务办理、奖惩通告等。",
        ),
        (
            "xxzx",
            "digital",
            "学校扎实推进数字校园建设，打造智慧泉海APP，实现所有应用服务统一化，通过数字化校园建设周报等发布工作动态。",
        ),
        (
            "hqc",
            "logistics",
            "学校通过校内宣传栏、宿舍楼栋公告栏、学校网站、部门微信公众号、OA办公系统等渠道公开后勤服务相关信息，搭建校园维修平台，实现维修服务全流程公开透明。",
        ),
        (
            "dwhz",
            "employment",
            "学校严格落实就业工作“一把手”工程，出台《关于持续做好学校2023届毕业生就业工作的通知》，及时在官网、对外合作部微信公众号等媒介发布就业信息。",
        ),
        (None, "evaluation", "我校师生员工及社会公众对学校能及时主动地提供各种信息表示满意，评议良好。"),
        (
            None,
            "problems",
            "本学年度，我校信息公开工作取得了一定进步，但仍存在一些薄弱环节：个别部门信息公开的意识还不强；个别部门存在对信息公开的内容、范围不明确的现象。\n"
            "下一步，学校将加强对信息公开工作的文件宣贯和业务培训，完善信息公开工作机制，加大对信息公开工作的检查通报。",
        ),
    ],
}


def _amounts(rng: random.Random, n: int, total: Decimal) -> list[Decimal]:
    """n amounts (multiples of 100 元) that add up to total exactly."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(n)]
    scale = total / Decimal(str(sum(weights)))
    out = [(Decimal(str(w)) * scale / 100).quantize(Decimal("1")) * 100 for w in weights[:-1]]
    out.append(total - sum(out))
    assert out[-1] > 0 and sum(out) == total
    return out


@transaction.atomic
def load_institution_figures(slug: str) -> None:
    institution = Institution.objects.get(slug=slug)
    office = get_user_model().objects.get(username=f"{slug}-office")
    depts = {d.code: d for d in Department.objects.filter(institution=institution)}
    if not YearlyFigure.objects.filter(institution=institution, period_start=PERIOD.start).exists():
        for order, (code, section, label, value, unit, qualifier) in enumerate(FIGURES.get(slug, []), start=1):
            services.enter_figure(
                office,
                depts[code],
                section=section,
                label=label,
                value=value,
                unit=unit,
                qualifier=qualifier,
                period_start=PERIOD.start,
                period_end=PERIOD.end,
                order=order,
            )
    spec = PROCUREMENT.get(slug)
    if (
        spec
        and not ProcurementResult.objects.filter(
            institution=institution, completed_on__gte=PERIOD.start, completed_on__lte=PERIOD.end
        ).exists()
    ):
        rng = random.Random(f"xxgk-procurement-{slug}")
        days = (PERIOD.end - PERIOD.start).days
        for kind in ("goods", "services"):
            names, total = spec[kind]
            for name, amount in zip(names, _amounts(rng, len(names), total)):
                services.enter_procurement(
                    office,
                    depts[spec["dept"]],
                    project=name,
                    kind=kind,
                    amount=amount,
                    completed_on=PERIOD.start + timedelta(days=rng.randint(10, days - 10)),
                )
    if not SectionParagraph.objects.filter(institution=institution, period_start=PERIOD.start).exists():
        for order, (code, section, text) in enumerate(PARAGRAPHS.get(slug, []), start=1):
            services.write_paragraph(
                office,
                institution,
                department=depts[code] if code else None,
                period=PERIOD,
                section=section,
                text=text,
                order=order,
            )


def load_demo_figures() -> None:
    loader.ensure_sections()
    for slug in ("hntou", "qzoi"):
        if Institution.objects.filter(slug=slug).exists():
            load_institution_figures(slug)
