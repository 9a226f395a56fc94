"""Reading and checking datasets: the format, EDTF dates, the three forms, the validator, the records."""
