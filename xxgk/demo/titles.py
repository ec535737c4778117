"""Titles and bodies for demo records that read like a real university's website.

Deterministic: the same seed gives the same titles, so the demo is stable.
"""

from __future__ import annotations

import random

LEADERS = ["党委书记", "校长", "党委副书记", "副校长", "党委常委、副校长", "纪委书记"]
TOPICS = [
    "党的二十大精神学习宣传贯彻",
    "主题教育",
    "安全稳定",
    "实验室安全",
    "就业创业",
    "招生宣传",
    "本科教学审核评估",
    "意识形态",
    "党风廉政建设",
    "学科建设",
    "人才引进",
    "校园文化建设",
    "新生入学教育",
    "疫情防控",
    "防溺水安全教育",
    "消防安全",
    "心理健康教育",
    "学生资助",
    "国家安全教育",
    "产教融合",
    "一流专业建设",
    "课程思政",
    "校园环境整治",
    "后勤保障",
    "网络安全",
]
MEETINGS = [
    "2023年党风廉政建设和反腐败工作会议",
    "2022—2023学年第一学期教学工作会议",
    "第二届教职工代表大会第三次会议",
    "2023年工作务虚会",
    "学位评定委员会会议",
    "安全稳定工作会议",
    "新学期工作部署会",
    "学科建设推进会",
    "2023届毕业生就业工作推进会",
    "本科教学审核评估动员大会",
    "学生工作会议",
    "招生工作领导小组会议",
    "校园安全隐患排查整治工作会议",
    "实验室安全工作会议",
    "2022年度领导班子民主生活会",
    "统战工作座谈会",
]
COMPETITIONS = [
    "全国大学生数学建模竞赛",
    "“挑战杯”全国大学生课外学术科技作品竞赛",
    "中国国际大学生创新大赛",
    "全国大学生英语竞赛",
    "全国大学生电子设计竞赛",
    "全国海洋航行器设计与制作大赛",
    "全国大学生节能减排社会实践与科技竞赛",
    "全国职业院校技能大赛",
    "全国大学生广告艺术大赛",
]
AWARDS = ["一等奖", "二等奖", "三等奖", "金奖", "银奖", "优秀组织奖", "特等奖"]
EVENTS = [
    "学术讲座",
    "主题团日活动",
    "读书分享会",
    "毕业生就业双选会",
    "校园开放日",
    "科普进校园活动",
    "宿舍文化节",
    "“海洋文化周”系列活动",
    "学术沙龙",
    "教学技能比赛",
    "篮球联赛",
    "迎新晚会",
    "志愿服务活动",
    "心理健康月系列活动",
    "职业生涯规划大赛",
    "“三下乡”社会实践出征仪式",
    "红色观影活动",
    "消防疏散演练",
]
SCHOLARS = [
    "中国科学院院士",
    "国家杰出青年科学基金获得者",
    "教育部长江学者特聘教授",
]
LECTURE_TOPICS = [
    "珊瑚礁生态系统修复的理论与实践",
    "深海探测技术进展",
    "海洋遥感与人工智能",
    "热带海洋生物多样性保护",
    "人工智能时代的学术写作",
    "海洋强国战略与高校担当",
    "国际海洋法前沿问题",
    "海洋碳汇研究新进展",
    "大学生创新创业的路径选择",
    "文化自信与中华优秀传统文化",
    "数字经济与区域发展",
]
ESSAY_SUBJECTS = [
    "海风里的课堂",
    "写给即将毕业的你",
    "图书馆的灯光",
    "一位老教师的三十年",
    "我的支教故事",
    "从渔村走出的大学生",
    "珊瑚苗圃的守护者",
    "食堂阿姨的早班",
    "实验室里的春节",
    "操场上的晨光",
    "致敬平凡的坚守",
    "在海边读懂青春",
    "我的科研第一课",
    "一堂难忘的思政课",
    "与海洋的约定",
]
THEORY = [
    "深入学习贯彻党的二十大精神",
    "以高质量党建引领学校高质量发展",
    "习近平新时代中国特色社会主义思想的世界观和方法论",
    "牢牢把握意识形态工作领导权",
    "加快建设海洋强国的时代意义",
    "全过程人民民主的理论内涵",
    "推进中国式现代化的教育使命",
    "弘扬伟大建党精神",
]
NOTICES = [
    "关于{year}年{festival}放假安排的通知",
    "关于开展{topic}专项检查的通知",
    "关于公布{year}年专升本招生拟录取名单的通知",
    "关于{year}年第二学士学位招生录取结果的公示",
    "关于公开招聘{year}年度专任教师的公告",
    "关于{year}年学生奖助学金评定结果的公示",
    "关于{year}年度预算信息公开的公告",
    "关于{year}年度决算信息公开的公告",
    "关于调整{year}—{year1}学年校历的通知",
    "关于开展{year}年度“两优一先”评选表彰工作的通知",
    "关于{topic}工作的实施方案",
    "关于拟聘任中层干部的任前公示",
    "关于{year}年国家助学贷款续贷工作的通知",
    "关于做好{year}届毕业生离校工作的通知",
    "关于开展{topic}宣传月活动的通知",
    "关于{year}年硕士研究生招生考试考点安排的公告",
    "关于收费项目和标准的公示",
    "关于{project}采购项目的中标结果公告",
    "关于{project}项目招标公告",
    "关于{year}年度科研项目立项结果的公示",
]
FESTIVALS = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节、国庆节"]
PROJECTS = [
    "实验楼改造工程",
    "学生宿舍空调租赁服务",
    "图书采购",
    "教学科研仪器设备",
    "校园安保服务",
    "物业管理服务",
    "海洋观测浮标",
    "智慧教室建设",
    "校园网升级改造",
    "食堂设备",
    "体育场馆维修工程",
    "多媒体教室设备",
]
MEDIA_SUBJECTS = [
    "聚焦我校产教融合新实践",
    "报道我校毕业生就业工作",
    "关注我校航海技术专业建设",
    "报道我校新生开学典礼",
    "点赞我校志愿者服务活动",
    "报道我校海洋职业教育特色",
    "关注我校数字校园建设",
    "报道我校技能大赛获奖喜讯",
    "聚焦我校社会实践团队",
    "报道我校校企合作签约仪式",
]


