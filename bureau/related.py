"""Related rows read by SQL compiled once per process and connection (`CompiledRows`): one record's (`Relation`)
or a page's (bureau.api_lists.PageRows).

A record's page (a supervisee's, a legal-aid case's) shows a dozen related lists. `prefetch_related` compiles each
list's query anew on every request, and preparing the prefetches was a third of such a page's CPU
(docs/benchmarks.md, "Load"). `Relation` compiles the query once, with a mark where the record's id goes, and fills
in the record's prefetch cache as `prefetch_related` does, so the page's `record.<relation>.all()` reads the rows
without a query. tests/corrections/test_person_page.py and tests/legalaid/test_case_page.py compare the pages with
those made through `prefetch_related`; the API lists' tests compare PageRows' JSON with DRF's.

It relies on Django's query compiler (5.2: `get_related_populators`, `klass_info`, converters), which an upgrade may
change; those tests would say so. A relation's default manager must make the same SQL on every request (no filter
on today's date or the user): the compiled query is kept.
"""

from weakref import WeakKeyDictionary

from django.apps import apps
from django.db import connections
from django.db.models.query import get_related_populators


class CompiledRows:
    """A query for a model's rows with one parameter, compiled once per process and connection; the rows built as
    Django builds them (`from_db`, the `select_related` populators, the converters). A subclass says the queryset,
    with MARK where the parameter goes, and may rewrite the SQL around it (`rewrite`)."""

    MARK = -7_340_032_001  # stands for the parameter in the compiled query: no id is negative

    def __init__(self, model):
        self._model = model  # the class, or its "app_label.ModelName" for a module loaded before the apps are
        self._compiled = WeakKeyDictionary()  # by connection: a compiler holds its own

    @property
    def model(self):
        if isinstance(self._model, str):
            self._model = apps.get_model(self._model)
        return self._model

    def queryset(self):
        raise NotImplementedError

    def rewrite(self, sql, params, mark):
        """The compiled SQL to run; `params[mark]` is MARK."""
        return sql

    def _compile(self, connection):
        compiler = self.queryset().query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        marks = [i for i, value in enumerate(params) if value == self.MARK]
        assert len(marks) == 1 and not compiler.has_extra_select, sql
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        converters = compiler.get_converters([column[0] for column in select[:compiler.col_count]])
        populators = get_related_populators(klass_info, select, connection.alias)
        sql = self.rewrite(sql, params, marks[0])
        return compiler, sql, list(params), marks[0], start, end, init_list, converters, populators

    def rows(self, value):
        """The model's rows, `value` in the place of MARK."""
        connection = connections[self.model._default_manager.db]
        try:
            compiled = self._compiled[connection]
        except KeyError:
            compiled = self._compiled[connection] = self._compile(connection)
        compiler, sql, params, mark, start, end, init_list, converters, populators = compiled
        params = params.copy()
        params[mark] = value
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        found = []
        for row in rows:
            obj = self.model.from_db(connection.alias, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            found.append(obj)
        return found


class Relation(CompiledRows):
    """One relation of a record, read for that record alone by SQL compiled once per process and connection.

    What `prefetch_related` gives — the rows of the related model's own order, each built by Django (`from_db`,
    the `select_related` rows, the converters) with its link back to the record, in the record's prefetch cache
    where `person.<name>.all()` finds them — without compiling the query anew on every request: a person's page
    read eleven relations, and compiling their queries and preparing each prefetch was a third of the page's CPU.
    """

    def __init__(self, model, name, *select_related):
        self.name, self.select_related = name, select_related
        self.field = model._meta.get_field(name).field  # the related model's foreign key to the record
        super().__init__(self.field.model)

    def queryset(self):
        rows = self.model._default_manager.filter(**{self.field.attname: self.MARK})
        return rows.select_related(*self.select_related) if self.select_related else rows  # (none: every key)

    def load(self, record):
        found = self.rows(record.pk)
        for obj in found:
            self.field.set_cached_value(obj, record)
        # What prefetch_related leaves: the relation's queryset holding the rows, read by `.all()`.
        queryset = getattr(record, self.name).get_queryset()
        queryset._result_cache, queryset._prefetch_done = found, True
        record._prefetched_objects_cache[self.name] = queryset
        return found
