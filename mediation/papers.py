"""People's mediation papers (bureau.papers): what a committee hands the parties.

The issuer is the case's organisation (the 调解委员会 that accepted it), not the district's office: 人民调解法
第二十九条 has the agreement stamped by the committee. Two papers:

- 人民调解受理登记: the acceptance on record (parties, source, the dispute as told), for any case;
- 人民调解协议书: only for a case concluded successfully with a written agreement (第二十八条: an oral one has
  no paper). 第二十九条 lists what it states — the parties' basic details, the dispute's main facts, the agreed
  content, the way and time limit of performance (the clerk writes them in the agreement's content) — and it is
  signed by the parties and the mediator and made in as many copies as there are parties plus the committee's.
  The parties are identified by their full ID numbers (the agreement may go to court for 司法确认, 第三十三条):
  each shown number is an audited reveal; the registration prints them masked.

Neither is numbered by law: both refer to the case number (罗调〔2026〕0001号).
"""

from pathlib import Path

from bureau.papers import Paper, body, chinese_date, note, reveal

TEMPLATES = Path(__file__).resolve().parent / "papers"
LAW = "《中华人民共和国人民调解法》"


def _party(party, *, full_id):
    if party.id_number:
        id_number = reveal(party, "id_number") if full_id else party.id_number.masked
    else:
        id_number = ""
    return {"name": party.name, "kind": party.get_kind_display(), "id_number": id_number or "—",
            "phone": party.phone or "—", "address": party.address or "—"}


def case_fields(case, *, full_id=False):
    """The fields the mediation papers use (SAMPLE lists them with example values)."""
    parties = [_party(party, full_id=full_id) for party in case.parties.all()]
    mediators = [case.mediator.name, *(m.name for m in case.co_mediators.all() if m.pk != case.mediator_id)]
    return {
        "issuer": case.organisation.name,
        "case_number": case.number,
        "parties": parties,
        "party_names": "、".join(party["name"] for party in parties),
        "copies": len(parties) + 1,
        "source": case.get_source_display(),
        "referred_by": case.referred_by,
        "dispute_type": case.get_dispute_type_display(),
        "summary": case.summary,
        "amount_involved": f"{case.amount_involved:,.2f}",
        "accepted_on": chinese_date(case.accepted_on),
        "mediator_name": case.mediator.name,
        "mediator_names": "、".join(mediators),
        "agreement_signed_on": chinese_date(case.agreement_signed_on),
        "agreement_content": case.agreement_content,
    }


SAMPLE = {
    "issuer": "桂园街道人民调解委员会", "case_number": "罗调〔2026〕0001号",
    "parties": [
        {"name": "王大伟", "kind": "自然人", "id_number": "440303199001011234", "phone": "13800000001",
         "address": "深圳市罗湖区桂园街道某小区1栋101"},
        {"name": "李小红", "kind": "自然人", "id_number": "440303199202022468", "phone": "13800000002",
         "address": "深圳市罗湖区桂园街道某小区1栋201"},
    ],
    "party_names": "王大伟、李小红", "copies": 3, "source": "当事人申请", "referred_by": "",
    "dispute_type": "邻里纠纷", "summary": "楼上漏水损坏楼下装修，双方协商不成。", "amount_involved": "12,000.00",
    "accepted_on": "2026年3月2日", "mediator_name": "陈调解", "mediator_names": "陈调解、吴调解",
    "agreement_signed_on": "2026年3月20日",
    "agreement_content": "李小红于2026年4月30日前一次性向王大伟支付维修费8000元，以银行转账方式履行。",
}

PARTY_LINES = [
    body("{%p for party in parties %}"),
    body("当事人：{{ party.name }}（{{ party.kind }}），身份证号码：{{ party.id_number }}，"
         "住所：{{ party.address }}，联系电话：{{ party.phone }}。"),
    body("{%p endfor %}"),
]


def _paper(name, label, **kwargs):
    return Paper(code=f"mediation.{name}", label=label, model="mediation.Case",
                 template=TEMPLATES / f"{name}.docx", sample=SAMPLE, **kwargs)


PAPERS = [
    _paper("acceptance_record", "人民调解受理登记", context=case_fields, layout=[
        *PARTY_LINES,
        body("案件来源：{{ source }}{% if referred_by %}（委托移送单位：{{ referred_by }}）{% endif %}；"
             "纠纷类型：{{ dispute_type }}；涉案金额：{{ amount_involved }}元。"),
        body("纠纷简要情况：{{ summary }}"),
        body(f"本委员会依照{LAW}第十七条、第十八条的规定，于{{{{ accepted_on }}}}受理该纠纷，案件编号为"
             "{{ case_number }}，由人民调解员{{ mediator_names }}主持调解。"),
        note("当事人签名：　　　　　　　　登记人签名："),
    ]),
    _paper("agreement", "人民调解协议书", available=lambda case: case.has_written_agreement,
           context=lambda case: case_fields(case, full_id=True), layout=[
        *PARTY_LINES,
        body("纠纷主要事实、争议事项：{{ summary }}"),
        body(f"经本委员会调解，双方当事人依照{LAW}第二十八条、第二十九条的规定，自愿达成如下协议（含履行方式、"
             "履行期限）："),
        body("{{ agreement_content }}"),
        body(f"本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖本委员会印章之日起生效。依照{LAW}"
             "第三十一条的规定，经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"
             "双方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认（第三十三条）。"),
        body("本协议一式{{ copies }}份，当事人各执一份，本委员会留存一份。"),
        body("当事人签名：{{ party_names }}（签名、按指印）"),
        body("人民调解员签名：{{ mediator_name }}"),
        note("协议签订日期：{{ agreement_signed_on }}　案件编号：{{ case_number }}"),
    ]),
]
