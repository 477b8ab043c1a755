"""The command line's own messages, in Chinese and English (`--lang zh|en`): one table, so a message
cannot be added in one language only (a test checks both have the same keys and fields)."""

from __future__ import annotations

ZH, EN = "zh", "en"

MESSAGES: dict[str, dict[str, str]] = {
    ZH: {
        "empty_folder": "提示：文件夹 {folder} 中没有可读取的报告文件（{suffixes}）",
        "no_files": "错误：没有找到要审核的文件",
        "auditing": "审核",
        "cross_checking": "跨报告核对",
        "progress": "{label} {bar} {done}/{total}（{rate} 份/秒）",
        "error": "错误：{message}",
        "warning": "警告：{message}",
        "export_memory": "错误：写出审核工作簿 {path} 超过了内存上限（{limit} MB），未写出，原有文件保持不变"
        "（可用 --memory-limit 调高上限，或分批导出）",
        "workbook_written": "审核工作簿已写入 {path}",
        "table_written": "数据汇总已写入 {path}",
        "table_no_target": "错误：请用 --csv OUT.csv 或 --xlsx OUT.xlsx 指定数据汇总写到哪里",
        "table_hints": "与同批次其他机关相差悬殊的数字：{count} 处（规则 batch.outlier，只作提示）",
        "cancelled": "已取消",
        "internal_error": "内部错误：{error}（详情见日志 {log}）",
        "separator": "、",
        "pack_ok": "评分规则包：{name}（满分 {full}；同类同年度至少 {n} 份才排名）",
        "pack_source": "依据：{source}",
        "pack_line": "  第 {line} 行：{item}（{rules}）每处扣 {points} 分{cap}",
        "pack_cap": "，每份报告至多扣 {cap} 分",
        "pack_line_source": "      来源：{source}",
    },
    EN: {
        "empty_folder": "Note: the folder {folder} holds no report file ({suffixes})",
        "no_files": "Error: no files to audit were found",
        "auditing": "Auditing",
        "cross_checking": "Checking across reports",
        "progress": "{label} {bar} {done}/{total} ({rate} files/s)",
        "error": "Error: {message}",
        "warning": "Warning: {message}",
        "export_memory": "Error: writing the audit workbook {path} went past the memory limit ({limit} MB); "
        "nothing was written and any earlier file is unchanged (raise it with --memory-limit, or export in parts)",
        "workbook_written": "Audit workbook written to {path}",
        "table_written": "Figures written to {path}",
        "table_no_target": "Error: say where the figures go with --csv OUT.csv or --xlsx OUT.xlsx",
        "table_hints": "Figures far from the rest of the batch: {count} (rule batch.outlier, hints only)",
        "cancelled": "Cancelled",
        "internal_error": "Internal error: {error} (details in the log {log})",
        "separator": ", ",
        "pack_ok": "Rule pack: {name} (full score {full}; ranked only in groups of at least {n} of a kind and year)",
        "pack_source": "Source: {source}",
        "pack_line": "  line {line}: {item} ({rules}) {points} per finding{cap}",
        "pack_cap": ", at most {cap} per report",
        "pack_line_source": "      source: {source}",
    },
}


def say(key: str, lang: str | None = ZH, **values: object) -> str:
    """The message `key` in `lang` ("en", else Chinese), its {fields} filled in."""
    return MESSAGES[EN if lang == EN else ZH][key].format(**values)
