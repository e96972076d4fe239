"""The demo's invented names, texts and per-district plans."""

from dataclasses import dataclass
from datetime import date

from ..models import (
    EducationSession,
    LedgerEntry,
    SentenceKind,
)

BATCH = 2000


def first_day(today):
    """The demo's first day: 1 January two years before today, so the two previous whole years and this year to
    date are covered and every trend and year-on-year comparison has a real base, whatever day it is loaded."""
    return date(today.year - 2, 1, 1)


Kind = SentenceKind
Reason = LedgerEntry.TerminationReason


@dataclass(frozen=True)
class DistrictPlan:
    code: str
    users: str  # prefix of the demo accounts (bureau/data/demo_users.py)
    opening: int  # on the register on the first day, and about as many on any later day
    regions: tuple  # ID-number region codes, the district's own first
    court: str
    police: str
    roads: tuple
    released: int  # resettlement: released prisoners over five years


DISTRICTS = [
    DistrictPlan("440303", "luohu", 120, ("440303", "440301", "440300"), "深圳市罗湖区人民法院",
                 "深圳市公安局罗湖分局", ("人民南路", "东门中路", "宝安南路", "爱国路", "翠竹路", "笋岗路", "太宁路",
                                   "莲塘路", "布心路", "沿河北路"), 290),
    DistrictPlan("440311", "guangming", 108, ("440311", "440306", "440321", "440300"), "深圳市光明区人民法院",
                 "深圳市公安局光明分局", ("光明大道", "华夏路", "公明南环大道", "松白路", "观光路", "光侨路",
                                   "东周路", "塘明大道"), 240),
]
MEAN_TERM_MONTHS = 22  # about the mean term drawn from TERMS: opening / this is the steady intake per month

SURNAMES = ("陈陈陈李李李黄黄黄张张张王王刘刘林林吴吴杨杨周郑梁梁谢罗何赖叶钟邓曾彭许蔡徐朱胡郭潘肖苏卢"
            "冯袁廖温丘方江谭余戴孙马高唐韩邹傅熊魏程石龙范莫覃韦蒋田严")
MALE = "伟强军勇杰涛斌明超辉刚平建国华文志海波鹏飞龙俊浩宇峰林东成宏亮武忠永金德贵福生"
FEMALE = "丽芳燕玲婷秀敏静霞红娟琴梅兰英凤珍慧颖雪莉萍艳洁淑佳欣怡晓月春桂美玉"
CRIMES = {
    Kind.PROBATION: [("危险驾驶罪", 30), ("盗窃罪", 12), ("诈骗罪", 8), ("帮助信息网络犯罪活动罪", 12),
                     ("故意伤害罪", 7), ("交通肇事罪", 6), ("开设赌场罪", 4), ("掩饰、隐瞒犯罪所得罪", 5),
                     ("寻衅滋事罪", 4), ("职务侵占罪", 3), ("非法经营罪", 2), ("走私普通货物罪", 2)],
    Kind.PAROLE: [("贩卖毒品罪", 25), ("盗窃罪", 20), ("抢劫罪", 15), ("诈骗罪", 20), ("故意伤害罪", 10),
                  ("合同诈骗罪", 6), ("非法吸收公众存款罪", 4)],
    Kind.OUTSIDE_PRISON: [("诈骗罪", 25), ("贩卖毒品罪", 20), ("盗窃罪", 20), ("非法吸收公众存款罪", 15),
                          ("故意伤害罪", 10), ("受贿罪", 10)],
    Kind.CONTROL: [("寻衅滋事罪", 40), ("故意伤害罪", 30), ("盗窃罪", 30)],
}
# Months of the term by kind (probation: the 考验期; parole: the rest of the sentence …).
TERMS = {
    Kind.PROBATION: [(6, 8), (8, 6), (10, 6), (12, 18), (18, 12), (24, 16), (30, 6), (36, 12), (48, 6), (60, 4)],
    Kind.PAROLE: [(m, 1) for m in range(6, 37, 2)],
    Kind.OUTSIDE_PRISON: [(m, 1) for m in range(6, 25, 2)],
    Kind.CONTROL: [(6, 3), (9, 2), (12, 3), (18, 1), (24, 1)],
}
PROHIBITIONS = ["禁止进入夜总会、酒吧、迪厅、网吧等娱乐场所", "禁止从事证券交易、金融相关职业",
                "禁止接触被害人及其近亲属", "禁止驾驶机动车", "禁止进入中小学校区、幼儿园园区"]
