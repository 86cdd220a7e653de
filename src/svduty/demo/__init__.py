"""The end-to-end demo, above every layer: synth → ingest → reports → seed the web app.

It is orchestration only: each step is the package's own public API, called in order.
"""
