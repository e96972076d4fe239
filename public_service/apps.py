from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bureau.functions import Function
from bureau.roles import Role

FUNCTION = "public_service"  # the code its records, URLs, indicators and to-dos are known by


class PublicServiceConfig(AppConfig):
    name = "public_service"
    verbose_name = _("公共法律服务")
    function = Function(
        code=FUNCTION,
        label=_("公共法律服务"),
        section="公共法律服务科",
        order=45,
        roles=frozenset({Role.STREET, Role.ADVISOR}),
        report_heading="公共法律服务工作",
        menu="public_service.menu.MENU",  # a dotted path: menus import models, not loaded yet here
        public_pages={
            "public_service:resident_home": _("居民找站点、预约、在线咨询（开发环境的短信验证码打印在本控制台）"),
        },
    )
