"""Which file column feeds which field: automatic matching of English and Chinese headers,
and the user's overrides."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from openpyxl.utils import column_index_from_string

from storage.export_labels import TEXT


class ImportKind(StrEnum):
    CUSTOMERS = "customers"
    CONTACTS = "contacts"
    TRANSACTIONS = "transactions"


_CUSTOMER_REF = {
    "customer_code": "客户编号 客户代码 客户编码 客户号 客户id|customer code, customer no, "
                     "customer number, customer id, account code, account no",
    "customer_name": "客户名称 客户 客户全称 公司名称 公司 单位名称 单位 购货单位 购买方|customer, "
                     "customer name, company, company name, account, account name, client",
}
_CONTACT_FIELDS = {
    "phone": "电话 联系电话 座机 办公电话 固定电话|phone, tel, telephone, office phone",
    "mobile": "手机 手机号 手机号码 移动电话|mobile, mobile phone, cell, cellphone",
    "email": "邮箱 电子邮件 电子邮箱 邮件 email地址|email, e-mail, mail, email address",
    "notes": "备注 说明 附注|notes, note, remarks, remark, comment, comments",
}

#: kind -> field -> "Chinese words|English words" (besides the export's own labels).
ALIASES: dict[ImportKind, dict[str, str]] = {
    ImportKind.CUSTOMERS: {
        "code": "客户编号 客户代码 客户编码 客户号 编号 代码|code, customer code, customer no, "
                "customer number, customer id, account code, account no",
        "name": "客户名称 客户 客户全称 名称 公司名称 公司 单位名称|customer, customer name, name, "
                "company, company name, account, account name, client",
        "kind": "客户类型 客户类别 类型|kind, type, customer type",
        "industry": "行业 所属行业 行业类别|industry, sector",
        "region": "地区 区域 大区 省份 省|region, area, province, state",
        "city": "城市 所在城市 市|city, town",
        "address": "地址 详细地址 通讯地址 公司地址|address, street",
        "phone": "电话 联系电话 手机 手机号 座机|phone, tel, telephone, mobile",
        "email": _CONTACT_FIELDS["email"],
        "website": "网站 网址 官网 主页|website, web, url, homepage",
        "owner": "负责人 客户经理 销售代表 业务员 归属销售 跟进人|owner, account manager, "
                 "sales rep, salesperson",
        "tags": "标签|tags, tag, labels",
        "relationship_level": "关系层次 关系等级 关系级别|relationship, relationship level",
        "price_orientation": "价格倾向|price orientation",
        "loyalty_segment": "忠诚度细分 忠诚度类型|loyalty segment",
        "channel": "渠道 销售渠道|channel, sales channel",
        "notes": _CONTACT_FIELDS["notes"],
    },
    ImportKind.CONTACTS: {
        **_CUSTOMER_REF,
        "name": "联系人 联系人姓名 姓名 名字|contact, contact name, name, full name, person",
        "title": "职位 职务 头衔 岗位|title, position, job title, role title",
        "department": "部门 所属部门|department, dept",
        **_CONTACT_FIELDS,
        "role": "采购角色 角色 决策角色|role, buying role",
        "influence": "影响力|influence",
        "attitude": "态度 对我方态度|attitude",
        "is_primary": "主要联系人 首要联系人 主联系人|primary, primary contact, main contact",
    },
    ImportKind.TRANSACTIONS: {
        **_CUSTOMER_REF,
        "date": "日期 交易日期 开票日期 订单日期 销售日期 单据日期 发货日期 业务日期|date, invoice "
                "date, order date, transaction date, sale date",
        "amount": "金额 销售额 销售金额 含税金额 价税合计 开票金额 订单金额 收入 营业额|amount, "
                  "revenue, sales, sales amount, invoice amount, value, total amount",
        "profit": "毛利 毛利额 毛利润 利润|profit, gross profit, margin, gross margin",
        "due_date": "到期日 到期日期 应收日期 应付款日期 付款期限 账期到期日|due date, due, "
                    "payment due",
        "paid_date": "付款日 付款日期 回款日期 收款日期 实际付款日 到账日期|paid date, "
                     "payment date, paid on, paid",
        "reference": "凭证号 参考号 行号|reference, ref, line id, row id",
        "order_no": "订单号 订单编号 订单id 单号 单据号 单据编号 发票号 发票号码|order, order id, "
                    "order no, order number, invoice, invoice no, invoice number, document no",
        "quantity": "数量 销售数量 件数|quantity, qty, units, units sold",
        "unit_price": "单价 含税单价 销售单价|unit price, price, sale price",
        "product": "产品 产品名称 品名 商品 商品名称 物料 货品|product, item, sku, article",
        "notes": _CONTACT_FIELDS["notes"],
    },
}

#: Fields a mapping must have (customers: a name or a code to match).
REQUIRED: dict[ImportKind, tuple[tuple[str, ...], ...]] = {
    ImportKind.CUSTOMERS: (("name", "code"),),
    ImportKind.CONTACTS: (("name",), ("customer_code", "customer_name")),
    ImportKind.TRANSACTIONS: (("date",), ("amount", "quantity+unit_price"),
                              ("customer_code", "customer_name")),
}

#: Export labels that name the same fields, so KeyPlan's own workbooks import back.
_EXPORT_FIELDS: dict[ImportKind, dict[str, str]] = {
    ImportKind.CUSTOMERS: {f"field.{name}": name for name in (
        "code", "name", "kind", "industry", "region", "city", "address", "phone", "email",
        "website", "owner", "tags", "relationship_level", "price_orientation",
        "loyalty_segment", "channel", "notes")},
    ImportKind.CONTACTS: {"field.code": "customer_code", "field.name": "customer_name",
                          "contact.name": "name", "contact.title": "title",
                          "contact.department": "department", "contact.role": "role",
                          "contact.influence": "influence", "contact.attitude": "attitude",
                          "contact.primary": "is_primary", "field.phone": "phone",
                          "field.email": "email", "field.notes": "notes"},
    ImportKind.TRANSACTIONS: {"field.code": "customer_code", "field.name": "customer_name"},
}

IGNORE = ("", "-", "ignore", "skip", "忽略")
#: Columns of KeyPlan's own exports that are computed, never imported (score, tier, points).
_DERIVED_KEYS = ("field.tier", "field.score", "field.abc_class", "field.lifecycle",
                 "field.revenue_12m", "field.profit_12m", "field.margin", "field.first_purchase",
                 "field.last_purchase", "field.last_interaction", "field.next_follow_up",
                 "field.open_needs", "field.contacts")
_UNIT = re.compile(r"[（(\[【][^）)\]】]*[）)\]】]")
_PUNCT = re.compile(r"[\s_\-.:：/·*#]+")


def normalise_header(text: str) -> str:
    """A header reduced for matching: no units in brackets, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return _PUNCT.sub("", _UNIT.sub("", text))


