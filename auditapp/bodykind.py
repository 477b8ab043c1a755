"""What kind of body wrote a report, told from its name: the deadline and the peers depend on it.

条例 Art. 49 gives every administrative body until 1月31日 to publish its report for the previous
year, and a people's government at county level or above until 3月31日 for its own (本级政府)
report. Evaluators also rank like with like: governments with governments, departments with
departments. The name is all a report says of it, so the kind is inferred from how the name
ends, and "unknown" is an answer (a rule that needs the kind then says it cannot decide).
"""

from __future__ import annotations

import re
from enum import StrEnum


class BodyKind(StrEnum):
    GOVERNMENT = "government"  # 县级以上人民政府 (its own report, 本级政府年度报告)
    TOWNSHIP = "township"  # 乡镇人民政府, 街道办事处
    DEPARTMENT = "department"  # a government's department, office, commission, bureau
    UNKNOWN = "unknown"


KIND_ZH = {
    BodyKind.GOVERNMENT: "县级以上人民政府",
    BodyKind.TOWNSHIP: "乡镇人民政府、街道办事处",
    BodyKind.DEPARTMENT: "政府部门及其他行政机关",
    BodyKind.UNKNOWN: "无法判断",
}
KIND_EN = {
    BodyKind.GOVERNMENT: "people's government at county level or above",
    BodyKind.TOWNSHIP: "township government or sub-district office",
    BodyKind.DEPARTMENT: "government department or other administrative body",
    BodyKind.UNKNOWN: "cannot tell",
}

# 乡/镇/苏木 governments and 街道 offices: the smallest units before the name's end
_TOWNSHIP = re.compile(r"(?:乡|镇|苏木)(?:人民)?政府$|街道(?:办事处|办)?$|办事处$")
# a people's government of a province, city, prefecture, county, district or banner
_GOVERNMENT = re.compile(r"(?:省|自治区|市|地区|州|盟|县|区|旗|林区|特区)(?:人民)?政府$")
# what a department's name ends with; checked after the governments, before the fallbacks
_DEPARTMENT = re.compile(r"(?:办公厅|办公室|委员会|管委会|厅|局|署|委|办|中心|院|所|会|队|站|处|部|公司|集团)$")
# a government's own parts that are departments although the name ends like a government's
_PART_OF = re.compile(r"人民政府.+")


def body_kind(agency: str | None) -> BodyKind:
    """The kind of body an agency name names (`淮安市人民政府` → government)."""
    if not agency:
        return BodyKind.UNKNOWN
    name = re.sub(r"\s+", "", agency)
    name = re.sub(r"[（(][^）)]*[）)]$", "", name)  # `(本级)`, `（区政府）`
    if _TOWNSHIP.search(name):
        return BodyKind.TOWNSHIP
    if _GOVERNMENT.search(name):
        return BodyKind.GOVERNMENT
    if name.endswith("人民政府") and _PART_OF.search(name) is None:
        # a government whose level the name does not show (`平潭综合实验区管委会` aside)
        return BodyKind.UNKNOWN
    if _DEPARTMENT.search(name):
        return BodyKind.DEPARTMENT
    return BodyKind.UNKNOWN


__all__ = ["KIND_EN", "KIND_ZH", "BodyKind", "body_kind"]
