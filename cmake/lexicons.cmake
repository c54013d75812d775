# The built-in lexicons (src/lexicons/*.tsv, format in README.md, "Lexicon files")
# linked into the library; src/lexicon.c parses them on first use.
kg_embed(lex_countries ${PROJECT_SOURCE_DIR}/src/lexicons/countries.tsv)
kg_embed(lex_organisations ${PROJECT_SOURCE_DIR}/src/lexicons/organisations.tsv)
kg_embed(lex_locations ${PROJECT_SOURCE_DIR}/src/lexicons/locations.tsv)
kg_embed(lex_weapons ${PROJECT_SOURCE_DIR}/src/lexicons/weapons.tsv)
kg_embed(lex_titles ${PROJECT_SOURCE_DIR}/src/lexicons/titles.tsv)
kg_embed(lex_firstnames ${PROJECT_SOURCE_DIR}/src/lexicons/firstnames.tsv)
kg_embed(relate_cues ${PROJECT_SOURCE_DIR}/src/lexicons/relate_cues.tsv)
