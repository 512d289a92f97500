# partial configuration, as passed to -backend-config=backend.hcl
region      = "eu-west-1"
max_retries = 7
use_lockfile = true
