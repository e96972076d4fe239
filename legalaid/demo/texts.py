"""The demo's invented names, texts and volumes."""

from dataclasses import dataclass

from lawyers.models import Specialty

from ..models import (
    Complaint,
    ExemptionGround,
    FinancialStatus,
    RecipientGroup,
    TerminationGround,
)

YEARS_BACK = 2  # the demo runs from 1 January of the year before last to today
BATCH = 1000

G = RecipientGroup


@dataclass(frozen=True)
class DistrictPlan:
    code: str
    short: str
    cases: int  # applications and notices a year at scale 1
    consultation_person_times: int  # a year at scale 1
    labour_weight: int  # 光明's factories bring more wage cases
    local_share: float  # applicants with a Shenzhen ID number
    local_regions: tuple  # most likely first
    court: str
    procuratorate: str
    police: str
    companies: tuple  # invented trade names
    trades: tuple


DISTRICTS = [
    DistrictPlan(
        "440303", "罗湖", 420, 3600, 38, 0.45, ("440303", "440304", "440301", "440300"),
        "深圳市罗湖区人民法院", "深圳市罗湖区人民检察院", "深圳市公安局罗湖分局",
        ("水贝金辉", "东门鸿利", "笋岗华联", "翠竹恒昌", "黄贝德信", "莲塘永安", "清水河顺达", "桂园嘉盛",
         "东晓宏发", "湖贝泰和", "布心金源", "南湖新宇"),
        ("珠宝首饰", "餐饮管理", "物业管理", "物流", "装饰工程", "保安服务", "家政服务", "商贸", "建筑劳务"),
    ),
    DistrictPlan(
        "440311", "光明", 360, 3200, 50, 0.3, ("440311", "440306", "440321", "440301", "440300"),
        "深圳市光明区人民法院", "深圳市光明区人民检察院", "深圳市公安局光明分局",
        ("楼村宏达", "公明富源", "玉塘精工", "马田鑫科", "凤凰立诚", "新湖华兴", "茅洲河明盛", "塘尾永利",
         "甲子塘联创", "圳美恒通", "迳口兴隆", "将石瑞丰"),
        ("电子科技", "塑胶制品", "精密模具", "五金制品", "建筑劳务", "包装材料", "物流", "服装", "家具"),
    ),
]

# Birthplaces of the many who came to work in Shenzhen (codes python-stdnum knows; each is used only for
# birth years in which it was assigned).
MIGRANT_REGIONS = (
    "430522", "430524", "430626", "431021", "431022", "431124", "431126", "360730", "360731", "360732",
    "360781", "450921", "450923", "452522", "452523", "510121", "513021", "510623", "412725", "412727",
    "411326", "420102", "421122", "421126", "441424", "441422", "440823", "440881", "440981", "445222",
    "445281", "522121", "612522", "433130", "350583", "410102",
)
SURNAMES = ("陈陈陈李李李黄黄黄张张张王王王刘刘林林吴吴杨杨周郑梁梁谢罗何赖叶钟邓曾彭许蔡徐朱胡郭潘肖苏卢冯袁"
            "廖温丘方江谭余戴孙马高唐韩邹傅熊魏程石龙范莫覃韦蒋田严")
MALE = "伟强军勇杰涛斌明超辉刚平建国华文志海波鹏飞龙俊浩宇峰林东成宏亮武忠永金德贵福生"
FEMALE = "丽芳燕玲婷秀敏静霞红娟琴梅兰英凤珍慧颖雪莉萍艳洁淑佳欣怡晓月春桂美玉"
EXPERT_TITLES = [
    "深圳大学法学院教授", "深圳大学法学院副教授", "中山大学法学院副教授", "南方科技大学法学院讲师",
    "退休法官", "退休检察官", "区人大代表", "区政协委员", "市律师协会法律援助专业委员会委员",
    "律师事务所高级合伙人", "区法学会理事", "市中级人民法院退休审判员", "区信访局法律顾问",
    "社区法律顾问", "公证员",
]
OFFENCES = ["盗窃罪", "诈骗罪", "故意伤害罪", "危险驾驶罪", "帮助信息网络犯罪活动罪", "贩卖毒品罪", "抢劫罪",
            "寻衅滋事罪", "开设赌场罪", "掩饰、隐瞒犯罪所得罪", "非法吸收公众存款罪", "容留他人吸毒罪"]
GRAVE_OFFENCES = ["故意杀人罪", "贩卖毒品罪（数量巨大）", "抢劫罪（致人死亡）", "绑架罪"]
INJURIES = [("工伤", "在工作中受伤，用人单位未参加工伤保险，拒绝赔偿"), ("交通事故", "遭遇交通事故受伤，肇事方拒绝赔偿"),
            ("医疗事故", "在医疗机构诊疗过程中受到损害"), ("食品药品", "食用不合格食品后入院治疗")]
