"""Widgets and async slots of the console; _generated/ holds pyside6-uic output of ui/."""
