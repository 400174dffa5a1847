"""Knowing work and education: sectors, occupations, programmes, the interest test, favourites, open days."""
