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
        <location filename="../../auditapp/gui/app.py" line="204"/>
        <source>Error</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/app.py" line="205"/>
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
        <location filename="../../auditapp/gui/batch_pane.py" line="115"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="116"/>
        <source>Show every report</source>
        <translation>显示全部报告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="125"/>
        <source>Show the reports of this verdict (several can be chosen); click again to leave them out</source>
        <translation>显示此结论的报告（可多选）；再次点击则不再显示</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="134"/>
        <source>Filter by file name or agency</source>
        <translation>按文件名或单位筛选</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="163"/>
        <source>Remove from List</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="260"/>
        <source>Auditing {count}</source>
        <translation>审核中 {count}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/batch_pane.py" line="262"/>
        <source>Cancelled {count}</source>
        <translation>已取消 {count}</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../auditapp/gui/models.py" line="257"/>
        <source>Line {line} ({where})</source>
        <translation>第 {line} 行（{where}）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="258"/>
        <source>Line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="270"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="271"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="272"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="273"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="274"/>
        <source>Review</source>
        <translation>复核</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="275"/>
        <source>Review Comment</source>
        <translation>复核意见</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="172"/>
        <source>Internal error: {error}</source>
        <translation>内部错误：{error}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="194"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="195"/>
        <source>Partly read</source>
        <translation>部分解析</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="196"/>
        <source>Unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="203"/>
        <source>Errors</source>
        <translation>有错误</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="205"/>
        <source>Warnings</source>
        <translation>有警告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="211"/>
        <source>[{verdict}] {name}</source>
        <translation>【{verdict}】{name}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="224"/>
        <source>Auditing…</source>
        <translation>正在审核…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="225"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="258"/>
        <source>Open reports (Ctrl+O) or a folder (Ctrl+Shift+O), or drop files and folders on the window.</source>
        <translation>打开报告（Ctrl+O）或文件夹（Ctrl+Shift+O），也可以把文件和文件夹拖到窗口上。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="274"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="283"/>
        <source>Findings:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="287"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="288"/>
        <source>Dismiss</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="289"/>
        <source>Comment…</source>
        <translation>意见…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="331"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="354"/>
        <source>Government Information Disclosure Annual Report Audit</source>
        <translation>政府信息公开年度报告审核</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="377"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="378"/>
        <source>&amp;Open Reports…</source>
        <translation>打开报告(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="380"/>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="383"/>
        <source>&amp;Recent Files</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="386"/>
        <source>Export This &amp;Report&apos;s Audit Workbook…</source>
        <translation>导出本报告的审核工作簿(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="388"/>
        <source>&amp;Export All Audit Workbooks…</source>
        <translation>导出全部审核工作簿(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="392"/>
        <source>&amp;Save Review…</source>
        <translation>保存复核记录(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="395"/>
        <source>&amp;Find in Source…</source>
        <translation>在原文中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="397"/>
        <source>&amp;Audit</source>
        <translation>审核(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="399"/>
        <source>Next Finding</source>
        <translation>下一个问题</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="399"/>
        <source>Previous Finding</source>
        <translation>上一个问题</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="403"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="404"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="414"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="415"/>
        <source>&amp;About auditapp</source>
        <translation>关于 auditapp(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="431"/>
        <source>The language will change the next time the program starts.</source>
        <translation>界面语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="444"/>
        <source>Select a finding in the list first</source>
        <translation>请先在问题列表中选中一个问题</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="462"/>
        <source>Review Comment</source>
        <translation>复核意见</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="462"/>
        <source>Comment:</source>
        <translation>意见：</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="472"/>
        <source>audit-review.json</source>
        <translation>审核复核记录.json</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="474"/>
        <source>Save Review</source>
        <translation>保存复核记录</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="474"/>
        <source>Review records (*.json)</source>
        <translation>复核记录 (*.json)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="481"/>
        <source>Cannot Save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="495"/>
        <location filename="../../auditapp/gui/main_window.py" line="502"/>
        <source>Review Records</source>
        <translation>复核记录</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="508"/>
        <source>Recovered {count} review decisions not saved to a review file when the program last closed</source>
        <translation>已恢复上次关闭程序时尚未保存到复核记录文件的 {count} 条复核结论</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="514"/>
        <source>Review work not saved: {error}</source>
        <translation>复核结论未能自动保存：{error}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="537"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="537"/>
        <source>There are no audit results to export yet.</source>
        <translation>还没有可以导出的审核结果。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="540"/>
        <source>-audit.xlsx</source>
        <translation>-审核.xlsx</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="542"/>
        <source>audit-results.xlsx</source>
        <translation>审核结果.xlsx</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="544"/>
        <source>Export Audit Workbook</source>
        <translation>导出审核工作簿</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="544"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="553"/>
        <source>Cannot Export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="555"/>
        <source>Audit workbook written to {path}</source>
        <translation>审核工作簿已写入 {path}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="563"/>
        <source>Open Reports</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="565"/>
        <source>Reports ({patterns});;All files (*)</source>
        <translation>报告文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="573"/>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="578"/>
        <source>Find in Source</source>
        <translation>在原文中查找</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="578"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="582"/>
        <source>“{text}” is not in the source</source>
        <translation>原文中没有“{text}”</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="615"/>
        <source>… {name}</source>
        <translation>…&#x3000;{name}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="715"/>
        <source>Errors {errors}, warnings {warnings}</source>
        <translation>错误 {errors}，警告 {warnings}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="788"/>
        <source>Not audited</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="791"/>
        <source>Errors {errors}   Warnings {warnings}   Info {info}</source>
        <translation>错误 {errors}&#x3000;警告 {warnings}&#x3000;提示 {info}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="803"/>
        <source>Notes on reading this file:</source>
        <translation>读取说明：</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="807"/>
        <source>{path}: {error}</source>
        <translation>{path}：{error}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="829"/>
        <source>{table} {title}</source>
        <translation>{table}&#x3000;{title}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="834"/>
        <source>{path}   {agency} {year}   Encoding {encoding}   Format {format}   Template {template}   {verdict}</source>
        <translation>{path}&#x3000;{agency} {year}&#x3000;编码 {encoding}&#x3000;格式 {format}&#x3000;模板 {template}&#x3000;{verdict}</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="927"/>
        <source>Not audited: the file could not be read. The text pane says why.</source>
        <translation>未审核：文件无法读取，原因见右侧原文栏。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="929"/>
        <source>No findings: every check passed.</source>
        <translation>未发现问题：各项检查均已通过。</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/main_window.py" line="931"/>
        <source>No findings of this severity.</source>
        <translation>没有这一级别的问题。</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <location filename="../../auditapp/gui/models.py" line="140"/>
        <source>(missing)</source>
        <translation>（缺）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="141"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="164"/>
        <source>Source line {line} ({where}): “{text}”</source>
        <translation>原文第 {line} 行（{where}）：“{text}”</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="169"/>
        <source>Source line {line}: “{text}”</source>
        <translation>原文第 {line} 行：“{text}”</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/models.py" line="172"/>
        <source>[{severity}] {rule}: {message}</source>
        <translation>[{severity}] {rule}：{message}</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="129"/>
        <source>Confirmed</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="130"/>
        <source>Dismissed</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="132"/>
        <source>Not reviewed</source>
        <translation>未复核</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="120"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="121"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../auditapp/gui/i18n.py" line="122"/>
        <source>Info</source>
        <translation>提示</translation>
    </message>
</context>
</TS>
