"""From a parsed ``Doc`` to facts: institutions, people, dates, agreements, meetings, relations."""
