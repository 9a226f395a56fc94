"""Lesson pages: per period, what changed and why (with citations), who was central, balance, questions."""

from network.report.lesson import Lesson, Page, lesson
from network.report.render import write_report

__all__ = ["lesson", "write_report", "Lesson", "Page"]
