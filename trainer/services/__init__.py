"""Use cases: plain Python over the store, the content and the quiz engine. No Qt."""
