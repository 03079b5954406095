"""Benchmark harness: tasks, predictions format, scorer, baselines, model adapters, token view.

Heavy dependencies (scikit-learn models, torch, transformers) are imported
inside the functions that need them, so importing this package stays cheap.
"""