GRANT_REASONS = {
    "": "经审查，申请人经济困难，申请事项属于法律援助事项范围，符合法律援助条件。",
    ExemptionGround.MIGRANT_WAGES: "申请人系进城务工人员请求支付劳动报酬或者工伤赔偿，免予核查经济困难状况（法律援助法第四十二条第三项）。",
    ExemptionGround.SPECIAL_GROUP: "申请人系无固定生活来源的特定群体，免予核查经济困难状况（法律援助法第四十二条第一项）。",
    ExemptionGround.ASSISTANCE: "申请人系社会救助、优抚对象，免予核查经济困难状况（法律援助法第四十二条第二项）。",
    ExemptionGround.ABUSE: "申请人系家庭暴力受害人主张相关权益，不受经济困难条件限制（法律援助法第三十二条第三项）。",
    ExemptionGround.RETRIAL_ACQUITTAL: "申请人再审改判无罪请求国家赔偿，不受经济困难条件限制（法律援助法第三十二条第二项）。",
    ExemptionGround.GOOD_SAMARITAN: "申请人因见义勇为行为主张相关民事权益，不受经济困难条件限制（法律援助法第三十二条第四项）。",
}
REFUSAL_REASONS = [
    "经核查，申请人家庭人均月收入超过本市法律援助经济困难标准，不符合法律援助条件（法律援助法第三十四条）。",
    "申请事项不属于法律援助法第三十一条规定的法律援助事项范围。",
    "申请人名下有多套房产及车辆，经济状况不符合法律援助条件。",
    "经告知补充材料后，申请人仍未能提供经济困难状况说明及相关证明，且不属于免予核查情形。",
    "同一事项已于上年度获得法律援助并已结案，申请人再次申请无正当理由。",
]
OBJECTION_REASONS = [
    "申请人提交了街道出具的最低生活保障证明，认为其经济状况符合法律援助条件。",
    "申请人认为其请求支付劳动报酬的事项属于法律援助范围，不予援助决定适用法律错误。",
    "申请人称其名下房产已于去年出售，家庭收入核查有误。",
]
ROADS = ["人民路", "建设路", "解放路", "东门路", "新园路", "和平路", "宝安路", "文锦路"]
# The hardship an applicant's means test finds (法律援助法 第四十一条), by weight; OTHER needs its note.
HARDSHIP = [(FinancialStatus.BELOW_STANDARD, 55), (FinancialStatus.LOW_INCOME, 20),
            (FinancialStatus.MINIMUM_LIVING, 15), (FinancialStatus.EXTREME_POVERTY, 3), (FinancialStatus.OTHER, 7)]
HARDSHIP_NOTES = ["家庭成员患重病，医疗支出大", "失业在家，无固定收入", "遭遇意外事故，家庭收入骤减"]
MATERIAL_NOTES = [
    "请补充提交经济困难状况说明表及劳动合同或工资流水。",
    "请补充提交身份证明及与受援人的关系证明。",
    "请补充提交工伤认定书及医疗费用票据。",
    "请补充提交法院受理通知书或仲裁委员会受理通知书。",
]
OVERRIDE_REASONS = [
    "建议律师近期在外地开庭，无法及时会见受援人。",
    "受援人系听力言语残疾人，指派熟悉手语的律师。",
    "建议律师与对方当事人存在利益冲突，申请回避。",
    "受援人此前相关案件由该律师承办，熟悉案情。",
    "案件涉及外省籍务工人员方言沟通，指派同乡籍律师。",
]
TERMINATION_NOTES = {
    TerminationGround.OTHER_COUNSEL: "受援人自行委托律师，申请终止法律援助。",
    TerminationGround.CASE_ENDED: "公安机关撤销案件，法律援助终止。",
    TerminationGround.WITHDRAWN: "双方自行和解，受援人申请终止法律援助。",
    TerminationGround.ECONOMIC_CHANGE: "受援人已获得用人单位支付的款项，经济状况发生变化。",
    TerminationGround.FALSE_MATERIAL: "经核查，受援人隐瞒了已与对方签订和解协议的事实。",
}
CONSULTATION_NOTES = {
    Specialty.LABOUR: ["公司拖欠工资如何申请劳动仲裁", "被辞退能否要求经济补偿", "未签劳动合同的双倍工资",
                       "加班费如何计算", "工厂搬迁是否应支付补偿"],
    Specialty.FAMILY: ["离婚后抚养费标准", "子女不支付赡养费怎么办", "遭受家庭暴力如何申请保护令", "遗产继承份额"],
    Specialty.CONTRACT: ["借款不还如何起诉", "租房押金不退", "装修合同纠纷", "网购退款纠纷"],
    Specialty.PERSONAL_INJURY: ["被狗咬伤的赔偿", "工作中受伤如何申请工伤认定", "人身损害赔偿标准"],
    Specialty.TRAFFIC: ["交通事故对方全责不赔偿", "电动车事故责任认定", "交强险理赔"],
    Specialty.PROPERTY: ["城中村房屋买卖效力", "物业费纠纷", "房屋漏水邻里纠纷"],
    Specialty.SOCIAL_SECURITY: ["单位未缴社保如何投诉", "低保申请条件", "养老保险转移接续"],
    Specialty.CRIMINAL: ["家属被刑事拘留后如何申请法律援助", "取保候审条件", "被骗后如何报案"],
    Specialty.MEDICAL: ["医疗纠纷如何鉴定", "医院拒绝提供病历"],
    Specialty.ADMINISTRATIVE: ["行政处罚不服如何复议", "征收补偿标准"],
    Specialty.CORPORATE: ["个体户经营纠纷", "股东出资纠纷"],
    Specialty.ENVIRONMENT: ["工厂噪音扰民", "施工粉尘污染"],
}

