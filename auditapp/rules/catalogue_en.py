"""The rule catalogue's texts in English: what each rule checks and where it comes from.

The catalogue (catalogue.py) declares every rule once with its Chinese texts and English title
and messages; this is the English of what it checks, by rule id, for `auditapp rules --lang en`
and the window's rule explanation in English. A test keeps it complete.
"""

from __future__ import annotations

CHECKS_EN: dict[str, str] = {
    "t3.balance": "Each column of table 3: new this year + carried over from last year = results total + "
    "carried forward to next year (7 columns)",
    "t3.results_total": "Each column of table 3: (七) total = the sum of results (一) to (六) (7 columns)",
    "t3.row_total": "Each row of table 3: the total column = natural persons + the five kinds of legal persons "
    "and other organisations (25 rows)",
    "t4.total": "Each group of table 4 (administrative review, suit without review, suit after review): "
    "total = upheld + corrected + other result + pending",
    "t2.in_force_bound": "Rules and normative documents in table 2: in force ≥ issued this year − repealed this "
    "year (last year's count in force cannot be negative)",
    "value.negative": "Counts and amounts in tables 2, 3 and 4 cannot be negative",
    "value.not_whole": "Counts must be whole numbers (only the fee amount of table 2 may have decimals)",
    "value.unreadable": "The cell holds neither a number nor a mark for none such as “—”, “/” or “无”",
    "value.note": "A number followed by a note (such as “22（其中修订16件）”): the number is checked, the note kept",
    "value.placeholder": "A cell written with a mark for none (“—”, “-”, “/”, “无”): read as 0 for the checks, "
    "and said here",
    "value.blank_total": "A cell that must hold a total (total, carried forward, sum columns) is blank: the "
    "relations over it cannot be checked",
    "value.blank": "A cell other than a total is blank: no error if the relations hold with it read as 0, "
    "otherwise they cannot be checked",
    "relation.cannot_check": "A relation has cells missing or blank and does not hold with them read as 0: "
    "not called an error, only said that it cannot be checked",
    "narrative.table": "Figures the text states (applications received, new, carried over, answered, carried "
    "forward; each kind of result; administrative reviews and suits and their results) against the matching "
    "cells of tables 3 and 4 (only figures whose context is clear)",
    "narrative.table2": "Figures the text states of rules and normative documents issued, repealed and in force "
    "this year (such as “现行有效行政规范性文件393件”, “制发规范性文件12件，废止3件”), of licensing, penalty and "
    "enforcement decisions (such as “作出行政处罚决定120件”) and of fees, against table 2 (only figures whose "
    "context is clear: not other years', other units' or all departments' figures, nor counts of documents "
    "reviewed, explained or filed, nor sums over several kinds)",
    "narrative.share": "A share the text states (such as “5.1 % of the requests answered”) against the ratio of "
    "the counts it rests on (rounded to the decimals printed)",
    "narrative.sum": "Items the text lists (by channel, by platform, by unit) against the total it states",
    "source.replaced_chars": "Some bytes of the file could not be decoded in its encoding (the file may be cut "
    "short or damaged) and show as �: figures near them may be incomplete",
    "cross.carry_over": "Reports of one body (told by its name, so a warning: bodies of one name cannot be told "
    "apart) for consecutive years: this year's carried over = last year's carried forward (every column)",
    "cross.in_force": "Reports of one body for consecutive years: in force this year = in force last year + "
    "issued − repealed this year (rules and normative documents of table 2)",
    "cross.repeated": "One body's report for one year appears more than once with the same content (such as "
    "one report in several formats): the checks across years use one of them",
    "cross.repeated_differs": "One body's report for one year appears more than once with different content (told "
    "by name, so a warning: bodies of one name cannot be told apart): the checks across years use one of them",
    "cross.copied_text": "The texts of different bodies' reports (outside the tables, without spaces, figures and "
    "the bodies' own names, in 5-character pieces) are largely the same: similarity ≥ 60 %",
    "cross.same_tables": "Every figure of tables 3 and 4 is the same in two different bodies' reports (and not all 0)",
    "structure.table_missing": "A statistics table is not found in the report (by its title and row labels)",
    "structure.title_missing": "The rows of a table are found but not its title",
    "structure.other_template": "A table is printed in another version of the format (such as the 2019 one): "
    "its columns mean other things, so it is not read as the 2021 table",
    "structure.template_sign": "A header or row only another version of the format has appears, but the table "
    "reads more completely as this version: read as this version, to be checked",
    "structure.row_missing": "A row the format requires is not found in the table",
    "structure.row_empty": "A row label is found with no values after it",
    "structure.cell_missing": "A row has fewer values than the format's columns",
    "structure.extra_values": "A row has more values than the format's columns: the first are taken, the rest listed",
    "structure.alignment": "A row has blank cells whose places the text does not tell: placed as the merged "
    "cells of the format place them, and said here",
    "structure.stray_values": "Values in a table's area with no row label before them",
    "structure.duplicate": "A table or row appears more than once in the report: the first is taken",
    "structure.rows_by_position": "Some row labels of a table stand on lines of their own without values, and "
    "their values on lines without labels: paired in the format's row order between the rows read normally "
    "(only when the counts are equal)",
    "structure.digits_split": "A table's separators are all lost and the figures of a row run together (text "
    "taken by a crawler): read by the one split that makes the totals and relations hold, and said here",
    "structure.digits_ambiguous": "The figures of a row run together and several splits make the relations hold "
    "(or none does): no guess; the candidates are listed and the row is not read",
    "batch.outlier": "With at least 20 reports of one year in the batch, each body's share denied, share unable to "
    "provide, and shares of reviews and lawsuits corrected are set against the others': one far above the rest "
    "(robust z-score ≥ 3.5, beyond Q3 + 3 × the interquartile range, and more than 20 percentage points above the "
    "median) is a hint to look at, not an error",
    "parts.missing": "A report is written in the format's six parts (1 overview; 2, 3 and 4 the three tables; "
    "5 main problems and improvements; 6 other matters to report): the heading of a narrative part (a line "
    "naming it after its number) is not found (a missing table is reported as such)",
    "parts.empty": "A narrative part (overview, problems and improvements, other matters) has a heading and no "
    "text, or (the first two) says only “无” (none)",
    "parts.order": "The six parts stand in the format's order: a part comes after one numbered after it",
    "parts.numbering": "Part headings are numbered otherwise than the format (such as “一、” for the part on "
    "proactive disclosure): every part is recognised, but not numbered as the format numbers it",
    "parts.topics": "The overview of a report in the 2021 format covers proactive disclosure, disclosure on "
    "request, information management, disclosure platforms, and oversight and support: one is not mentioned",
    "parts.assessment": "The report of a people's government (told by its name) also gives the results of "
    "performance review, public appraisal and accountability: one of them is nowhere mentioned",
    "parts.fees": "Part six of a report in the 2021 format states the information processing fees collected "
    "(or that none were)",
    "period.mismatch": "The statistics period stated (1 January to 31 December of a year), the year figures are "
    "carried forward to (“结转2024年”) and the date of publication agree with the year of the title",
    "period.not_stated": "The report does not state the period its figures cover (such as “本报告中所列数据的统计"
    "期限自2024年1月1日起至2024年12月31日止”)",
    "timeliness.undecided": "No date of publication or signature is found, or the report's year is unknown, or "
    "the date falls between 1 February and 31 March and the kind of body cannot be told from its name: "
    "whether it was late is not decided",
    "timeliness.late": "The report is published by its deadline: 31 January of the next year for a department "
    "of a people's government at county level or above (and townships, sub-districts and other bodies), 31 "
    "March for a local people's government's own report; the date of publication or signature against the "
    "kind of body told from its name",
    "cross.copied_last_year": "When the same body's report of the previous year is in the batch: the share of this "
    "year's narrative (outside the tables) in sentences that also stand in last year's, by characters (spaces, "
    "punctuation and figures removed first, so a changed year or figure still counts as the same; sentences under "
    "12 characters and the wording every report repeats, such as the report's basis, statistics period, contact "
    "and information-processing fees, not counted) is above 50 %",
    "template.old_format": "A report for 2020 or later prints its tables in the 2019 format: read as the 2019 "
    "format, with a hint that the old format may have been used",
}

_FORMAT_2021 = "the national annual report format (国办公开办函〔2021〕30号)"
BASIS_EN: dict[str, str] = {
    "t2": f"{_FORMAT_2021}, how table 2 is filled in",
    "t3": f"{_FORMAT_2021}, the relations of table 3",
    "t4": f"{_FORMAT_2021}, the relations of table 4",
    "value": f"{_FORMAT_2021}, what its cells hold",
    "relation": "this program: what to do when a relation's cells are missing or blank",
    "narrative": "a report's text and tables must agree, and so must its text throughout",
    "source": "this program: found while reading the file",
    "cross": "one body's reports of consecutive years must follow on; different bodies write their own reports",
    "structure": f"{_FORMAT_2021}, its tables, rows and columns",
    "template": f"{_FORMAT_2021}, in force from the reports for 2021 on",
    "parts": f"{_FORMAT_2021}, the parts a report is written in",
    "timeliness": "Regulations on the Disclosure of Government Information (政府信息公开条例), Art. 49",
    "period": "the report's year: its title, statistics period, carried-forward year and date must agree",
    "batch": "this program: the figures of a batch's bodies set against each other (statistical outliers, hints only)",
}
