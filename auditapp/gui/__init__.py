"""The desktop window (PySide6): the only package that imports Qt. It presents what the core
computes and holds no parsing or rule logic of its own."""
