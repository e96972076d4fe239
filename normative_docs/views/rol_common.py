"""What the pages of decisions, enforcement, counsel and the assessment share: who writes them (the 法制科, not a
unit), a list view, and a create page calling a service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from bureau.access import AccessListView, add_service_error
from bureau.permissions import Access, can_use

from ..apps import FUNCTION
from ..permissions import section_writes

SECTION = Access(read=lambda user: can_use(user, FUNCTION), write=section_writes,
                 read_refused=_("您的角色不能使用法治政府功能。"),
                 write_refused=_("此项由法制科登记办理，起草承办单位和领导只能查看。"))

LIST_TEMPLATE = "normative_docs/rol/list.html"
FORM_TEMPLATE = "normative_docs/rol/form.html"


class RolListView(AccessListView):
    """A list of this part: `title`, the create page's URL name (offered to the section) and the model's
    visible records with `related` joined."""

    access = SECTION
    template_name = LIST_TEMPLATE
    title = ""
    create_url = ""
    related = ()
    note = ""

    @property
    def export_name(self):
        return str(self.title)

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user).select_related(*self.related)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, create_url=self.create_url, note=self.note,
                                        section_writes=section_writes(self.request.user), **kwargs)


def create_page(request, form, save, *, title, back, back_label, success, multipart=False):
    """GET: the form; POST: `save(form) -> record` (a service), its refusal shown next to the field it names;
    on success `success(record)` is the message and the record's page (or `back`) comes next."""
    if request.method == "POST" and form.is_valid():
        try:
            record = save(form)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, success(record))
            url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else back
            return redirect(url)
    return render(request, FORM_TEMPLATE, {"form": form, "title": title, "back": back, "back_label": back_label,
                                           "multipart": multipart})
