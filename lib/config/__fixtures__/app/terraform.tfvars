env  = "dev"
team = "from-tfvars"