PRISONS = ["广东省深圳监狱", "广东省东莞监狱", "广东省韶关监狱", "广东省惠州监狱", "广东省佛山监狱",
           "广东省英德监狱", "广东省番禺监狱", "湖南省长沙监狱", "广西壮族自治区南宁监狱"]
PLACES = ["广东省东莞市东城街道司法所", "广东省惠州市惠城区江北司法所", "广东省广州市天河区棠下司法所",
          "湖南省长沙市岳麓区望月湖司法所", "江西省赣州市章贡区解放司法所", "广西壮族自治区玉林市玉州区司法局",
          "四川省成都市武侯区簇桥司法所", "湖北省武汉市洪山区关山司法所"]
DESTINATIONS = [("湖南省长沙市", "探望父母"), ("广东省广州市", "办理业务"), ("江西省赣州市", "探亲"),
                ("广东省梅州市", "参加亲属婚礼"), ("湖北省武汉市", "陪同家人就医"), ("广西壮族自治区南宁市", "探亲"),
                ("广东省汕头市", "处理家庭事务"), ("四川省成都市", "参加职业技能考试"), ("河南省信阳市", "奔丧"),
                ("广东省惠州市", "商务洽谈"), ("福建省厦门市", "出差")]
TALKS = ["了解近期思想、工作和生活情况，思想稳定", "重申监督管理规定，对象表示遵守", "对象反映工作变动情况，已更新档案",
         "结合禁止令开展教育，对象认识到位", "对象家庭关系紧张，进行疏导", "对象按期参加教育学习，表现良好"]
CHECKS = ["手机定位在居住地，情况正常", "视频抽查在家，情况正常", "定位显示在工作单位，与报告一致",
          "信息化核查情况正常"]
VISITS = ["走访居住地，与家属了解对象近况", "走访工作单位，对象在岗", "会同社区网格员入户走访"]
REPORTS = ["书面报告本月工作生活情况", "电话报告活动情况", "到司法所当面报告思想汇报"]
PRAISES = ["遵守监督管理规定，积极参加教育学习和公益活动", "见义勇为，协助社区处置突发情况", "认罪悔罪，表现突出"]
REPRIMANDS = ["未按规定时间报到参加教育学习", "未经批准变更居住地址后未及时报告", "迟交月度思想汇报"]
WARNINGS = ["无正当理由不按规定参加教育学习，经训诫仍不改正", "擅自离开所居住的市、县三日以内",
            "拒不按照规定报告自己的活动情况"]
RISKS = [("多次迟交思想汇报，存在脱管风险", "每周当面报告，矫正小组加密走访"),
         ("家庭矛盾激化，有过激言行", "联合社区开展家庭矛盾调解，安排心理咨询"),
         ("失业后经济困难，情绪低落", "协调就业援助，纳入临时救助，每周谈话"),
         ("与吸毒人员有接触", "会同派出所开展尿检，加强定位核查"),
         ("有网络赌博迹象", "开展法治教育，核查资金往来情况，每周信息化核查")]
SESSION_TITLES = {
    EducationSession.Kind.LEGAL_MORAL: ["宪法与公民权利义务", "社区矫正法解读", "民法典与家庭生活", "防范电信网络诈骗",
                                        "禁毒知识教育", "道路交通安全法", "诚信守法与社会公德", "劳动合同法与就业权益"],
    EducationSession.Kind.PSYCH: ["情绪管理与压力疏导", "重建家庭沟通", "认识焦虑与抑郁", "积极心理与回归社会"],
    EducationSession.Kind.PUBLIC_SERVICE: ["社区环境清洁", "敬老院志愿服务", "交通文明劝导", "图书馆图书整理"],
}
TEAM_ROLES = ["司法所工作人员", "社区网格员", "社会工作者", "家属"]
TRANSFER_NOTE = "经居住地变更审批"  # a move between street offices
