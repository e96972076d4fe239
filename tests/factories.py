"""factory_boy factories and the small builders shared by every app's tests."""

import io
from datetime import timedelta

import factory
import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from stdnum.cn import ric

from bureau.models import Area, Reminder, Role, User


def resident_id(region="440303", birth="19900307", sequence="123"):
    """A resident ID number with a correct GB 11643 check digit."""
    body = f"{region}{birth}{sequence}"
    return body + ric.calc_check_digit(body + "0")


def wrong_check_digit(number):
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def refused_id_numbers(number, sequence="123"):
    """{case: (an ID number every surface must refuse, words of its message)}: `number` with a wrong check
    digit, an impossible birth date and a birth date tomorrow (whatever today is)."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    return {
        "checksum": (wrong_check_digit(number), "校验位不正确"),
        "impossible": (resident_id(birth="19900230", sequence=sequence), "19900230）不存在"),
        "future": (resident_id(birth=f"{tomorrow:%Y%m%d}", sequence=sequence), "晚于今天"),
    }


def xlsx_upload(headers, rows, name="导入.xlsx"):
    """An uploaded Excel file: a header row, then the rows (lists of cell values)."""
    book = openpyxl.Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


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


# --- Law firms and lawyers (lawyers app) ----------------------------------------------------------------


def credit_code(body17):
    """A unified social credit code (GB 32100): the 17-character body with its computed check character."""
    from stdnum.cn import uscc

    return body17 + uscc.calc_check_digit(body17)


class LawFirmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lawyers.LawFirm"

    name = factory.Sequence(lambda n: f"广东测试{n}律师事务所")
    credit_code = factory.Sequence(lambda n: credit_code(f"31440000{n:09d}"))
    director = factory.Faker("name", locale="zh_CN")


class LawyerFactory(factory.django.DjangoModelFactory):
    """A full-time lawyer practising for 9 to 12 years. Give `area` (a firm is made there) or `firm`."""

    class Meta:
        model = "lawyers.Lawyer"

    name = factory.Faker("name", locale="zh_CN")
    certificate_number = factory.Sequence(lambda n: f"14403201510{n:06d}")
    firm = factory.SubFactory(LawFirmFactory, area=factory.SelfAttribute("..area"))
    area = factory.LazyAttribute(lambda o: o.firm.area)
    practice_start = factory.Faker("date_between", start_date="-12y", end_date="-9y")
    specialties = factory.LazyFunction(lambda: ["criminal", "labour"])


# --- People's mediation (mediation app) -----------------------------------------------------------------


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A street mediation committee, filed. Give `area` (a street; a community for kind="community")."""

    class Meta:
        model = "mediation.Organisation"

    name = factory.Sequence(lambda n: f"测试人民调解委员会{n}")
    kind = "street"
    founded_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3 * 365))
    filed_on = factory.LazyAttribute(lambda o: o.founded_on + timedelta(days=10))
    filing_number = factory.Sequence(lambda n: f"调备{n:05d}")


class MediatorFactory(factory.django.DjangoModelFactory):
    """A part-time mediator of `organisation` since the organisation was founded."""

    class Meta:
        model = "mediation.Mediator"

    organisation = factory.SubFactory(OrganisationFactory)
    area = factory.LazyAttribute(lambda o: o.organisation.area)
    name = factory.Faker("name", locale="zh_CN")
    kind = "part_time"
    from_on = factory.LazyAttribute(lambda o: o.organisation.founded_on)
