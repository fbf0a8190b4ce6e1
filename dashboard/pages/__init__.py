"""One module per page; each calls register_page and defines layout(**query)."""
