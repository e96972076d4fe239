"""Legal aid's papers (bureau.papers): what the legal-aid centre writes to the applicant and to the firm.

The centre (法律援助机构, 罗湖区法律援助中心) issues them; the decisions and the assignment notices carry its
numbers (罗法援决〔2026〕0001号, 罗法援指〔2026〕0001号), the receipt and the notices refer to the case number.
A decision identifies the applicant by the full ID number (the decision is addressed to that person and may be
contested, 法律援助法 第四十九条): showing it there is an audited reveal; every other paper prints it masked.
"""

from pathlib import Path

from bureau.papers import Paper, body, chinese_date, note, reveal, to

from .models import Decision

TEMPLATES = Path(__file__).resolve().parent / "papers"
LAW = "《中华人民共和国法律援助法》"


def case_fields(case, *, full_id=False):
    """The fields every legal-aid paper may use (SAMPLE lists them with example values)."""
    lawyer, firm = case.lawyer, case.lawyer.firm if case.lawyer else None
    applicant_id = case.applicant_id_number.masked if case.applicant_id_number else ""
    return {
        "issuer": f"{case.area.district.name}法律援助中心",
        "case_number": case.number,
        "applicant_name": case.applicant_name,
        "applicant_id": reveal(case, "applicant_id_number") if full_id else applicant_id,
        "applicant_phone": case.applicant_phone,
        "received_on": chinese_date(case.received_on),
        "matter_kind": case.get_matter_kind_display(),
        "category": case.get_category_display(),
        "notifying_authority": case.notifying_authority,
        "recipient_names": "、".join(recipient.name for recipient in case.recipients.all()),
        "material_requested_on": chinese_date(case.material_requested_on),
        "material_request_note": case.material_request_note,
        "decided_on": chinese_date(case.decided_on),
        "decision_reasons": case.decision_reasons,
        "lawyer_name": lawyer.name if lawyer else "",
        "lawyer_certificate": lawyer.certificate_number if lawyer else "",
        "firm_name": firm.name if firm else "",
        "assigned_on": chinese_date(case.assigned_on),
        "closed_on": chinese_date(case.closed_on),
        "outcome": case.get_outcome_display(),
        "recovered_amount": f"{case.recovered_amount:,.2f}",
    }


SAMPLE = {
    "issuer": "罗湖区法律援助中心", "case_number": "罗法援〔2026〕0012号", "applicant_name": "王小明",
    "applicant_id": "4403**********1234", "applicant_phone": "13800000000", "received_on": "2026年11月23日",
    "matter_kind": "民事", "category": "确认劳动关系或者支付劳动报酬（第三十一条第五项）", "notifying_authority": "",
    "recipient_names": "王小明、李四", "material_requested_on": "2026年11月24日",
    "material_request_note": "劳动合同、工资欠条", "decided_on": "2026年11月27日",
    "decision_reasons": "申请人追索劳动报酬，符合法律援助条件。", "lawyer_name": "陈劳动",
    "lawyer_certificate": "14403200910000001", "firm_name": "广东桂园律师事务所", "assigned_on": "2026年11月30日",
    "closed_on": "2027年3月1日", "outcome": "调解、和解结案", "recovered_amount": "86,000.00",
}


def _paper(name, label, **kwargs):
    return Paper(code=f"legalaid.{name}", label=label, model="legalaid.Case", template=TEMPLATES / f"{name}.docx",
                 context=kwargs.pop("context", case_fields), sample=SAMPLE, **kwargs)


PAPERS = [
    _paper("acceptance_receipt", "受理回执", available=lambda case: not case.is_notice, layout=[
        to("{{ applicant_name }}："),
        body("你于{{ received_on }}提出的法律援助申请（援助事项：{{ category }}）本中心已收到，案件编号为"
             "{{ case_number }}。"),
        body(f"本中心将依照{LAW}第四十三条的规定，自收到申请之日起七日内进行审查，作出是否给予法律援助的决定；"
             "申请材料不齐全的，将一次性告知需要补充的材料。"),
        note("申请人：{{ applicant_name }}　身份证号码：{{ applicant_id }}　联系电话：{{ applicant_phone }}"),
    ]),
    _paper("material_notice", "补充材料通知书", available=lambda case: bool(case.material_requested_on), layout=[
        to("{{ applicant_name }}："),
        body("你于{{ received_on }}提出的法律援助申请（案件编号{{ case_number }}），经审查，申请材料不齐全。"
             f"依照{LAW}第四十三条第二款的规定，请补充下列材料或者作出说明："),
        body("{{ material_request_note }}"),
        body("未按要求补充材料或者作出说明的，视为撤回申请。"),
    ]),
    _paper("grant_decision", "给予法律援助决定书", numbered="法援决",
           available=lambda case: case.decision == Decision.GRANTED,
           context=lambda case: case_fields(case, full_id=True), layout=[
        to("{{ applicant_name }}（身份证号码：{{ applicant_id }}）："),
        body("你于{{ received_on }}提出的法律援助申请（案件编号{{ case_number }}）收悉。经审查，你申请的事项属于"
             "{{ category }}，{{ decision_reasons }}"),
        body(f"依照{LAW}第四十三条的规定，本中心决定给予法律援助，并将自本决定作出之日起三日内指派法律援助人员"
             "为受援人{{ recipient_names }}提供法律援助。"),
        body("受援人应当如实陈述与法律援助事项有关的情况，及时提供有关证据材料，协助、配合办理法律援助事项。"),
    ]),
    _paper("refusal_decision", "不予法律援助决定书", numbered="法援决",
           available=lambda case: case.decision == Decision.REFUSED,
           context=lambda case: case_fields(case, full_id=True), layout=[
        to("{{ applicant_name }}（身份证号码：{{ applicant_id }}）："),
        body("你于{{ received_on }}提出的法律援助申请（案件编号{{ case_number }}）收悉。经审查，"
             "{{ decision_reasons }}"),
        body(f"依照{LAW}第四十三条的规定，本中心决定不予法律援助。"),
        body(f"如对本决定有异议，可以依照{LAW}第四十九条的规定，向设立本中心的司法行政部门提出。"),
    ]),
    _paper("assignment_notice", "指派通知书", numbered="法援指", available=lambda case: case.lawyer_id is not None,
           layout=[
        to("{{ firm_name }}："),
        body("依照" + LAW + "第四十三条的规定，本中心指派你所{{ lawyer_name }}律师（执业证号"
             "{{ lawyer_certificate }}）承办下列法律援助案件："),
        body("案件编号：{{ case_number }}；援助事项：{{ category }}；申请人：{{ applicant_name }}"
             "（联系电话：{{ applicant_phone }}）；受援人：{{ recipient_names }}。"),
        body("{%p if notifying_authority %}"),
        body("通知机关：{{ notifying_authority }}。"),
        body("{%p endif %}"),
        body("请及时与受援人联系，依法履行法律援助义务，办结后按规定提交结案材料。"),
    ]),
    _paper("closing_notice", "结案通知书", available=lambda case: case.closed_on is not None, layout=[
        to("{{ applicant_name }}："),
        body("你申请的法律援助案件（案件编号{{ case_number }}，援助事项：{{ category }}），经本中心指派"
             "{{ firm_name }}{{ lawyer_name }}律师承办，已于{{ closed_on }}办结。"),
        body("结案结果：{{ outcome }}；挽回经济损失{{ recovered_amount }}元。"),
        body("如对法律援助人员的服务有意见，可以向本中心或者司法行政部门反映。"),
    ]),
]
