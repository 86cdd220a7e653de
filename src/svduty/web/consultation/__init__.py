"""Consultation: who was consulted on the strategy, when, how, what they said and what changed."""
