"""The record types. Adding a type means a module here, an entry below, and a template."""

from generator.types.base import Record
from generator.types.curriculum import Curriculum
from generator.types.intervention import Intervention
from generator.types.process import Process
from generator.types.stage import Stage
from generator.types.term import Term

RECORD_TYPES: dict[str, type[Record]] = {
    cls.type_name: cls for cls in (Intervention, Stage, Process, Curriculum, Term)
}

__all__ = ["RECORD_TYPES", "Curriculum", "Intervention", "Process", "Record", "Stage", "Term"]
