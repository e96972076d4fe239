"""/api/v1/lawyers/firms/ and /api/v1/lawyers/lawyers/: the registry, with the pages' filters and rules."""

from copy import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.validators import UniqueValidator

from bureau.identifiers import mask_resident_id, validate_resident_id

from .filters import LawFirmFilterSet, LawyerFilterSet, visible_streets
from .models import LawFirm, Lawyer, validate_credit_code
from .views import can_edit_registry, can_view_registry


class RegistryPermission(permissions.BasePermission):
    """Read: the lawyers function or legal aid. Write: the lawyers function with write access."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if not can_view_registry(user):
            self.message = _("您的角色不能查看律师事务所和律师名录。")
            return False
        if request.method not in permissions.SAFE_METHODS and not can_edit_registry(user):
            self.message = _("您的角色只能查看律师事务所和律师名录，不能新增或修改。")
            return False
        return True


class RegistrySerializer(serializers.ModelSerializer):
    """The street is given by its code and must be in the caller's jurisdiction; the model's own
    cross-field rules (`clean()`) run as they do on the pages."""

    area = serializers.SlugRelatedField(
        slug_field="code", queryset=visible_streets(None),
        error_messages={"does_not_exist": _("街道代码“{value}”不存在或不在您的辖区内。")},
    )

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        fields["area"].queryset = visible_streets(user)
        return fields

    def validate(self, attrs):
        record = copy(self.instance) if self.instance else self.Meta.model()
        for name, value in attrs.items():
            setattr(record, name, value)
        try:
            record.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages)
        return attrs


class CreditCodeField(serializers.CharField):
    def to_internal_value(self, data):
        return super().to_internal_value(data).upper()


class LawFirmSerializer(RegistrySerializer):
    credit_code = CreditCodeField(
        label=LawFirm._meta.get_field("credit_code").verbose_name, max_length=18,
        validators=[validate_credit_code, UniqueValidator(
            queryset=LawFirm.objects.all(), message=_("该统一社会信用代码已登记，请勿重复录入。"))],
    )
    lawyer_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LawFirm
        fields = ["id", "name", "credit_code", "area", "address", "phone", "director", "founded_on", "status",
                  "lawyer_count"]
        read_only_fields = ["status"]


class LawyerSerializer(RegistrySerializer):
    firm = serializers.PrimaryKeyRelatedField(
        queryset=LawFirm.objects.none(), allow_null=True, required=False,
        error_messages={"does_not_exist": _("律师事务所（编号{pk_value}）不存在或不在您的辖区内。")},
    )
    firm_name = serializers.CharField(source="firm.name", read_only=True, default=None)
    id_number = serializers.CharField(write_only=True, required=False, allow_blank=True, allow_null=True,
                                      label=Lawyer._meta.get_field("id_number").verbose_name)
    id_number_masked = serializers.SerializerMethodField()
    years_of_practice = serializers.SerializerMethodField()

    class Meta:
        model = Lawyer
        fields = ["id", "name", "certificate_number", "id_number", "id_number_masked", "kind", "firm", "firm_name",
                  "area", "practice_start", "years_of_practice", "specialties", "legal_aid_available", "phone",
                  "status"]
        read_only_fields = ["status"]
        extra_kwargs = {"certificate_number": {"validators": [
            *Lawyer._meta.get_field("certificate_number").validators,
            UniqueValidator(queryset=Lawyer.objects.all(), message=_("该执业证号已登记，请勿重复录入。")),
        ]}}

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        fields["firm"].queryset = LawFirm.objects.visible_to(user) if user else LawFirm.objects.none()
        return fields

    def get_id_number_masked(self, obj) -> str | None:
        return mask_resident_id(obj.id_number) or None

    def get_years_of_practice(self, obj) -> int:
        return obj.years_of_practice()

    def validate_id_number(self, value):
        """The full number is never sent back; an empty value on update keeps the stored one."""
        if not value:
            return self.instance.id_number if self.instance else None
        return validate_resident_id(value)


class RegistryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      mixins.UpdateModelMixin, viewsets.GenericViewSet):
    permission_classes = [RegistryPermission]


class LawFirmViewSet(RegistryViewSet):
    """Law firms in the caller's jurisdiction (filters as on the page: name, area code, status)."""

    serializer_class = LawFirmSerializer
    filterset_class = LawFirmFilterSet
    ordering_fields = ["name", "credit_code", "founded_on"]

    def get_queryset(self):
        return LawFirm.objects.visible_to(self.request.user).select_related("area").annotate(
            lawyer_count=Count("lawyers")).order_by("name", "pk")


class LawyerViewSet(RegistryViewSet):
    """Lawyers in the caller's jurisdiction (filters as on the page: q, firm, kind, specialty,
    legal_aid_available, status, area code)."""

    serializer_class = LawyerSerializer
    filterset_class = LawyerFilterSet
    ordering_fields = ["name", "certificate_number", "practice_start"]

    def get_queryset(self):
        return Lawyer.objects.visible_to(self.request.user).select_related("firm", "area").order_by("name", "pk")
