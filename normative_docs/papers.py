"""法治政府 papers (bureau.papers): what the 司法局's 法制科 writes back to a unit.

- 合法性审查意见书: the opinion of a document's latest concluded review round (审查通过, or 退回修改 with the
  opinions), addressed to the drafting unit. It is declared on the `Document`, not on the round, because a round
  has no page of its own (its document's page shows the card); the paper names the round it answers, and a
  paper issued for an earlier round stays as issued. The opinions carry the bureau's numbers per district and
  year (罗法审〔2026〕0001号), like the other numbered papers of bureau.numbering.
- 执法案卷评查整改通知书: for an enforcement file a 案卷评查 found problems in and set a rectification deadline;
  addressed to the enforcement unit, with the file, its score and grade, the problems and the deadline.
"""

from pathlib import Path

from bureau.papers import Paper, body, chinese_date, note, to

from .models import ReviewRound
from .permissions import section_writes

TEMPLATES = Path(__file__).resolve().parent / "papers"


def latest_concluded_round(document):
    """The last round of review with a result (None before the first is concluded)."""
    rounds = [r for r in document.rounds.all() if r.concluded_on]
    return max(rounds, key=lambda r: r.number, default=None)


def review_fields(document):
    review = latest_concluded_round(document)
    passed = review is not None and review.result == ReviewRound.Result.PASSED
    return {
        "unit_name": document.unit.name,
        "title": document.title,
        "kind": document.get_kind_display(),
        "round_number": review.number if review else "",
        "submitted_on": chinese_date(review.submitted_on) if review else "",
        "concluded_on": chinese_date(review.concluded_on) if review else "",
        "passed": passed,
        "result": review.get_result_display() if review else "",
        "opinions": review.opinions if review else "",
    }


REVIEW_SAMPLE = {
    "unit_name": "罗湖区住房和建设局", "title": "罗湖区住房租赁资金监管办法", "kind": "行政规范性文件",
    "round_number": 1, "submitted_on": "2026年3月2日", "concluded_on": "2026年3月10日", "passed": False,
    "result": "退回修改", "opinions": "第五条设定的罚款缺乏上位法依据，请删除或者补充依据。",
}


def file_fields(file):
    return {
        "unit_name": file.unit.name,
        "review_title": file.review.title,
        "file_number": file.file_number,
        "case_title": file.case_title,
        "score": f"{file.score:.1f}",
        "grade": str(file.grade),
        "reviewed_on": chinese_date(file.reviewed_on),
        "problems": file.problems,
        "rectify_by": chinese_date(file.rectify_by),
    }


FILE_SAMPLE = {
    "unit_name": "罗湖区城市管理和综合执法局", "review_title": "2026年度行政执法案卷评查",
    "file_number": "罗城执罚〔2026〕15号",
    "case_title": "某公司占道经营案", "score": "55.0", "grade": "不合格", "reviewed_on": "2026年3月5日",
    "problems": "未告知当事人陈述、申辩权利；送达回证缺失。", "rectify_by": "2026年4月5日",
}


PAPERS = [
    Paper(code="normative_docs.review_opinion", label="合法性审查意见书", model="normative_docs.Document",
          template=TEMPLATES / "review_opinion.docx", context=review_fields, sample=REVIEW_SAMPLE, numbered="法审",
          may_issue=section_writes,
          available=lambda document: latest_concluded_round(document) is not None, layout=[
        to("{{ unit_name }}："),
        body("你单位于{{ submitted_on }}报送的《{{ title }}》（{{ kind }}，第{{ round_number }}轮）收悉。"
             "本局依照《广东省行政规范性文件管理规定》等规定进行了合法性审查，现提出审查意见如下："),
        body("{%p if passed %}"),
        body("经审查，该文件审查通过，可按程序提请审议、印发。"
             "{% if opinions %}另提出以下意见，请一并研究：{% endif %}"),
        body("{%p else %}"),
        body("经审查，该文件存在以下问题，退回修改："),
        body("{%p endif %}"),
        body("{{ opinions }}"),
        body("{%p if not passed %}"),
        body("请根据上述意见修改后重新报送审查。"),
        body("{%p endif %}"),
        note("审查结论：{{ result }}　审查完成日期：{{ concluded_on }}"),
    ]),
    Paper(code="normative_docs.rectification_notice", label="执法案卷评查整改通知书",
          model="normative_docs.ReviewedFile", template=TEMPLATES / "rectification_notice.docx",
          context=file_fields, sample=FILE_SAMPLE, area=lambda file: file.review.area, may_issue=section_writes,
          available=lambda file: bool(file.problems.strip()) and file.rectify_by is not None, layout=[
        to("{{ unit_name }}："),
        body("在{{ review_title }}中，本局于{{ reviewed_on }}对你单位行政执法案卷《{{ case_title }}》"
             "（案卷编号：{{ file_number }}）进行了评查，评查得分{{ score }}分，评查结果为{{ grade }}。"
             "评查发现以下问题："),
        body("{{ problems }}"),
        body("请你单位对上述问题逐项整改，于{{ rectify_by }}前完成整改，并将整改情况书面报送本局。"),
    ]),
]