@cache
def _alias_table(kind: ImportKind) -> dict[str, str]:
    table: dict[str, str] = {}
    for key, name in _EXPORT_FIELDS[kind].items():
        for word in TEXT[key]:
            table.setdefault(normalise_header(word), name)
    for name, words in ALIASES[kind].items():
        chinese, english = words.split("|")
        for word in chinese.split() + english.split(","):
            table.setdefault(normalise_header(word), name)
    return table


@cache
def _derived() -> frozenset[str]:
    words = {word for key in _DERIVED_KEYS for word in TEXT[key]}
    english, chinese = TEXT["summary.points"]
    for key, labels in TEXT.items():
        if key.startswith("dim."):
            words.add(english.format(dimension=labels[0]))
            words.add(chinese.format(dimension=labels[1]))
    return frozenset(unicodedata.normalize("NFKC", w).casefold().strip() for w in words)


def fields_of(kind: ImportKind) -> list[str]:
    return list(ALIASES[kind])


#: The user's choices: (column, field) pairs in order, or column -> field. A column named by
#: several pairs feeds each of those fields (a code that is also the name).
Overrides = Mapping[str, str] | Sequence[tuple[str, str]]


@dataclass(frozen=True)
class ColumnMapping:
    """``sources[field]`` is the file column (0-based) that feeds ``field``. One column may
    feed several fields; a column feeding none is ignored."""

    kind: ImportKind
    headers: list[str]
    sources: dict[str, int]
    scales: dict[int, float] = field(default_factory=dict)  # column -> multiplier (万元)

    @property
    def columns(self) -> list[str | None]:
        """Per column, the first field it feeds (in field order), for a one-field-per-column
        display such as the import wizard's."""
        result: list[str | None] = [None] * len(self.headers)
        for name in ALIASES[self.kind]:
            index = self.sources.get(name)
            if index is not None and result[index] is None:
                result[index] = name
        return result

    def fields_of(self, index: int) -> list[str]:
        """Every field column ``index`` feeds, in field order."""
        return [name for name in ALIASES[self.kind] if self.sources.get(name) == index]

    def index_of(self, name: str) -> int | None:
        return self.sources.get(name)

    def header_of(self, name: str) -> str:
        index = self.index_of(name)
        return self.headers[index] if index is not None else ""

    @property
    def mapped(self) -> dict[str, str]:
        """Field -> header, for showing the mapping."""
        return {f: self.headers[self.sources[f]] for f in ALIASES[self.kind] if f in self.sources}

    @property
    def ignored(self) -> list[str]:
        used = set(self.sources.values())
        return [h for i, h in enumerate(self.headers) if i not in used and h]

    def missing(self) -> list[tuple[str, ...]]:
        """Required fields (alternatives grouped) that no column feeds; an alternative of
        several fields joined by ``+`` needs them all."""
        return [group for group in REQUIRED[self.kind]
                if not any(all(f in self.sources for f in alternative.split("+"))
                           for alternative in group)]


