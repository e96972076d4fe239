"""factory_boy factories shared by every app's tests."""

import factory
from stdnum.cn import ric

from bureau.models import Area, Reminder, Role, User


def resident_id(region="440303", birth="19900307", sequence="123"):
    """A resident ID number with a correct GB 11643 check digit."""
    body = f"{region}{birth}{sequence}"
    return body + ric.calc_check_digit(body + "0")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"44{n:04d}")
    name = factory.Sequence(lambda n: f"区域{n}")
    level = Area.Level.DISTRICT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Faker("name", locale="zh_CN")
    role = Role.STREET
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class ReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reminder

    kind = "bureau.test"
    object_id = factory.Sequence(lambda n: n + 1)  # (kind, record, due date) is unique
    title = factory.Sequence(lambda n: f"待办事项{n}")
    due_on = factory.Faker("date_between", start_date="-10d", end_date="+10d")
