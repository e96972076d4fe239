from django.core.management.base import BaseCommand

from bureau.data.demo_users import DEMO_PASSWORD
from bureau import roles
from bureau.models import User


class Command(BaseCommand):
    help = "Print the demo sign-ins, one per role (all demo accounts share one password)."

    def handle(self, *args, **options):
        picks = ["admin", "shenzhen", "luohu_leader", "luohu_legalaid", "luohu_corrections", "luohu_guiyuan",
                 "luohu_huangbei", "luohu_advisor", "guangming_leader", "guangming_guangming"]
        users = {u.username: u for u in User.objects.filter(username__in=picks).select_related("area")}
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD})")
        for username in picks:
            user = users.get(username)
            if user:
                self.stdout.write(f"  {username:<22} {roles.label(user.role):<10} {user.area.name}")
        self.stdout.write("  … and one account per section and street office: see README.md")
