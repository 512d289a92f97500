terraform {
  backend "s3" {
    bucket = "state-${var.missing}"
    key    = lower("X.tfstate")
    region = aws_s3_bucket.state.region
    profile = local.nope
    dynamodb_table = "${var.list}-x"
  }
}

variable "missing" {}

variable "list" {
  default = ["a", "b"]
}
