"""Check that every internal link of a built site resolves (run by ``invoke check-links``)."""
