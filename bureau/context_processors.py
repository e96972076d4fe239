from django.conf import settings
from django.utils import timezone

from .menu import menu_for
from .models import Reminder


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"site_title": settings.SITE_TITLE}
    # Template columns of a table render each cell with a RequestContext: compute once per request.
    if not hasattr(request, "_bureau_navigation"):
        groups = menu_for(user)
        request._bureau_navigation = {
            "site_title": settings.SITE_TITLE,
            "menu_groups": [(label, [i for i in items if not i.in_user_menu]) for label, items in groups],
            "user_menu_items": [i for _label, items in groups for i in items if i.in_user_menu],
            # A view that counted the inbox already (the home page) leaves the count on the request.
            "todo_count": request.todo_count if hasattr(request, "todo_count")
            else Reminder.objects.open_count(user),
            "today": timezone.localdate(),
        }
    return request._bureau_navigation
