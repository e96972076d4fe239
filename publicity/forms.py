"""The forms of 普法's pages. They only parse: every rule is in publicity.services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.concurrency import VersionedFormMixin
from bureau.forms import DATE_INPUT, offer_areas
from bureau.models import Area
from lawyers.forms import MultipleFileField

from .models import Activity, MaterialKind, MediaProduct, Photo, Position

MATERIAL_PREFIX = "material_"


class ActivityForm(VersionedFormMixin, forms.ModelForm):
    """An activity, the materials handed out (a box per kind) and its photos."""

    photos = MultipleFileField(label=_("活动照片"), required=False,
                               help_text=_("JPG、PNG（或 PDF、docx、xlsx），每个不超过 10 MB。"))
    remove = forms.ModelMultipleChoiceField(label=_("删除照片"), queryset=Photo.objects.none(), required=False,
                                            widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Activity
        fields = ["title", "theme", "form", "target", "organiser_kind", "organiser", "area", "place", "held_on",
                  "audience", "note"]
        widgets = {"held_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_areas(self, user, areas=Area.objects.visible_to(user).filter(
            level__in=[Area.Level.DISTRICT, Area.Level.STREET]).order_by("path"), empty_label=_("请选择区或街道"))
        self.initial.setdefault("held_on", timezone.localdate())
        stored = {m.kind: m.quantity for m in self.instance.materials.all()} if self.instance.pk else {}
        for kind, label in MaterialKind.choices:
            self.fields[f"{MATERIAL_PREFIX}{kind}"] = forms.IntegerField(
                label=_("发放%(kind)s（份/册/件）") % {"kind": label}, min_value=0, max_value=1_000_000,
                required=False, initial=stored.get(kind))
        if self.instance.pk:
            self.fields["remove"].queryset = self.instance.photos.all()
        else:
            del self.fields["remove"]

    def materials(self):
        """{kind: quantity} from the boxes (empty boxes left out)."""
        return {kind: self.cleaned_data.get(f"{MATERIAL_PREFIX}{kind}") or 0 for kind in MaterialKind.values}


class MediaProductForm(VersionedFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("链接"), required=False, assume_scheme="https")

    class Meta:
        model = MediaProduct
        fields = ["kind", "style", "title", "channel", "area", "published_on", "views", "url",
                  "training_attendance", "training_note", "note"]
        widgets = {"published_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_areas(self, user, areas=Area.objects.visible_to(user).filter(
            level__in=[Area.Level.DISTRICT, Area.Level.STREET]).order_by("path"), empty_label=_("请选择区或街道"))
        self.initial.setdefault("published_on", timezone.localdate())


class PositionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Position
        fields = ["name", "kind", "level", "area", "address", "awarded_on", "reviewed_until", "longitude",
                  "latitude", "note"]
        widgets = {"awarded_on": DATE_INPUT, "reviewed_until": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_areas(self, user, areas=Area.objects.visible_to(user).filter(
            level__in=[Area.Level.STREET, Area.Level.COMMUNITY]).order_by("path"), empty_label=_("请选择街道或社区"))


class PositionReviewForm(forms.Form):
    reviewed_until = forms.DateField(label=_("新的复核有效期至"), widget=DATE_INPUT)

    def __init__(self, *args, position=None, **kwargs):
        super().__init__(*args, **kwargs)


class PositionRevokeForm(forms.Form):
    on = forms.DateField(label=_("撤销命名日期"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, position=None, **kwargs):
        super().__init__(*args, **kwargs)
