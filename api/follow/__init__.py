"""Following news sources: feeds, listing pages and sitemaps fetched politely and safely,
their new items ingested (``coopgraph sources …``, ``coopgraph follow``).

- :mod:`.addresses`: which hosts may be fetched (checked on the resolved address);
- :mod:`.fetcher`: one polite HTTP client (robots.txt, a delay per host, size caps,
  redirects re-checked, conditional requests);
- :mod:`.discover`: the links a feed, sitemap or page offers;
- :mod:`.canonical`: one URL per document;
- :mod:`.sources`: the sources followed, kept in the data directory;
- :mod:`.follow`: one run over the sources that are due.
"""
