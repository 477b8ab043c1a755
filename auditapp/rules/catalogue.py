"""The rule catalogue: every rule's id, severity, titles, what it checks and its messages.

Declared once, here. Checks (rules/checks.py) yield findings that name a rule and carry the
numbers; the messages below turn those numbers into words, in Chinese or English. The README
table of rules is generated from this catalogue (`auditapp rules --markdown`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    title_zh: str
    title_en: str
    checks_zh: str  # what the rule checks, for the catalogue
    message_zh: str  # str.format templates over the finding's params
    message_en: str
    # where the rule comes from when its family's basis (BASIS_ZH) is not precise enough: the
    # article, notice or assessment rule, (Chinese, English)
    source: tuple[str, str] | None = None


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_FORMAT_2021 = "《政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"

RULES: tuple[Rule, ...] = (
    # ---- arithmetic relations (勾稽关系) ---------------------------------------------------
    Rule(
        "t3.balance",
        _E,
        "申请数量平衡",
        "Applications balance",
        "表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理（7列）",
        "表三“{column}”列：本年新收 + 上年结转 = {expected}，办理结果总计 + 结转下年度 = {actual}，相差 {difference}",
        "Table 3, column '{column}': new + carried over = {expected}, but results total + carried forward "
        "= {actual} (difference {difference})",
    ),
    Rule(
        "t3.results_total",
        _E,
        "办理结果总计",
        "Results total",
        "表三每一列：(七)总计 = (一)至(六)各项办理结果之和（7列）",
        "表三“{column}”列：(一)至(六)各项办理结果之和为 {expected}，但(七)总计填写 {actual}，相差 {difference}",
        "Table 3, column '{column}': the results add up to {expected}, but the total says {actual} "
        "(difference {difference})",
    ),
    Rule(
        "t3.row_total",
        _E,
        "行合计",
        "Row total",
        "表三每一行：总计列 = 自然人与五类法人或其他组织之和（25行）",
        "表三“{row}”行：各申请人类型之和为 {expected}，但总计填写 {actual}，相差 {difference}",
        "Table 3, row '{row}': the applicant columns add up to {expected}, but the total says {actual} "
        "(difference {difference})",
    ),
    Rule(
        "t4.total",
        _E,
        "复议诉讼合计",
        "Review/suit total",
        "表四每一组（行政复议、未经复议直接起诉、复议后起诉）：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        "表四“{row}”：结果维持、结果纠正、其他结果、尚未审结之和为 {expected}，但总计填写 {actual}，相差 {difference}",
        "Table 4, '{row}': upheld + corrected + other + pending = {expected}, but the total says {actual} "
        "(difference {difference})",
    ),
    Rule(
        "t2.in_force_bound",
        _E,
        "现行有效件数下限",
        "In-force lower bound",
        "表二规章、行政规范性文件：现行有效件数 ≥ 本年制发件数 − 本年废止件数（上年现行有效件数不可能为负）",
        "表二“{row}”：现行有效件数 {actual} 小于 本年制发 {issued} − 本年废止 {repealed} = {expected}，"
        "意味着上年现行有效件数为负",
        "Table 2, '{row}': {actual} in force is less than issued {issued} − repealed {repealed} = {expected}, "
        "which would make last year's count negative",
    ),
    # ---- values ------------------------------------------------------------------------------
    Rule(
        "value.negative",
        _E,
        "负数",
        "Negative count",
        "表二、表三、表四中的件数和金额不能为负数",
        "{cell} 填写为 {actual}，件数（金额）不能为负数",
        "{cell} is {actual}; a count or amount cannot be negative",
    ),
    Rule(
        "value.not_whole",
        _E,
        "件数非整数",
        "Count not whole",
        "件数必须是整数（只有表二的收费金额可以是小数）",
        "{cell} 填写为 {actual}，件数必须是整数",
        "{cell} is {actual}; a count must be a whole number",
    ),
    Rule(
        "value.unreadable",
        _W,
        "无法识别的数值",
        "Unreadable value",
        "单元格内容不是数字，也不是“—”“/”“无”之类表示没有的符号",
        "{cell} 填写为“{raw}”，不是数字，无法参与核对",
        "{cell} reads '{raw}', which is not a number; it cannot be checked",
    ),
    Rule(
        "value.note",
        _I,
        "数值后附说明",
        "Value with a note",
        "数字后面附有文字说明（如“22（其中修订16件）”）：取数字核对，说明保留",
        "{cell} 填写为“{raw}”：按 {actual} 核对，附注“{note}”已保留",
        "{cell} reads '{raw}': checked as {actual}, the note '{note}' is kept",
    ),
    Rule(
        "value.placeholder",
        _I,
        "以符号表示无",
        "Placeholder read as zero",
        "单元格填写“—”“-”“/”“无”等表示没有的符号：核对时按 0 计算，并在此说明",
        "{count} 个单元格填写为“{raws}”等符号，核对时按 0 计算",
        "{count} cells are written as '{raws}'; the audit reads them as 0",
    ),
    Rule(
        "value.blank_total",
        _W,
        "合计未填写",
        "Total not filled",
        "应当填写合计（总计、结转、合计列）的单元格为空：相关勾稽关系无法核对",
        "{cell} 未填写，无法核对与它有关的勾稽关系",
        "{cell} is blank; the relations that involve it cannot be checked",
    ),
    Rule(
        "value.blank",
        _I,
        "单元格未填写",
        "Blank cells",
        "非合计单元格为空：若相关勾稽关系按 0 计算成立则不报错，否则无法核对",
        "{count} 个单元格未填写（{cells}）",
        "{count} cells are blank ({cells})",
    ),
    Rule(
        "relation.cannot_check",
        _I,
        "无法核对",
        "Cannot check",
        "勾稽关系中有单元格缺失或未填写，且按 0 计算不成立：不判为错误，只提示无法核对",
        "{relation}：{missing} 缺失、未填写或无法识别，无法核对",
        "{relation}: {missing} missing, blank or unreadable, cannot check",
    ),
    # ---- narrative against the tables ----------------------------------------------------------
    Rule(
        "narrative.table",
        _W,
        "正文与表格不符",
        "Narrative contradicts a table",
        "正文所述的申请数量（收到、新收、上年结转、办结答复、结转下年度）、各项办理结果、行政复议和行政诉讼"
        "及其结果，与表三、表四中的对应数字不一致（只核对语境明确的数字）",
        "第 {line} 行正文称“{text}”，与表格不符：{table}",
        "Line {line}: the narrative says “{text}” ({what}: {actual}), but {table}",
    ),
    Rule(
        "narrative.table2",
        _W,
        "正文与表二不符",
        "Narrative contradicts table 2",
        "正文所述的规章、行政规范性文件的本年制发、本年废止、现行有效件数（如“现行有效行政规范性文件393件”"
        "“制发规范性文件12件，废止3件”），行政许可、行政处罚、行政强制的处理决定数（如“作出行政处罚决定120件”），"
        "行政事业性收费金额，与表二中的对应数字不一致（只核对语境明确的数字：不核对其他年度、其他单位、"
        "全市各部门的数字，也不核对清理、解读、备案等其他事项的件数和几类文件的合计）",
        "第 {line} 行正文称“{text}”，与表二不符：{table}",
        "Line {line}: the narrative says “{text}” ({what}: {actual}), but {table}",
        source=(
            f"{_FORMAT_2021}表二“主动公开政府信息情况”（按《中华人民共和国政府信息公开条例》第二十条"
            "第（一）、（五）、（六）、（八）项）：正文与表二所述应当一致",
            "Table 2 of the national annual report format (国办公开办函〔2021〕30号), 'information published "
            "proactively', by article 20 (1), (5), (6) and (8) of the Regulations on the Disclosure of "
            "Government Information: the narrative and table 2 must agree",
        ),
    ),
    Rule(
        "narrative.share",
        _W,
        "正文百分比不符",
        "Narrative percentage wrong",
        "正文所述的占比（如“占已答复件数的5.1%”）与它所依据的件数之比不一致（按正文印出的小数位数四舍五入后比较）",
        "第 {line} 行正文称“{text}”，但 {part} ÷ {base} = {exact}%，按所印精度应为 {expected}%",
        "Line {line}: the narrative says “{text}”, but {part} / {base} = {exact}%, which is {expected}% "
        "at the precision printed",
    ),
    Rule(
        "narrative.sum",
        _W,
        "正文分项之和不符",
        "Narrative items do not add up",
        "正文列出的分项（如各申请渠道、各发布平台、各单位的件数）之和与正文所称的合计不一致",
        "第 {line} 行正文所列“{text}”之和为 {expected}（{parts}），但正文所称合计为 {actual}，相差 {difference}",
        "Line {line}: the items “{text}” add up to {expected} ({parts}), but the narrative states a total of "
        "{actual} (difference {difference})",
    ),
    # ---- source ------------------------------------------------------------------------------
    Rule(
        "source.replaced_chars",
        _W,
        "无法解码的字节",
        "Undecodable bytes",
        "文件中有少量字节无法按其编码解码（文件可能被截断或损坏），已显示为 �：相关数字可能不完整",
        "文件中有 {count} 处字节无法按{encoding}解码，已显示为 �（第 {lines} 行），附近的数字请对照原件核对",
        "{count} bytes could not be decoded as {encoding} and show as � (lines {lines}); check nearby numbers against the original",
    ),
    # ---- across reports ----------------------------------------------------------------------
    Rule(
        "cross.carry_over",
        _W,
        "跨年度结转",
        "Carried over across years",
        "同一机关（按名称识别，同名机关无法区分，故为警告）相邻两年的报告：本年“上年结转”应等于上年“结转下年度继续办理”（每一列）",
        "{year}年度表三“上年结转”的“{column}”列为 {actual}，但{last_year}年度报告（{other}）“结转下年度继续办理”为 {expected}",
        "{year} Table 3 carried over, column “{column}”, is {actual}, but the {last_year} report ({other}) carried forward {expected}",
    ),
    Rule(
        "cross.in_force",
        _W,
        "跨年度现行有效件数",
        "In force across years",
        "同一机关相邻两年的报告：本年现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止（表二规章、行政规范性文件）",
        "{year}年度表二“{row}”现行有效 {actual} 件，但按{last_year}年度报告（{other}）的 {before} 件 + 本年制发 {issued} − 本年废止 {repealed} 应为 {expected} 件",
        "{year} Table 2 “{row}”: {actual} in force, but the {last_year} report ({other}) had {before}, plus {issued} issued less {repealed} repealed makes {expected}",
    ),
    Rule(
        "cross.repeated",
        _I,
        "同一机关同一年度的报告重复",
        "One body-year given more than once",
        "同一机关（按名称识别）同一年度的报告出现不止一次且内容相同（例如同一报告的不同格式）：跨年度核对只用其中一份",
        "同一机关{year}年度的报告出现 {count} 次：{files}，内容相同；跨年度核对采用 {chosen}",
        "The same body's {year} report appears {count} times: {files}, identical; the checks across years use {chosen}",
    ),
    Rule(
        "cross.repeated_differs",
        _W,
        "同一机关同一年度的报告不一致",
        "One body-year given differently",
        "同一机关（按名称识别，同名机关无法区分，故为警告）同一年度的报告出现不止一次且内容不同：跨年度核对只用其中一份",
        "同一机关{year}年度的报告出现 {count} 次：{files}；本报告{how}；跨年度核对采用 {chosen}",
        "The same body's {year} report appears {count} times: {files}; {how}; the checks across years use {chosen}",
    ),
    Rule(
        "cross.copied_text",
        _W,
        "疑似抄袭的报告正文",
        "Narrative copied",
        "不同机关的报告正文（表格之外的文字，去掉空白、数字和各自机关名称后，按5字片段计）高度相同：相似度 ≥ 60%",
        "本报告正文与另一机关的报告（{other}）相似度为 {similarity}{more}，疑似照抄",
        "The narrative is {similarity} the same as another body's report ({other}){more}; it may have been copied",
    ),
    Rule(
        "cross.same_tables",
        _W,
        "与其他机关的表格完全相同",
        "Tables identical to another body's",
        "不同机关的报告表三、表四的全部数字完全相同（且不全为 0）",
        "表三、表四的全部数字与另一机关的报告（{other}）完全相同{more}，疑似照抄",
        "Tables 3 and 4 hold exactly the same numbers as another body's report ({other}){more}; they may have been copied",
    ),
    # ---- the batch's figures (issue 21) ---------------------------------------------------------
    Rule(
        "batch.outlier",
        _I,
        "与同批次其他机关相差悬殊",
        "Far from the batch's figures",
        "同一批次同一年度至少 20 份报告时，比较各机关的不予公开占比、无法提供占比、行政复议纠错率、行政诉讼纠错率："
        "某一机关的比例远高于其他机关（稳健 z 分数 ≥ 3.5，超出第三四分位数加 3 倍四分位距，且高出中位数 20 个百分点以上）"
        "即提示，供核对，不是错误",
        "{year}年度{measure}为 {figure}（{numerator}/{denominator}，{formula}），远高于本批次同年度 {count} 份报告的"
        "中位数 {median}（四分位区间 {q1}–{q3}）；{method}为 {z}，达到 {threshold}：请核对，未必有误",
        "{year} {measure} is {figure} ({numerator} of {denominator}: {formula}), far above the median {median} of "
        "the batch's {count} reports of that year (interquartile range {q1}–{q3}); {method} {z}, at least "
        "{threshold}: worth a look, not necessarily wrong",
    ),
    # ---- what evaluators check beyond arithmetic (issue 20) ------------------------------------
    Rule(
        "parts.missing",
        _W,
        "缺少规定部分",
        "Required part missing",
        "年度报告按格式的六个部分编写（一、总体情况；二、三、四为三张统计表；五、存在的主要问题及改进情况；"
        "六、其他需要报告的事项）：找不到某一叙述部分的标题（编号之后写明该部分名称的一行；统计表缺失另由"
        "“缺少表格”报告）",
        "没有找到“{part}”部分的标题（{where}）",
        "No heading of the part “{part}” was found ({where})",
        source=(
            f"《条例》第五十条；{_FORMAT_2021}“年度报告内容，要严格按照……第五十条的规定确定，不能遗漏”",
            "Regulations on the Disclosure of Government Information, Art. 50; the 2021 annual report format "
            "(国办公开办函〔2021〕30号): the contents follow Art. 50 and may leave nothing out",
        ),
    ),
    Rule(
        "parts.empty",
        _W,
        "部分内容为空",
        "Part empty",
        "总体情况、存在的主要问题及改进情况、其他需要报告的事项等叙述部分只有标题而没有内容，或（前两部分）只写了“无”",
        "“{part}”部分（第 {line} 行）{how}",
        "The part “{part}” (line {line}) {how}",
        source=(
            f"《条例》第五十条；{_FORMAT_2021}“不能遗漏”",
            "Regulations on the Disclosure of Government Information, Art. 50; the 2021 format: nothing may be "
            "left out",
        ),
    ),
    Rule(
        "parts.order",
        _W,
        "部分顺序不符",
        "Parts out of order",
        "六个部分应按格式规定的顺序排列：某一部分排在编号在它之后的部分后面",
        "“{part}”（第 {line} 行）排在“{before}”（第 {before_line} 行）之后，与格式规定的顺序不符",
        "“{part}” (line {line}) comes after “{before}” (line {before_line}), against the format's order",
    ),
    Rule(
        "parts.numbering",
        _I,
        "部分编号与格式不同",
        "Parts numbered otherwise",
        "部分标题的编号与格式规定的编号不同（如把“主动公开政府信息情况”编为“一、”）：各部分都能识别，但没有按格式编号",
        "{count} 个部分标题的编号与格式不同：{list}",
        "{count} part headings are numbered otherwise than the format: {list}",
    ),
    Rule(
        "parts.topics",
        _I,
        "总体情况缺少方面",
        "Overview lacks a topic",
        "2021年版格式的“一、总体情况”应包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、"
        "监督保障五个方面：其中某一方面在总体情况中只字未提",
        "“一、总体情况”（第 {line} 行起）没有提到：{topics}",
        "The overview (from line {line}) does not mention: {topics}",
        source=(
            f"{_FORMAT_2021}：总体情况“主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障”",
            "the 2021 annual report format (国办公开办函〔2021〕30号): the overview covers proactive disclosure, "
            "disclosure on request, information management, disclosure platforms, oversight and support",
        ),
    ),
    Rule(
        "parts.assessment",
        _I,
        "缺少考核、评议和追究情况",
        "Assessment results missing",
        "人民政府（按机关名称判断）的年度报告还应报告工作考核、社会评议和责任追究结果情况：全文没有提到其中某项",
        "本报告是{kind}的报告，全文没有提到：{items}",
        "This is the report of a {kind}, and it nowhere mentions: {items}",
        source=(
            f"《条例》第五十条第四项；{_FORMAT_2021}：监督保障“含……各级人民政府‘工作考核、社会评议和责任追究结果情况’”",
            "Regulations on the Disclosure of Government Information, Art. 50(4); the 2021 format: oversight "
            "includes a people's government's results of performance review, public appraisal and accountability",
        ),
    ),
    Rule(
        "parts.fees",
        _W,
        "未说明信息处理费",
        "Processing fees not stated",
        "2021年版格式的“六、其他需要报告的事项”应说明收取信息处理费的情况（没有收取也应说明）",
        "“六、其他需要报告的事项”（第 {line} 行）没有说明信息处理费的收取情况",
        "“Other matters to report” (line {line}) does not say whether information processing fees were collected",
        source=(
            f"{_FORMAT_2021}第六部分；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
            "the 2021 annual report format (国办公开办函〔2021〕30号), part six; the Measures on information "
            "processing fees (国办函〔2020〕109号)",
        ),
    ),
    Rule(
        "period.mismatch",
        _W,
        "年度不一致",
        "Year disagrees",
        "报告所说的统计期限（某年1月1日至12月31日）、“结转某年”的年份和发布日期，应与报告标题的年度一致",
        "第 {line} 行“{text}”：{detail}",
        "Line {line}, “{text}”: {detail}",
    ),
    Rule(
        "period.not_stated",
        _I,
        "未说明统计期限",
        "Period not stated",
        "报告开头没有说明数据的统计期限（如“本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止”）",
        "报告中没有找到数据的统计期限（如“统计期限为{year}年1月1日至12月31日”）",
        "The report does not state the period its figures cover (such as “{year}年1月1日至12月31日”)",
    ),
    Rule(
        "timeliness.undecided",
        _I,
        "无法判断是否按时发布",
        "Cannot tell if on time",
        "报告中找不到发布日期或落款日期，或报告年度不明，或日期在2月1日至3月31日之间而机关类别无法从名称判断：不判断是否逾期",
        "无法判断是否按时发布：{reason}",
        "Cannot tell whether the report was published on time: {reason}",
        source=(
            "《中华人民共和国政府信息公开条例》第四十九条",
            "Regulations on the Disclosure of Government Information, Art. 49",
        ),
    ),
    Rule(
        "timeliness.late",
        _W,
        "逾期发布",
        "Published late",
        "年度报告应在期限前向社会公布：县级以上人民政府部门（及乡镇、街道等其他行政机关）为次年1月31日前，"
        "县级以上地方人民政府的本级报告为次年3月31日前；以报告的发布日期或落款日期对照按机关名称判断的机关类别",
        "报告日期为 {published}（第 {line} 行），晚于{kind}的发布期限 {deadline}",
        "The report is dated {published} (line {line}), after the deadline {deadline} for a {kind}",
        source=(
            "《中华人民共和国政府信息公开条例》第四十九条",
            "Regulations on the Disclosure of Government Information, Art. 49",
        ),
    ),
    Rule(
        "cross.copied_last_year",
        _W,
        "与上年报告大量重复",
        "Copied from last year",
        "同一机关上一年度的报告也在本批次中时：本年度正文（表格之外）的句子中，与上年度正文相同的句子所占比例"
        "（按字数计；比较前去掉空白、标点和数字，年份和数字不同也算相同；不计短于12字的句子，也不计报告依据、"
        "统计期限、联系方式、信息处理费等各报告都要写的套话）超过 50%",
        "正文有 {share}（{sentences} 句，按字数计）与本机关{last_year}年度报告（{other}）相同，超过一半，"
        "疑似照搬上年报告；重复的段落如：{passages}",
        "{share} of the narrative ({sentences} sentences, by characters) is the same as in the body's "
        "{last_year} report ({other}), more than half: it may have been copied from last year's; repeated "
        "passages include: {passages}",
        source=(
            "泉州市鲤城区《2020年泉州市鲤城区政务公开指数绩效考评标准表》（2020年12月14日发布于 "
            "www.qzlc.gov.cn）“政府信息公开年度报告”项：“年度报告与往年或与其他单位雷同扣5分”"
            "（该表未规定比例，超过 50% 是本程序的判断标准）",
            "Quanzhou Licheng district, 2020 government-openness performance assessment table (published "
            "14 December 2020 on www.qzlc.gov.cn), item 'annual report': “5 points off for an annual report "
            "the same as past years' or another body's” (the table sets no share; above 50 % is this "
            "program's threshold)",
        ),
    ),
    # ---- structure ---------------------------------------------------------------------------
    Rule(
        "structure.table_missing",
        _W,
        "缺少表格",
        "Table missing",
        "报告中找不到某张统计表（按表题和行标签查找）",
        "未找到{table}“{title}”：全文中既没有它的表题，也没有它的行标签",
        "Table '{title}' was not found: neither its title nor its row labels appear",
    ),
    Rule(
        "structure.title_missing",
        _I,
        "缺少表题",
        "Table title missing",
        "找到了统计表的行，但没有找到表题",
        "没有找到{table}的表题“{title}”，根据第 {first} 行起的行标签识别出该表",
        "The title of '{title}' is missing; the table was recognised by its rows from line {first}",
    ),
    Rule(
        "structure.other_template",
        _W,
        "其他版本的表格",
        "Table of another template",
        "统计表按另一版本的模板（如2019年版）印制：列的含义不同，不按2021年版读取",
        "{table}按另一版本的模板印制（第 {first} 行的表头，如2019年版），列的含义与2021年版不同，未读取该表",
        "{table} is printed in another template's shape (header at line {first}, e.g. the 2019 format); its columns mean other things, so it was not read",
    ),
    Rule(
        "structure.template_sign",
        _I,
        "疑似其他版本的表头",
        "Header of another template",
        "统计表中出现了另一版本模板（如2019年版）才有的表头或行，但按本版本读取更完整：已按本版本读取，请核对",
        "{table}第 {first} 行的表头或行像是另一版本模板（如2019年版）的，但按当前版本读取更完整，已按当前版本读取，请核对",
        "{table}: line {first} looks like another template's (e.g. 2019) header or row, but the table reads more completely as it is; please verify",
    ),
    Rule(
        "template.old_format",
        _I,
        "使用了2019年版表格",
        "Tables of the 2019 format",
        "2020年度及以后的报告中，统计表仍按2019年版模板印制：已按2019年版读取，提示可能使用了旧模板",
        "报告年度为 {detail} 年，{table}却按2019年版模板印制（已按该版读取）：可能使用了旧的报告格式，请核对",
        "The report is for {detail}, yet {table} is printed in the 2019 format (read as such): the old "
        "template may have been used, please verify",
    ),
    Rule(
        "structure.row_missing",
        _W,
        "缺少行",
        "Row missing",
        "统计表中找不到模板规定的某一行",
        "{table}缺少“{row}”行（在第 {first}–{last} 行之间查找）",
        "{table}: row '{row}' not found (looked in lines {first}–{last})",
    ),
    Rule(
        "structure.row_empty",
        _W,
        "行无数据",
        "Row without values",
        "找到了行标签，但后面没有数值",
        "{table}“{row}”行（第 {first} 行）没有数值",
        "{table}: row '{row}' (line {first}) has no values",
    ),
    Rule(
        "structure.cell_missing",
        _W,
        "缺少单元格",
        "Cell missing",
        "某一行的数值少于模板规定的列数",
        "{cell} 缺失：该行（第 {first}–{last} 行）的数值少于模板的列数",
        "{cell} is missing: the row (lines {first}–{last}) has fewer values than the template's columns",
    ),
    Rule(
        "structure.extra_values",
        _W,
        "多余数值",
        "Extra values",
        "某一行的数值多于模板规定的列数：取前面的数值，其余列出",
        "“{target}”（第 {first}–{last} 行）的数值多于模板的列数，已按顺序取前 {count} 个",
        "'{target}' (lines {first}–{last}) has more values than columns; the first {count} were taken",
    ),
    Rule(
        "structure.alignment",
        _I,
        "列对齐推定",
        "Column alignment assumed",
        "某一行有空白单元格但无法从文本确定其位置：按合并单元格的位置推定，并在此说明",
        "“{target}”（第 {first}–{last} 行）有空白单元格，按其位置推定了各数值所属的列，请核对",
        "'{target}' (lines {first}–{last}) has blank cells; their columns were inferred, please verify",
    ),
    Rule(
        "structure.rows_by_position",
        _I,
        "行标签与数值分开",
        "Labels printed apart from values",
        "表格中有的行标签单独成行、没有数值，而其数值单独成行、没有标签：按模板的行序，在前后正常读取的行之间一一对应（数目相等时才对应）",
        "{table}第 {first}–{last} 行：{count} 行的标签与数值分开印制，已按模板的行序把无标签的数值行对应到这些行，请核对",
        "{table}, lines {first}–{last}: {count} rows were printed with their labels apart from their values; "
        "the value lines were matched to them in the template's row order, please verify",
    ),
    Rule(
        "structure.digits_split",
        _I,
        "连写数字按勾稽关系拆分",
        "Run-together digits split by the relations",
        "表格的分隔全部丢失、一行各单元格的数字连在一起（如网页抓取的文本）：只有一种拆分能使合计与勾稽关系成立时，按该拆分读取，并在此说明",
        "{table}（第 {first} 行）的数字连写在一起，{count} 行各只有一种拆分使合计与勾稽关系成立，已按此读取，请核对：{detail}",
        "{table} (line {first}): the digits of the cells run together; for {count} rows only one split satisfies "
        "the totals and relations, and it was used, please verify: {detail}",
    ),
    Rule(
        "structure.digits_ambiguous",
        _W,
        "连写数字无法唯一拆分",
        "Run-together digits with several splits",
        "一行各单元格的数字连在一起，且有多种拆分都能使勾稽关系成立（或没有一种成立）：不猜测，列出各种可能，该行不读取",
        "“{target}”（第 {first} 行）的数字连写在一起，有 {count} 种拆分都使合计与勾稽关系成立，无法确定，"
        "未读取：{detail}",
        "'{target}' (line {first}): the digits of the cells run together and {count} splits satisfy the totals "
        "and relations, so it was not read: {detail}",
    ),
    Rule(
        "structure.stray_values",
        _W,
        "无法归属的数值",
        "Values without a row",
        "表格区域中出现了数值，但前面没有可识别的行标签",
        "第 {first}–{last} 行有 {count} 个数值无法对应到{table}的任何一行",
        "Lines {first}–{last}: {count} values could not be assigned to any row of {table}",
    ),
    Rule(
        "structure.duplicate",
        _W,
        "重复出现",
        "Printed twice",
        "同一张表或同一行在报告中出现了不止一次：取第一次出现的数据",
        "“{target}”在第 {first} 行再次出现，已取第一次出现的数据",
        "'{target}' appears again at line {first}; the first occurrence was used",
    ),
)

RULE_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def rule(rule_id: str) -> Rule:
    return RULE_BY_ID[rule_id]


# Where each family of rules comes from, by the id's prefix: the tables' relations are the
# national format's; the rest are what reading and comparing reports requires.
BASIS_ZH = {
    "t2": f"{_FORMAT_2021}表二的填写口径",
    "t3": f"{_FORMAT_2021}表三的勾稽关系",
    "t4": f"{_FORMAT_2021}表四的勾稽关系",
    "value": f"{_FORMAT_2021}的填写要求",
    "relation": "本程序：勾稽关系中的单元格缺失或未填写时的处理",
    "narrative": "同一报告内正文与统计表、正文各处应当一致",
    "source": "本程序：读取文件时发现",
    "cross": "同一机关相邻年度的报告应当衔接；不同机关的报告应当各自编写",
    "structure": f"{_FORMAT_2021}规定的表格、行和列",
    "template": f"{_FORMAT_2021}：2021年度起的报告按此格式编写",
    "parts": f"{_FORMAT_2021}规定的报告结构",
    "timeliness": "《中华人民共和国政府信息公开条例》第四十九条",
    "period": "报告的年度：标题、统计期限、结转年份和发布日期应当一致",
    "batch": "本程序：同一批次各机关的数字相互比较（统计上的离群值，只作提示）",
}
_HEADER = ["| 规则 id | 名称 | 级别 | 检查内容 | 依据 |", "|---|---|---|---|---|"]
_HEADER_EN = ["| rule id | name | severity | what it checks | basis |", "|---|---|---|---|---|"]
_SEVERITY_EN = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def basis_zh(r: Rule) -> str:
    """Where the rule comes from: its own source, else its family's basis."""
    return r.source[0] if r.source else BASIS_ZH[r.id.split(".", 1)[0]]


