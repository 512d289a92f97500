terraform {
  backend "s3" {
    bucket = local.a
    key    = "k.tfstate"
  }
}

locals {
  a = "x-${local.b}"
  b = local.a
}
