terraform {
  required_version = ">= 1.8"
  backend "s3" {
    bucket         = "acme-state-${var.env}"
    key            = local.state_key
    region         = var.region
    dynamodb_table = "locks"
    encrypt        = true
    endpoints = {
      s3 = "https://s3.${var.region}.amazonaws.com"
    }
  }
}

locals {
  component = "network"
  state_key = "${local.component}/${var.env}/terraform.tfstate"
}

resource "null_resource" "x" {}
