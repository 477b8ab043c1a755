<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../auditapp/gui/about.py" line="33"/>
        <source>About auditapp</source>
        <translation>关于 auditapp</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/about.py" line="35"/>
        <source>Audits the tables of government information-disclosure annual reports.</source>
        <translation>审核政府信息公开工作年度报告的统计表。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/about.py" line="39"/>
        <source>Version {version}; Python {python}, Qt {qt}, PySide6 {pyside}</source>
        <translation>版本 {version}；Python {python}，Qt {qt}，PySide6 {pyside}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/about.py" line="46"/>
        <source>Library</source>
        <translation>库</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/about.py" line="46"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/about.py" line="46"/>
        <location filename="../../auditapp/gui/about.py" line="74"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/about.py" line="55"/>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/about.py" line="61"/>
        <source>The program includes these libraries, each under its own licence:</source>
        <translation>本程序包含以下库，各自按其许可证使用：</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/about.py" line="68"/>
        <source>auditapp is free software under the {licence} licence:</source>
        <translation>auditapp 是自由软件，按 {licence} 许可证发布：</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/about.py" line="73"/>
        <source>Libraries</source>
        <translation>所用的库</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../auditapp/gui/app.py" line="258"/>
        <source>Error</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/app.py" line="259"/>
        <source>The program hit an unexpected error. It has been logged; the window can still be used.</source>
        <translation>程序遇到意外错误，已记入日志，窗口可以继续使用。</translation>
    </message>
</context>
<context>
    <name>BatchModel</name>
    <message>
        <location filename="../../auditapp/gui/batch_model.py" line="116"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_model.py" line="117"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_model.py" line="118"/>
        <source>Agency</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_model.py" line="119"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_model.py" line="120"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_model.py" line="121"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_model.py" line="122"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_model.py" line="124"/>
        <source>Auditing…</source>
        <translation>正在审核…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_model.py" line="125"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>BatchPane</name>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="117"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="118"/>
        <source>Show every report</source>
        <translation>显示全部报告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="127"/>
        <source>Show the reports of this verdict (several can be chosen); click again to leave them out</source>
        <translation>显示此结论的报告（可多选）；再次点击则不再显示</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="136"/>
        <source>Filter by file name or agency</source>
        <translation>按文件名或单位筛选</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="165"/>
        <source>Remove from List</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="275"/>
        <source>Auditing {count}</source>
        <translation>审核中 {count}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="277"/>
        <source>Cancelled {count}</source>
        <translation>已取消 {count}</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../auditapp/gui/compare_view.py" line="98"/>
        <source>Compared with Last Year</source>
        <translation>与上年报告对照</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/compare_view.py" line="101"/>
        <source>{share} of this year&apos;s narrative repeats last year&apos;s; the repeated passages are highlighted.</source>
        <translation>本年度正文有 {share} 与上年度报告相同；重复的段落已高亮显示。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/compare_view.py" line="104"/>
        <source>{year}: {file}</source>
        <translation>{year}年度：{file}</translation>
    </message>
</context>
<context>
    <name>CoverageDialog</name>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="251"/>
        <source>Coverage</source>
        <translation>覆盖情况</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="262"/>
        <source>The list {name} names {n} bodies: {m} with a report, {k} without; {u} report(s) of no listed body.</source>
        <translation>名单 {name} 共 {n} 个单位：{m} 个有报告，{k} 个未见报告；另有 {u} 份报告不在名单中。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="269"/>
        <source>no report</source>
        <translation>未见报告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="272"/>
        <source>name fits several</source>
        <translation>名称对应不唯一，未核对</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="275"/>
        <source>not in the list</source>
        <translation>不在名单中</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="275"/>
        <source>(not found)</source>
        <translation>（未识别）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="278"/>
        <source>has a report</source>
        <translation>有报告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="282"/>
        <source>Status</source>
        <translation>情况</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="282"/>
        <source>Body (list)</source>
        <translation>单位（名单）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="282"/>
        <source>List line</source>
        <translation>名单行号</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="282"/>
        <source>Report</source>
        <translation>报告文件</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="282"/>
        <source>Body named</source>
        <translation>报告中的机关名称</translation>
    </message>
