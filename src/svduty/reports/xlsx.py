"""``sna.xlsx``: the table behind every chart and table, one sheet each, raw values.

A README sheet says what the workbook is and lists the sheets; each table sheet starts with a
notes block (title, source, period, definition, notes) above the table itself.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from svduty.reports.cells import text_stays_text
from svduty.reports.document import Report
from svduty.reports.formatting import cell_value
from svduty.reports.sheets import README

#: Row of a table sheet holding the column headers (the notes block is above it).
HEADER_ROW = 7


def write_xlsx(report: Report, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="F3F2F1")
    workbook = Workbook()
    readme = workbook.active
    readme.title = README
    readme.append([report.title])
    readme["A1"].font = Font(bold=True, size=14)
    for label, value in (
        ("Area", report.area),
        ("Period", report.period),
        ("Definition", f"{report.definition_title} ({report.definition})"),
        ("Produced", report.generated.strftime("%Y-%m-%d %H:%M UTC")),
    ):
        readme.append([label, value])
    if report.caveat:
        readme.append(["Caveat", report.caveat])
    if report.public:
        readme.append(
            [
                "Disclosure",
                "Counts from 1 to 4, and values that would reveal them, are shown as [c].",
            ]
        )
    readme.append([])
    readme.append(["Sheet", "Table", "Section", "Rows", "Notes"])
    for cell in readme[readme.max_row]:
        cell.font = bold
    for section in report.sections:
        if section.unavailable:
            readme.append(["", f"{section.number}. {section.title}", "", "", section.unavailable])
        for table in section.tables:
            readme.append(
                [
                    table.sheet,
                    f"Table {table.number}: {table.table.title}",
                    f"{section.number}. {section.title}",
                    table.total_rows,
                    table.table.notes,
                ]
            )
            readme.cell(readme.max_row, 1).hyperlink = f"#'{table.sheet}'!A1"
    for column, width in zip("ABCDE", (30, 60, 36, 8, 80), strict=True):
        readme.column_dimensions[column].width = width

    for section in report.sections:
        for table in section.tables:
            sheet = workbook.create_sheet(table.sheet)
            sheet["A1"] = f"Table {table.number}: {table.table.title}"
            sheet["A1"].font = Font(bold=True, size=12)
            notes = (
                ("Source", section.source or "svduty warehouse"),
                ("Period", report.period),
                ("Definition", f"{report.definition_title} ({report.definition})"),
                ("Notes", table.table.notes or ""),
            )
            for offset, (label, value) in enumerate(notes, start=2):
                sheet.cell(offset, 1, label).font = bold
                sheet.cell(offset, 2, value).alignment = Alignment(wrap_text=False)
            frame = table.table.frame
            for j, column in enumerate(frame.columns, start=1):
                cell = sheet.cell(HEADER_ROW, j, str(column))
                cell.font = bold
                cell.fill = header_fill
            for i, record in enumerate(frame.itertuples(index=False, name=None), start=1):
                for j, value in enumerate(record, start=1):
                    sheet.cell(HEADER_ROW + i, j, excel_value(value))
            sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
            for j, column in enumerate(frame.columns, start=1):
                letter = sheet.cell(HEADER_ROW, j).column_letter
                sheet.column_dimensions[letter].width = max(10, min(40, len(str(column)) + 2))
    text_stays_text(workbook)  # a partner's "=HYPERLINK(...)" district name stays a name
    workbook.save(path)
    return path


def excel_value(value: object) -> object:
    """A cell value openpyxl writes: numbers stay numbers, missing is empty, lists are text."""
    value = cell_value(value)
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, bytes):
        return value.hex()
    return value
