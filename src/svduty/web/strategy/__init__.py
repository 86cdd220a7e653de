"""The strategy and its delivery plan: definition, recommendations, priorities, actions, updates."""
