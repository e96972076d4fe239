"""Import a file for an operator: the same validation and all-or-nothing commit as the import pages."""

from pathlib import Path

import pghistory
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bureau.imports import get_resource, registered_resources
from bureau.imports.files import read_table
from bureau.models import User


class Command(BaseCommand):
    help = "Validate an Excel/CSV file for a resource and, unless --dry-run, write all its rows or none."

    def add_arguments(self, parser):
        names = ", ".join(r.name for r in registered_resources())
        parser.add_argument("resource", help=f"one of: {names}")
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="username of the importing user (jurisdiction, audit)")
        parser.add_argument("--dry-run", action="store_true", help="validate only, write nothing")
        parser.add_argument("--confirm-warnings", action="store_true",
                            help="write although ID numbers raised warnings (region code unknown for the birth year)")

    def handle(self, resource, file, user, dry_run, confirm_warnings=False, **options):
        try:
            resource = get_resource(resource)
        except LookupError:
            raise CommandError(f"unknown resource {resource!r}; one of: "
                               + ", ".join(r.name for r in registered_resources()))
        user = User.objects.filter(username=user, is_active=True).first()
        if user is None:
            raise CommandError("no active user of that name")
        if not user.can_write(resource.function):
            raise CommandError(f"{user.username} may not write {resource.function_label}")
        try:
            with file.open("rb") as stream:
                table = read_table(stream, file.name)
        except (OSError, ValidationError) as error:
            raise CommandError(getattr(error, "messages", [str(error)])[0])
        with pghistory.context(user=user.pk, command="import_records", file=file.name):
            result = resource.validate(table, user)
            if result.errors:
                for error in result.errors:
                    self.stdout.write(f"第{error.row}行\t{error.column or '-'}\t{error.message}")
                raise CommandError(f"{len(result.errors)} 处错误，未写入任何数据。")
            for warning in result.warnings:
                self.stdout.write(f"第{warning.row}行\t{warning.column or '-'}\t提示：{warning.message}")
            if result.warnings and not confirm_warnings and not dry_run:
                raise CommandError(f"{len(result.warnings)} 处提示需核对；核对无误后加 --confirm-warnings 再导入。")
            if dry_run:
                self.stdout.write(f"校验通过：{len(result.records)} 条记录（--dry-run，未写入）。")
                return
            created = resource.save(result, user)
        self.stdout.write(self.style.SUCCESS(f"已写入 {created} 条记录。"))
