"""The words in which a report's narrative restates its tables: keywords, units, fillers, contexts.

Pure data for rules/narrative.py. Every pattern is linear: alternations of literals, bounded
classes, no nested unbounded quantifiers. Lines are translated 1:1 (full-width digits, ％, ．
and the ideographic space to ASCII) before matching, so every offset is an offset in the source.
"""

from __future__ import annotations

import re

FULLWIDTH = str.maketrans("０１２３４５６７８９％．\u3000", "0123456789%. ")
HAS_FULLWIDTH = re.compile("[０-９％．\u3000]")

# A figure: a number (thousands separators, decimals) and the unit it counts in.
FIGURE = re.compile(
    r"(?<![\d.])(\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.(\d{1,6}))?[ \t]{0,3}(万元|人次|件|项|个|条|宗|份|元|%)"
)
DIGIT = re.compile(r"\d")  # found much faster than a FIGURE, which needs one
APPROX_BEFORE = re.compile(r"(?:近|约|逾|超过|多于|不少于|不足|大约|将近|上下)\s*$")
APPROX_AFTER = ("余", "多", "以上", "左右", "上下", "以下")

CLAUSE_SEPARATORS = frozenset("，,；;：:。！？!?、（）()")
SEPARATOR = re.compile("[" + "".join(sorted(CLAUSE_SEPARATORS)) + "]")
SENTENCE_ENDS = frozenset("。！？!?")
ENUMERATION = re.compile(r"[\s“”\"'‘’]*(?:、|和|及|与|或|以及)[\s“”\"'‘’]*")

# Keywords, one named group per kind. Where two can start at the same character the more
# specific comes first (答复率 before 答复); the leftmost match wins otherwise (其他处理, 不予处理
# are found before the 处理 inside them).
_KEYWORD_GROUPS: tuple[tuple[str, str], ...] = (
    # words that label a figure as something the tables do not hold
    ("rate", r"(?:答复|办结|回复|公开|满意|解读|按时|按期|完成|更新|覆盖|转化|准确)率"),
    ("change", r"较上一?年度?|同比|环比|增加|减少|增长|下降|上升|持平"),
    ("fees_processing", r"信息处理费"),
    ("blocker", r"诉求|热线|留言|信访|咨询|来信|来电|建议|提案|投诉|举报|人次|办件"),
    # "经复议维持原答复1件": the answer under review, not applications answered (and, left
    # alone, not a count of reviews upheld either); before "upheld" so that it wins at 维持
    ("prior", r"维持原(?:答复|处理决定|决定|具体行政行为|行政行为)|原答复|原处理决定|原决定|原行政行为"),
    # "因申请人撤回申请不再处理4件": withdrawn, not applications dealt with
    ("withdrawn", r"撤回|不再(?:处理|办理|答复)|终止(?:处理|办理)"),
    # table 3
    ("new", r"本年度?新收到?|新收到?|新受理|新接收|新增"),
    ("carried_over", r"上一?年度?结转|结转上一?年度?|去年结转"),
    # "继续办理" belongs to the carrying forward, not to 办理 (applications dealt with)
    (
        "carried_forward",
        r"(?:结转(?:至|到|入)?|顺延(?:至|到|入)?|转(?:入|至|到)?)(?:下一?年度?|明年|次年)(?:继续)?(?:办理|处理|答复){0,2}",
    ),
    ("carry_year", r"结转(?:至|到|入)?20\d\d年度?(?:继续)?(?:办理|处理|答复)?"),
    ("handled", r"办结|办理完毕|处理完毕|答复完毕|答复"),
    ("received", r"受理|收到|接收|接到"),
    # (a result's keyword takes the 答复 after it: "同意公开答复 9 件" is granted, not answered)
    # "予以公开及部分公开258件": the two results together (a sum of two rows), before either alone
    ("granted_partial", r"(?:予以公开|全部公开)(?:及|和|与|、|或)(?:予以)?部分公开"),
    ("granted", r"(?:予以公开|同意公开|全部公开)(?:答复)?"),
    ("partial", r"(?:部分予以公开|予以部分公开|部分公开)(?:答复)?"),
    ("denied", r"不予以?公开(?:答复)?"),
    ("unable", r"无法提供"),
    ("rejected", r"不予处理"),
    ("other", r"其他处理|其它处理"),
    # table 4
    ("review", r"行政复议"),
    ("suit", r"行政诉讼"),
    ("upheld", r"结果维持|维持"),
    ("corrected", r"结果纠正|纠正|纠错"),
    ("other_result", r"其他结果|其它结果"),
    ("pending", r"尚未审结|未审结|正在审理|审理中"),
    # table 2
    ("normative", r"(?:行政)?规范性文件"),
    ("regulations", r"(?:政府)?规章(?!制度)"),  # 规章制度: internal rules, not 规章
    ("in_force", r"现行有效"),
    ("repealed", r"废止"),
    ("licensing", r"行政许可(?:处理决定|决定)?"),
    ("penalty", r"行政处罚(?:处理决定|决定)?"),
    ("coercion", r"行政强制(?:处理决定|决定)?"),
    ("fees_admin", r"行政事业性收费"),
    ("processed", r"处理|办理"),
    # where something was received or published: labels of the narrative's own lists
    (
        "channel",
        r"政务服务网|门户网站|网站|门户|微博|微信|公众号|新媒体|客户端|APP|App|抖音|头条|视频号|报纸|报刊"
        r"|电视|广播|公告栏|公示栏|信函|邮寄|电子邮件|邮件|传真|当面|现场|窗口|网络|在线|网上|电话",
    ),
)