</context>
<context>
    <name>FiguresMixin</name>
    <message>
        <location filename="../../auditapp/gui/window_figures.py" line="26"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_figures.py" line="28"/>
        <source>Batch Figures</source>
        <translation>数据汇总</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_figures.py" line="29"/>
        <source>Every report&apos;s figures in one table, and the batch&apos;s sums (Ctrl+T)</source>
        <translation>全部报告的数字汇总成一张表，以及整批的合计（Ctrl+T）</translation>
    </message>
</context>
<context>
    <name>FiguresPane</name>
    <message>
        <location filename="../../auditapp/gui/figures_pane.py" line="33"/>
        <source>The figures of every report open, one row each. Click a header to sort; double-click a figure (or press Enter) to open that report on that cell. Coloured: cells with findings; blank: not filled in or not found (not 0).</source>
        <translation>已打开的每份报告一行，列出其全部数字。点击列标题排序；双击某个数字（或按回车）即打开该报告并定位到该单元格。标色：有审核发现的单元格；空白：报告未填写或未找到（不等于 0）。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/figures_pane.py" line="76"/>
        <source>{total}: {figures}</source>
        <translation>{total}：{figures}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/figures_pane.py" line="78"/>
        <source>{count} figures far from the rest of the batch (hints)</source>
        <translation>与同批次其他机关相差悬殊的数字 {count} 处（提示）</translation>
    </message>
</context>
<context>
    <name>FilesMixin</name>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="20"/>
        <source>audit-review.json</source>
        <translation>审核复核记录.json</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="22"/>
        <source>Save Review</source>
        <translation>保存复核记录</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="22"/>
        <source>Review records (*.json)</source>
        <translation>复核记录 (*.json)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="29"/>
        <source>Cannot Save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="30"/>
        <source>{path} is a report that is open: choose another file</source>
        <translation>{path} 是已打开的报告，请另选文件</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="52"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="52"/>
        <source>There are no audit results to export yet.</source>
        <translation>还没有可以导出的审核结果。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="55"/>
        <source>-audit.xlsx</source>
        <translation>-审核.xlsx</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="57"/>
        <source>audit-results.xlsx</source>
        <translation>审核结果.xlsx</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="59"/>
        <source>Export Audit Workbook</source>
        <translation>导出审核工作簿</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="59"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="82"/>
        <location filename="../../auditapp/gui/window_files.py" line="89"/>
        <source>Cannot Export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="86"/>
        <source>Writing the workbook went past the memory limit ({limit} MB): nothing was written, and any earlier file is unchanged. Export fewer reports at a time.</source>
        <translation>写出审核工作簿超过了内存上限（{limit} MB），未写出，原有文件保持不变。请分批导出。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="91"/>
        <source>Audit workbook written to {path}</source>
        <translation>审核工作簿已写入 {path}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="99"/>
        <source>Open Reports</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="101"/>
        <source>Reports ({patterns});;All files (*)</source>
        <translation>报告文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_files.py" line="109"/>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../auditapp/gui/report_view.py" line="65"/>
        <source>Find in the source</source>
        <translation>在原文中查找</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/report_view.py" line="72"/>
        <source>Next (Enter)</source>
        <translation>下一个（Enter）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/report_view.py" line="72"/>
        <source>Previous (Shift+Enter)</source>
        <translation>上一个（Shift+Enter）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/report_view.py" line="81"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/report_view.py" line="102"/>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../auditapp/gui/models.py" line="299"/>
        <source>Line {line} ({where})</source>
        <translation>第 {line} 行（{where}）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="300"/>
        <source>Line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="312"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="313"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="314"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="315"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="316"/>
        <source>Review</source>
        <translation>复核</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="317"/>
        <source>Review Comment</source>
        <translation>复核意见</translation>
    </message>
