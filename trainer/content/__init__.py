"""Content packs: the source report, lesson modules, question banks, glossary and guidance."""
