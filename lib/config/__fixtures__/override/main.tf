terraform {
  backend "s3" {
    bucket = "original"
    key    = "original.tfstate"
  }
}
