"""ETL: curated and official sources into DuckDB marts."""
