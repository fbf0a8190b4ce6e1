"""Dashboard, exports and CLI on top of the marts."""
