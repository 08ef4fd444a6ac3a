"""From the organized timeline to output: page plans, feeds, exports and publishing files."""
