"""Reference data of 法治政府, shared by the data migration, the demo loader and the tests: the defaults of the
function's clocks (ClockRule: days, kind of day, legal source), which the administrator may correct in the admin.
A change applies to clocks started afterwards.

The reconsideration clocks are the law's own words (2023 revision, article numbers given). The review clock's
floor is the State Council's (国办发〔2018〕115号: at least five working days). The filing and assessment clocks
depend on the province's rule (粤府令第277号) and the city's; the day counts below are defaults, labelled as
such in their source text, for the administrator to confirm against the text in force.
"""

# code, days, kind of day, legal source. The review may be longer but never shorter than five working days
# (ClockRule.clean refuses it, in the admin too).
DEFAULT_CLOCK_RULES = [
    ("review", 15, "working",
     "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）：合法性审核时间"
     "一般不少于5个工作日，最长不超过15个工作日；《广东省行政规范性文件管理规定》（广东省人民政府令第277号）"
     "第四章合法性审核"),
    ("filing", 15, "calendar",
     "《广东省行政规范性文件管理规定》（广东省人民政府令第277号）：规范性文件自公布之日起报送备案；参照"
     "《法规规章备案条例》第三条“自公布之日起30日内报送备案”，本区默认15日，由管理员按本市现行规定核定"),
    ("assessment", 180, "calendar",
     "《广东省行政规范性文件管理规定》（广东省人民政府令第277号）：规范性文件有效期一般不超过5年，有效期届满前"
     "由制定机关评估；本区默认届满前180日提示评估，由管理员核定"),
    ("acceptance", 5, "working",
     "《中华人民共和国行政复议法》（2023年修订）第三十条：收到行政复议申请后五日内审查；第八十八条：五日指工作日"),
    ("decision", 60, "calendar",
     "《中华人民共和国行政复议法》（2023年修订）第六十二条第一款：适用普通程序的，自受理申请之日起六十日内作出决定"),
    ("simple_decision", 30, "calendar",
     "《中华人民共和国行政复议法》（2023年修订）第六十二条第二款：适用简易程序的，自受理申请之日起三十日内作出决定"),
    ("extension", 30, "calendar",
     "《中华人民共和国行政复议法》（2023年修订）第六十二条第一款：经行政复议机构负责人批准可以适当延长，"
     "延长期限最多不超过三十日"),
]


def ensure_clock_rules(ClockRule):
    for code, days, kind, source in DEFAULT_CLOCK_RULES:
        ClockRule.objects.get_or_create(code=code, defaults={"days": days, "day_kind": kind, "legal_source": source})
