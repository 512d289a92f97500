variable "env" {
  type = string
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "team" {
  default = "platform"
}