def _split_top(pattern: str) -> list[str]:
    """The alternatives of a pattern at its top level."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def _first_chars(pattern: str) -> set[str]:
    """The characters a match can start with, for the literal-and-group patterns above."""
    chars: set[str] = set()
    for alt in _split_top(pattern):
        while alt.startswith("(?:"):
            depth, close = 0, 0
            for i, ch in enumerate(alt):
                depth += ch == "("
                depth -= ch == ")"
                if depth == 0:
                    close = i
                    break
            chars |= _first_chars(alt[3:close])
            if not alt.startswith("?", close + 1):
                break
            alt = alt[close + 2 :]
        else:
            if alt:
                chars.add(alt[0])
    return chars


# The lookahead lets the engine pass over the many characters no keyword starts with.
KEYWORDS = re.compile(
    "(?=["
    + "".join(sorted(set().union(*(_first_chars(p) for _, p in _KEYWORD_GROUPS))))
    + "])(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _KEYWORD_GROUPS)
    + ")"
)

# What may stand between a keyword and its figure ("共处理政府信息公开申请件814件", "“予以公开”3件").
# A gap is accepted when deleting these leaves nothing.
FILL_T3 = re.compile(
    r"政府信息公开|依申请公开|信息公开|公开|申请|事项|件数|数量|总数|总量|共计|合计|总计|累计"
    r"|共|计|为|了|的|达|有|是|各类|件|[\s“”\"'‘’「」]"
)
FILL_T4 = re.compile(r"案件|案例|申请|案|件|共计|合计|共|计|为|了|的|达|有|是|[\s“”\"'‘’「」]")
FILL_T2 = re.compile(r"件数|数量|共计|合计|共|计|为|了|的|达|有|是|[\s“”\"'‘’「」]")
FILL_DECISIONS = re.compile(FILL_T2.pattern + "|事项")  # 办理行政许可事项 X 件 (narrative_table2.py)
FILL_FEES = re.compile(r"金额|总额|收费|共计|合计|共|计|为|了|的|达|[\s“”\"'‘’「」]")
# Between a figure and a keyword after it ("764件已办结", "71 项已在法定期限内予以答复", "1件为上年结转").
FILL_AFTER = re.compile(
    r"在法定期限内|在规定期限内|在规定时限内|在法定时限内|在规定时间内|依法|按时|按期|全部|予以|已|均|都|为|系|是"
    r"|属于|属|的|申请|[\s“”\"'‘’「」]"
)
GAP_LIMIT = 20

# Contexts.
INFO_APPLY = re.compile(r"信息公开|依申请|公开申请")
APPLY_PARAGRAPH = re.compile(r"依申请|公开申请")
BLOCK_TOPIC = re.compile(
    r"诉求|热线|留言|信访|咨询|来信|来电|建议|提案|投诉|政务服务|审批|办件|服务中心|大厅|许可|人次"
)
BLOCK_T4 = re.compile(r"复议机关|办理行政复议|受理行政复议|行政应诉|出庭")
ISSUE_VERBS = re.compile(r"制发|印发|发布|出台|制定|公开|发文")
NORMATIVE_EXCLUDE = re.compile(
    r"废止|清理|现行|有效|解读|备案|审查|审核|修订|修改|征求|评估|转发|报送|失效|起草|合法性|宣传|梳理|累计|历年|库"
)
# Not the fees collected: "全年共减免行政事业性收费200万元", "退还…", "免收…".
FEES_EXCLUDE = re.compile(
    r"减免|减征|免征|免收|免除|免于|退还|退费|返还|减少|降低|取消|停征|缓征|减收|降费|让利|惠企|清退|涉企|优惠"
)
DECISION_EXCLUDE = re.compile(r"事项|清单|目录|权力|申请|复议|诉讼|累计|历年|同比|增长|减少|下降|听证|案件|信息")
# A list whose labels say it is a selection, not a partition ("主要涉及…类40件").
PARTIAL_LIST = re.compile(r"主要|涉及|类|方面|关于|有关|等")
# A clause after a list that says the list left some out ("…，其余通过信函提交").
REMAINDER = re.compile(r"\s*(?:其余|其他|其它|剩余|余下|另有|另外|此外|以及)")
CHANGE_OR_RATE = re.compile(r"增加|减少|增长|下降|上升|持平|同比|环比|率")
TOTAL_WORDS = re.compile(r"共|合计|总计|累计|全年|主动公开")

# "无行政复议、行政诉讼", "未产生因信息公开引发的行政复议、行政诉讼案件".
NONE_T4 = re.compile(
    r"(?:无|未(?:发生|产生|出现|收到|引发|涉及)|没有(?:发生|产生|出现)?)"
    r"[^，,。；;！!？?\d]{0,24}?"
    r"(?P<what>行政复议(?:[、和及与或]行政诉讼)?|行政诉讼(?:[、和及与或]行政复议)?)"
)
NONE_T4_EXCLUDE = re.compile(r"纠正|纠错|维持|败诉|撤销|违法|被诉")
# "本年度未收取信息处理费", "信息处理费0元".
FEES_NONE = re.compile(r"(?:未|没有|不)收取?(?:任何)?(?:政府信息公开)?信息处理费|信息处理费(?:为|收取)?0(?:\.0+)?元")
# "本年度未收到政府信息公开申请": no new application.
NONE_T3 = re.compile(r"(?:未|没有)(?:收到|受理|接到)(?:任何)?(?:政府信息公开|依申请公开)(?:申请|事项)")

# Whose year and whose office a figure is about (F1). A figure is checked only when what stands
# before it in its sentence (or in the sentence a "其中…" sentence continues) leaves it the
# report's own year and the body itself.
#   own: the report's year said again (全年, 本年度, 今年以来, 2023年 when the report is 2023's);
#   year / fy1, fy2 / ey: a year, decided against the report's year (1月1日至12月31日 and 截至12月31日
#     are the whole year when their years are the report's);
#   prior: another year said in words (上年度, 去年, 前年), not 上年结转 nor comparisons (较上年);
#   since: a span (自2019年以来, 自…起, 至今);
#   cumul: 累计, a span unless the sentence already named the report's year (全年累计);
#   part: a month, a quarter, half a year (11月份, 一季度, 上半年).
# Comparisons (较2022年, 比2022年, 与2022年相比) set no scope.
_Y = r"(?:19|20)\d{2}"
TIME_MARKERS = re.compile(
    rf"(?P<full>(?:(?:自|从)\s*)?(?:(?P<fy1>{_Y})\s*年\s*)?(?<![\d.])(?:1|一)\s*(?:月\s*(?:(?:1\s*日|份)\s*)?)?(?:起\s*)?"
    rf"(?:至|到|-|—|－|~|～)\s*(?:(?P<fy2>{_Y})\s*年\s*)?(?:12|十二)\s*月(?:\s*31\s*日|份|底)?\s*(?:止)?)"
    rf"|(?P<end>(?:截至|截止(?:到|至)?)\s*(?:(?P<ey>{_Y})\s*年\s*(?:度\s*)?)?(?:12\s*月\s*31\s*日|12\s*月底|年底|年末))"
    r"|(?P<since>(?:自|从)[^，,。；;：:！？!?]{1,16}?(?:起|以来|开始)|以来|年来|历年|至今|迄今|截至目前|截止目前|目前为止)"
    r"|(?P<own>(?:全年|本年度?|今年|年内|当年|年度内)(?:以来)?)"
    rf"|(?<![较比与同之\d])(?P<year>{_Y})\s*年\s*度?(?:以来)?"
    r"|(?<![较比与同之])(?P<prior>(?:上一?年度?|去年|前年)(?!度?结转|同期|相比))"
    r"|(?P<cumul>累计)"
    r"|(?P<part>(?<![\d.])(?:1[0-2]|0?[1-9])\s*月份?|(?:十[一二]?|[一二三四五六七八九])月份|季度|上半年|下半年|半年)"
)
# A sub-unit as the subject: "区政府办公室受理12件", "区市场监管局全年作出行政处罚决定120件",
# "以区政府办公室名义印发…". The body itself (我局, 本单位, 全区各部门, or the body's own
# name) is not one.
SUBUNIT = re.compile(
    r"(?P<name>以[^，,。；;：:！？!?]{1,16}?名义)"
    r"|(?P<unit>[\u4e00-\u9fff]{0,12}?(?P<suffix>办公室|办事处|分局|局|街道|镇|乡|部门|委员会)(?:人民政府|政府|办事处)?)"
    r"(?=(?:全年|本年度?|今年|年内|共计?|合计|累计|已|依法|均|都|\s){0,6}"
    r"(?:受理|收到|接收|接到|作出|做出|印发|制发|出台|制定|发布|办结|答复|处理|办理|新收|实施|公开|被申请|被提起"
    r"|行政处罚|行政许可|行政强制|规范性文件|依申请))"
)
SUBUNIT_RESET = re.compile(
    r"全区|全市|全县|全旗|全州|全省|全镇|全乡|全街|我区|我市|我县|本区|本市|本县|本机关|本级|我局|本局|我委|本委|我办|本办"
    r"|我单位|本单位"
)
