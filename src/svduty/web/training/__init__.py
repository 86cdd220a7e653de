"""Training and awareness: courses, sessions and attendance by organisation."""
