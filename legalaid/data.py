"""Reference data of legal aid, shared by the data migration, the demo loader and the tests."""

# code, days, kind of day, legal source
DEFAULT_CLOCK_RULES = [
    ("decision", 7, "working", "《法律援助法》第四十三条；《办理法律援助案件程序规定》第十八条：自收到申请之日起七日内审查决定"),
    ("assignment", 3, "working", "《法律援助法》第四十三条：自作出给予法律援助决定之日起三日内指派"),
    ("notice_assignment", 3, "working", "《法律援助法》第三十六条：收到通知辩护、通知代理后三日内指派"),
    ("complaint", 45, "calendar", "《法律援助投诉处理办法》：自受理投诉之日起四十五日内办结"),
]


def ensure_clock_rules(ClockRule):
    for code, days, kind, source in DEFAULT_CLOCK_RULES:
        ClockRule.objects.get_or_create(code=code, defaults={"days": days, "day_kind": kind, "legal_source": source})
