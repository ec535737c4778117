"""`xxgk workdays add|between`: output, JSON, warnings, DB overrides, bad input."""

import json
import subprocess
import sys
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xxgk.workcalendar.models import CalendarOverride


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("workdays", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def test_add_prints_the_date(db):
    assert run("add", "2024-09-27", "3") == ("2024-10-08", "")


def test_between_prints_the_count(db):
    assert run("between", "2024-01-25", "2024-02-26") == ("19", "")


def test_json_format(db):
    out, err = run("add", "2024-09-30", "15", "--format", "json")
    assert json.loads(out) == {"date": "2024-10-25", "unknown_dates": [], "provisional": False}
    out, _ = run("between", "2024-01-25", "2024-02-26", "--format", "json")
    assert json.loads(out) == {"working_days": 19, "unknown_dates": [], "provisional": False}


def test_unknown_dates_warn_on_stderr(db):
    out, err = run("add", "2003-12-29", "3")
    assert out == "2004-01-02"  # 12/30, 12/31 guessed; 2004-01-01 is in the data, a holiday
    assert err.startswith("注意：2003-12-30")
    assert "chinesecalendar" in err and "覆盖表" in err


def test_provisional_dates_are_marked(db):
    out, err = run("add", "2026-12-30", "5")
    assert out == "2027-01-07（暂定）"  # 12/31, 1/1 元旦 by the statutory rule, 1/4 … 1/7
    assert err.startswith("暂定：2027年的放假安排尚未公布")
    out, _ = run("between", "2026-12-30", "2027-01-08", "--format", "json")
    data = json.loads(out)
    assert data == {"working_days": 6, "unknown_dates": [], "provisional": True}


def test_an_override_row_changes_the_answer(db):
    CalendarOverride.objects.create(date=date(2024, 10, 8), is_workday=False, note="校庆")
    assert run("add", "2024-09-30", "1")[0] == "2024-10-09"
    CalendarOverride.objects.create(date=date(2027, 1, 1), is_workday=False, note="元旦")
    CalendarOverride.objects.create(date=date(2027, 1, 4), is_workday=False, note="假设的调休")
    out, err = run("add", "2026-12-31", "1", "--format", "json")
    data = json.loads(out)
    assert data["date"] == "2027-01-05"


@pytest.mark.parametrize(
    "args, message",
    [
        (("add", "2024/10/08", "3"), "日期格式有误"),
        (("add", "2024-02-30", "3"), "不是有效的日期"),
        (("add", "2024-10-08", "三"), "非负整数"),
        (("add", "2024-10-08", "-2"), "非负整数"),
        (("between", "2024-10-08", "tomorrow"), "日期格式有误"),
    ],
)
def test_bad_input_is_refused_in_chinese(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_bad_input_exits_non_zero_from_the_shell(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "xxgk", "workdays", "add", "2024-10-08", "x"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "XXGK_VAR_DIR": str(tmp_path), "XXGK_DEV": "1"},
        timeout=60,
    )
    assert proc.returncode != 0
    assert "工作日天数必须是非负整数" in proc.stderr
