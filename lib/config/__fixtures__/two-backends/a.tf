terraform {
  backend "s3" {
    bucket = "a"
    key    = "a.tfstate"
  }
}
