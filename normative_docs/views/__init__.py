"""法治政府 pages: documents and reviews, reconsideration, litigation, units (ND-C); decisions, enforcement,
counsel and the assessment (their own modules)."""
