"""Read and check Chinese universities' annual information-disclosure reports.

A pure library (no Django): ``check(text)`` returns a :class:`Report` with the
statistics period, the parts the report declares, the sections its headings
give, the required sections it lacks, every figure with its unit, and the
findings (missing sections, declared counts that disagree, itemised figures
that do not add up, wrong citations). ``read_path(path)`` turns a txt, docx,
pdf or saved web page (html) into text; ``check_path(path)`` does both. The rules (section names,
required sections, correct citations, units) are data in ``data/rules.json``.
"""

from __future__ import annotations

from .check import Finding, Report, check, check_path
from .figures import Figure, extract_figures
from .period import Period, find_period
from .read import ReadError, read_path

__all__ = [
    "Figure",
    "Finding",
    "Period",
    "ReadError",
    "Report",
    "check",
    "check_path",
    "extract_figures",
    "find_period",
    "read_path",
]
