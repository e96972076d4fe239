"""Community corrections' papers (bureau.papers) about a supervisee: the report registration form, the
announcement of corrections when the person reports, the announcement of its end, and the 训诫 / 警告 decisions
of a review meeting (the latest of each kind; 社区矫正法 第二十八条); and about one talk (谈话教育), its 谈话记录.

The district bureau (社区矫正机构) issues the supervisee's papers; a talk record is the street office's that held
the talk (its 落款), issued by whoever may record the talk (the function's writers who see the person). None
carries a number of its own — they refer to the person and the judgment. The registration form is the file's
record of who reported: it states the full ID number (an audited reveal); the other papers print it masked.
"""

from pathlib import Path

from bureau.models import office_of
from bureau.papers import Paper, body, chinese_date, note, reveal, to

from .models import AssessmentDecision, Supervisee, SupervisionEvent

TEMPLATES = Path(__file__).resolve().parent / "papers"
LAW = "《中华人民共和国社区矫正法》"


def supervisee_fields(person, *, full_id=False):
    """The fields every corrections paper may use (SAMPLE lists them with example values)."""
    masked = person.id_number.masked if person.id_number else ""
    return {
        "name": person.name,
        "gender": person.get_gender_display(),
        "id_number": reveal(person, "id_number") if full_id else masked,
        "phone": person.phone,
        "address": person.address,
        "sentence_kind": person.get_sentence_kind_display(),
        "crime": person.crime,
        "court": person.court,
        "judgment_on": chinese_date(person.judgment_on),
        "term_start": chinese_date(person.term_start),
        "term_end": chinese_date(person.term_end),
        "reported_on": chinese_date(person.reported_on),
        "office": f"{person.area.name.removesuffix('街道')}司法所",
        "team": person.team,
        "prohibitions": person.prohibitions,
    }


SAMPLE = {
    "name": "张三", "gender": "男", "id_number": "4403**********1234", "phone": "13800000000",
    "address": "深圳市罗湖区桂园街道某路1号", "sentence_kind": "缓刑", "crime": "危险驾驶罪",
    "court": "深圳市罗湖区人民法院", "judgment_on": "2026年3月1日", "term_start": "2026年3月1日",
    "term_end": "2027年2月28日", "reported_on": "2026年3月5日", "office": "桂园司法所",
    "team": "李四、王五", "prohibitions": "", "decided_on": "2026年6月10日",
    "reason": "未经批准擅自离开所居住的市、县三日。",
}


def _paper(name, label, **kwargs):
    return Paper(code=f"corrections.{name}", label=label, model="corrections.Supervisee",
                 template=TEMPLATES / f"{name}.docx", context=kwargs.pop("context", supervisee_fields),
                 sample=SAMPLE, **kwargs)


def _latest(person, kind):
    return person.decisions.filter(kind=kind).order_by("-decided_on", "-id").first()


def _decision_fields(kind):
    def context(person):
        decision = _latest(person, kind)
        return {**supervisee_fields(person), "decided_on": chinese_date(decision.decided_on),
                "reason": decision.reason}

    return context


def _decision(name, label, kind, measure):
    return _paper(name, label, available=lambda person: _latest(person, kind) is not None,
                  context=_decision_fields(kind), layout=[
        to("社区矫正对象{{ name }}："),
        body("你因犯{{ crime }}被依法适用{{ sentence_kind }}，在{{ office }}接受社区矫正。经查，{{ reason }}"),
        body("上述行为违反了社区矫正监督管理规定。依照" + LAW + "第二十八条的规定，经{{ decided_on }}召开的"
             "奖惩评审会议评审，决定给予" + measure + "。"),
        body("望你认真反省，严格遵守法律法规和监督管理规定，服从社区矫正机构的管理。"),
    ])


def _reported(person):
    return person.reported_on is not None


def talk_fields(talk):
    """A talk as its record holds it: the day, the way, who talked and what was said (no place or next steps are
    recorded; the office that held it stands for the place and signs the record)."""
    return {
        **supervisee_fields(talk.supervisee),
        "issuer": office_of(talk.area),
        "talk_office": f"{talk.area.name.removesuffix('街道')}司法所",
        "talked_on": chinese_date(talk.on),
        "method": talk.get_method_display() if talk.method else "",
        "talker": talk.recorded_by.name if talk.recorded_by_id else "",
        "summary": talk.summary,
    }


