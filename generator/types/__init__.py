"""Stage 2, the record types: one module each, found by the registry (`registry`), the
built-in ones here and a project's own in its `types/` folder.

Takes: nothing from the stages before but the field paths `reading` locates. Gives: a
pydantic class per type that validates a document, is the typed model templates receive,
and is exported as JSON Schema; `meaning` marks which values are references, source keys,
old ids and orders, for every later stage to find by type. A new type needs no line here;
the classes below are named for the code that treats one type specially (a method's
checklists on a stage's page, the bibliography).
"""

from generator.types.accessibility import Accessibility
from generator.types.base import Record
from generator.types.curriculum import Curriculum
from generator.types.framework import Framework
from generator.types.intervention import Intervention
from generator.types.measure import Measure
from generator.types.process import Process
from generator.types.reference import Reference
from generator.types.registry import RecordTypes, builtin_types
from generator.types.stage import Stage
from generator.types.status import Status
from generator.types.study import Study
from generator.types.term import Term

# The built-in types; a project's own are added by `registry.project_types`.
RECORD_TYPES: RecordTypes = builtin_types()

__all__ = [
    "RECORD_TYPES",
    "Accessibility",
    "Curriculum",
    "Framework",
    "Intervention",
    "Measure",
    "Process",
    "Record",
    "RecordTypes",
    "Reference",
    "Stage",
    "Status",
    "Study",
    "Term",
]
