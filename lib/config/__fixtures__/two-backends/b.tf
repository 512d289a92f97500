terraform {
  backend "s3" {
    bucket = "b"
    key    = "b.tfstate"
  }
}