PAPERS = [
    _paper("report_registration", "社区矫正对象报到登记表", available=_reported,
           context=lambda person: supervisee_fields(person, full_id=True), layout=[
        body("姓名：{{ name }}；性别：{{ gender }}；身份证号码：{{ id_number }}；联系电话：{{ phone }}。"),
        body("居住地：{{ address }}。"),
        body("罪名：{{ crime }}；矫正类别：{{ sentence_kind }}；决定机关：{{ court }}；"
             "判决（决定）生效日期：{{ judgment_on }}。"),
        body("矫正期限：自{{ term_start }}起至{{ term_end }}止；执行地：{{ office }}。"),
        body("报到日期：{{ reported_on }}。矫正小组：{{ team }}。"),
        body(f"社区矫正对象已依照{LAW}第二十一条的规定按时报到，登记如上。"),
    ]),
    _paper("announcement", "社区矫正宣告书", available=_reported, layout=[
        to("社区矫正对象{{ name }}："),
        body("根据{{ court }}{{ judgment_on }}生效的判决（决定），你因犯{{ crime }}被依法适用{{ sentence_kind }}，"
             "自{{ term_start }}起至{{ term_end }}止在{{ office }}接受社区矫正。现宣告如下："),
        body(f"一、社区矫正期间，你应当遵守法律、行政法规，履行判决、裁定、暂予监外执行决定等法律文书确定的义务，"
             f"遵守{LAW}及国务院司法行政部门关于报告、会客、外出、迁居、保外就医等监督管理规定，服从社区矫正机构的管理。"),
        body("二、违反监督管理规定的，将视情节依法给予训诫、警告、提请公安机关予以治安管理处罚，"
             "或者依法提请撤销缓刑、撤销假释、对暂予监外执行的收监执行。"),
        body("{%p if prohibitions %}"),
        body("三、你应当遵守禁止令：{{ prohibitions }}。"),
        body("{%p endif %}"),
        body("矫正小组成员：{{ team }}。"),
        note("社区矫正对象：{{ name }}　身份证号码：{{ id_number }}"),
    ]),
    _paper("release_announcement", "解除社区矫正宣告书",
           available=lambda person: person.status == Supervisee.Status.RELEASED, layout=[
        to("社区矫正对象{{ name }}："),
        body("你因犯{{ crime }}被依法适用{{ sentence_kind }}，自{{ term_start }}起在{{ office }}接受社区矫正，"
             "矫正期限至{{ term_end }}届满。"),
        body(f"依照{LAW}第四十四条的规定，现宣告解除社区矫正。"),
    ]),
    _decision("reprimand_decision", "训诫决定书", AssessmentDecision.Kind.REPRIMAND, "训诫"),
    _decision("warning_decision", "警告决定书", AssessmentDecision.Kind.WARNING, "警告"),
    Paper(
        code="corrections.talk_record", label="社区矫正对象谈话记录", model="corrections.SupervisionEvent",
        template=TEMPLATES / "talk_record.docx", context=talk_fields,
        available=lambda talk: talk.kind == SupervisionEvent.Kind.TALK,
        # The paper goes with the person's file: the office supervising them now finds it, as it finds the talk.
        area=lambda talk: talk.supervisee.area,
        sample={**SAMPLE, "issuer": "罗湖区司法局桂园司法所", "talk_office": "桂园司法所", "talked_on": "2026年6月10日",
                "method": "当面", "talker": "李四", "summary": "了解其近期工作和家庭情况，重申外出须经批准。"},
        layout=[
            body("谈话对象：{{ name }}；性别：{{ gender }}；身份证号码：{{ id_number }}。"),
            body("罪名：{{ crime }}；矫正类别：{{ sentence_kind }}；"
                 "矫正期限：自{{ term_start }}起至{{ term_end }}止。"),
            body("谈话时间：{{ talked_on }}；谈话方式：{{ method or '未记录' }}；谈话单位：{{ talk_office }}。"),
            body("谈话人：{{ talker or '未记录' }}。"),
            body("谈话内容：{{ summary or '未记录谈话内容。' }}"),
            note("社区矫正对象（签名）：　　　　　　谈话人（签名）："),
        ],
    ),
]
