team = "from-a-auto"
