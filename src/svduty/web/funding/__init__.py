"""Funding: grant streams, allocations, project allocations, spend, bidding rounds."""
