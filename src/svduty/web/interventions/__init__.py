"""Interventions: the register, quarterly outputs, outcomes and evaluations."""
