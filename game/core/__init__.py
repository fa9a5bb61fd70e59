"""The pure core: model, expressions, engine, scoring and analysis (standard library only)."""