def checks(r: Rule, lang: str = "zh") -> str:
    """What the rule checks, in the language asked for."""
    from .catalogue_en import CHECKS_EN

    return CHECKS_EN[r.id] if lang == "en" else r.checks_zh


def basis(r: Rule, lang: str = "zh") -> str:
    from .catalogue_en import BASIS_EN

    if lang != "en":
        return basis_zh(r)
    return r.source[1] if r.source else BASIS_EN[r.id.split(".", 1)[0]]


def _row(r: Rule, lang: str = "zh") -> str:
    if lang == "en":
        return f"| `{r.id}` | {r.title_en} | {_SEVERITY_EN[r.severity]} | {checks(r, lang)} | {basis(r, lang)} |"
    return f"| `{r.id}` | {r.title_zh} ({r.title_en}) | {SEVERITY_ZH[r.severity]} | {r.checks_zh} | {basis_zh(r)} |"


def catalogue_markdown(lang: str = "zh") -> str:
    return "\n".join([*(_HEADER_EN if lang == "en" else _HEADER), *(_row(r, lang) for r in RULES)])


def rule_markdown(rule_id: str, lang: str = "zh") -> str:
    """One rule's entry: the header and its row of `catalogue_markdown(lang)`, word for word."""
    return "\n".join([*(_HEADER_EN if lang == "en" else _HEADER), _row(rule(rule_id), lang)])
