"""What the pipeline that writes the marts (etl/) and the app that reads them (dashboard/)
agree on: a file's sha256, how a marts file proves itself against its manifest.json, and how a
CSV cell is made safe for spreadsheets.

It sits below both and imports neither (tests/meta/test_imports.py): etl/ and dashboard/ each
import it, and dashboard/ needs nothing else from etl/ but the folder settings (etl.paths).
"""