</context>
<context>
    <name>FindingsPane</name>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="113"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="122"/>
        <source>Findings:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="131"/>
        <source>Select a finding to read it whole here.</source>
        <translation>选中一个问题，在此阅读全文。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="196"/>
        <source>{tip} ({shortcut})</source>
        <translation>{tip}（{shortcut}）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="181"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="181"/>
        <source>Confirm the selected finding</source>
        <translation>确认所选问题</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="183"/>
        <source>Dismiss</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="185"/>
        <source>Dismiss the selected finding: it counts for nothing</source>
        <translation>驳回所选问题：不再计入结论</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="188"/>
        <source>Comment…</source>
        <translation>意见…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="188"/>
        <source>Write a comment on the selected finding</source>
        <translation>为所选问题填写复核意见</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="189"/>
        <source>Next Finding</source>
        <translation>下一个问题</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="189"/>
        <source>Go to the next finding</source>
        <translation>转到下一个问题</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="190"/>
        <source>Previous Finding</source>
        <translation>上一个问题</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="190"/>
        <source>Go to the previous finding</source>
        <translation>转到上一个问题</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="191"/>
        <source>Rule…</source>
        <translation>规则说明…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="191"/>
        <source>What the rule checks, and its basis</source>
        <translation>此问题的规则检查什么、依据是什么</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="202"/>
        <source>Compare with Last Year…</source>
        <translation>与上年对照…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="204"/>
        <source>Show this report beside last year&apos;s, the repeated passages highlighted</source>
        <translation>把本报告与上年度报告并排显示，重复的段落高亮</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="259"/>
        <location filename="../../auditapp/gui/findings_pane.py" line="403"/>
        <source>Not audited</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="262"/>
        <source>Errors {errors}   Warnings {warnings}   Info {info}</source>
        <translation>错误 {errors}&#x3000;警告 {warnings}&#x3000;提示 {info}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="266"/>
        <source>   Dismissed {dismissed}</source>
        <translation>&#x3000;已驳回 {dismissed}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="275"/>
        <source>Not audited: the file could not be read.</source>
        <translation>未审核：无法读取此文件。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="275"/>
        <source>Not audited yet.</source>
        <translation>尚未审核。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="277"/>
        <source>No findings: every check passed.</source>
        <translation>未发现问题：各项检查均已通过。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="279"/>
        <source>No findings of this severity.</source>
        <translation>没有这一级别的问题。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="378"/>
        <source>Review Comment</source>
        <translation>复核意见</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="378"/>
        <source>Comment on this finding:</source>
        <translation>对此问题的意见：</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/findings_pane.py" line="402"/>
        <source>The file has not been audited yet.</source>
        <translation>此文件尚未审核。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/finding_detail.py" line="34"/>
        <source>Review: {state}</source>
        <translation>复核：{state}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/finding_detail.py" line="37"/>
        <source>Comment: {comment}</source>
        <translation>意见：{comment}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/finding_detail.py" line="43"/>
        <source>Expected {expected}   Actual {actual}   Difference {difference}</source>
        <translation>应为 {expected}&#x3000;实为 {actual}&#x3000;相差 {difference}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/finding_detail.py" line="52"/>
        <source>Suspect: {cell}, now {value}</source>
        <translation>可疑单元格：{cell}，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/finding_detail.py" line="57"/>
        <source>Suggested: change to {value}</source>
        <translation>建议改为 {value}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/finding_detail.py" line="62"/>
        <source>The other report: {file}</source>
        <translation>另一份报告：{file}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/finding_detail.py" line="66"/>
        <source>The rule checks: {checks}</source>
        <translation>规则检查：{checks}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/finding_detail.py" line="89"/>
        <source>Line {line} ({where}): {text}</source>
        <translation>第 {line} 行（{where}）：{text}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/finding_detail.py" line="94"/>
        <source>Line {line}: {text}</source>
        <translation>第 {line} 行：{text}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/finding_detail.py" line="97"/>
        <source>… and {count} more lines</source>
        <translation>……另有 {count} 行</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../../auditapp/gui/help.py" line="79"/>
        <source>The user guide is not installed with this copy of the program.</source>
        <translation>本程序的这份副本没有附带使用说明。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/help.py" line="90"/>
        <source>User Guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/help.py" line="133"/>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/help.py" line="134"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/help.py" line="135"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/help.py" line="145"/>
        <source>Keyboard Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/help.py" line="161"/>
        <source>Rule: {rule}</source>
        <translation>规则说明：{rule}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../auditapp/gui/loader.py" line="113"/>
        <source>Internal error: {error}</source>
        <translation>内部错误：{error}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="103"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="115"/>
        <source>Recovered {count} review decisions and corrections not saved when the program last closed</source>
        <translation>已恢复上次关闭程序时未保存的 {count} 条复核意见和更正</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="138"/>
        <source>Government Information Disclosure Annual Report Audit</source>
        <translation>政府信息公开年度报告审核</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="67"/>
        <source>Review Records</source>
        <translation>复核记录</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="181"/>
        <source>Compare with Last Year</source>
        <translation>与上年对照</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="181"/>
        <source>Last year&apos;s report is no longer open.</source>
        <translation>上年度报告已不在打开的报告中。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="187"/>
        <source>Review work not saved: {error}</source>
        <translation>复核结论未能自动保存：{error}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="198"/>
        <source>“{text}” is not a count: nothing was changed</source>
        <translation>“{text}”不是件数，未做更改</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="208"/>
        <source>Correct a Value</source>
        <translation>更正数值</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="209"/>
        <source>{cell}: why is the value read from the report wrong?</source>
        <translation>{cell}：从报告中读取的数值为什么有误？（更正理由）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="214"/>
        <source>Correct {cell}</source>
        <translation>更正{cell}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="218"/>
        <source>Take back the correction</source>
        <translation>撤回更正</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="265"/>
        <source>Folders Not Read</source>
        <translation>未能读取的文件夹</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="267"/>
        <source>No report files found there</source>
        <translation>那里没有可读取的报告文件</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="277"/>
        <source>Already open: {name}</source>
        <translation>已经打开：{name}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="374"/>
        <source>{count} reports removed from the list</source>
        <translation>已从列表中移除 {count} 份报告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="399"/>
        <source>{path}: {error}</source>
        <translation>{path}：{error}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="406"/>
        <source>{path}   {agency} {year}   Encoding {encoding}   Format {format}   Template {template}   {verdict}</source>
        <translation>{path}&#x3000;{agency} {year}&#x3000;编码 {encoding}&#x3000;格式 {format}&#x3000;模板 {template}&#x3000;{verdict}</translation>
    </message>
