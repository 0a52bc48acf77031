"""The record types. Adding a type means a module here, an entry below, and a template."""

from generator.types.accessibility import Accessibility
from generator.types.base import Record
from generator.types.curriculum import Curriculum
from generator.types.framework import Framework
from generator.types.intervention import Intervention
from generator.types.measure import Measure
from generator.types.process import Process
from generator.types.reference import Reference
from generator.types.stage import Stage
from generator.types.status import Status
from generator.types.study import Study
from generator.types.term import Term

RECORD_TYPES: dict[str, type[Record]] = {
    cls.type_name: cls for cls in (Intervention, Stage, Process, Curriculum, Measure, Study,
                                  Framework, Term, Status, Reference, Accessibility)
}

__all__ = ["RECORD_TYPES", "Accessibility", "Curriculum", "Framework", "Intervention", "Measure",
           "Process", "Record", "Reference", "Stage", "Status", "Study", "Term"]
