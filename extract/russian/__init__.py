"""Russian news: a spaCy ``ru`` pipeline with Slovnet's recognizer, and rules that read it.

- :mod:`.pipeline` builds the pipeline (razdel tokens and sentences, Slovnet
  morphology and entities, the pymorphy3 lemmatizer);
- :mod:`.names` turns inflected names into the nominative;
- :mod:`.lexicon` holds the word lists (roles, agreement words, countries);
- :mod:`.facts` reads organizations, people, dates, agreements and relations
  into the same records the English extractor writes.
"""
