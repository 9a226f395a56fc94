"""Lesson pages: per period, what changed and why (with citations), who was central, balance, questions."""

from .lesson import Lesson, Page, lesson
from .render import write_report

__all__ = ["lesson", "write_report", "Lesson", "Page"]
