"""The built-in rule families. The registry (cleaner.registry) decides their order."""
