"""The journey over time (issue 20): news about a scheme's next round for those who asked for it
("Houd mij op de hoogte", double opt-in), and the readiness checklist that goes with it."""
