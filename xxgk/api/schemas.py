"""What the API's operations take and return (OpenAPI schemas through django-ninja)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class Error(Schema):
    detail: str | dict | list


class InstitutionOut(Schema):
    slug: str
    name: str
    short_name: str
    code: str
    website: str
    url: str


class CatalogItemOut(Schema):
    number: str
    title: str
    category: str
    checklist_item: int | None
    departments: list[str]
    url: str


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    type: str
    url: str


class RecordOut(Schema):
    id: int
    title: str
    index_number: str
    doc_number: str
    department: str
    items: list[str]
    formed_on: date
    published_at: datetime | None
    summary: str
    url: str


class RecordDetailOut(RecordOut):
    body: str
    attachments: list[AttachmentOut]


class RecordPage(Schema):
    results: list[RecordOut]
    next_cursor: str | None = Field(None, description="传给 cursor 参数取下一页；为空表示没有更多")


class AnnualReportOut(Schema):
    id: int
    period_start: date
    period_end: date
    title: str
    published_at: datetime | None
    record: int
    url: str


class TableRowOut(Schema):
    key: str
    label: str
    level: int
    counts: dict[str, int] | None
    total: int | None


class NationalTableOut(Schema):
    period_start: date
    period_end: date
    columns: list[list[str]]
    rows: list[TableRowOut]
    balanced: bool


class DraftIn(Schema):
    title: str = Field(..., max_length=300)
    formed_on: date
    department: str | None = Field(None, description="部门代码；部门令牌可不填（即令牌所属部门）")
    summary: str = Field("", max_length=500)
    body: str = ""
    doc_number: str = Field("", max_length=100)
    items: list[str] = Field(default_factory=list, description='清单事项编号，如 ["7", "X1"]')


class DraftPatch(Schema):
    title: str | None = Field(None, max_length=300)
    formed_on: date | None = None
    summary: str | None = Field(None, max_length=500)
    body: str | None = None
    doc_number: str | None = Field(None, max_length=100)
    items: list[str] | None = None
    expected_revision: int | None = Field(None, description="读取时的 revision；被他人改过则返回 409")


class DraftOut(Schema):
    id: int
    title: str
    state: str
    step: str | None
    department: str
    revision: int
    attachments: list[AttachmentOut]
    findings: int = Field(..., description="尚未处理的筛查发现项（个人信息等）")


class SubmitIn(Schema):
    comment: str = Field("", max_length=1000)
    expected_revision: int | None = None


class ApplicationIn(Schema):
    channel: str = Field(..., description="letter（信函）、in_person（当面）或 fax（传真）")
    received_on: date | None = None
    applicant_type: str = Field(..., description="natural（自然人）或 organisation（法人或其他组织）")
    org_type: str = Field("", description="法人或其他组织的类型（见申请表）")
    name: str
    contact_person: str = ""
    id_type: str = Field("", description="resident_id、passport、hk_macao_permit、taiwan_permit；组织为 credit_code")
    id_number: str
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    title: str
    doc_number: str = ""
    description: str = ""
    purpose: str = ""
    info_form: str = Field("", description="paper（纸质）或 electronic（电子）")
    delivery: str = Field("", description="collect（自行领取）、post（邮寄）、email（电子邮件）或 online（网上查询）")


class ApplicationOut(Schema):
    code: str
    received_on: date
    due_on: date | None
    due_provisional: bool


class StatisticsOut(Schema):
    period_start: date
    period_end: date
    records_published: int
    applications_new: int
    applications_carried_in: int
    applications_closed: int
    applications_carried_out: int
    applications_on_time_rate: float | None
    letters_received: int
