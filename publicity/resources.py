"""publicity's import resources (BureauConfig.ready imports this module): the street offices' activities (here)
and the law exam's results (exam_resources.py).

An activity row is checked as `services.activity_record` checks one: the street within the importer's
jurisdiction (the 街道 column), the date not after today (DateColumn), the materials by
`services.materials_check`, and the model's own `clean()` — for the whole file before anything is written. Only
street offices' activities are imported (the organiser is the street's 司法所); the bureau's and departments'
are few and entered on the page. Photos are added on the activity's page.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy

from bureau import bulk
from bureau.imports import AreaColumn, ChoiceColumn, DateColumn, ImportResource, IntegerColumn, TextColumn, register

from . import exam_resources, services  # noqa: F401  (exam_resources registers the exam's resource)
from .apps import FUNCTION
from .models import Activity, Form, Material, MaterialKind, Organiser, Target, Theme

MATERIAL_HEADERS = {MaterialKind.BOOKS: "发放普法书籍（册）", MaterialKind.LEAFLETS: "发放宣传折页（份）",
                    MaterialKind.POSTERS: "发放宣传海报（份）", MaterialKind.GIFTS: "发放普法宣传品（件）"}


@register
class ActivityResource(ImportResource):
    function = FUNCTION
    model = Activity
    name = "publicity.activity"
    label = gettext_lazy("普法活动（街道）")
    instructions = gettext_lazy(
        "每行一场街道司法所开展的普法活动。街道须在您的管辖范围内；活动日期不能晚于今天；发放资料的数量可不填。"
        "社区法律顾问的普法活动在其服务记录中登记，不要在此重复导入。")
    columns = [
        TextColumn("活动名称", "title", required=True),
        ChoiceColumn("主题", "theme", Theme, required=True),
        ChoiceColumn("形式", "form", Form, required=True),
        ChoiceColumn("“四进”对象", "target", Target),
        AreaColumn(),
        TextColumn("活动地点", "place", required=True),
        DateColumn("活动日期", "held_on", required=True),
        IntegerColumn("受众人次", "audience", required=True),
        *(IntegerColumn(header, f"material_{kind}") for kind, header in MATERIAL_HEADERS.items()),
    ]

    @staticmethod
    def _split(values):
        materials = {k.removeprefix("material_"): values[k] for k in list(values) if k.startswith("material_")}
        return {k: v for k, v in values.items() if not k.startswith("material_")}, materials

    def clean_record(self, record, user):
        services.materials_check(self._split(record.values)[1])

    def instantiate(self, record, user):
        values, materials = self._split(record.values)
        activity = self.instances(Activity)({**values, "organiser_kind": Organiser.STREET, "recorded_by": user})
        activity.imported_materials = services.materials_check(materials)
        return activity

    def save(self, validation, user, progress=None):
        with transaction.atomic():
            created = super().save(validation, user, progress)
            bulk.insert([Material(activity_id=activity.pk, kind=kind, quantity=quantity)
                         for activity in validation.objects for kind, quantity in activity.imported_materials.items()])
        return created
