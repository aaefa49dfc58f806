"""Package data: the domain dictionary, lexicons, templates and the example profile."""
