"""法治政府's clocks as to-dos, all for the district's 法制科 (area: the district, role: section staff, who see the
function's to-dos):

- `normative_docs.review_due`: an open round of legality review (`ReviewRound`, not the document: a draft
  returned and resubmitted on the same day has the same due day, and a to-do is unique per record and due day,
  so the closed to-do of round 1 would stand for round 2's), due on the round's `due_on` (ClockRule review,
  working days from the round's submission);
- `normative_docs.filing_due`: an issued normative document not yet filed (备案) with the city, due on
  `filing_due_on` (ClockRule filing);
- `normative_docs.assessment_due`: a document in force whose validity ends within the assessment window
  (ClockRule assessment, days before `valid_until`) and which has not been assessed within it, due on the
  last day of validity;
- `normative_docs.acceptance_due`: a reconsideration received and not yet accepted or refused, due on
  `acceptance_due_on` (five working days);
- `normative_docs.decision_due`: an accepted reconsideration, due on `decision_due_on` (60 days, 30 under the
  simplified procedure, +30 once when extended).

Each rule is complete (bureau.reminders): asked about some records it yields every to-do still owed for them,
so `reminders_refresh(records=…)` after a write opens the new clock's to-do and cancels one that no longer
runs; the services close the answered one with `reminders_close_for`. One set-based query per rule.
"""

from datetime import timedelta

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.models import Role
from bureau.reminders import Due, ReminderAction, reminder_rule

REVIEW_DUE = "normative_docs.review_due"
FILING_DUE = "normative_docs.filing_due"
ASSESSMENT_DUE = "normative_docs.assessment_due"
ACCEPTANCE_DUE = "normative_docs.acceptance_due"
DECISION_DUE = "normative_docs.decision_due"
DOCUMENT_KINDS = [FILING_DUE, ASSESSMENT_DUE]
ROUND_KINDS = [REVIEW_DUE]
RECONSIDERATION_KINDS = [ACCEPTANCE_DUE, DECISION_DUE]


def _section(pk, area_id, due_on, title):
    return Due(pk, area_id, due_on, title, role=Role.SECTION)


def _review_round(review_round):
    """The review's page is the round's document's action (a round has no page of its own)."""
    return _("审查"), reverse("normative_docs:document_action", args=[review_round.document_id, "review"])


@reminder_rule(REVIEW_DUE, model="normative_docs.ReviewRound", label="合法性审查期限", action=_review_round)
def review_due(today, records):
    from .models import Status

    rows = records.open().filter(document__status=Status.SUBMITTED).values_list(
        "pk", "document__area_id", "due_on", "document__title")
    for pk, area_id, due_on, title in rows:
        yield _section(pk, area_id, due_on, _("合法性审查：%(t)s") % {"t": title})


@reminder_rule(FILING_DUE, model="normative_docs.Document", label="规范性文件报送备案期限",
               action=ReminderAction(gettext_lazy("报送备案"), "normative_docs:document_action", slug="file"))
def filing_due(today, records):
    for pk, area_id, due_on, number in records.unfiled().values_list("pk", "area_id", "filing_due_on", "number"):
        yield _section(pk, area_id, due_on, _("规范性文件报送备案：%(n)s") % {"n": number})


@reminder_rule(ASSESSMENT_DUE, model="normative_docs.Document", label="规范性文件有效期届满前评估",
               action=ReminderAction(gettext_lazy("评估"), "normative_docs:document_action", slug="assess"))
def assessment_due(today, records):
    from .models import ClockRule, Kind, Status

    window = timedelta(days=ClockRule.rule(ClockRule.Code.ASSESSMENT).days)
    rows = (records.filter(kind=Kind.NORMATIVE, status=Status.ISSUED, valid_until__lte=today + window)
            .exclude(assessed_on__gte=F("valid_until") - window)
            .values_list("pk", "area_id", "valid_until", "number"))
    for pk, area_id, valid_until, number in rows:
        yield _section(pk, area_id, valid_until, _("规范性文件有效期届满前评估：%(n)s") % {"n": number})


@reminder_rule(ACCEPTANCE_DUE, model="normative_docs.Reconsideration", label="行政复议受理审查期限")
def acceptance_due(today, records):
    rows = records.awaiting_acceptance().values_list("pk", "area_id", "acceptance_due_on", "number")
    for pk, area_id, due_on, number in rows:
        yield _section(pk, area_id, due_on, _("行政复议受理审查：%(n)s") % {"n": number})


@reminder_rule(DECISION_DUE, model="normative_docs.Reconsideration", label="行政复议决定期限")
def decision_due(today, records):
    rows = records.under_review().values_list("pk", "area_id", "decision_due_on", "number")
    for pk, area_id, due_on, number in rows:
        yield _section(pk, area_id, due_on, _("行政复议决定：%(n)s") % {"n": number})
from . import rol_reminders  # noqa: F401,E402