def _news(rng: random.Random, year: int, local: dict) -> str:
    forms = [
        lambda: f"{rng.choice(LEADERS)}带队赴{rng.choice(local['places'])}调研{rng.choice(TOPICS)}工作",
        lambda: f"学校召开{rng.choice(MEETINGS)}",
        lambda: f"我校学子在{year}年{rng.choice(COMPETITIONS + local['competitions'])}中荣获{rng.choice(AWARDS)}",
        lambda: f"学校与{rng.choice(local['partners'])}签署战略合作协议",
        lambda: f"{rng.choice(local['colleges'])}举办{rng.choice(EVENTS)}",
        lambda: f"{rng.choice(LEADERS)}为师生讲授{rng.choice(TOPICS)}专题党课",
        lambda: f"{rng.choice(local['partners'])}来校交流座谈",
        lambda: f"学校开展{rng.choice(TOPICS)}专项检查",
        lambda: f"{rng.choice(local['colleges'])}党委召开{rng.choice(TOPICS)}专题会议",
        lambda: f"我校{rng.choice(local['colleges'])}教师团队获批{year}年度省级科研项目",
    ]
    return rng.choice(forms)()


def _teaching(rng: random.Random, year: int, local: dict):
    forms = [
        lambda: f"{rng.choice(local['colleges'])}召开{year}年本科专业人才培养方案修订研讨会",
        lambda: f"我校{rng.choice(local['colleges'])}获批{year}年度国家级一流本科课程",
        lambda: f"学校举办{year}年青年教师{rng.choice(['教学技能比赛', '课程思政教学比赛', '教学创新大赛'])}",
        lambda: f"{rng.choice(local['colleges'])}在{rng.choice(local['places'])}开展科研考察",
        lambda: (
            f"我校教师在{rng.choice(['Nature Communications', '海洋学报', '中国海洋大学学报', 'Marine Pollution Bulletin'])}发表研究成果"
        ),
    ]
    return rng.choice(forms)()


