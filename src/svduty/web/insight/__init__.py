"""Insight: partner data uploads, needs-assessment dashboards, core measures, public summary."""
