"""Reference data of lawyer supervision, shared by the data migration, the demo loader and the tests.

The complaint clocks' defaults. The rules of 《广东省司法厅律师和律师事务所执业活动投诉处理办法》
(粤司规〔2026〕1号, 2026-01-15) set the time limits for deciding whether to accept a complaint and for
concluding it; the article numbers and day counts below could not be read from the published text when this
was written, so they are defaults, labelled as such, for the administrator to confirm or correct in the admin
(ComplaintClockRule: days, kind of day, legal source). A change applies to clocks started afterwards.
"""

# code, days, kind of day, legal source
DEFAULT_COMPLAINT_CLOCK_RULES = [
    ("acceptance", 10, "working",
     "《广东省司法厅律师和律师事务所执业活动投诉处理办法》（粤司规〔2026〕1号）：自收到投诉之日起审查决定是否受理"
     "（默认10个工作日，条款及天数待管理员核对原文）"),
    ("conclusion", 60, "calendar",
     "《广东省司法厅律师和律师事务所执业活动投诉处理办法》（粤司规〔2026〕1号）：自受理之日起办结"
     "（默认60日，条款及天数待管理员核对原文）"),
]


def ensure_complaint_clock_rules(ComplaintClockRule):
    for code, days, kind, source in DEFAULT_COMPLAINT_CLOCK_RULES:
        ComplaintClockRule.objects.get_or_create(
            code=code, defaults={"days": days, "day_kind": kind, "legal_source": source})
