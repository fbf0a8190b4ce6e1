"""Pure figure functions by subject (DataFrame → plotly Figure) and the chart registry."""