def override_pairs(overrides: Overrides | None) -> list[tuple[str, str]]:
    if not overrides:
        return []
    if isinstance(overrides, Mapping):
        return [(str(k), str(v)) for k, v in overrides.items()]
    return [(str(k), str(v)) for k, v in overrides]


def header_score(kind: ImportKind, cells: Sequence[object]) -> int:
    table = _alias_table(kind)
    return sum(1 for cell in cells if cell is not None and normalise_header(str(cell)) in table)


def auto_map(kind: ImportKind, headers: Sequence[str],
             overrides: Overrides | None = None) -> ColumnMapping:
    """Match headers to fields (each field fed by its first matching column), then apply
    ``overrides``: column (header text, letter such as ``C`` or 1-based number) -> field
    (or ``ignore``). A column named in the overrides feeds exactly the fields they give it
    (its automatic field goes); a field they give moves from any other column. Raises
    ValueError for an override naming an unknown column or field."""
    table = _alias_table(kind)
    sources: dict[str, int] = {}
    derived = _derived()
    for index, header in enumerate(headers):
        name = table.get(normalise_header(header)) if header else None
        if name and unicodedata.normalize("NFKC", header).casefold().strip() in derived:
            name = None
        if name and name not in sources:
            sources[name] = index
    overridden: set[int] = set()
    for spec, target in override_pairs(overrides):
        index = _column_index(spec, headers)
        if index not in overridden:
            overridden.add(index)
            sources = {f: i for f, i in sources.items() if i != index}
        name = target.strip()
        if name.casefold() in IGNORE:
            continue
        if name not in ALIASES[kind]:
            raise ValueError(f"unknown field {name!r} for {kind.value}; known: "
                             f"{', '.join(ALIASES[kind])}")
        sources[name] = index
    scales = {i: 10_000.0 for f, i in sources.items()
              if f in ("amount", "profit", "unit_price") and "万元" in str(headers[i])}
    return ColumnMapping(kind=kind, headers=list(headers), sources=sources, scales=scales)


def _column_index(spec: str, headers: Sequence[str]) -> int:
    wanted = normalise_header(spec)
    for index, header in enumerate(headers):
        if header and (header.strip() == spec.strip() or normalise_header(header) == wanted):
            return index
    text = spec.strip()
    if text.isdigit() and 1 <= int(text) <= len(headers):
        return int(text) - 1
    if text.isalpha() and text.isascii() and len(text) <= 3:
        index = int(column_index_from_string(text.upper())) - 1
        if index < len(headers):
            return index
    raise ValueError(f"no column {spec!r}; the file has: {', '.join(h for h in headers if h)}")