def _culture(rng: random.Random, year: int, local: dict):
    forms = [
        lambda: f"{rng.choice(local['colleges'])}举办{rng.choice(EVENTS)}",
        lambda: (
            f"学校举行{year}年{rng.choice(['迎新晚会', '毕业典礼', '运动会', '合唱比赛', '校园歌手大赛', '社团文化节'])}"
        ),
        lambda: (
            f"“{rng.choice(['青春向党', '奋进新征程', '海洋梦', '书香校园', '劳动最光荣'])}”主题{rng.choice(['演讲比赛', '征文活动', '摄影展', '文艺汇演'])}圆满落幕"
        ),
        lambda: f"我校志愿者服务{rng.choice(local['volunteering'])}活动获好评",
    ]
    return rng.choice(forms)()


def _notice(rng: random.Random, year: int, local: dict):
    return rng.choice(NOTICES).format(
        year=year,
        year1=year + 1,
        festival=rng.choice(FESTIVALS),
        topic=rng.choice(TOPICS),
        project=rng.choice(PROJECTS),
    )


def _lecture(rng: random.Random, year: int, local: dict):
    return f"学术讲座：{rng.choice(SCHOLARS)}谈{rng.choice(LECTURE_TOPICS)}"


def _essay(rng: random.Random, year: int, local: dict):
    return f"观海听涛｜{rng.choice(ESSAY_SUBJECTS)}"


def _theory(rng: random.Random, year: int, local: dict):
    return f"理论学习｜{rng.choice(THEORY)}"


def _media(rng: random.Random, year: int, local: dict):
    return f"【{rng.choice(local['media'])}】{rng.choice(MEDIA_SUBJECTS)}"


COLUMNS = {
    "news": _news,
    "teaching": _teaching,
    "culture": _culture,
    "notice": _notice,
    "lecture": _lecture,
    "essay": _essay,
    "theory": _theory,
    "media": _media,
}


def title_for(column: str, rng: random.Random, year: int, seen: set[str], local: dict) -> str:
    """A title for the column, made distinct from those already used. `local` is the institution's own
    vocabulary (its colleges, places, partners, competitions, media; `institutions.json`), so that one
    institution's stories never name the other's city or partners."""
    make = COLUMNS[column]
    for _ in range(20):
        title = make(rng, year, local)
        if title not in seen:
            break
    else:
        title = f"{title}（{len(seen) % 97 + 2}）"
    seen.add(title)
    return title


def body_for(title: str, institution_name: str, rng: random.Random) -> str:
    openers = [
        f"近日，{institution_name}{title.replace('我校', '').replace('学校', '')}。",
        f"为进一步做好相关工作，{institution_name}认真落实上级部署，现将有关情况报道如下。",
        "根据学校年度工作安排，相关部门精心组织、周密部署，各项工作有序推进。",
    ]
    middles = [
        "活动坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，突出问题导向和目标导向。",
        "与会人员围绕工作中的重点难点问题进行了深入交流，提出了具有针对性的意见建议。",
        "学校相关职能部门负责人、各二级学院师生代表参加活动。",
        "下一步，学校将持续完善工作机制，压实工作责任，确保各项任务落到实处、取得实效。",
        "此次活动进一步增强了师生的责任意识和参与热情，营造了良好的校园氛围。",
    ]
    parts = [rng.choice(openers)] + rng.sample(middles, 3)
    return "".join(f"<p>{p}</p>" for p in parts)
