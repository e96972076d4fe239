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