</context>
<context>
    <name>MenusMixin</name>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="46"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="47"/>
        <source>&amp;Open Reports…</source>
        <translation>打开报告(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="48"/>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="49"/>
        <source>&amp;Recent Files</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="53"/>
        <source>Export This &amp;Report&apos;s Audit Workbook…</source>
        <translation>导出本报告的审核工作簿(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="56"/>
        <source>&amp;Export All Audit Workbooks…</source>
        <translation>导出全部审核工作簿(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="60"/>
        <source>&amp;Save Review…</source>
        <translation>保存复核记录(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="64"/>
        <source>Re&amp;move Selected Report from List</source>
        <translation>从列表中移除所选报告(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="67"/>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="70"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="71"/>
        <source>&amp;Undo Correction</source>
        <translation>撤销更正(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="73"/>
        <source>&amp;Redo Correction</source>
        <translation>重做更正(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="79"/>
        <source>&amp;Find in Source</source>
        <translation>在原文中查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="82"/>
        <source>&amp;Audit</source>
        <translation>审核(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="88"/>
        <source>Next Report</source>
        <translation>下一份报告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="89"/>
        <source>Previous Report</source>
        <translation>上一份报告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="91"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="92"/>
        <source>&amp;Batch Figures</source>
        <translation>数据汇总(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="94"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="107"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="109"/>
        <source>&amp;User Guide</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="112"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="114"/>
        <source>&amp;About auditapp</source>
        <translation>关于 auditapp(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/window_menus.py" line="146"/>
        <source>The language will change the next time the program starts.</source>
        <translation>界面语言将在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <location filename="../../auditapp/gui/models.py" line="167"/>
        <source>(missing)</source>
        <translation>（缺）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="168"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="194"/>
        <source>Source line {line} ({where}): “{text}”</source>
        <translation>原文第 {line} 行（{where}）：“{text}”</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="199"/>
        <source>Source line {line}: “{text}”</source>
        <translation>原文第 {line} 行：“{text}”</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="204"/>
        <source>[{severity}] {rule}: {message}</source>
        <translation>[{severity}] {rule}：{message}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="214"/>
        <source>(blank)</source>
        <translation>（空白）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="216"/>
        <source>Corrected by the inspector: not read, entered as {new}</source>
        <translation>审核人员更正：原未读取，填入 {new}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="218"/>
        <source>Corrected by the inspector: read “{old}” on line {line}, now {new}</source>
        <translation>审核人员更正：原读取为“{old}”（第 {line} 行），改为 {new}</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../auditapp/gui/report_view.py" line="124"/>
        <source>Open reports (Ctrl+O) or a folder (Ctrl+Shift+O), or drop files and folders on the window.</source>
        <translation>打开报告（Ctrl+O）或文件夹（Ctrl+Shift+O），也可以把文件和文件夹拖到窗口上。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/report_view.py" line="161"/>
        <source>Notes on reading this file:</source>
        <translation>读取说明：</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/report_view.py" line="183"/>
        <source>{table} {title}</source>
        <translation>{table} {title}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/report_view.py" line="224"/>
        <source>Correct This Value… (F2)</source>
        <translation>更正此数值…（F2）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/report_view.py" line="226"/>
        <source>Take Back the Correction of This Cell</source>
        <translation>撤回此单元格的更正</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="153"/>
        <source>Confirmed</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="154"/>
        <source>Dismissed</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="156"/>
        <source>Not reviewed</source>
        <translation>未复核</translation>
    </message>
</context>
<context>
    <name>ScoresDialog</name>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="147"/>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="156"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="156"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="156"/>
        <source>Body</source>
        <translation>机关</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="156"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="156"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="156"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="169"/>
        <source>&amp;Refresh</source>
        <translation>重新评分(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="187"/>
        <source>Rule pack: {name} (full score {full}). Source: {source}</source>
        <translation>评分规则包：{name}（满分 {full}）。依据：{source}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="195"/>
        <source>not scored</source>
        <translation>不评分</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="199"/>
        <source>not ranked</source>
        <translation>不排名</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="214"/>
        <source>{name}: score {score}</source>
        <translation>{name}：得分 {score}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="216"/>
        <source>The file could not be read: it is not scored.</source>
        <translation>文件无法读取，不评分。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="219"/>
        <source>−{points}  {item}: {rules} ×{count} (findings {numbers}){capped}</source>
        <translation>−{points}  {item}：{rules} {count} 处（问题 {numbers}）{capped}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="225"/>
        <source>, capped</source>
        <translation>，已封顶</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="229"/>
        <source>No deduction.</source>
        <translation>无扣分。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="231"/>
        <source>{n} dismissed finding(s) deduct nothing.</source>
        <translation>已驳回 {n} 处问题，不扣分。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="236"/>
        <source>Ranking (one kind of body and year, at least {n} reports):</source>
        <translation>排名（同类机关、同一年度，至少 {n} 份才排名）：</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="238"/>
        <source>ranked</source>
        <translation>已排名</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="240"/>
        <source>  {label}: {n} report(s), {what}</source>
        <translation>  {label}：{n} 份，{what}</translation>
    </message>
</context>
<context>
    <name>Scoring</name>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="47"/>
        <source>&amp;Scores</source>
        <translation>评分(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="49"/>
        <source>Score by the &amp;Built-in Rule Pack</source>
        <translation>按程序自带的评分规则包评分(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="51"/>
        <source>Choose &amp;Rule Pack…</source>
        <translation>选择评分规则包(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="53"/>
        <source>Show &amp;Scores…</source>
        <translation>查看评分(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="54"/>
        <source>&amp;Coverage of a List of Bodies…</source>
        <translation>按应报送单位名单核对覆盖情况(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="73"/>
        <source>not scored</source>
        <translation>不评分</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="75"/>
        <source>Score {score}/{full}</source>
        <translation>得分 {score}/{full}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="90"/>
        <source>Rule Pack Refused</source>
        <translation>评分规则包有误</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="94"/>
        <source>Scoring by: {name}</source>
        <translation>评分规则包：{name}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="100"/>
        <source>Choose Rule Pack</source>
        <translation>选择评分规则包</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="100"/>
        <source>Rule packs (*.toml);;All files (*)</source>
        <translation>评分规则包 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="124"/>
        <source>Choose the List of Bodies</source>
        <translation>选择应报送单位名单</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="126"/>
        <source>Lists of bodies (*.txt *.xlsx);;All files (*)</source>
        <translation>单位名单 (*.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/scoring.py" line="133"/>
        <source>Cannot Read the List</source>
        <translation>无法读取名单</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="144"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="145"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="146"/>
        <source>Info</source>
        <translation>提示</translation>
    </message>
</context>
</TS>
