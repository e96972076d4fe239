# A to-do may be dismissed with a reason (state 已忽略): bureau.services.reminder_dismiss.

from django.db import migrations, models

from bureau.migration_operations import together

STATES = [("open", "待办"), ("done", "已办结"), ("cancelled", "已撤销"), ("dismissed", "已忽略")]


class Migration(migrations.Migration):

    dependencies = [
        ("bureau", "0010_pg_trgm"),
    ]

    operations = together([
        migrations.AlterField(
            model_name="reminder",
            name="state",
            field=models.CharField(choices=STATES, default="open", max_length=10, verbose_name="状态"),
        ),
        migrations.AlterField(
            model_name="reminderevent",
            name="state",
            field=models.CharField(choices=STATES, default="open", max_length=10, verbose_name="状态"),
        ),
    ])