# The answers given (解答内容), per topic: what a clerk tells a resident in a few sentences.
CONSULTATION_ANSWERS = {
    Specialty.LABOUR: ["告知可向劳动人事争议仲裁委员会申请仲裁，仲裁时效一年，并提示保留工资条、考勤记录等证据。",
                       "解释违法解除劳动合同的赔偿金为经济补偿标准的二倍，建议先与单位协商，协商不成申请仲裁。",
                       "告知未签书面劳动合同可主张二倍工资，指引其向劳动监察大队投诉或申请仲裁。"],
    Specialty.FAMILY: ["解释抚养费一般按月总收入的百分之二十至三十确定，可协商或向法院起诉。",
                       "告知可向居住地法院申请人身安全保护令，并可拨打110或向妇联求助。",
                       "解释法定继承顺序和份额，建议收集亲属关系证明、遗产权属材料。"],
    Specialty.CONTRACT: ["建议整理借条、转账记录，向被告住所地法院起诉，诉讼时效三年。",
                         "告知押金纠纷可先协商或向街道调委会申请调解，调解不成可起诉。"],
    Specialty.PERSONAL_INJURY: ["告知可要求侵权人赔偿医疗费、误工费等，建议保留病历和票据。",
                                "解释工伤认定申请期限为受伤之日起一年，指引其向人社部门申请。"],
    Specialty.TRAFFIC: ["告知以交警部门的事故认定书为依据，可申请交通事故调解或直接起诉。",
                        "解释交强险赔偿限额，建议与保险公司协商理赔，协商不成可起诉。"],
    Specialty.PROPERTY: ["解释城中村房屋买卖合同效力存在风险，建议咨询律师并核实产权。",
                         "告知物业费纠纷可向街道人民调解委员会申请调解。"],
    Specialty.SOCIAL_SECURITY: ["告知单位未缴社保可向社保经办机构或劳动监察部门投诉。",
                                "解释低保申请向户籍所在地街道办事处提出，需提交家庭收入和财产材料。"],
    Specialty.CRIMINAL: ["告知犯罪嫌疑人及其近亲属可申请法律援助，讲解申请材料和经济困难证明。",
                         "解释取保候审的条件，建议委托律师向办案机关提出申请。"],
    Specialty.MEDICAL: ["告知可申请医疗损害鉴定，并有权复制病历资料。"],
    Specialty.ADMINISTRATIVE: ["告知可在知道行政行为之日起六十日内申请行政复议，或六个月内提起行政诉讼。"],
    Specialty.CORPORATE: ["解释个体工商户经营纠纷的诉讼主体，建议收集合同和往来凭证。"],
    Specialty.ENVIRONMENT: ["告知可向生态环境部门投诉噪声污染，并可申请调解或起诉要求停止侵害。"],
}
COMPLAINTS = [
    ("律师接受指派后半个多月未与受援人联系。", Complaint.Finding.SUBSTANTIATED,
     "约谈承办律师，责令其立即会见受援人并书面说明情况；记入律师法律援助工作档案。"),
    ("律师未及时告知开庭时间和案件进展。", Complaint.Finding.PARTLY,
     "经调查，律师已电话告知但未留存记录，要求其此后书面告知并留档。"),
    ("受援人认为律师庭审中未提出其要求的证据。", Complaint.Finding.UNSUBSTANTIATED,
     "经调阅庭审笔录，律师已提交相关证据，投诉不属实，已向投诉人解释。"),
    ("律师向受援人收取交通费用。", Complaint.Finding.SUBSTANTIATED,
     "责令律师退还所收费用，通报律师事务所，移送律师工作科依法处理。"),
    ("受援人认为律师调解时未充分维护其利益。", Complaint.Finding.UNSUBSTANTIATED,
     "调解协议系受援人自愿签订，律师履职无不当，已向投诉人说明。"),
    ("律师会见次数少，受援人对案件情况不了解。", Complaint.Finding.PARTLY,
     "要求律师增加与受援人沟通，科室跟踪回访。"),
]
