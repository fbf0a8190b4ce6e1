"""The `metering` command line: it sits above both layers, building marts with etl/ and
serving, exporting and listing them with dashboard/."""
