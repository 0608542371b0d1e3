"""pyside6-uic output of ui/*.ui: do not edit; run packaging/build_ui.py."""
