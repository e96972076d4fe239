from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def app_label(obj):
    return obj._meta.app_label


@register.filter
def model_name(obj):
    return obj._meta.model_name


@register.simple_tag
def identifier_confirmation(obj, field, value):
    """Who confirmed this record's ID number when its region code raised a warning, or None (one query: for a
    record's own page, not for the rows of a list)."""
    if not value:
        return None
    from django.contrib.contenttypes.models import ContentType

    from bureau.models import IdentifierConfirmation

    return (IdentifierConfirmation.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                                  object_id=obj.pk, field_name=field, id_number=str(value))
            .select_related("confirmed_by").first())


@register.filter
def minutes(delta):
    return int(delta.total_seconds() // 60) if delta else ""


def days_left_text(due_on, today):
    """“还剩3天” / “今天到期” / “已逾期2天”, as a clerk reads a deadline."""
    days = (due_on - today).days
    if days > 0:
        return ngettext("还剩%(n)d天", "还剩%(n)d天", days) % {"n": days}
    if days == 0:
        return _("今天到期")
    return ngettext("已逾期%(n)d天", "已逾期%(n)d天", -days) % {"n": -days}


@register.filter
def due_text(reminder, today):
    """A to-do's (or a clock's) deadline in words: days_left_text of its `due_on`."""
    return days_left_text(reminder.due_on, today)



@register.simple_tag
def form_token():
    """A create form's one-time token: posted twice (a double click, a resent request), it writes once
    (bureau.concurrency.FormTokenMiddleware). Put it next to {% csrf_token %}."""
    from django.utils.html import format_html

    from bureau.concurrency import FORM_TOKEN_FIELD, new_form_token

    return format_html('<input type="hidden" name="{}" value="{}">', FORM_TOKEN_FIELD, new_form_token())
