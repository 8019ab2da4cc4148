"""Push a built site to a git branch served by GitHub Pages (run by ``invoke publish``)."""
