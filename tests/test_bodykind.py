"""The kind of body told from its name: what deadlines and peer groups rest on."""

from __future__ import annotations

import pytest

from auditapp.bodykind import BodyKind, body_kind

G, T, D, U = BodyKind.GOVERNMENT, BodyKind.TOWNSHIP, BodyKind.DEPARTMENT, BodyKind.UNKNOWN


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("淮安市人民政府", G),
        ("沭阳县人民政府", G),
        ("杭州市钱塘区人民政府", G),
        ("江苏省人民政府", G),
        ("延边朝鲜族自治州人民政府", G),
        ("科尔沁右翼前旗人民政府", G),
        ("钱塘区政府", G),
        ("上海市人民政府办公厅", D),
        ("沭阳县人民政府办公室", D),
        ("上海市科学技术委员会", D),
        ("区卫生健康委员会", D),
        ("淮安市公安局", D),
        ("平潭综合实验区管委会", D),
        ("城关镇人民政府", T),
        ("某某乡人民政府", T),
        ("南京路街道办事处", T),
        # the names the seeds' and real reports' titles give (meta.agency), as the timeliness rule reads them
        ("城中区人民政府", G),
        ("灤河回族区人民政府", G),
        ("沐阳县人民政府", G),
        ("上海市科委", D),
        ("杭州市商务局", D),
        ("北新桥街道", T),
        ("平潭综合实验区", U),  # a zone's 管委会 acts as a government there: the name alone cannot tell
        ("人民政府", U),
        ("", U),
        (None, U),
        ("某某", U),
    ],
)
def test_kind_from_name(name, kind):
    assert body_kind(name) is kind
