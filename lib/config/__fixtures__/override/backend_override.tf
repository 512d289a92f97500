terraform {
  backend "s3" {
    bucket = "overridden"
    key    = "overridden.tfstate"
  }
}
