"""nkties: data, calculations and charts for the North Korea-Russia-China ties dashboard."""
