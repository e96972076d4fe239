from django.core.management.base import BaseCommand
from django.urls import reverse

from bureau import functions, roles
from bureau.data.demo_users import DEMO_PASSWORD
from bureau.models import User


class Command(BaseCommand):
    help = "Print the demo sign-ins, one per role (all demo accounts share one password)."

    def handle(self, *args, **options):
        picks = ["admin", "shenzhen", "luohu_leader", "luohu_legalaid", "luohu_corrections", "luohu_guiyuan",
                 "luohu_huangbei", "luohu_advisor", "guangming_leader", "guangming_guangming"]
        users = {u.username: u for u in User.objects.filter(username__in=picks).select_related("area")}
        accounts = [users[name] for name in picks if name in users]
        # A role a function app declares (人民调解员 …): its demo creates the accounts; show the first of each.
        for code in functions.declared_roles():
            first = User.objects.filter(role=code, is_active=True).select_related("area").order_by("username").first()
            if first:
                accounts.append(first)
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD})")
        for user in accounts:
            self.stdout.write(f"  {user.username:<22} {roles.label(user.role):<10} {user.area.name}")
        self.stdout.write("  … and one account per section and street office: see README.md")
        public = [(label, reverse(name)) for f in functions.all_functions() for name, label in f.public_pages.items()]
        if public:
            self.stdout.write("Pages for the public (no sign-in):")
            for label, path in public:
                self.stdout.write(f"  {path:<22} {label}")
