// Public entry of the domain rules. Every export here is pure: no I/O, time and randomness are parameters.
