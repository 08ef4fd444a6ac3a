"""Reading the editor's files: strict YAML, events, articles, all problems at once."""
