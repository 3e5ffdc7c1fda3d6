"""Overblik's sections: the filters, the employer charts and the citizen charts (each with its numbers)."""
