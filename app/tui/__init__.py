"""The Textual app. Nothing under app.store, app.extract or app.reader imports from here."""
