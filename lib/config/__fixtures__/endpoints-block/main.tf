terraform {
  backend "s3" {
    bucket = "acme-state"
    key    = "network/terraform.tfstate"
    region = "us-east-1"
    endpoints {
      s3 = "http://localhost:4566"
    }
  }
}
