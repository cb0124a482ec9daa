"""The screens of meetui: home, live meeting, presentation and help."""
