"""Writers: JSON Lines (the contract in shared/spec), and later the audit workbook."""
