"""The exit codes of every command; the README has the same table."""

DONE = 0
CHECK_FAILED = 1  # a data-quality suite failed, or --strict and a finding is not accepted
PIPELINE_FAILED = 2  # the pipeline itself failed
UNREADABLE_DOCUMENTS = 3  # some documents were quarantined; the others were loaded
LOCKED = 4  # another run holds the lock
