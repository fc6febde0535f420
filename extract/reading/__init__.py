"""Reading sources into documents: text, JSON, JSON Lines, saved HTML and feeds.

Also the clean-up a text gets before spaCy sees it, and its language.
"""
