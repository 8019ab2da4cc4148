"""Commands run by tasks.py beside Pelican (import, link check, preview, publish, newsletter): not Pelican plugins."""
