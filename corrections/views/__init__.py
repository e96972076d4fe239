"""Corrections pages, one module per area of work: the register and a person's page (register, person), the
street office's daily work list (worklist), group records (groups) and resettlement (resettlement).

A view checks the user may use (or change) corrections, finds records through `visible_to` (another office's
person is a 404), parses the input with corrections.forms and writes only through corrections.services.
"""
