"""The import pipeline shared by every app: an app only declares its resources in `<app>/resources.py`.

    from bureau.imports import AreaColumn, ChoiceColumn, DateColumn, ImportResource, register

    @register
    class ConsultationResource(ImportResource):
        model = Consultation
        name = "legalaid.consultation"
        label = _("法律咨询")
        function = "legalaid"
        columns = [DateColumn("日期", "on", required=True), AreaColumn(required=True), …]

The rest is here: the Excel template (files.py), validation of the whole file with every error named by
row, column and reason, and an all-or-nothing bulk commit (resource.py), the job that carries an upload
from preview to commit, inline or in Celery (services.py), and its pages (views.py, bureau/import_urls.py).
`manage.py import_records` runs the same for operators.
"""

from .columns import (  # noqa: F401
    AreaColumn,
    BooleanColumn,
    ChoiceColumn,
    Column,
    DateColumn,
    DecimalColumn,
    ForeignKeyColumn,
    IntegerColumn,
    MultipleChoiceColumn,
    PhoneColumn,
    ResidentIDColumn,
    TextColumn,
)
from .resource import (  # noqa: F401
    ImportResource,
    Record,
    RowError,
    Table,
    Validation,
    gc_paused,
    get_resource,
    register,
    registered_resources,
    resources_for,
)
