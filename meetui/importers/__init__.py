"""Building meetings from files: the demo meeting, agenda files, MeetBot logs."""
