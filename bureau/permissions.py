from rest_framework import permissions


class IsAdministrator(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.sees_everything)


class ReadOnlyOrAdministrator(permissions.BasePermission):
    """Reference data: everyone signed in reads it, only the administrator changes it."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or request.user.sees_everything


class FunctionPermission(permissions.BasePermission):
    """Reading needs the view's `function` (User.can_use); writing needs User.can_write.

    Leadership and the city bureau therefore read every function and change none.
    """

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return user.can_use(view.function)
        return user.can_write(view.function)


def exception_handler(exc, context):
    """A service refusing a write (django ValidationError, in Chinese) is a 400 with its message."""
    from django.core.exceptions import ValidationError as DjangoValidationError
    from rest_framework.exceptions import ValidationError
    from rest_framework.views import exception_handler as drf_handler

    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})
    return drf_handler(exc, context)
