"""auditapp: audit Chinese government information-disclosure annual reports.

The core (everything but `auditapp.gui`) never imports Qt:

    file ──ingest──▶ Source ──parse──▶ Report ──rules──▶ Findings ──▶ JSON / workbook / GUI
"""

__version__ = "0.1.0"
